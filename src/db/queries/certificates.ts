import type { CertificateReading } from '../../probes/findings/tls';
import type { Outcome } from '../../probes/result';
import type { Database } from '../client';
import { certificates } from '../schema';
import { statement } from '../statements';

export interface StoredCertificate {
  host: string;
  port: number;
  checkedAt: number;
  outcome: Outcome;
  cause: string | null;
  detail: string | null;
  reading: CertificateReading | null;
}

export const certificateKey = (host: string, port: number) => `${host}:${port}`;

/** Every stored reading, by `host:port` (one row per host and port that https monitors use). */
export async function readCertificates(db: Database): Promise<Map<string, StoredCertificate>> {
  const rows = await db.select().from(certificates).all();
  return new Map(rows.map((row) => [certificateKey(row.host, row.port), row]));
}

/** The new readings, one statement: each row replaces its host:port's. */
export function certificateStatement(db: Database, rows: readonly StoredCertificate[]): D1PreparedStatement {
  return statement(
    db,
    `INSERT INTO certificates (host, port, checked_at, outcome, cause, detail, reading)
     SELECT j.value ->> 'host', j.value ->> 'port', j.value ->> 'checkedAt', j.value ->> 'outcome',
            j.value ->> 'cause', j.value ->> 'detail', j.value ->> 'reading'
     FROM json_each(?) AS j WHERE true
     ON CONFLICT (host, port) DO UPDATE SET checked_at = excluded.checked_at, outcome = excluded.outcome,
       cause = excluded.cause, detail = excluded.detail, reading = excluded.reading`,
    JSON.stringify(rows.map((row) => ({ ...row, reading: row.reading && JSON.stringify(row.reading) }))),
  );
}
