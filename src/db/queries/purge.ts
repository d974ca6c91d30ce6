import type { Database } from '../client';

/** Rows one statement deletes: each chunk is its own short transaction. */
export const PURGE_CHUNK = 5_000;

/**
 * The tables that hold a monitor's history in bulk (the rest cascade in a few rows). Its raw
 * results are not among them: they share their block rows with other monitors, and rewriting a
 * block row per tick kept (20,160 at 14 days) to take one monitor out would cost as many rows
 * written as the old per-monitor rows did, and rewrite every other monitor's checks with them.
 * They stay until retention prunes their rows; every reader takes a monitor's raw results from
 * the minute it was created, so a removed monitor is never shown and one created again with the
 * same id starts empty. Its newest checks leave latest_results at once (one row).
 */
const HISTORY = [
  {
    table: 'hourly_rollups',
    key: '(monitor_id, bucket_start)',
    columns: 'monitor_id, bucket_start',
  },
  {
    table: 'rollups',
    key: '(monitor_id, region, bucket, bucket_start)',
    columns: 'monitor_id, region, bucket, bucket_start',
  },
] as const;

/**
 * Deletes the history of `ids` a chunk at a time until none is left or `deadlineAt` (real clock)
 * passes, so removing monitors with years of history never becomes one statement that cascades
 * millions of rows (and voids the transaction, or the invocation, that holds it). True when done;
 * false means call again (the deletes are idempotent).
 */
export async function purgeHistory(
  db: Database,
  ids: readonly string[],
  deadlineAt: number,
  chunk = PURGE_CHUNK,
): Promise<{ done: boolean; rowsDeleted: number }> {
  let rowsDeleted = 0;
  if (ids.length === 0) return { done: true, rowsDeleted };
  const json = JSON.stringify(ids);
  await db.$client
    .prepare(
      `UPDATE latest_results SET data = (SELECT json_group_object(e.key, json(e.value))
                                         FROM json_each(latest_results.data) AS e
                                         WHERE e.key NOT IN (SELECT value FROM json_each(?1)))
       WHERE block IN (SELECT result_block FROM monitors WHERE id IN (SELECT value FROM json_each(?1)))`,
    )
    .bind(json)
    .run();
  for (const { table, key, columns } of HISTORY) {
    for (;;) {
      if (Date.now() >= deadlineAt) return { done: false, rowsDeleted };
      const result = await db.$client
        .prepare(
          `DELETE FROM ${table} WHERE ${key} IN
             (SELECT ${columns} FROM ${table} WHERE monitor_id IN (SELECT value FROM json_each(?1)) LIMIT ?2)`,
        )
        .bind(json, chunk)
        .run();
      const deleted = result.meta.changes ?? 0;
      rowsDeleted += deleted;
      if (deleted < chunk) break;
    }
  }
  return { done: true, rowsDeleted };
}
