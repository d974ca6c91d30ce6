import type { Database } from '../db/client';
import { readMeta, writeMeta } from '../db/queries/meta';
import { statement } from '../db/statements';

export interface Retention {
  /** Raw check results, ms. */
  raw: number;
  /** Hourly rollups, ms. Daily rollups are kept for good. */
  hourly: number;
}

export const DEFAULT_RETENTION: Retention = { raw: 14 * 86_400_000, hourly: 90 * 86_400_000 };

/** Rows one statement deletes: a few statements per tick stay far within D1's limits. */
const CHUNK = 5000;
/** Raw rows pruned per tick at most: more than a tick of 1,000 monitors x 3 regions writes. */
const RAW_CHUNKS_PER_TICK = 2;
const DAILY_KEY = 'housekeeping_daily_at';
const DAY_MS = 86_400_000;

export interface HousekeepingStats {
  rawDeleted: number;
  daily: boolean;
  rowsWritten: number;
}

/**
 * Retention, on its own cadence inside the tick. Raw results older than `raw` go a few chunks per
 * tick, found as a rowid range through the ticks table (no index on time needed); once a day, old
 * hourly rollups, tick records and settled deliveries go too.
 */
export async function runHousekeeping(
  db: Database,
  now: number,
  retention: Retention,
): Promise<HousekeepingStats> {
  const boundary = await db.$client
    .prepare(
      'SELECT max_result_id AS id FROM ticks WHERE scheduled_at < ? ORDER BY scheduled_at DESC LIMIT 1',
    )
    .bind(now - retention.raw)
    .first<{ id: number | null }>();
  const statements: D1PreparedStatement[] = [];
  if (boundary?.id) {
    for (let i = 0; i < RAW_CHUNKS_PER_TICK; i++) {
      statements.push(
        statement(
          db,
          `DELETE FROM check_results WHERE id IN (SELECT id FROM check_results WHERE id <= ? ORDER BY id LIMIT ${CHUNK})`,
          boundary.id,
        ),
      );
    }
  }
  const lastDaily = Number((await readMeta(db, DAILY_KEY)) ?? 0);
  const daily = now - lastDaily >= DAY_MS;
  if (daily) {
    statements.push(
      statement(
        db,
        `DELETE FROM rollups WHERE rowid IN
           (SELECT rowid FROM rollups WHERE bucket = 'hour' AND bucket_start < ? LIMIT ${CHUNK * 10})`,
        now - retention.hourly,
      ),
      statement(db, 'DELETE FROM ticks WHERE scheduled_at < ?', now - retention.raw),
      statement(
        db,
        `DELETE FROM deliveries WHERE status IN ('sent', 'dead') AND created_at < ?`,
        now - 30 * DAY_MS,
      ),
      writeMeta(db, DAILY_KEY, String(now), now),
    );
  }
  if (statements.length === 0) return { rawDeleted: 0, daily, rowsWritten: 0 };
  const results = await db.$client.batch(statements);
  const rawDeleted = results
    .slice(0, boundary?.id ? RAW_CHUNKS_PER_TICK : 0)
    .reduce((n, r) => n + (r.meta.changes ?? 0), 0);
  return { rawDeleted, daily, rowsWritten: results.reduce((n, r) => n + (r.meta.rows_written ?? 0), 0) };
}
