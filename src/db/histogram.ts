/**
 * A fixed log-scale latency histogram: the upper bound (ms) of each bucket; the last is open.
 * Percentiles come from bucket counts, so years of history answer p95 without raw rows.
 */
export const LATENCY_BOUNDS_MS = [
  10,
  20,
  35,
  50,
  75,
  100,
  150,
  200,
  300,
  500,
  750,
  1000,
  2000,
  5000,
  10_000,
  Infinity,
] as const;

/** One column per bucket, h00 to h15 (a fixed list so the Drizzle schema types them). */
export const HISTOGRAM_COLUMNS = [
  'h00',
  'h01',
  'h02',
  'h03',
  'h04',
  'h05',
  'h06',
  'h07',
  'h08',
  'h09',
  'h10',
  'h11',
  'h12',
  'h13',
  'h14',
  'h15',
] as const;

export function bucketOf(ms: number): number {
  return LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
}

/**
 * The latency at quantile q (0..1) from bucket counts, interpolated linearly inside the bucket
 * (bounded by the observed min and max). Null without samples. Pure.
 */
export function quantile(counts: readonly number[], q: number, min: number, max: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = Math.max(min, i === 0 ? 0 : (LATENCY_BOUNDS_MS[i - 1] as number));
      const upper = Math.min(max, LATENCY_BOUNDS_MS[i] as number);
      const within = count === 0 ? 0 : (rank - seen) / count;
      return Math.round(lower + (Math.max(upper, lower) - lower) * within);
    }
    seen += count;
  }
  return max;
}

/** A rollup's totals: outcome counts, downtime, and the latency count and sum. */
export const ROLLUP_TOTALS = [
  'up',
  'degraded',
  'down',
  'unknown',
  'downtime_s',
  'latency_count',
  'latency_sum',
] as const;

/** The counters a rollup adds up, in insert order (the benchmark seeds the same columns). */
export const ROLLUP_COUNTERS = [...ROLLUP_TOTALS, ...HISTOGRAM_COLUMNS] as const;
