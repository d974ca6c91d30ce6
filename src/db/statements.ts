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
