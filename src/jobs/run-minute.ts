import { enqueue } from '../alerting/outbox';
import { bundledConfig } from '../config/bundled';
import type { LoadedConfig } from '../config/monitor';
import { syncConfig } from '../config/reconcile';
import { sharedHeartbeatTokens, weakHeartbeatTokens } from '../config/token-strength';
import { formatProblems } from '../config/validate';
import type { TickTrigger } from '../coordinator/minutes';
import { tickMissedEvent } from '../coordinator/operator-events';
import { createDb } from '../db/client';
import { emailBindingsFrom } from '../email/providers';
import { meteredD1, type D1Meter } from '../db/metered';
import { runBatch } from '../db/statements';
import { secretsFromEnv } from '../probes/templates';
import { probersFrom } from '../regions/prober-namespace';
import { meteredProbers, ProberMeter } from './dispatch';
import type { LatencyMemory } from './latency-memory';
import { PhaseLog } from './phases';
import { formatTickLine, runTick, type TickSummary } from './tick';
import { pingWatchdog } from './watchdog';

export const DEFAULT_SHARD_SIZE = 50;

export interface MinuteRequest {
  minute: number;
  trigger: TickTrigger;
  /** Set by the backstop when the cron fell silent: tell the channels (once per silence). */
  missed?: { minutes: number; silentSince: number } | null;
}

export interface MinuteRun {
  /** The minute, or a slot's time inside it. */
  minute: number;
  trigger: TickTrigger | 'slot';
  summary: TickSummary;
  usage: MinuteUsage;
}

/** What the minute cost, as billed: D1 queries and rows, Durable Object requests and active time. */
export interface MinuteUsage {
  d1: D1Meter;
  /** Durable Object requests: the coordinator's (this run) and each prober call. */
  doRequests: number;
  /** Durable Object wall time while active: the coordinator's (the whole minute) and the probers'. */
  doActiveMs: number;
}

/**
 * One minute of Lookout, phase by phase: apply the bundled config (when it changed), tell the
 * channels if the cron went silent, run the tick, ping the watchdog. A failed config sync is
 * recorded and monitoring goes on with the config last applied to D1.
 */
export async function runMinute(
  env: Env,
  request: MinuteRequest,
  loadConfig: () => Promise<LoadedConfig> = bundledConfig,
  latency?: LatencyMemory,
): Promise<MinuteRun> {
  const { minute, trigger } = request;
  const startedAt = Date.now();
  const { d1, meter } = meteredD1(env.DB);
  const db = createDb(d1);
  const probers = new ProberMeter();
  const secrets = secretsFromEnv(env);
  const log = new PhaseLog(minute);
  const config = await log.run<LoadedConfig | null>('config', loadConfig, null);
  // Secret values are known only here: a weak heartbeat token is a config error (its pings are refused).
  // A shared one too: the first monitor keeps the token, the others' pings cannot reach them.
  const tokens = config
    ? [...weakHeartbeatTokens(config.monitors, secrets), ...sharedHeartbeatTokens(config.monitors, secrets)]
    : [];
  if (tokens.length > 0) log.fail('config', new Error(formatProblems('lookout.yaml', tokens)));
  if (config) {
    const synced = await log.run('config', () => syncConfig(db, config, minute), null);
    if (synced) {
      console.log(
        `[lookout] config applied: ${synced.added.length} added, ${synced.updated.length} updated, ${synced.removed.length} removed, ${synced.unchanged} unchanged${synced.removing ? ` (${synced.removing} still being removed: their history goes a chunk at a time)` : ''}`,
      );
    }
  }
  const channels = config?.channels ?? [];
  const statusPageUrl = config?.statusPageUrl ?? null;
  if (request.missed) {
    const event = tickMissedEvent(minute, request.missed.minutes, request.missed.silentSince, statusPageUrl);
    console.error(`[lookout] ${event.summary}`);
    await log.run('delivery', () => runBatch(db, enqueue(db, [event], channels, minute)), null);
  }
  const summary = await runTick({
    ...tickDeps(env, config, latency),
    db,
    tickAt: minute,
    trigger,
    log,
    getProber: meteredProbers(probersFrom(env.PROBER), probers),
    secrets,
  });
  await pingWatchdog(db, log, config, summary, secrets);
  // Logged after the ping, so the figures cover the whole minute (a failed ping writes to D1).
  const usage: MinuteUsage = {
    d1: { ...meter },
    doRequests: 1 + probers.calls,
    doActiveMs: Date.now() - startedAt + probers.activeMs(),
  };
  console.log(
    `${formatTickLine(summary)}${trigger === 'cron' ? '' : ` · run by ${trigger}`}${formatUsage(usage)}`,
  );
  return { minute, trigger, summary, usage };
}

/**
 * One slot inside a minute (src/jobs/slots.ts): the monitors checked more often than once a minute
 * that are due at `at`, on the config last applied (a slot never syncs it).
 */
export async function runSlot(
  env: Env,
  at: number,
  loadConfig: () => Promise<LoadedConfig> = bundledConfig,
  latency?: LatencyMemory,
): Promise<MinuteRun> {
  const startedAt = Date.now();
  const { d1, meter } = meteredD1(env.DB);
  const probers = new ProberMeter();
  const log = new PhaseLog(at);
  const config = await log.run<LoadedConfig | null>('config', loadConfig, null);
  const summary = await runTick({
    ...tickDeps(env, config, latency),
    db: createDb(d1),
    tickAt: at,
    slot: true,
    log,
    getProber: meteredProbers(probersFrom(env.PROBER), probers),
    secrets: secretsFromEnv(env),
  });
  const usage: MinuteUsage = {
    d1: { ...meter },
    doRequests: 1 + probers.calls,
    doActiveMs: Date.now() - startedAt + probers.activeMs(),
  };
  console.log(`${formatTickLine(summary)} · slot${formatUsage(usage)}`);
  return { minute: at, trigger: 'slot', summary, usage };
}

/** What a minute and a slot run on alike, from the Worker's environment and the config. */
function tickDeps(env: Env, config: LoadedConfig | null, latency: LatencyMemory | undefined) {
  return {
    shardSize: Number(env.SHARD_SIZE) || DEFAULT_SHARD_SIZE,
    ...(latency ? { latency } : {}),
    apiSecrets: config?.apiSecrets.allowed ?? [],
    ...(config ? { retention: config.retention } : {}),
    rdap: { bootstrapUrl: env.RDAP_BOOTSTRAP_URL || null, baseUrl: env.RDAP_BASE_URL || null },
    alerting: {
      channels: config?.channels ?? [],
      statusPageUrl: config?.statusPageUrl ?? null,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
      emailBinding: emailBindingsFrom(env),
      subscribers: config?.subscribers ?? null,
    },
  };
}

/** The tick line's cost suffix (bench/lib/harness.ts parses it). */
export function formatUsage(u: MinuteUsage): string {
  const unreported = u.d1.unreported > 0 ? ` (${u.d1.unreported} reads unreported)` : '';
  return ` · D1 ${u.d1.queries} queries, ${u.d1.rowsRead} rows read, ${u.d1.rowsWritten} rows written${unreported} · DO ${u.doRequests} requests, ${u.doActiveMs} ms active`;
}
