import type { Database } from '../db/client';
import { readMeta, writeMeta } from '../db/queries/meta';
import { FLUSHED_TO_KEY } from '../db/queries/rollup-writes';
import { statement } from '../db/statements';
import { expirePending } from '../subscribers/store';
import { pruneRawResults } from '../db/storage-relief';

export interface Retention {
  /** Raw check results, ms. */
  raw: number;
  /** Hourly rollups, ms. Daily rollups are kept for good. */
  hourly: number;
}

/** How long a status page sign-up waits for its confirmation unless the config says otherwise. */
export const DEFAULT_CONFIRM_WITHIN_MS = 24 * 3_600_000;

export const DEFAULT_RETENTION: Retention = { raw: 14 * 86_400_000, hourly: 90 * 86_400_000 };

/** Older hourly rollups (packed rows, a monitor's hour each) deleted by the daily catch-up statement. */
const CATCH_UP_ROWS = 50_000;
const DAILY_KEY = 'housekeeping_daily_at';
/** Hourly rollups before this hour are gone: each hour that ages out is deleted once. */
const HOURLY_PRUNED_KEY = 'hourly_pruned_to';
/** The most hours of hourly rollups one tick deletes (the rest waits for the next ticks). */
const HOURS_PER_TICK = 3;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface HousekeepingStats {
  rawDeleted: number;
  /** Packed hourly rollup rows deleted, one per monitor and hour (the hour that aged out, and the daily catch-up). */
  hourlyDeleted: number;
  daily: boolean;
  /** Status page sign-ups deleted because their confirmation was overdue. */
  subscribersExpired?: number;
  rowsWritten: number;
}

/**
 * Retention, on its own cadence inside the tick, keeping pace with what ticks write: raw results
 * older than `raw` go as they age out (a key range per block each tick), and each hour of hourly
 * rollups older than `hourly` goes once, at the first tick after it ages out (a key range per
 * monitor). Once a day, anything older (after a long stop or a shorter retention), tick
 * records and settled deliveries go too.
 */
export async function runHousekeeping(
  db: Database,
  now: number,
  retention: Retention,
  /** Status page sign-ups not confirmed within this long are deleted (src/subscribers/). */
  confirmWithinMs = DEFAULT_CONFIRM_WITHIN_MS,
): Promise<HousekeepingStats> {
  // Never past what rollups hold: raw results of an hour not yet flushed are its only record, and
  // hourly rollups of a day not yet closed are the only record of that day.
  const [flushedTo, hourlyPrunedTo] = await Promise.all([
    readMeta(db, FLUSHED_TO_KEY),
    readMeta(db, HOURLY_PRUNED_KEY),
  ]);
  const flushed = Number(flushedTo ?? 0);
  const cutoff = Math.min(now - retention.raw, flushed);
  const hourlyCutoff = Math.min(now - retention.hourly, flushed - (flushed % DAY_MS));
  // Each tick deletes the hour of raw rows that just aged out: a key range per block, about one
  // row per block per tick at steady state (and an hour of catching up).
  const statements: D1PreparedStatement[] = [pruneRawResults(db, cutoff - HOUR_MS, cutoff)];
  const hourlyTo = hourlyCutoff - (hourlyCutoff % HOUR_MS);
  const hourlyFrom = Math.max(
    Number(hourlyPrunedTo ?? hourlyTo - HOUR_MS),
    hourlyTo - HOURS_PER_TICK * HOUR_MS,
  );
  if (hourlyTo > hourlyFrom) {
    statements.push(
      pruneHourly(db, hourlyFrom, hourlyTo),
      writeMeta(db, HOURLY_PRUNED_KEY, String(hourlyTo), now),
    );
  }
  const lastDaily = Number((await readMeta(db, DAILY_KEY)) ?? 0);
  const daily = now - lastDaily >= DAY_MS;
  if (daily) {
    statements.push(
      // Older raw rows (a long stop, a shorter retention): none at steady state.
      pruneRawResults(db, 0, cutoff - HOUR_MS),
      statement(
        db,
        `DELETE FROM hourly_rollups WHERE (monitor_id, bucket_start) IN
           (SELECT monitor_id, bucket_start FROM hourly_rollups WHERE bucket_start < ? LIMIT ${CATCH_UP_ROWS})`,
        Math.min(hourlyFrom, hourlyTo),
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
  // Last, so the positions above stay as they are: unconfirmed sign-ups past their window.
  statements.push(expirePending(db, now - confirmWithinMs));
  const done = await db.$client.batch(statements);
  const changes = (i: number) => done[i]?.meta.changes ?? 0;
  const hourly = hourlyTo > hourlyFrom ? 2 : 0;
  return {
    rawDeleted: changes(0) + (daily ? changes(1 + hourly) : 0),
    hourlyDeleted: (hourly ? changes(1) : 0) + (daily ? changes(2 + hourly) : 0),
    daily,
    subscribersExpired: changes(statements.length - 1),
    rowsWritten: done.reduce((n, r) => n + (r.meta.rows_written ?? 0), 0),
  };
}

/**
 * Deletes the hourly rollups of [from, to): a key range per monitor (the primary key starts with
 * it), one packed row per monitor and hour, so the cost follows the rows deleted, not the
 * table's size.
 */
function pruneHourly(db: Database, from: number, to: number) {
  return statement(
    db,
    `DELETE FROM hourly_rollups WHERE monitor_id IN (SELECT id FROM monitors)
       AND bucket_start >= ? AND bucket_start < ?`,
    from,
    to,
  );
}
