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
import type { RdapSettings } from '../src/jobs/domains';
import { secretsFromEnv } from '../src/probes/templates';
import { sha256Hex } from '../src/lib/hash';
import { emailBindingsFrom } from '../src/email/providers';
import { createdMinute, unpackBlock } from '../src/db/result-blocks';
import type { Finding, ProbeResult } from '../src/probes/result';

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
  /** Domain-expiry lookups (off unless given: most tests' hosts are loopback anyway). */
  rdap?: RdapSettings;
  /** Run `tickAt` as a slot inside its minute (the sub-minute monitors due then), not a minute. */
  slot?: boolean;
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
    ...(options.rdap ? { rdap: options.rdap } : {}),
    ...(options.slot ? { slot: true } : {}),
    secrets: secretsFromEnv(env),
    ...(options.config ? { retention: options.config.retention } : {}),
    apiSecrets,
    alerting: {
      channels: options.config?.channels ?? [],
      statusPageUrl: options.config?.statusPageUrl ?? null,
      fetch: (input, init) => fetch(input, init),
      emailBinding: emailBindingsFrom(env),
      subscribers: options.config?.subscribers ?? null,
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
  const tables = [
    'monitors',
    'result_blocks',
    'latest_results',
    'ticks',
    'meta',
    'deliveries',
    'maintenances',
    // Kept per host and per domain, not per monitor: nothing deletes them with the monitors.
    'certificates',
    'domains',
  ];
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

/**
 * The raw results readers see (D1 packs them per block and tick), unpacked: those of monitors
 * that exist, from the minute each was created; oldest tick first, then monitor, region. A
 * monitor's newest tick carries its current findings (kept per monitor, not per tick).
 */
export async function storedResults(
  filter: { monitorId?: string; region?: string } = {},
): Promise<StoredResult[]> {
  const [rows, monitors] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare('SELECT tick_at, data FROM result_blocks ORDER BY tick_at'),
    env.DB.prepare(
      `SELECT m.id, m.created_at, f.findings,
              (SELECT e.value ->> 0 FROM latest_results AS l, json_each(l.data) AS e
               WHERE l.block = m.result_block AND e.key = m.id) AS latest
       FROM monitors AS m LEFT JOIN monitor_findings AS f ON f.monitor_id = m.id`,
    ),
  ]);
  const byId = new Map(
    (
      monitors?.results as {
        id: string;
        created_at: number;
        findings: string | null;
        latest: number | null;
      }[]
    ).map((m) => [m.id, m]),
  );
  return (rows?.results as { tick_at: number; data: string }[])
    .flatMap((row) =>
      unpackBlock(row.tick_at, row.data).map((r): StoredResult => {
        const monitor = byId.get(r.monitorId);
        const findings =
          monitor?.findings && monitor.latest === row.tick_at
            ? ((JSON.parse(monitor.findings) as Record<string, Finding[]>)[r.region] ?? [])
            : [];
        return { ...r, findings, tickAt: row.tick_at };
      }),
    )
    .filter((r) => {
      const monitor = byId.get(r.monitorId);
      return monitor !== undefined && r.tickAt >= createdMinute(monitor.created_at);
    })
    .filter(
      (r) =>
        (!filter.monitorId || r.monitorId === filter.monitorId) &&
        (!filter.region || r.region === filter.region),
    )
    .sort(
      (a, b) =>
        a.tickAt - b.tickAt || a.monitorId.localeCompare(b.monitorId) || a.region.localeCompare(b.region),
    );
}

/** Every block row D1 holds, whoever its checks belong to. */
export async function countBlockRows(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM result_blocks').first<{ n: number }>();
  return row?.n ?? 0;
}

export async function countResults(filter: { monitorId?: string; region?: string } = {}): Promise<number> {
  return (await storedResults(filter)).length;
}
