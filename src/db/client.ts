import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

/** The only drizzle() call: everything that reads or writes D1 takes this client as an argument. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Database = ReturnType<typeof createDb>;
