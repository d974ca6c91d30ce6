import type { DomainReading } from '../../probes/domain/rdap';
import type { Database } from '../client';
import { domains } from '../schema';
import { statement } from '../statements';

export interface StoredDomain {
  domain: string;
  checkedAt: number;
  ok: boolean;
  detail: string | null;
  reading: DomainReading | null;
}

/** Every stored reading, by registrable domain. */
export async function readDomains(db: Database): Promise<Map<string, StoredDomain>> {
  const rows = await db.select().from(domains).all();
  return new Map(rows.map((row) => [row.domain, row]));
}

/** The new readings, one statement; a failed lookup keeps the row's last good reading. */
export function domainStatement(db: Database, rows: readonly StoredDomain[]): D1PreparedStatement {
  return statement(
    db,
    `INSERT INTO domains (domain, checked_at, ok, detail, reading)
     SELECT j.value ->> 'domain', j.value ->> 'checkedAt', j.value ->> 'ok', j.value ->> 'detail', j.value ->> 'reading'
     FROM json_each(?) AS j WHERE true
     ON CONFLICT (domain) DO UPDATE SET checked_at = excluded.checked_at, ok = excluded.ok,
       detail = excluded.detail, reading = coalesce(excluded.reading, domains.reading)`,
    JSON.stringify(
      rows.map((row) => ({
        ...row,
        ok: row.ok ? 1 : 0,
        reading: row.reading && JSON.stringify(row.reading),
      })),
    ),
  );
}
