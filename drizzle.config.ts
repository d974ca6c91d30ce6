import { defineConfig } from 'drizzle-kit';

// drizzle-kit only writes SQL into migrations/; wrangler applies it (one ledger).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
});
