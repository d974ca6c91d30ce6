/**
 * A D1 binding that counts what D1 bills: every query, and the `rows_read` / `rows_written` that
 * D1 reports in each result's meta. Wrap the binding, pass the wrapper to `createDb`, read the
 * meter afterwards:
 *
 *     const { d1, meter } = meteredD1(env.DB);
 *     const db = createDb(d1);
 *     ... // meter.queries, meter.rowsRead, meter.rowsWritten
 *
 * `first()` is answered from `all()` (the same query, with its meta). `raw()` returns arrays and D1
 * gives it no meta, so its rows read are not known: it counts in `queries` and in `unreported`.
 * Drizzle's `select()` reads through `raw()`; the bulk reads and every write here carry meta.
 */

export interface D1Meter {
  /** Statements sent to D1 (each statement of a batch counts once). */
  queries: number;
  rowsRead: number;
  rowsWritten: number;
  /** Queries whose rows read D1 did not report (`raw()`); their writes are not known either. */
  unreported: number;
}

export function newMeter(): D1Meter {
  return { queries: 0, rowsRead: 0, rowsWritten: 0, unreported: 0 };
}

/** The binding, metered: everything run through `d1` (and its sessions) adds to `meter`. */
export function meteredD1(
  binding: D1Database,
  meter: D1Meter = newMeter(),
): { d1: D1Database; meter: D1Meter } {
  return { d1: new MeteredDatabase(binding, meter) as unknown as D1Database, meter };
}

function count(meter: D1Meter, meta: Partial<D1Meta> | undefined): void {
  meter.queries += 1;
  meter.rowsRead += meta?.rows_read ?? 0;
  meter.rowsWritten += meta?.rows_written ?? 0;
}

/** The real statement behind a metered one, for `batch()`. */
function unwrap(statement: D1PreparedStatement): D1PreparedStatement {
  return statement instanceof MeteredStatement ? statement.inner : statement;
}

async function meteredBatch<T>(
  target: Pick<D1Database, 'batch'>,
  meter: D1Meter,
  statements: D1PreparedStatement[],
): Promise<D1Result<T>[]> {
  const results = await target.batch<T>(statements.map(unwrap));
  for (const result of results) count(meter, result.meta);
  return results;
}

class MeteredStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    private readonly meter: D1Meter,
  ) {}

  bind(...values: unknown[]): MeteredStatement {
    return new MeteredStatement(this.inner.bind(...values), this.meter);
  }

  async run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const result = await this.inner.run<T>();
    count(this.meter, result.meta);
    return result;
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const result = await this.inner.all<T>();
    count(this.meter, result.meta);
    return result;
  }

  async first<T = unknown>(column?: string): Promise<T | null> {
    const { results } = await this.all<Record<string, unknown>>();
    const row = results[0];
    if (row === undefined) return null;
    return (column === undefined ? row : (row[column] ?? null)) as T | null;
  }

  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[] | [string[], ...T[]]> {
    const rows = options?.columnNames
      ? await this.inner.raw<T>({ columnNames: true })
      : await this.inner.raw<T>();
    this.meter.queries += 1;
    this.meter.unreported += 1;
    return rows;
  }
}

class MeteredDatabase {
  constructor(
    private readonly inner: D1Database,
    private readonly meter: D1Meter,
  ) {}

  prepare(query: string): MeteredStatement {
    return new MeteredStatement(this.inner.prepare(query), this.meter);
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return meteredBatch(this.inner, this.meter, statements);
  }

  async exec(query: string): Promise<D1ExecResult> {
    const result = await this.inner.exec(query);
    this.meter.queries += result.count;
    this.meter.unreported += result.count;
    return result;
  }

  withSession(constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint): D1DatabaseSession {
    const session = this.inner.withSession(constraintOrBookmark);
    const meter = this.meter;
    return {
      prepare: (query: string) =>
        new MeteredStatement(session.prepare(query), meter) as unknown as D1PreparedStatement,
      batch: <T = unknown>(statements: D1PreparedStatement[]) => meteredBatch<T>(session, meter, statements),
      getBookmark: () => session.getBookmark(),
    } as D1DatabaseSession;
  }

  dump(): Promise<ArrayBuffer> {
    return this.inner.dump();
  }
}
