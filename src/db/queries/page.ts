import { REGIONS } from '../../regions/regions';
import type { Database } from '../client';

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

// Every region is named so each read is a range of the rollups' primary key
// (monitor, region, bucket, start): the cost follows the window, not the history.
const REGION_LIST = REGIONS.map((r) => `'${r}'`).join(', ');
// Downtime is counted per region: a minute down everywhere is a minute down, not three.
const SUMS = 'sum(up) AS up, sum(degraded) AS degraded, sum(down) AS down, max(downtime_s) AS downtimeS';

const IN_PUBLIC = 'monitor_id IN (SELECT id FROM monitors WHERE is_public = 1)';

export type DaysByMonitor = Map<string, Map<number, Counts>>;

function dailyStatement(db: Database, from: number, to: number) {
  return db.$client
    .prepare(
      `SELECT monitorId, group_concat(day || ' ' || up || ' ' || degraded || ' ' || down || ' ' || downtimeS) AS days
       FROM (SELECT monitor_id AS monitorId, bucket_start AS day, ${SUMS} FROM rollups
             WHERE ${IN_PUBLIC} AND region IN (${REGION_LIST}) AND bucket = 'day'
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
  return parseDays(await dailyStatement(db, from, to).run());
}

/**
 * What changes while the page is up: today's counts, the last 24 hours (hourly rollups) and the
 * incidents since `from`. One batch of three reads, whatever the number of monitors.
 */
export async function readLiveHistory(db: Database, now: number, from: number): Promise<PageHistory> {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const hourFrom = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  const [daily, hourly, incidents] = await db.$client.batch([
    dailyStatement(db, today, today + DAY_MS),
    db.$client
      .prepare(
        `SELECT monitor_id AS monitorId, ${SUMS} FROM rollups
         WHERE ${IN_PUBLIC} AND region IN (${REGION_LIST}) AND bucket = 'hour' AND bucket_start >= ?
         GROUP BY monitor_id`,
      )
      .bind(hourFrom),
    db.$client
      .prepare(
        `SELECT id, monitor_id AS monitorId, cause, started_at AS startedAt, resolved_at AS resolvedAt
         FROM incidents WHERE ${IN_PUBLIC} AND (resolved_at IS NULL OR resolved_at >= ?)
         ORDER BY started_at`,
      )
      .bind(from),
  ]);
  const history: PageHistory = { days: parseDays(daily), last24h: new Map(), incidents: new Map() };
  for (const row of (hourly?.results ?? []) as (Counts & { monitorId: string })[])
    history.last24h.set(row.monitorId, {
      up: row.up,
      degraded: row.degraded,
      down: row.down,
      downtimeS: row.downtimeS,
    });
  for (const row of (incidents?.results ?? []) as IncidentSpan[]) {
    const list = history.incidents.get(row.monitorId);
    if (list) list.push(row);
    else history.incidents.set(row.monitorId, [row]);
  }
  return history;
}
