import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import { monitorsOf, prepareConfig, type LoadedConfig, type MonitorDefinition } from '../src/config/monitor';
import { bundledConfig } from '../src/config/bundled';
import { syncConfig } from '../src/config/reconcile';
import { configFileSchema } from '../src/config/schema';
import { createDb, type Database } from '../src/db/client';
import { probersFrom } from '../src/regions/prober-namespace';
import type { GetProber } from '../src/jobs/dispatch';
import { runTick, type TickSummary } from '../src/jobs/tick';
import type { LatencyMemory } from '../src/jobs/latency-memory';
import { secretsFromEnv } from '../src/probes/templates';
import { sha256Hex } from '../src/lib/hash';
import { unpackResults } from '../src/db/packed-results';
import type { ProbeResult } from '../src/probes/result';

export const db: Database = createDb(env.DB);
export const targetUrl = inject('targetUrl');
export const refusedUrl = inject('refusedUrl');

/** A minute-aligned tick time. */
export const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
export const MINUTE = 60_000;

/** A URL on the local target, tagged so this test's requests are counted apart from others'. */
export function target(path: string, tag: string, query: Record<string, string> = {}): string {
  const url = new URL(path, targetUrl);
  url.searchParams.set('tag', tag);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/** Monitors from a config-file object, through the real schema. */
export function monitorsFrom(file: unknown): MonitorDefinition[] {
  return monitorsOf(configFileSchema.parse(file));
}

export function loadConfig(file: unknown): Promise<LoadedConfig> {
  return prepareConfig(configFileSchema.parse(file));
}

export async function applyConfig(file: unknown, now = T0) {
  return syncConfig(db, await loadConfig(file), now);
}

export interface TickOptions {
  getProber?: GetProber;
  shardSize?: number;
  proberGraceMs?: number;
  /** When probing must end, from the tick's start (default PROBE_BUDGET_MS). */
  probeBudgetMs?: number;
  /** The config whose channels and status page URL the tick alerts with. */
  config?: LoadedConfig;
  /** Another handle on D1 (fault injection); the test database by default. */
  db?: Database;
  /** What checks took in earlier ticks, to plan shards by (worst cases without it). */
  latency?: LatencyMemory;
}

export async function tick(tickAt: number, options: TickOptions = {}): Promise<TickSummary> {
  // As a deployment does: API monitors resolve the secrets the bundled config allows them.
  const apiSecrets = (options.config ?? (await bundledConfig())).apiSecrets.allowed;
  return runTick({
    db: options.db ?? db,
    tickAt,
    getProber: options.getProber ?? probersFrom(env.PROBER),
    shardSize: options.shardSize ?? 50,
    ...(options.proberGraceMs === undefined ? {} : { proberGraceMs: options.proberGraceMs }),
    ...(options.probeBudgetMs === undefined ? {} : { probeBudgetMs: options.probeBudgetMs }),
    ...(options.latency ? { latency: options.latency } : {}),
    secrets: secretsFromEnv(env),
    ...(options.config ? { retention: options.config.retention } : {}),
    apiSecrets,
    alerting: {
      channels: options.config?.channels ?? [],
      statusPageUrl: options.config?.statusPageUrl ?? null,
      fetch: (input, init) => fetch(input, init),
    },
  });
}

export async function targetStats(tag: string) {
  const response = await fetch(new URL(`/__stats?tag=${tag}`, targetUrl));
  return (await response.json()) as {
    requests: number;
    maxInFlight: Record<string, number>;
    maxInFlightTotal: number;
  };
}

export async function targetRequests(tag: string) {
  const response = await fetch(new URL(`/__requests?tag=${tag}`, targetUrl));
  return (await response.json()) as {
    path: string;
    url: string;
    method: string;
    region: string | null;
    shard: string | null;
    headers: Record<string, string>;
  }[];
}

export async function resetDb(): Promise<void> {
  const tables = ['monitors', 'results', 'ticks', 'meta', 'deliveries', 'maintenances'];
  await env.DB.batch(tables.map((table) => env.DB.prepare(`DELETE FROM ${table}`)));
}

/** An API token with these scopes, stored hashed as `npm run token:create` does. */
export async function makeToken(scopes: ('read' | 'write')[]): Promise<string> {
  const token = `lk_test_${crypto.randomUUID()}`;
  await env.DB.prepare(
    'INSERT INTO api_tokens (id, name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)',
  )
    .bind(crypto.randomUUID(), 'test', await sha256Hex(token), JSON.stringify(scopes), Date.now())
    .run();
  return token;
}

export type StoredResult = ProbeResult & { tickAt: number };

/** The raw results D1 holds (packed per monitor and tick), unpacked: oldest tick first, then monitor, region. */
export async function storedResults(
  filter: { monitorId?: string; region?: string } = {},
): Promise<StoredResult[]> {
  const rows = await env.DB.prepare(
    // The newest row of a monitor carries its current findings (kept per monitor, not per row).
    `SELECT r.monitor_id, r.tick_at, r.checks,
            CASE WHEN r.tick_at = (SELECT max(tick_at) FROM results WHERE monitor_id = r.monitor_id)
                 THEN f.findings ELSE r.findings END AS findings
     FROM results AS r LEFT JOIN monitor_findings AS f ON f.monitor_id = r.monitor_id
     WHERE ?1 IS NULL OR r.monitor_id = ?1
     ORDER BY r.tick_at, r.monitor_id`,
  )
    .bind(filter.monitorId ?? null)
    .all<{ monitor_id: string; tick_at: number; checks: string; findings: string | null }>();
  return rows.results
    .flatMap((row) =>
      unpackResults(row.monitor_id, row.tick_at, row.checks, row.findings).map((r) => ({
        ...r,
        tickAt: row.tick_at,
      })),
    )
    .filter((r) => !filter.region || r.region === filter.region)
    .sort(
      (a, b) =>
        a.tickAt - b.tickAt || a.monitorId.localeCompare(b.monitorId) || a.region.localeCompare(b.region),
    );
}

export async function countResults(filter: { monitorId?: string; region?: string } = {}): Promise<number> {
  return (await storedResults(filter)).length;
}
