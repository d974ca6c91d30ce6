import type { Database } from './client';

/**
 * Raw D1 statements for the bulk writes. Drizzle's query builder serves the reads; the writes that
 * unpack JSON rows with json_each are plain SQL, batched in one D1 transaction.
 */
export function statement(db: Database, query: string, ...params: unknown[]): D1PreparedStatement {
  return db.$client.prepare(query).bind(...params);
}

export interface WriteStats {
  statements: number;
  rowsWritten: number;
}

/** Runs the statements as one transaction and reports what D1 says it wrote. */
export async function runBatch(db: Database, statements: D1PreparedStatement[]): Promise<WriteStats> {
  if (statements.length === 0) return { statements: 0, rowsWritten: 0 };
  const results = await db.$client.batch(statements);
  return {
    statements: statements.length,
    rowsWritten: results.reduce((sum, r) => sum + (r.meta.rows_written ?? 0), 0),
  };
}

/** Well under D1's limit on one bound value (about 1 MB, SQLITE_TOOBIG past it). */
export const MAX_JSON_PARAM_BYTES = 400_000;

/**
 * Rows as JSON arrays, split so no array exceeds `maxBytes`: a write that travels as one JSON
 * parameter stays one statement per chunk however many rows a tick has (an outage of every
 * monitor at once included), instead of one statement too big for D1.
 */
export function jsonChunks(rows: readonly unknown[], maxBytes = MAX_JSON_PARAM_BYTES): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (current.length > 0 && size + json.length + 1 > maxBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}
