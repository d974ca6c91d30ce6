import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { statement } from '../statements';
import { meta } from '../schema';

export async function readMeta(db: Database, key: string): Promise<string | null> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get();
  return row?.value ?? null;
}

export function writeMeta(db: Database, key: string, value: string, now: number) {
  return statement(
    db,
    `INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    key,
    value,
    now,
  );
}
