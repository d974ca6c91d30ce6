/**
 * A manual status update on an incident (`POST /api/v1/incidents/{id}/updates`) told to the
 * subscribers of its monitor, as the status page shows it: the status and the team's words.
 */
import { incidentEvent } from '../alerting/events';
import type { Database } from '../db/client';
import { statement } from '../db/statements';
import type { Region } from '../regions/regions';
import { enqueueForSubscribers } from './notices';

export async function incidentNoteStatements(
  db: Database,
  incidentId: string,
  note: { status: string; message: string },
  now: number,
  statusPageUrl: string | null,
): Promise<D1PreparedStatement[]> {
  const row = await statement(
    db,
    `SELECT i.cause, i.regions, i.started_at, i.resolved_at, m.id AS monitor_id, m.name, m.group_name
     FROM incidents AS i JOIN monitors AS m ON m.id = i.monitor_id WHERE i.id = ?`,
    incidentId,
  ).first<{
    cause: string;
    regions: string;
    started_at: number;
    resolved_at: number | null;
    monitor_id: string;
    name: string;
    group_name: string | null;
  }>();
  if (!row) return [];
  const event = incidentEvent(
    'incident.updated',
    { id: row.monitor_id, name: row.name, group: row.group_name },
    {
      id: incidentId,
      cause: row.cause,
      regions: JSON.parse(row.regions) as Region[],
      startedAt: row.started_at,
    },
    { now, statusPageUrl },
    { summary: note.message, ...(row.resolved_at === null ? {} : { resolvedAt: row.resolved_at }) },
  );
  return enqueueForSubscribers(
    db,
    [{ event: { ...event, note }, monitors: [row.monitor_id], groups: [] }],
    now,
  );
}
