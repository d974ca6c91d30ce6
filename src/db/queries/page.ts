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

type CountsRow = Counts & { monitorId: string };

/**
 * What the status page shows of the past for the monitors it lists: daily counts for `days` UTC
 * days ending today, the last 24 hours, and the incidents in that time. Three reads of rollups
 * and incidents, whatever the number of monitors; no raw results.
 */
export async function readPageHistory(
  db: Database,
  monitorIds: readonly string[],
  now: number,
  days: number,
): Promise<PageHistory> {
  const from = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const hourFrom = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  const ids = JSON.stringify(monitorIds);
  const inIds = 'monitor_id IN (SELECT value FROM json_each(?))';
  const [daily, hourly, incidents] = await db.$client.batch([
    db.$client
      .prepare(
        `SELECT monitor_id AS monitorId, bucket_start AS day, ${SUMS} FROM rollups
         WHERE ${inIds} AND region IN (${REGION_LIST}) AND bucket = 'day' AND bucket_start >= ?
         GROUP BY monitor_id, bucket_start`,
      )
      .bind(ids, from),
    db.$client
      .prepare(
        `SELECT monitor_id AS monitorId, ${SUMS} FROM rollups
         WHERE ${inIds} AND region IN (${REGION_LIST}) AND bucket = 'hour' AND bucket_start >= ?
         GROUP BY monitor_id`,
      )
      .bind(ids, hourFrom),
    db.$client
      .prepare(
        `SELECT id, monitor_id AS monitorId, cause, started_at AS startedAt, resolved_at AS resolvedAt
         FROM incidents WHERE ${inIds} AND (resolved_at IS NULL OR resolved_at >= ?)
         ORDER BY started_at`,
      )
      .bind(ids, from),
  ]);
  const history: PageHistory = { days: new Map(), last24h: new Map(), incidents: new Map() };
  for (const row of (daily?.results ?? []) as (CountsRow & { day: number })[]) {
    let perDay = history.days.get(row.monitorId);
    if (!perDay) history.days.set(row.monitorId, (perDay = new Map()));
    perDay.set(row.day, counts(row));
  }
  for (const row of (hourly?.results ?? []) as CountsRow[]) history.last24h.set(row.monitorId, counts(row));
  for (const row of (incidents?.results ?? []) as IncidentSpan[]) {
    const list = history.incidents.get(row.monitorId);
    if (list) list.push(row);
    else history.incidents.set(row.monitorId, [row]);
  }
  return history;
}

const counts = (row: Counts): Counts => ({
  up: row.up,
  degraded: row.degraded,
  down: row.down,
  downtimeS: row.downtimeS,
});
