/**
 * Runs the whole product locally: validates the config, applies the local D1 migrations, starts
 * `wrangler dev` and fires the cron every minute (wrangler dev never fires crons by itself).
 *
 *   npm start                             lookout.yaml (or LOOKOUT_CONFIG=file.yaml npm start)
 *   npm run demo                          lookout.demo.yaml against a sample API on port 8788
 */
import type { Server } from 'node:http';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { buildConfig } from './build-config';
import { DEMO_API_PORT, startDemoApi, stopDemoApi } from './demo-api';
import {
  applyLocalMigrations,
  describe,
  fireTick as triggerTick,
  portFree,
  sleep,
  startWranglerDev,
  waitUntilReady,
  wranglerEnv,
  type WranglerDev,
} from './wrangler-dev';

/** A demo value (Standard Webhooks secrets are whsec_ + base64), passed only to the demo's wrangler. */
const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('lookout-demo-webhook-secret').toString('base64')}`;

const PORT = 8787;
const BASE = `http://localhost:${PORT}`;
const READY_TIMEOUT_MS = 90_000;
// A tick waits for its slowest prober; past this the trigger is reported as failed.
const TICK_TIMEOUT_MS = 55_000;
// Demo state lives apart from the regular local state so the two never mix.
const DEMO_STATE_DIR = '.wrangler/demo';

const demo = process.argv.includes('--demo');
const config = demo ? 'lookout.demo.yaml' : process.env.LOOKOUT_CONFIG || 'lookout.yaml';
// The custom build in wrangler.toml reads LOOKOUT_CONFIG, at startup and on every rebuild.
const env = wranglerEnv({ LOOKOUT_CONFIG: config });
const persist = demo ? ['--persist-to', DEMO_STATE_DIR] : [];

let wrangler: WranglerDev | undefined;
let wranglerClosed: Promise<unknown> = Promise.resolve();
let demoApi: Server | undefined;
let cronTimer: NodeJS.Timeout | undefined;
let stopping = false;

const say = (message: string) => console.log(`[start] ${message}`);

// Noise from wrangler dev that says nothing about Lookout; a matching line drops the indented or
// blank lines that follow it too (stack traces, the cron warning's body).
const NOISE = [
  /\/cdn-cgi\/handler\/scheduled/, // our cron driver's requests, and wrangler's hint to send them
  /Scheduled Workers are not automatically triggered/, // the driver does it
  /Unable to fetch the `Request\.cf` object/, // no internet: wrangler falls back to a placeholder
  /getaddrinfo ENOTFOUND workers\.cloudflare\.com/, // ditto
];
const WORKERD_STACK = /^\s*stack: .*workerd@/;

/** Copies a child's output line by line, minus the noise above; runs of blank lines become one. */
function passThrough(from: Readable, to: Writable) {
  let skipping = false;
  let lastBlank = false;
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    const plain = stripVTControlCharacters(line);
    const blank = plain.trim() === '';
    if (NOISE.some((re) => re.test(plain))) return void (skipping = true);
    if (skipping && (blank || /^\s/.test(plain))) return;
    skipping = false;
    if (WORKERD_STACK.test(plain) || (blank && lastBlank)) return;
    lastBlank = blank;
    to.write(`${line}\n`);
  });
}

/** Fires the tick of the minute `at` falls in; a failure is reported, and the next minute tries again. */
async function fireTick(at = Date.now()) {
  try {
    await triggerTick(BASE, at, TICK_TIMEOUT_MS);
  } catch (error) {
    // Shutdown cuts a trigger in flight short; that is no news.
    if (!stopping)
      say(`warning: tick trigger failed: ${describe(error)}; the next one runs at the next minute`);
  }
}

/** Fires at every UTC minute boundary; re-armed from the clock each time so it never drifts. */
function startCron() {
  const nextMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000 + 60_000;
  const arm = (target: number) => {
    cronTimer = setTimeout(() => {
      void fireTick(target);
      // A timer may fire a hair early, or late after a sleep: aim past both.
      arm(Math.max(target + 60_000, nextMinute(Date.now())));
    }, target - Date.now());
  };
  arm(nextMinute(Date.now()));
}

async function shutdown(code: number) {
  stopping = true;
  clearTimeout(cronTimer);
  await wrangler?.stop();
  if (demoApi) await stopDemoApi(demoApi);
  process.exit(code);
}

async function main() {
  // An invalid file stops here, before anything starts; buildConfig prints every problem.
  if (!buildConfig(config)) process.exit(1);
  if (!(await portFree(PORT))) {
    throw new Error(`port ${PORT} is already in use (another wrangler dev?); stop it and try again`);
  }

  const stop = () => {
    // A Ctrl-C reaches us twice: from the terminal and relayed by tsx.
    if (stopping) return;
    say('stopping');
    void shutdown(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);

  if (demo) {
    demoApi = await startDemoApi();
  }

  await applyLocalMigrations(env, persist);
  say(`local D1 migrated (${demo ? DEMO_STATE_DIR : '.wrangler/state'})`);

  const vars = [
    '--var',
    'COLO_TRACE_URL:',
    ...(demo
      ? ['--var', 'DEMO_TOKEN:demo-token', '--var', `DEMO_WEBHOOK_SECRET:${DEMO_WEBHOOK_SECRET}`]
      : []),
  ];
  wrangler = startWranglerDev(['--port', String(PORT), ...vars, ...persist], env);
  const { child } = wrangler;
  wranglerClosed = new Promise((resolve) => child.once('close', resolve));
  passThrough(child.stdout, process.stdout);
  passThrough(child.stderr, process.stderr);
  child.once('exit', async (code, signal) => {
    if (stopping) return;
    // Let its last words through before ours.
    await Promise.race([wranglerClosed, sleep(1_000)]);
    say(`wrangler dev exited on its own (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping`);
    await shutdown(1);
  });

  await waitUntilReady(BASE, READY_TIMEOUT_MS).catch((error: unknown) => {
    throw new Error(`${describe(error)}; see the output above`);
  });
  console.log(
    [
      '',
      `  Lookout is running locally${demo ? ' (demo)' : ''}`,
      `  Status page  ${BASE}/`,
      `  JSON API     ${BASE}/api/v1/status`,
      `  Config       ${config}${demo ? `, checking the demo API on http://127.0.0.1:${DEMO_API_PORT}/` : ''}`,
      '  A tick runs now and at every minute, one "[lookout] tick" line each. Ctrl-C stops.',
      '',
    ].join('\n'),
  );
  void fireTick();
  startCron();
}

main().catch(async (error: unknown) => {
  console.error(`[start] ${describe(error)}`);
  await shutdown(1);
});
