import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { LoadedConfig } from '../src/config/monitor';
import type { TickTrigger } from '../src/coordinator/minutes';
import type { TickCoordinator } from '../src/coordinator/tick-coordinator';
import { coordinator } from '../src/jobs/scheduled';
import { loadConfig, makeToken } from './helpers';

let names = 0;

/**
 * Waits for the next minute when the real clock is within `marginMs` of a minute's end: a test
 * whose minutes are real ones (the health route reads the real clock) would otherwise see the clock
 * pass into the next minute mid-test. Call it before `coordinatorWith`: an idle Durable Object is
 * evicted after ~10 s, and a new instance would not have the test's config.
 */
export async function clearOfMinuteEnd(marginMs = 15_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

/** A tick coordinator of its own (its claims start empty) whose minutes run on `file`. */
export async function coordinatorWith(file: Record<string, unknown>, label = 'test') {
  const stub = coordinator(env, `${label}-${Date.now().toString(36)}-${names++}`);
  const config = await loadConfig(file);
  await runInDurableObject(stub, (instance: TickCoordinator) => {
    instance.loadConfig = async (): Promise<LoadedConfig> => config;
  });
  return stub;
}

/**
 * Sends each run request once the previous one has claimed its minute or been refused: the
 * requests overlap in time (a minute may still be probing when the next one arrives) but reach
 * the coordinator in a known order. Returns the pending runs.
 */
export async function startInOrder(
  stub: DurableObjectStub<TickCoordinator>,
  requests: [at: number, trigger: TickTrigger][],
) {
  const runs = [];
  for (const [at, trigger] of requests) {
    const before = await stub.claimedMinute();
    const run = stub.run(at, trigger);
    runs.push(run);
    let settled = false;
    run.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled && (await stub.claimedMinute()) === before) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return runs;
}

export interface HealthBody {
  status: 'ok' | 'degraded' | 'stalled';
  last_tick: { scheduled_at: string; trigger: string; checks: number; unknown: number } | null;
  ticks_missed_24h: number;
  backstop_runs_24h: number;
  phases: Record<string, { last_error: string | null; last_error_tick: string | null }>;
  outbox: { pending: number; dead: number; oldest_pending_at: string | null };
}

/** GET /api/v1/health with a fresh read token. */
export async function readHealth(): Promise<{ status: number; body: HealthBody }> {
  const token = await makeToken(['read']);
  const response = await exports.default.fetch('http://lookout.test/api/v1/health', {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as HealthBody };
}
