import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Region } from '../../regions/regions';
import type { Database } from '../client';
import { HISTOGRAM_COLUMNS, quantile } from '../histogram';
import { rollups } from '../schema';

export type RollupRow = typeof rollups.$inferSelect;

export interface UptimeStats {
  checks: number;
  up: number;
  degraded: number;
  down: number;
  /** Up or degraded over the checks that ran (unknown, Lookout's own failures, do not count). */
  uptimePct: number | null;
  downtimeS: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** Merges rollup rows into one set of figures. Pure. */
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
    downtimeS: sum((r) => r.downtimeS),
    avgMs: latencyCount === 0 ? null : Math.round(sum((r) => r.latencySum) / latencyCount),
    p50Ms: quantile(counts, 0.5, min, max),
    p95Ms: quantile(counts, 0.95, min, max),
    p99Ms: quantile(counts, 0.99, min, max),
  };
}

/** Rollup rows of one monitor in [from, to): an indexed range of the primary key per region. */
export function readRollups(
  db: Database,
  monitorId: string,
  bucket: 'hour' | 'day',
  from: number,
  to: number,
) {
  return db
    .select()
    .from(rollups)
    .where(
      and(
        eq(rollups.monitorId, monitorId),
        eq(rollups.bucket, bucket),
        gte(rollups.bucketStart, from),
        lt(rollups.bucketStart, to),
      ),
    )
    .orderBy(asc(rollups.bucketStart));
}

export function byRegion(rows: readonly RollupRow[]): Map<Region, RollupRow[]> {
  const map = new Map<Region, RollupRow[]>();
  for (const row of rows) map.set(row.region, [...(map.get(row.region) ?? []), row]);
  return map;
}
