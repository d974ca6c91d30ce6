import type { IncidentWrite } from '../../alerting/decide';
import type { AlertState } from '../../alerting/evaluate';
import type { Database } from '../client';
import { statement } from '../statements';

/** Open incidents and when channels were last reminded of them. */
export async function openIncidentReminders(db: Database): Promise<Map<string, number | null>> {
  const rows = await db.$client
    .prepare('SELECT id, last_reminder_at FROM incidents WHERE resolved_at IS NULL')
    .all<{ id: string; last_reminder_at: number | null }>();
  return new Map(rows.results.map((r) => [r.id, r.last_reminder_at]));
}

/**
 * Statements for a tick's incident changes: a handful whatever their number (rows travel as JSON),
 * so an outage of every monitor at once stays within D1's statements per invocation.
 */
export function incidentStatements(db: Database, writes: IncidentWrite[]): D1PreparedStatement[] {
  const of = <K extends IncidentWrite['kind']>(kind: K) =>
    writes.filter((w): w is Extract<IncidentWrite, { kind: K }> => w.kind === kind);
  const opens = of('open').map(({ monitorId, incident: i }) => [
    i.id,
    monitorId,
    i.cause,
    JSON.stringify(i.regions),
    i.startedAt,
    i.inMaintenance ? 1 : 0,
    i.dependencyOf,
  ]);
  const updates = of('update').map(({ incident: i }) => [
    i.id,
    i.cause,
    JSON.stringify(i.regions),
    i.inMaintenance ? 1 : 0,
  ]);
  const resolves = of('resolve').map(({ incident: i, at }) => [i.id, at]);
  const reminds = of('remind').map(({ incidentId, at }) => [incidentId, at]);
  const events = writes.flatMap((w) => {
    switch (w.kind) {
      case 'open':
        return [
          [
            w.incident.id,
            w.incident.startedAt,
            'opened',
            w.incident.cause,
            JSON.stringify(w.incident.regions),
          ],
        ];
      case 'update':
        return [[w.incident.id, w.at, 'cause_changed', w.incident.cause, JSON.stringify(w.incident.regions)]];
      case 'resolve':
        return [[w.incident.id, w.at, 'resolved', w.incident.cause, JSON.stringify(w.incident.regions)]];
      case 'remind':
        return [];
    }
  });
  // One statement per kind of change, its rows as one JSON parameter; none when there are none.
  const each = (query: string, rows: unknown[][]) =>
    rows.length === 0 ? [] : [statement(db, query, JSON.stringify(rows))];
  const byId = (set: string) =>
    `UPDATE incidents SET ${set} FROM json_each(?) AS j WHERE incidents.id = j.value ->> 0`;
  return [
    ...each(
      `INSERT OR IGNORE INTO incidents (id, monitor_id, cause, regions, started_at, in_maintenance, dependency_of)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6
       FROM json_each(?) AS j`,
      opens,
    ),
    ...each(byId('cause = j.value ->> 1, regions = j.value ->> 2, in_maintenance = j.value ->> 3'), updates),
    ...each(byId('resolved_at = j.value ->> 1'), resolves),
    ...each(byId('last_reminder_at = j.value ->> 1'), reminds),
    ...each(
      `INSERT INTO incident_events (incident_id, at, kind, source, cause, regions)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, 'auto', j.value ->> 3, j.value ->> 4
       FROM json_each(?) AS j`,
      events,
    ),
  ];
}

/** Each monitor's alert state after the tick (its monitor_state row exists: the results upsert made it). */
export function alertStateStatement(db: Database, states: Map<string, AlertState>): D1PreparedStatement[] {
  if (states.size === 0) return [];
  return [
    statement(
      db,
      `UPDATE monitor_state SET alert = j.value ->> 1 FROM json_each(?) AS j WHERE monitor_state.monitor_id = j.value ->> 0`,
      JSON.stringify([...states].map(([id, state]) => [id, JSON.stringify(state)])),
    ),
  ];
}
