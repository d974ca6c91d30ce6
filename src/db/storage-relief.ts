import type { Database } from './client';
import { readMeta } from './queries/meta';
import { FLUSHED_TO_KEY } from './queries/rollup-writes';
import { BLOCK_SPAN, BLOCKS_CTE } from './result-blocks';
import { statement } from './statements';

/**
 * What to do when D1 is full (a database has a size cap: 10 GB on the paid plan). Retention keeps
 * the database at its steady size, but a longer retention than the plan holds, or a burst of
 * monitors, can still fill it; then every write fails and monitoring would stop recording and
 * alerting. The tick makes room instead: it deletes the oldest hour of raw results whose figures
 * the rollups already hold (their detail goes; uptime, latency and incidents stay), and writes
 * again.
 */

const HOUR_MS = 3_600_000;

/** Whether a D1 error says the database is full. */
export function isStorageFull(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_FULL|database or disk is full|exceeded (the )?maximum (database|db) size/i.test(message);
}

export interface Relief {
  rawDeleted: number;
  /** Raw results before this time are gone (their hours are in the rollups). */
  before: number;
}

/** Deletes the oldest hour of raw results already rolled up; null when there is none to delete. */
export async function relieveStorage(db: Database): Promise<Relief | null> {
  const flushed = Number((await readMeta(db, FLUSHED_TO_KEY)) ?? 0);
  // The oldest row of each block is its first key: a seek per block, whatever the table's size.
  const oldest = await db.$client
    .prepare(
      `WITH RECURSIVE ${BLOCKS_CTE}
       SELECT min((SELECT r.id FROM result_blocks AS r
                   WHERE r.id >= b * ${BLOCK_SPAN} AND r.id < (b + 1) * ${BLOCK_SPAN}
                   ORDER BY r.id LIMIT 1) - b * ${BLOCK_SPAN}) AS tick
       FROM blocks`,
    )
    .first<{ tick: number | null }>();
  const first = oldest?.tick ?? null;
  if (first === null || first >= flushed) return null;
  const before = Math.min(first - (first % HOUR_MS) + HOUR_MS, flushed);
  const [done] = await db.$client.batch([pruneRawResults(db, 0, before)]);
  return { rawDeleted: done?.meta.changes ?? 0, before };
}

/** Deletes the raw rows of every block with ticks in [from, to): whole rows, a key range each. */
export function pruneRawResults(db: Database, from: number, to: number) {
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
