import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Region } from '../../regions/regions';
import type { Database } from '../client';
import { incidentEvents, incidents, monitors } from '../schema';

export type IncidentEventRow = typeof incidentEvents.$inferSelect;

export interface IncidentHistoryItem {
  id: string;
  monitorId: string;
  monitorName: string;
  cause: string;
  regions: Region[];
  startedAt: number;
  resolvedAt: number | null;
  inMaintenance: boolean;
  /** The latest manual status, if someone posted one. */
  status: string | null;
  /** Automatic and manual events, oldest first. */
  events: IncidentEventRow[];
}

export interface HistoryQuery {
  /** Only incidents that started before this time (the page cursor). */
  before: number;
  /** Only incidents that started at or after this time, and any still open. */
  since: number;
  limit: number;
}

const columns = {
  id: incidents.id,
  monitorId: incidents.monitorId,
  monitorName: monitors.name,
  cause: incidents.cause,
  regions: incidents.regions,
  startedAt: incidents.startedAt,
  resolvedAt: incidents.resolvedAt,
  inMaintenance: incidents.inMaintenance,
  status: incidents.status,
};

function select(db: Database, where: SQL | undefined, limit?: number) {
  const query = db
    .select(columns)
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(where)
    .orderBy(desc(incidents.startedAt), desc(incidents.id));
  return limit === undefined ? query : query.limit(limit);
}

/**
 * Incidents of public monitors, newest first, with their events: one page and the cursor of the
 * next (the `started_at` the next page goes below), or null on the last page.
 *
 * Incidents opened by one tick share a start time. A page never splits them, so `before` alone is
 * a complete cursor: the page is extended to every incident starting at its last start time.
 */
/** The events of these incidents, oldest first. */
export async function eventsOf(db: Database, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(incidentEvents)
    .where(
      // One JSON parameter, not one per id: a page may hold more than D1's 100 bound parameters.
      inArray(incidentEvents.incidentId, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`),
    )
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
}

export async function publicIncidentHistory(
  db: Database,
  { before, since, limit }: HistoryQuery,
): Promise<{ incidents: IncidentHistoryItem[]; next: number | null }> {
  const visible = and(
    eq(monitors.isPublic, true),
    lt(incidents.startedAt, before),
    or(gte(incidents.startedAt, since), isNull(incidents.resolvedAt)),
  );
  const rows = await select(db, visible, limit + 1);
  let page = rows;
  let next: number | null = null;
  const last = rows[limit - 1];
  const extra = rows[limit];
  if (last && extra) {
    const boundary = last.startedAt;
    const [ties, older] = await Promise.all([
      select(db, and(visible, eq(incidents.startedAt, boundary))),
      extra.startedAt < boundary ? [extra] : select(db, and(visible, lt(incidents.startedAt, boundary)), 1),
    ]);
    page = [...rows.filter((r) => r.startedAt > boundary), ...ties];
    next = older.length > 0 ? boundary : null;
  }
  const events = await eventsOf(
    db,
    page.map((i) => i.id),
  );
  return {
    incidents: page.map((i) => ({ ...i, events: events.filter((e) => e.incidentId === i.id) })),
    next,
  };
}
