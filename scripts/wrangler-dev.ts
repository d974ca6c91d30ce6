/**
 * Running the real Worker under `wrangler dev`, shared by `npm start` (scripts/start.ts) and the
 * browser tests' harness (test/browser/global-setup.ts): migrations, the dev server in its own
 * process group, readiness, cron ticks (wrangler dev never fires crons) and a clean stop.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';

/** What every wrangler run here needs: no metrics, and CI=1 so migrations never prompt. */
export const wranglerEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CI: '1',
  ...extra,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A loopback port free right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs `npx <args>` to completion, returning its exit code and combined output. */
export function runNpx(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: null, output: String(error) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Applies the migrations to the local D1 (`args`: e.g. --persist-to, --config; by default
 * .wrangler/state and wrangler.toml); throws with wrangler's output.
 */
export async function applyLocalMigrations(env: NodeJS.ProcessEnv, args: string[] = []): Promise<void> {
  const { code, output } = await runNpx(
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...args],
    env,
  );
  if (code !== 0) throw new Error(`applying the local D1 migrations failed (exit code ${code}):\n${output}`);
}

export interface WranglerDev {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves once the whole process group is gone. */
  stop(): Promise<void>;
}

/** Starts `npx wrangler dev <args>` in its own process group, so stop() can end workerd along with it. */
export function startWranglerDev(args: string[], env: NodeJS.ProcessEnv): WranglerDev {
  const child = spawn('npx', ['wrangler', 'dev', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const closed = new Promise((resolve) => child.once('close', resolve));
  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    if (!child.pid) return false;
    try {
      return process.kill(-child.pid, signal);
    } catch {
      return false; // nobody left in the group
    }
  };
  // Last resort if the parent dies some other way: never leave workerd running.
  const onExit = () => signalGroup('SIGKILL');
  process.on('exit', onExit);
  return {
    child,
    async stop() {
      process.off('exit', onExit);
      signalGroup('SIGTERM');
      // Wait for the whole group, not just 'close': a workerd orphaned by a crashed wrangler ignores
      // SIGTERM and would keep the port.
      for (let waited = 0; signalGroup(0) && waited < 5_000; waited += 100) await sleep(100);
      signalGroup('SIGKILL');
      await closed;
    },
  };
}

/** Waits until the Worker at `base` answers its status API (the D1 is migrated and the bundle built). */
export async function waitUntilReady(base: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/api/v1/status`, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  throw new Error(`the worker did not answer ${base}/api/v1/status within ${timeoutMs / 1000} s`);
}

/**
 * Fires the tick of the minute `at` falls in, with that minute as its scheduled time, as Cloudflare's
 * cron does. Throws when the trigger fails or answers an error.
 */
export async function fireTick(base: string, at: number, timeoutMs: number): Promise<void> {
  const minute = Math.floor(at / 60_000) * 60_000;
  const response = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${minute}`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`answered ${response.status}: ${body.split('\n')[0]}`);
}

/** fetch() puts the useful part ("connect ECONNREFUSED ...") in the cause. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
