import type { IncidentWrite } from '../../alerting/decide';
import type { AlertState } from '../../alerting/evaluate';
import type { Database } from '../client';
import { jsonChunks, statement } from '../statements';

/** Open incidents and when channels were last reminded of them. */
export async function openIncidentReminders(db: Database): Promise<Map<string, number | null>> {
  const rows = await db.$client
    .prepare('SELECT id, last_reminder_at FROM incidents WHERE resolved_at IS NULL')
    .all<{ id: string; last_reminder_at: number | null }>();
  return new Map(rows.results.map((r) => [r.id, r.last_reminder_at]));
}

/**
 * Statements for a tick's incident changes: a handful whatever their number (rows travel as JSON),
 * so an outage of every monitor at once stays within D1's statements per invocation. Repeating them
 * changes nothing (ids are derived, so a duplicate tick writes the same rows), and a monitor deleted
 * or paused while the tick ran is skipped instead of failing the tick's batch on its foreign key.
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
  const resolves = of('resolve').map(({ incident: i, at }) => [i.id, at, i.inMaintenance ? 1 : 0]);
  const reminds = of('remind').map(({ incidentId, at }) => [incidentId, at]);
  const events = writes.flatMap((w): IncidentEventRow[] => {
    const row = (at: number, kind: string, message: string | null = null): IncidentEventRow => [
      w.kind === 'remind' ? w.incidentId : w.incident.id,
      at,
      kind,
      w.kind === 'remind' ? null : w.incident.cause,
      w.kind === 'remind' ? null : JSON.stringify(w.incident.regions),
      message,
    ];
    switch (w.kind) {
      case 'open':
        return [row(w.incident.startedAt, 'opened')];
      case 'update':
        return [row(w.at, 'cause_changed')];
      case 'resolve':
        return [row(w.at, 'resolved', w.message ?? null)];
      case 'remind':
        return [];
    }
  });
  // One statement per kind of change, its rows as one JSON parameter; none when there are none.
  const each = (query: string, rows: unknown[][]) =>
    jsonChunks(rows).map((json) => statement(db, query, json));
  const byId = (set: string, where = 'true') =>
    `UPDATE incidents SET ${set} FROM json_each(?) AS j WHERE incidents.id = j.value ->> 0 AND ${where}`;
  return [
    ...each(
      `INSERT OR IGNORE INTO incidents (id, monitor_id, cause, regions, started_at, in_maintenance, dependency_of)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6
       FROM json_each(?) AS j
       JOIN monitors AS m ON m.id = j.value ->> 1 AND m.paused = 0`,
      opens,
    ),
    ...each(byId('cause = j.value ->> 1, regions = j.value ->> 2, in_maintenance = j.value ->> 3'), updates),
    // An incident closed meanwhile (its monitor paused) keeps the time it was closed at.
    ...each(
      byId('resolved_at = j.value ->> 1, in_maintenance = j.value ->> 2', 'incidents.resolved_at IS NULL'),
      resolves,
    ),
    ...each(byId('last_reminder_at = j.value ->> 1'), reminds),
    ...incidentEventStatements(db, events),
  ];
}

/** [incident id, at, kind, cause, regions JSON, message] */
export type IncidentEventRow = [string, number, string, string | null, string | null, string | null];

/**
 * Automatic incident_events rows, once each: a row identical in (incident, kind, at) is not written
 * again, an incident that is gone (its monitor deleted) gets none, and a 'resolved' row is written
 * only when the incident was resolved at that time (not when an earlier close won).
 */
export function incidentEventStatements(db: Database, rows: IncidentEventRow[]): D1PreparedStatement[] {
  return jsonChunks(rows).map((json) =>
    statement(
      db,
      `INSERT INTO incident_events (incident_id, at, kind, source, cause, regions, message)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, 'auto', j.value ->> 3, j.value ->> 4, j.value ->> 5
       FROM json_each(?) AS j
       JOIN incidents AS i ON i.id = j.value ->> 0
       WHERE (j.value ->> 2 <> 'resolved' OR i.resolved_at = j.value ->> 1)
         AND NOT EXISTS (SELECT 1 FROM incident_events AS e WHERE e.incident_id = j.value ->> 0
                         AND e.source = 'auto' AND e.kind = j.value ->> 2 AND e.at = j.value ->> 1)`,
      json,
    ),
  );
}

/**
 * Each monitor's alert state after the tick (its monitor_state row exists: the results upsert made
 * it). A monitor paused while the tick ran keeps the empty state its pause left.
 */
export function alertStateStatement(db: Database, states: Map<string, AlertState>): D1PreparedStatement[] {
  return jsonChunks([...states].map(([id, state]) => [id, JSON.stringify(state)])).map((json) =>
    statement(
      db,
      `UPDATE monitor_state SET alert = j.value ->> 1 FROM json_each(?) AS j
       WHERE monitor_state.monitor_id = j.value ->> 0
         AND NOT EXISTS (SELECT 1 FROM monitors AS m WHERE m.id = monitor_state.monitor_id AND m.paused = 1)`,
      json,
    ),
  );
}
