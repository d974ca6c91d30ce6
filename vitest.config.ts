import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, defineProject } from 'vitest/config';

const DAY_S = 86_400;
const nowS = Math.floor(Date.now() / 1000);
/** A test JWT (unsigned: Lookout reads exp/iat without verifying). */
const jwt = (payload: object) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(payload), 'sig']
    .map((p) => Buffer.from(p).toString('base64url'))
    .join('.');

/** The Worker's tests, inside workerd (the Workers runtime), with the real migrations. */
const workers = defineProject({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          COLO_TRACE_URL: '',
          // Set by test/setup/global.ts, which runs first: the test CA as a trust anchor (tests
          // only) and the stand-in crt.sh; never the real one.
          TLS_TRUST_ANCHORS: process.env.LOOKOUT_TEST_TLS_ANCHOR ?? '',
          CT_LOG_URL: process.env.LOOKOUT_TEST_CT_LOG_URL ?? '',
          // The stand-in RDAP bootstrap (test/setup/rdap-server.ts); tests pass it to tick() themselves.
          RDAP_BOOTSTRAP_URL: process.env.LOOKOUT_TEST_RDAP_BOOTSTRAP_URL ?? '',
          RDAP_BASE_URL: '',
          // The backstop is driven by hand in tests: a real alarm would tick the real minute.
          TICK_BACKSTOP: 'off',
          TEST_API_TOKEN: 'lk-test-9f8e7d6c5b4a-secret',
          TEST_WEBHOOK_SECRET: `whsec_${Buffer.from('lookout-e2e-signing-key-0123456789').toString('base64')}`,
          TEST_PD_KEY: 'pd-routing-key-e2e',
          // Escapes differently in every form: URL, form, JSON (quote, backslash), base64.
          TEST_ODD_SECRET: 'odd "q" \\ a/b+c&d=e ~42 tail',
          // Under MIN_SECRET_LENGTH: a check referencing it fails.
          TEST_SHORT_SECRET: 'abc12',
          TEST_HEARTBEAT_TOKEN: 'hb-7c1f0a9e-nightly-job',
          // Another secret holding the same value: two monitors end up with one token.
          TEST_HEARTBEAT_TOKEN_COPY: 'hb-7c1f0a9e-nightly-job',
          // Under 128 bits: refused as a heartbeat token.
          TEST_WEAK_TOKEN: 'hb-nightly-2026',
          // Canaries (test/canaries.ts): planted everywhere a secret can live, then searched for
          // in every form everywhere Lookout writes. Each has a unique core and characters that
          // change under URL, form, JSON and base64 encoding; the path and channel-URL ones stay
          // valid in a URL path (as such secrets must).
          CANARY_HEADER: 'ch-Hd7Qz2Lm "q" \\ a/b+c&d=e%~ hdr',
          CANARY_QUERY: 'cq-Qy4Wn8Rt "q" \\ a/b+c&d=e%~ qry',
          CANARY_JSON: 'cj-Js5Kp1Vx "q" \\ a/b+c&d=e%~ jsn',
          CANARY_FORM: 'cf-Fm6Tb3Gy "q" \\ a/b+c&d=e%~ frm',
          CANARY_BASIC: Buffer.from('svc:cb-Ba5Xq1Ye "q" a/b+c&d=e%~ pw').toString('base64'),
          CANARY_PATH: "cp-Pt9Zc4Nh+c=e$!~'(*),;@:pth",
          CANARY_WATCHDOG: "cw-Wd6Hq2Pz+c=e$!~'(*),;@:dog",
          CANARY_HOOK: "hk-Hk3Vd8Ws+c=e$!~'(*),;@:hook",
          CANARY_PD_KEY: 'cpd-Pd3Rk8Jw "q" \\ a/b+c&d=e%~ key',
          CANARY_SIGNING: `whsec_${Buffer.from('cs-Sg2Wm7Kd signing key \u00e9+/=').toString('base64')}`,
          TEST_JWT_EXPIRING: jwt({ sub: 'check', iat: nowS - DAY_S, exp: nowS + 3 * DAY_S }),
          TEST_JWT_LONG_LIVED: jwt({ sub: 'check', iat: nowS - DAY_S, exp: nowS + 365 * DAY_S }),
          // Credentials of the stand-in services (test/setup/service-receivers.ts), in their real formats.
          TEST_TELEGRAM_TOKEN: '7100000001:AAE-test-telegram-bot-token-0123456789',
          TEST_OPSGENIE_KEY: 'c0ffee00-0000-4000-8000-0123456789ab',
          TEST_RESEND_KEY: 're_test_0123456789abcdefghijklmnop',
          TEST_MATRIX_TOKEN: 'syt_bG9va291dA_test_matrix_token_0123',
          TEST_PUSHOVER_TOKEN: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi',
          TEST_PUSHOVER_USER: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
          TEST_NTFY_TOKEN: 'tk_test0123456789abcdefghijklmn',
          // Signs status page subscribers' confirm and unsubscribe links (src/subscribers/tokens.ts).
          TEST_SUBSCRIBE_KEY: 'subscribe-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        },
        // Cloudflare's send_email binding as miniflare emulates it (README, Alert channels: email).
        email: {
          send_email: [
            { name: 'TEST_EMAIL' },
            { name: 'TEST_EMAIL_ONCALL_ONLY', allowed_destination_addresses: ['oncall@example.com'] },
          ],
        },
      },
    })),
  ],
  resolve: {
    // The cron entry's bundled config, in tests: monitors on loopback only.
    alias: [
      {
        find: /^\.\/bundled\.generated\.json$/,
        replacement: fileURLToPath(new URL('./test/fixtures/bundled.test.json', import.meta.url)),
      },
    ],
  },
  test: {
    name: 'workers',
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/node/**'],
    globalSetup: ['./test/setup/global.ts'],
    setupFiles: ['./test/setup/migrations.ts', './test/setup/outbound-guard.ts'],
    testTimeout: 30_000,
  },
});

/** Node code that is not the Worker's (the importers): plain Node, no workerd. */
const node = defineProject({
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/node/**/*.test.ts'],
    // The CLI tests spawn tsx, which takes seconds on a busy machine.
    testTimeout: 60_000,
  },
});

// One `vitest run` for all: the Worker's tests in workerd, the Node scripts' and browser tests in Node.
export default defineConfig({
  test: { projects: [workers, node, './vitest.browser.config.ts'] },
});
