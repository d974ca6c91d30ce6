import { defineConfig } from 'vitest/config';

/**
 * The browser tests: Node, Chromium through playwright-core, against the real Worker under
 * `wrangler dev` that the global setup starts. A project of vitest.config.ts (`npm test` runs it);
 * alone: `npm run test:browser`.
 */
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['./test/browser/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
