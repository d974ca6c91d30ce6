import { REGIONS_SQL } from '../../regions/regions';
import type { Database } from '../client';
import { HISTOGRAM_COLUMNS, LATENCY_BOUNDS_MS, ROLLUP_COUNTERS } from '../histogram';
import { readMeta, writeMeta } from './meta';
import { BLOCK_SPAN, BLOCKS_CTE, CREATED_MINUTE_SQL, regionOfIndexSql, TOTAL_SQL } from '../result-blocks';
import { runBatch, statement, type WriteStats } from '../statements';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Hours before this are final in `rollups`; from it on, readers add what raw results hold. */
export const FLUSHED_TO_KEY = 'rollups_flushed_to';
/** A tick catches up at most this many hours (after a stop), so one tick never does a day's work. */
const HOURS_PER_TICK = 6;

const COLUMNS = `monitor_id, region, bucket, bucket_start, ${ROLLUP_COUNTERS.join(', ')}, latency_min, latency_max`;
const REPLACE = `ON CONFLICT (monitor_id, region, bucket, bucket_start) DO UPDATE SET
  ${[...ROLLUP_COUNTERS, 'latency_min', 'latency_max'].map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** Histogram bucket i holds answered checks with total in (bound[i-1], bound[i]]: bucketOf in SQL. */
const histogramSums = HISTOGRAM_COLUMNS.map((_, i) => {
  const upper = LATENCY_BOUNDS_MS[i] ?? Infinity;
  const lower = i === 0 ? null : LATENCY_BOUNDS_MS[i - 1];
  const conditions = ['answered', ...(lower === null ? [] : [`total > ${lower}`])];
  if (Number.isFinite(upper)) conditions.push(`total <= ${upper}`);
  return `sum(${conditions.join(' AND ')})`;
}).join(', ');

/**
 * Hourly rollups are written once, when the hour is over, from the raw results (an absolute value,
 * so writing an hour again changes nothing), and daily ones when the day is over, from its hours:
 * a monitor costs 1 row per region an hour instead of 2 per region every tick. Until then readers
 * add the unflushed part from raw results (src/db/queries/live-rollups.ts). The first run on a
 * database only marks where flushing starts.
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

function hourlyFromRaw(db: Database, hour: number) {
  return statement(
    db,
    `WITH RECURSIVE ${BLOCKS_CTE}
     INSERT INTO rollups (${COLUMNS})
     SELECT monitor_id, region, 'hour', ?1,
            sum(outcome = 'up'), sum(outcome = 'degraded'), sum(outcome = 'down'), sum(outcome = 'unknown'),
            sum(CASE WHEN outcome = 'down' THEN interval_s ELSE 0 END),
            sum(answered), sum(CASE WHEN answered THEN total ELSE 0 END), ${histogramSums},
            min(CASE WHEN answered THEN total END), max(CASE WHEN answered THEN total END)
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
     ${REPLACE}`,
    hour,
  );
}

function dailyFromHours(db: Database, day: number) {
  return statement(
    db,
    `INSERT INTO rollups (${COLUMNS})
     SELECT r.monitor_id, r.region, 'day', ?1, ${ROLLUP_COUNTERS.map((c) => `sum(r.${c})`).join(', ')},
            min(r.latency_min), max(r.latency_max)
     FROM monitors AS m
     JOIN rollups AS r ON r.monitor_id = m.id AND r.region IN (${REGIONS_SQL}) AND r.bucket = 'hour'
      AND r.bucket_start >= ?1 AND r.bucket_start < ?1 + ${DAY_MS}
     GROUP BY r.monitor_id, r.region
     ${REPLACE}`,
    day,
  );
}
