import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Region } from '../../regions/regions';
import type { Database } from '../client';
import { HISTOGRAM_COLUMNS, quantile } from '../histogram';
import { rollupRows } from '../schema';
import { readLiveRollups } from './live-rollups';

export type RollupRow = typeof rollupRows.$inferSelect;

export interface UptimeStats {
  checks: number;
  up: number;
  degraded: number;
  down: number;
  /** Up or degraded over the checks that ran (unknown, Lookout's own failures, do not count). */
  uptimePct: number | null;
  /** The worst region's downtime per bucket, summed over the buckets (see downtimeOf). */
  downtimeS: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** Up or degraded over the checks that ran, in percent; null when none ran. Unknown checks (Lookout's own failures) do not count. */
export function uptimeOf(counts: readonly { up: number; degraded: number; down: number }[]): number | null {
  let ok = 0;
  let all = 0;
  for (const c of counts) {
    ok += c.up + c.degraded;
    all += c.up + c.degraded + c.down;
  }
  return all === 0 ? null : (ok / all) * 100;
}

/**
 * Downtime counted once across regions, as the status page counts it: per bucket (an hour or a
 * day), the worst region's. Ten minutes down in three regions is ten minutes, not thirty. Pure.
 */
export function downtimeOf(rows: readonly Pick<RollupRow, 'bucket' | 'bucketStart' | 'downtimeS'>[]): number {
  const worst = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.bucket} ${r.bucketStart}`;
    worst.set(key, Math.max(worst.get(key) ?? 0, r.downtimeS));
  }
  let total = 0;
  for (const seconds of worst.values()) total += seconds;
  return total;
}

/** Merges rollup rows (of one monitor, buckets not overlapping) into one set of figures. Pure. */
export function summarize(rows: readonly RollupRow[]): UptimeStats {
  const sum = (pick: (r: RollupRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const up = sum((r) => r.up);
  const degraded = sum((r) => r.degraded);
  const down = sum((r) => r.down);
  const latencyCount = sum((r) => r.latencyCount);
  const counts = HISTOGRAM_COLUMNS.map((column) => sum((r) => r[column]));
  const mins = rows.map((r) => r.latencyMin).filter((v): v is number => v !== null);
  const maxes = rows.map((r) => r.latencyMax).filter((v): v is number => v !== null);
  const min = mins.length ? Math.min(...mins) : 0;
  const max = maxes.length ? Math.max(...maxes) : 0;
  const checks = up + degraded + down;
  return {
    checks,
    up,
    degraded,
    down,
    uptimePct: checks === 0 ? null : Math.round(((up + degraded) / checks) * 100_000) / 1000,
    downtimeS: downtimeOf(rows),
    avgMs: latencyCount === 0 ? null : Math.round(sum((r) => r.latencySum) / latencyCount),
    p50Ms: quantile(counts, 0.5, min, max),
    p95Ms: quantile(counts, 0.95, min, max),
    p99Ms: quantile(counts, 0.99, min, max),
  };
}

/**
 * A monitor's rollups of one bucket size in [from, to): those written, and those not yet written
 * (the open hour and day, from raw results: src/db/queries/live-rollups.ts). The stored read is
 * a range of a primary key (daily rows: monitor, region, bucket, start; packed hourly rows:
 * monitor, start), so its cost follows the window, not the history. Callers reading several
 * windows pass one `live` read.
 */
export async function readRollups(
  db: Database,
  monitorId: string,
  regions: readonly Region[],
  bucket: 'hour' | 'day',
  from: number,
  to: number,
  live: Promise<RollupRow[]> = readLiveRollups(db, { id: monitorId }),
): Promise<RollupRow[]> {
  const [stored, open] = await Promise.all([storedRollups(db, monitorId, regions, bucket, from, to), live]);
  const wanted = open.filter(
    (r) => r.bucket === bucket && regions.includes(r.region) && r.bucketStart >= from && r.bucketStart < to,
  );
  return [...stored, ...wanted];
}

/**
 * The written rollups of one monitor and bucket size in [from, to), from the view `rollup_rows`:
 * the constraints reach both of its tables, each read a range of its primary key.
 */
export function storedRollups(
  db: Database,
  monitorId: string,
  regions: readonly Region[],
  bucket: 'hour' | 'day',
  from: number,
  to: number,
) {
  return db
    .select()
    .from(rollupRows)
    .where(
      and(
        eq(rollupRows.monitorId, monitorId),
        inArray(rollupRows.region, [...regions]),
        eq(rollupRows.bucket, bucket),
        gte(rollupRows.bucketStart, from),
        lt(rollupRows.bucketStart, to),
      ),
    );
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The rollups covering [from, to): daily rows for the whole days inside, hourly rows for the
 * partial days at either end. A 90-day window is about 90 rows per region, not 2,160.
 */
export async function rollupsBetween(
  db: Database,
  monitorId: string,
  regions: readonly Region[],
  from: number,
  to: number,
) {
  const hourFrom = from - (from % HOUR_MS);
  const daysFrom = Math.ceil(hourFrom / DAY_MS) * DAY_MS;
  const daysTo = Math.floor(to / DAY_MS) * DAY_MS;
  const live = readLiveRollups(db, { id: monitorId });
  if (daysTo <= daysFrom)
    return {
      resolution: 'hour' as const,
      rows: await readRollups(db, monitorId, regions, 'hour', hourFrom, to, live),
    };
  const [head, days, tail] = await Promise.all([
    readRollups(db, monitorId, regions, 'hour', hourFrom, daysFrom, live),
    readRollups(db, monitorId, regions, 'day', daysFrom, daysTo, live),
    readRollups(db, monitorId, regions, 'hour', daysTo, to, live),
  ]);
  return { resolution: 'day' as const, rows: [...head, ...days, ...tail] };
}

export function byRegion(rows: readonly RollupRow[]): Map<Region, RollupRow[]> {
  const map = new Map<Region, RollupRow[]>();
  for (const row of rows) {
    const list = map.get(row.region);
    if (list) list.push(row);
    else map.set(row.region, [row]);
  }
  return map;
}
