import type { Database } from '../db/client';
import { readMeta, writeMeta } from '../db/queries/meta';
import { FLUSHED_TO_KEY } from '../db/queries/rollup-writes';
import { BLOCK_SPAN, BLOCKS_CTE } from '../db/result-blocks';
import { statement } from '../db/statements';

export interface Retention {
  /** Raw check results, ms. */
  raw: number;
  /** Hourly rollups, ms. Daily rollups are kept for good. */
  hourly: number;
}

export const DEFAULT_RETENTION: Retention = { raw: 14 * 86_400_000, hourly: 90 * 86_400_000 };

/** Hourly rollups deleted by one statement (once a day). */
const CHUNK = 5000;
const DAILY_KEY = 'housekeeping_daily_at';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface HousekeepingStats {
  rawDeleted: number;
  daily: boolean;
  rowsWritten: number;
}

/**
 * Retention, on its own cadence inside the tick. Raw results older than `raw` go as they age out,
 * a primary-key range per monitor each tick; once a day, anything older, old hourly rollups, tick
 * records and settled deliveries go too.
 */
export async function runHousekeeping(
  db: Database,
  now: number,
  retention: Retention,
): Promise<HousekeepingStats> {
  // Never past what rollups hold: raw results of an hour not yet flushed are its only record, and
  // hourly rollups of a day not yet closed are the only record of that day.
  const flushed = Number((await readMeta(db, FLUSHED_TO_KEY)) ?? 0);
  const cutoff = Math.min(now - retention.raw, flushed);
  const hourlyCutoff = Math.min(now - retention.hourly, flushed - (flushed % DAY_MS));
  // Each tick deletes the hour of raw rows that just aged out: a key range per block, about one
  // row per block per tick at steady state (and an hour of catching up).
  const statements: D1PreparedStatement[] = [pruneRaw(db, cutoff - HOUR_MS, cutoff)];
  const lastDaily = Number((await readMeta(db, DAILY_KEY)) ?? 0);
  const daily = now - lastDaily >= DAY_MS;
  if (daily) {
    statements.push(
      // Older raw rows (a long stop, a shorter retention): none at steady state.
      pruneRaw(db, 0, cutoff - HOUR_MS),
      statement(
        db,
        `DELETE FROM rollups WHERE (monitor_id, region, bucket, bucket_start) IN
           (SELECT monitor_id, region, bucket, bucket_start FROM rollups
            WHERE bucket = 'hour' AND bucket_start < ? LIMIT ${CHUNK * 10})`,
        hourlyCutoff,
      ),
      statement(db, 'DELETE FROM ticks WHERE scheduled_at < ?', cutoff),
      statement(
        db,
        `DELETE FROM deliveries WHERE status IN ('sent', 'dead') AND created_at < ?`,
        now - 30 * DAY_MS,
      ),
      writeMeta(db, DAILY_KEY, String(now), now),
    );
  }
  const done = await db.$client.batch(statements);
  const rawDeleted = (done[0]?.meta.changes ?? 0) + (daily ? (done[1]?.meta.changes ?? 0) : 0);
  return { rawDeleted, daily, rowsWritten: done.reduce((n, r) => n + (r.meta.rows_written ?? 0), 0) };
}

/** Deletes the raw rows of every block with ticks in [from, to): whole rows, a key range each. */
function pruneRaw(db: Database, from: number, to: number) {
  return statement(
    db,
    `WITH RECURSIVE ${BLOCKS_CTE}
     DELETE FROM result_blocks WHERE id IN
       (SELECT r.id FROM blocks JOIN result_blocks AS r
         ON r.id >= b * ${BLOCK_SPAN} + ?1 AND r.id < b * ${BLOCK_SPAN} + ?2)`,
    Math.max(from, 0),
    to,
  );
}
