import type { Database } from '../client';
import { HISTOGRAM_COLUMNS, LATENCY_BOUNDS_MS, ROLLUP_COUNTERS } from '../histogram';
import { hourlyJoin, packed, unpacked } from '../hourly-rollups';
import { readMeta, writeMeta } from './meta';
import { BLOCK_SPAN, BLOCKS_CTE, CREATED_MINUTE_SQL, regionOfIndexSql, TOTAL_SQL } from '../result-blocks';
import { runBatch, statement, type WriteStats } from '../statements';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Hours before this are final in rollups; from it on, readers add what raw results hold. */
export const FLUSHED_TO_KEY = 'rollups_flushed_to';
/** A tick catches up at most this many hours (after a stop), so one tick never does a day's work. */
const HOURS_PER_TICK = 6;

const COLUMNS = `monitor_id, region, bucket, bucket_start, ${ROLLUP_COUNTERS.join(', ')}, latency_min, latency_max`;
const REPLACE = `ON CONFLICT (monitor_id, region, bucket, bucket_start) DO UPDATE SET
  ${[...ROLLUP_COUNTERS, 'latency_min', 'latency_max'].map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** Histogram bucket i holds answered checks with total in (bound[i-1], bound[i]]: bucketOf in SQL. */
const histogramSums = HISTOGRAM_COLUMNS.map((column, i) => {
  const upper = LATENCY_BOUNDS_MS[i] ?? Infinity;
  const lower = i === 0 ? null : LATENCY_BOUNDS_MS[i - 1];
  const conditions = ['answered', ...(lower === null ? [] : [`total > ${lower}`])];
  if (Number.isFinite(upper)) conditions.push(`total <= ${upper}`);
  return `sum(${conditions.join(' AND ')}) AS ${column}`;
}).join(', ');

/**
 * Hourly rollups are written once, when the hour is over, from the raw results (an absolute value,
 * so writing an hour again changes nothing), and daily ones when the day is over, from its hours:
 * a monitor costs 1 row an hour, all its regions packed (src/db/hourly-rollups.ts), and 1 row per
 * region a day. Until then readers add the unflushed part from raw results
 * (src/db/queries/live-rollups.ts). The first run on a database only marks where flushing starts.
 */
export async function flushRollups(db: Database, now: number): Promise<WriteStats & { hours: number }> {
  const current = now - (now % HOUR_MS);
  const stored = await readMeta(db, FLUSHED_TO_KEY);
  if (stored === null) {
    return { ...(await runBatch(db, [writeMeta(db, FLUSHED_TO_KEY, String(current), now)])), hours: 0 };
  }
  const total: WriteStats & { hours: number } = { statements: 0, rowsWritten: 0, hours: 0 };
  for (let hour = Number(stored); hour < current && total.hours < HOURS_PER_TICK; hour += HOUR_MS) {
    const dayEnds = (hour + HOUR_MS) % DAY_MS === 0;
    const stats = await runBatch(db, [
      hourlyFromRaw(db, hour),
      ...(dayEnds ? [dailyFromHours(db, hour + HOUR_MS - DAY_MS)] : []),
      writeMeta(db, FLUSHED_TO_KEY, String(hour + HOUR_MS), now),
    ]);
    total.statements += stats.statements;
    total.rowsWritten += stats.rowsWritten;
    total.hours++;
  }
  return total;
}

/**
 * The hour's figures per monitor and region from raw results, then one packed row per monitor. A
 * row already there with the same figures is left alone: a retried flush writes nothing.
 */
function hourlyFromRaw(db: Database, hour: number) {
  return statement(
    db,
    `WITH RECURSIVE ${BLOCKS_CTE}
     INSERT INTO hourly_rollups (monitor_id, bucket_start, regions)
     SELECT monitor_id, ?1, json_group_object(region, json(${packed('a')}))
     FROM (SELECT monitor_id, region,
                  sum(outcome = 'up') AS up, sum(outcome = 'degraded') AS degraded, sum(outcome = 'down') AS down,
                  sum(outcome = 'unknown') AS unknown, sum(CASE WHEN outcome = 'down' THEN interval_s ELSE 0 END) AS downtime_s,
                  sum(answered) AS latency_count, sum(CASE WHEN answered THEN total ELSE 0 END) AS latency_sum,
                  min(CASE WHEN answered THEN total END) AS latency_min, max(CASE WHEN answered THEN total END) AS latency_max,
                  ${histogramSums}
           FROM (SELECT m.id AS monitor_id, ${regionOfIndexSql('c.value ->> 0')} AS region, m.interval_s AS interval_s,
                        coalesce(c.value ->> 7, 'up') AS outcome, ${TOTAL_SQL} AS total,
                        coalesce(c.value ->> 7, 'up') IN ('up', 'degraded') AND (${TOTAL_SQL}) IS NOT NULL AS answered
                 FROM blocks
                 JOIN result_blocks AS r ON r.id >= b * ${BLOCK_SPAN} + ?1 AND r.id < b * ${BLOCK_SPAN} + ?1 + ${HOUR_MS}
                 CROSS JOIN json_each(r.data, '$.m') AS e
                 CROSS JOIN monitors AS m
                 CROSS JOIN json_each(e.value) AS c
                 WHERE m.id = e.key AND m.result_block = b AND r.tick_at >= ${CREATED_MINUTE_SQL})
           GROUP BY monitor_id, region
           ORDER BY monitor_id, region) AS a
     GROUP BY monitor_id
     ON CONFLICT (monitor_id, bucket_start) DO UPDATE SET regions = excluded.regions
      WHERE regions IS NOT excluded.regions`,
    hour,
  );
}

/** The day's rows per monitor and region, from its packed hours. */
function dailyFromHours(db: Database, day: number) {
  return statement(
    db,
    `INSERT INTO rollups (${COLUMNS})
     SELECT m.id, r.key, 'day', ?1, ${ROLLUP_COUNTERS.map((c) => `sum(${unpacked(c)})`).join(', ')},
            min(${unpacked('latency_min')}), max(${unpacked('latency_max')})
     FROM monitors AS m ${hourlyJoin('?1', `?1 + ${DAY_MS}`)}
     GROUP BY m.id, r.key
     ${REPLACE}`,
    day,
  );
}
