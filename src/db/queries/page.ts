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
const SUMS = 'sum(up) AS up, sum(degraded) AS degraded, sum(down) AS down, sum(downtime_s) AS downtimeS';

/**
 * What the status page shows of the past for its public monitors: daily counts for `days` UTC days
 * ending today, the last 24 hours, and the incidents in that time. Three reads of rollups and
 * incidents in one batch, whatever the number of monitors; no raw results. Days travel as one
 * string per monitor: 50 rows instead of 4,500.
 */
export async function readPageHistory(db: Database, now: number, days: number): Promise<PageHistory> {
  const from = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const hourFrom = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  const inPublic = 'monitor_id IN (SELECT id FROM monitors WHERE is_public = 1)';
  const [daily, hourly, incidents] = await db.$client.batch([
    db.$client
      .prepare(
        `SELECT monitorId, group_concat(day || ' ' || up || ' ' || degraded || ' ' || down || ' ' || downtimeS) AS days
         FROM (SELECT monitor_id AS monitorId, bucket_start AS day, ${SUMS} FROM rollups
               WHERE ${inPublic} AND region IN (${REGION_LIST}) AND bucket = 'day' AND bucket_start >= ?
               GROUP BY monitor_id, bucket_start)
         GROUP BY monitorId`,
      )
      .bind(from),
    db.$client
      .prepare(
        `SELECT monitor_id AS monitorId, ${SUMS} FROM rollups
         WHERE ${inPublic} AND region IN (${REGION_LIST}) AND bucket = 'hour' AND bucket_start >= ?
         GROUP BY monitor_id`,
      )
      .bind(hourFrom),
    db.$client
      .prepare(
        `SELECT id, monitor_id AS monitorId, cause, started_at AS startedAt, resolved_at AS resolvedAt
         FROM incidents WHERE ${inPublic} AND (resolved_at IS NULL OR resolved_at >= ?)
         ORDER BY started_at`,
      )
      .bind(from),
  ]);
  const history: PageHistory = { days: new Map(), last24h: new Map(), incidents: new Map() };
  for (const row of (daily?.results ?? []) as { monitorId: string; days: string }[]) {
    const perDay = new Map<number, Counts>();
    for (const entry of row.days.split(',')) {
      const [day, up, degraded, down, downtimeS] = entry.split(' ').map(Number) as number[];
      perDay.set(day as number, {
        up: up ?? 0,
        degraded: degraded ?? 0,
        down: down ?? 0,
        downtimeS: downtimeS ?? 0,
      });
    }
    history.days.set(row.monitorId, perDay);
  }
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
