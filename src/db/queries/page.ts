import { liveRollupStatements, parseLiveRollups, readLiveRollups } from './live-rollups';
import type { RollupRow } from './uptime';
import { REGIONS_SQL } from '../../regions/regions';
import type { Database } from '../client';
import { hourlyJoin, unpacked } from '../hourly-rollups';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** One monitor's checks over a span, all regions together. */
export interface Counts {
  up: number;
  degraded: number;
  down: number;
  downtimeS: number;
}

export interface IncidentSpan {
  id: string;
  monitorId: string;
  cause: string;
  startedAt: number;
  resolvedAt: number | null;
}

export interface PageHistory {
  /** Per monitor, per UTC day start: the day's counts (days without checks are absent). */
  days: Map<string, Map<number, Counts>>;
  /** Per monitor: the last 24 hours, from hourly rollups. */
  last24h: Map<string, Counts>;
  /** Per monitor: incidents overlapping the window, oldest first. */
  incidents: Map<string, IncidentSpan[]>;
}

// Each read is a range of a primary key: daily rows of `rollups` (monitor, region, bucket,
// start; every region named), packed hourly rows (monitor, start). The cost follows the window,
// not the history. Downtime is counted per region: a minute down everywhere is a minute down,
// not three.
const SUMS = 'sum(up) AS up, sum(degraded) AS degraded, sum(down) AS down, max(downtime_s) AS downtimeS';
const HOURLY_SUMS = `sum(${unpacked('up')}) AS up, sum(${unpacked('degraded')}) AS degraded,
  sum(${unpacked('down')}) AS down, max(${unpacked('downtime_s')}) AS downtimeS`;

const IN_PUBLIC = 'monitor_id IN (SELECT id FROM monitors WHERE is_public = 1)';

export type DaysByMonitor = Map<string, Map<number, Counts>>;

function dailyStatement(db: Database, from: number, to: number) {
  return db.$client
    .prepare(
      `SELECT monitorId, group_concat(day || ' ' || up || ' ' || degraded || ' ' || down || ' ' || downtimeS) AS days
       FROM (SELECT monitor_id AS monitorId, bucket_start AS day, ${SUMS} FROM rollups
             WHERE ${IN_PUBLIC} AND region IN (${REGIONS_SQL}) AND bucket = 'day'
               AND bucket_start >= ? AND bucket_start < ?
             GROUP BY monitor_id, bucket_start)
       GROUP BY monitorId`,
    )
    .bind(from, to);
}

/** Days travel as one string per monitor: 50 rows instead of 4,500. */
function parseDays(result: D1Result | undefined): DaysByMonitor {
  const days: DaysByMonitor = new Map();
  for (const row of (result?.results ?? []) as { monitorId: string; days: string }[]) {
    const perDay = new Map<number, Counts>();
    for (const entry of row.days.split(',')) {
      const [day = 0, up = 0, degraded = 0, down = 0, downtimeS = 0] = entry.split(' ').map(Number);
      perDay.set(day, { up, degraded, down, downtimeS });
    }
    days.set(row.monitorId, perDay);
  }
  return days;
}

/** Daily counts of the public monitors for days starting in [from, to), all regions summed. */
export async function readDays(db: Database, from: number, to: number): Promise<DaysByMonitor> {
  const [stored, live] = await Promise.all([
    dailyStatement(db, from, to).run(),
    readLiveRollups(db, 'public'),
  ]);
  return addLiveDays(parseDays(stored), live, from, to);
}

/**
 * Adds the days not yet closed (src/db/queries/live-rollups.ts) to stored daily counts, summed
 * over regions with the worst region's downtime, as the stored ones are.
 */
function addLiveDays(
  days: DaysByMonitor,
  live: readonly RollupRow[],
  from: number,
  to: number,
): DaysByMonitor {
  for (const row of live) {
    if (row.bucket !== 'day' || row.bucketStart < from || row.bucketStart >= to) continue;
    const perDay = days.get(row.monitorId) ?? new Map<number, Counts>();
    days.set(row.monitorId, perDay);
    perDay.set(row.bucketStart, addCounts(perDay.get(row.bucketStart), row));
  }
  return days;
}

/** Counts over regions (or hours): checks add up, downtime is the worst row's. */
function addCounts(into: Counts | undefined, row: Counts): Counts {
  return {
    up: (into?.up ?? 0) + row.up,
    degraded: (into?.degraded ?? 0) + row.degraded,
    down: (into?.down ?? 0) + row.down,
    downtimeS: Math.max(into?.downtimeS ?? 0, row.downtimeS),
  };
}

/**
 * What changes while the page is up: today's counts, the last 24 hours (hourly rollups) and the
 * incidents since `from`. One batch of three reads, whatever the number of monitors.
 */
export async function readLiveHistory(db: Database, now: number, from: number): Promise<PageHistory> {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const hourFrom = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  const [daily, hourly, incidents, ...live] = await db.$client.batch([
    dailyStatement(db, today, today + DAY_MS),
    db.$client
      .prepare(
        `SELECT m.id AS monitorId, ${HOURLY_SUMS}
         FROM monitors AS m ${hourlyJoin('?1', '?2')}
         WHERE m.is_public = 1
         GROUP BY m.id`,
      )
      .bind(hourFrom, hourFrom + DAY_MS),
    db.$client
      .prepare(
        `SELECT id, monitor_id AS monitorId, cause, started_at AS startedAt, resolved_at AS resolvedAt
         FROM incidents WHERE ${IN_PUBLIC} AND (resolved_at IS NULL OR resolved_at >= ?)
         ORDER BY started_at`,
      )
      .bind(from),
    ...liveRollupStatements(db, 'public'),
  ]);
  const liveRows = parseLiveRollups(live);
  const history: PageHistory = {
    days: addLiveDays(parseDays(daily), liveRows, today, today + DAY_MS),
    last24h: new Map(),
    incidents: new Map(),
  };
  for (const row of (hourly?.results ?? []) as (Counts & { monitorId: string })[])
    history.last24h.set(row.monitorId, addCounts(undefined, row));
  for (const row of liveRows) {
    if (row.bucket !== 'hour' || row.bucketStart < hourFrom) continue;
    history.last24h.set(row.monitorId, addCounts(history.last24h.get(row.monitorId), row));
  }
  for (const row of (incidents?.results ?? []) as IncidentSpan[]) {
    const list = history.incidents.get(row.monitorId);
    if (list) list.push(row);
    else history.incidents.set(row.monitorId, [row]);
  }
  return history;
}
