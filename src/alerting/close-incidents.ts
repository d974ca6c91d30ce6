import type { ChannelConfig } from '../config/alerting-schema';
import type { Database } from '../db/client';
import { incidentEventStatements } from '../db/queries/incidents';
import { statement } from '../db/statements';
import type { Region } from '../regions/regions';
import { upgradeState, type AlertState } from './evaluate';
import { incidentEvent, type AlertEvent } from './events';
import { enqueue } from './outbox';
import { enqueueForSubscribers, incidentNotices } from '../subscribers/notices';

/**
 * Closing the open incidents of monitors that stop being watched: paused, deleted through the API,
 * or removed from the config file (a renamed id is a removal and an addition). Nothing would ever
 * resolve them otherwise. The statements go in the same D1 batch as the change itself, before it:
 * a delete cascades the incidents away, but the outbox (no foreign key to monitors) keeps the
 * `incident.resolved` to send.
 */

export type CloseReason = 'paused' | 'deleted' | 'removed';

const WHY: Record<CloseReason, string> = {
  paused: 'the monitor was paused',
  deleted: 'the monitor was deleted',
  removed: 'the monitor was removed from the config file',
};

export interface CloseContext {
  channels: readonly ChannelConfig[];
  statusPageUrl: string | null;
  /** Epoch ms: when the incidents are resolved. */
  now: number;
}

interface OpenRow {
  id: string;
  monitor_id: string;
  cause: string;
  regions: string;
  started_at: number;
  dependency_of: string | null;
  name: string;
  group_name: string | null;
  alert: string | null;
}

/**
 * Statements that resolve these monitors' open incidents (resolved_at, an incident_events row
 * saying why), tell channels when the opening was told (an incident opened muted and never
 * announced is closed quietly), and clear the monitors' alert state so a resumed monitor starts
 * fresh. Repeating them changes nothing: the resolution's event id is the one a tick would use.
 */
export async function closeIncidents(
  db: Database,
  monitorIds: readonly string[],
  reason: CloseReason,
  ctx: CloseContext,
): Promise<D1PreparedStatement[]> {
  if (monitorIds.length === 0) return [];
  const ids = JSON.stringify(monitorIds);
  const { results: open } = await db.$client
    .prepare(
      `SELECT i.id, i.monitor_id, i.cause, i.regions, i.started_at, i.dependency_of,
              m.name, m.group_name, s.alert
       FROM incidents AS i
       JOIN monitors AS m ON m.id = i.monitor_id
       LEFT JOIN monitor_state AS s ON s.monitor_id = i.monitor_id
       WHERE i.resolved_at IS NULL AND i.monitor_id IN (SELECT value FROM json_each(?))`,
    )
    .bind(ids)
    .all<OpenRow>();
  const message = `Closed: ${WHY[reason]}.`;
  const events: AlertEvent[] = open.filter(announced).map((row) => {
    const durationS = Math.round((ctx.now - row.started_at) / 1000);
    const incident = {
      id: row.id,
      cause: row.cause,
      regions: JSON.parse(row.regions) as Region[],
      startedAt: row.started_at,
    };
    const monitor = { id: row.monitor_id, name: row.name, group: row.group_name };
    return incidentEvent('incident.resolved', monitor, incident, ctx, {
      resolvedAt: ctx.now,
      durationS,
      summary: `${row.name}: incident closed, ${WHY[reason]}`,
    });
  });
  return [
    ...(open.length === 0
      ? []
      : [
          statement(
            db,
            `UPDATE incidents SET resolved_at = ?2 FROM json_each(?1) AS j
             WHERE incidents.id = j.value AND incidents.resolved_at IS NULL`,
            JSON.stringify(open.map((row) => row.id)),
            ctx.now,
          ),
        ]),
    ...incidentEventStatements(
      db,
      open.map((row) => [row.id, ctx.now, 'resolved', row.cause, row.regions, message]),
    ),
    ...enqueue(db, events, ctx.channels, ctx.now),
    // Subscribers of public monitors hear the incident closed, as the channels do.
    ...enqueueForSubscribers(db, incidentNotices(events), ctx.now),
    statement(
      db,
      'UPDATE monitor_state SET alert = NULL WHERE monitor_id IN (SELECT value FROM json_each(?))',
      ids,
    ),
  ];
}

/** Whether channels were told the incident opened: the alert state knows; without it, as before. */
function announced(row: OpenRow): boolean {
  const state = row.alert ? upgradeState(JSON.parse(row.alert) as AlertState) : null;
  if (state?.incident?.id === row.id) return state.incident.announced;
  return row.dependency_of === null;
}
