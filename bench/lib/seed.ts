/**
 * History seeded straight into D1 by the benches: rollup rows generated inside SQLite with
 * recursive CTEs, one INSERT per monitor, so months of history take seconds.
 */
import { HISTOGRAM_COLUMNS, ROLLUP_COUNTERS } from '../../src/db/histogram';
import { packed } from '../../src/db/hourly-rollups';
import { MINUTE } from './harness';

export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface D1Meta {
  rows_read?: number;
  rows_written?: number;
  changes?: number;
}
export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  run(): Promise<{ meta: D1Meta }>;
  all<T>(): Promise<{ results: T[]; meta: D1Meta }>;
}
/** What the D1 proxy returns, with the meta the harness's BenchD1 type leaves out. */
export interface D1 {
  prepare(sql: string): D1Statement;
}

/**
 * The counter columns of a rollup of `minutes` one-minute checks: `downPerMille` of them down
 * (at least one when the rate is above zero), the rest up, latencies in histogram buckets 5-8.
 * `x` is the bucket start in the generating query.
 */
export function rollupSelect(minutes: number, downPerMille = 1): string {
  const down = downPerMille === 0 ? 0 : Math.max(1, Math.round((minutes * downPerMille) / 1000));
  const up = minutes - down;
  const h5 = Math.floor(up * 0.5);
  const h6 = Math.floor(up * 0.3);
  const h7 = Math.floor(up * 0.15);
  const h8 = up - h5 - h6 - h7;
  const hist = HISTOGRAM_COLUMNS.map((_, i) => [0, 0, 0, 0, 0, h5, h6, h7, h8][i] ?? 0);
  return `${up}, 0, ${down}, 0, ${down * 60}, ${up}, ${up} * (100 + (x / ${HOUR}) % 50), 40, 900, ${hist.join(', ')}`;
}

/** The figures rollupSelect gives, in its order. */
const ROLLUP_FIGURES = [...ROLLUP_COUNTERS, 'latency_min', 'latency_max'].join(', ');
const ROLLUP_COLUMNS = `monitor_id, region, bucket, bucket_start, ${ROLLUP_FIGURES}`;

/**
 * Rollups of one bucket size for each monitor and region, starts in [from, to), with the counters
 * `select` gives; rows a tick already wrote are left alone. Days are a row per monitor and region
 * (`rollups`), hours a row per monitor, every region packed (`hourly_rollups`, as the flush
 * writes them). Returns the rows made.
 */
export async function seedRollups(
  db: D1,
  ids: readonly string[],
  regions: readonly string[],
  bucket: 'hour' | 'day',
  from: number,
  to: number,
  select: string = rollupSelect((bucket === 'hour' ? HOUR : DAY) / MINUTE),
): Promise<number> {
  const size = bucket === 'hour' ? HOUR : DAY;
  if (bucket === 'hour')
    return insertPerMonitor(
      db,
      ids,
      `INSERT INTO hourly_rollups (monitor_id, bucket_start, regions)
         WITH RECURSIVE t(x) AS (SELECT ?1 UNION ALL SELECT x + ${size} FROM t WHERE x + ${size} < ?2),
         o(region, x, ${ROLLUP_FIGURES}) AS (SELECT r.region, x, ${select} FROM (${regionValues(regions)}) AS r CROSS JOIN t)
         SELECT ?3, o.x, json_group_object(o.region, json(${packed('o')}))
         FROM o GROUP BY o.x ORDER BY o.x
         ON CONFLICT DO NOTHING`,
      from,
      to,
    );
  return insertPerMonitor(
    db,
    ids,
    `INSERT INTO rollups (${ROLLUP_COLUMNS})
         WITH RECURSIVE t(x) AS (SELECT ?1 UNION ALL SELECT x + ${size} FROM t WHERE x + ${size} < ?2)
         SELECT ?3, r.region, '${bucket}', x, ${select}
         FROM (${regionValues(regions)}) AS r CROSS JOIN t
         WHERE true ORDER BY r.region, x
         ON CONFLICT DO NOTHING`,
    from,
    to,
  );
}

export const regionValues = (regions: readonly string[]) =>
  regions.map((r) => `SELECT '${r}' AS region`).join(' UNION ALL ');

/** Runs a generating INSERT (?1 from, ?2 to, ?3 monitor id) once per monitor; the rows it made. */
export async function insertPerMonitor(
  db: D1,
  ids: readonly string[],
  sql: string,
  from: number,
  to: number,
): Promise<number> {
  let rows = 0;
  for (const id of ids) {
    const result = await db.prepare(sql).bind(from, to, id).run();
    rows += result.meta.changes ?? 0;
  }
  return rows;
}
