import type { AlertState } from '../alerting/evaluate';
import type { Policy } from '../config/alerting-schema';
import type { CheckSpec, ProbeSpec } from '../config/checks';
import { checkBudgetMs } from '../probes/budget';
import type { Region } from '../regions/regions';
import { MAX_IN_FLIGHT, type ProbeTask, type ShardJob } from '../regions/shard';
import { PROBE_BUDGET_MS } from './deadline';
import { PROBER_GRACE_MS } from './dispatch';

export interface ScheduledMonitor {
  id: string;
  name: string;
  group: string | null;
  regions: Region[];
  intervalS: number;
  spec: CheckSpec;
  createdAt: number;
  lastCheckedAt: number | null;
  dependsOn: string[];
  policy: Policy;
  /** The alert state machine's memory; null before the first evaluation. */
  state: AlertState | null;
  /** Where it was defined: a monitor managed through the API may resolve only allowed secrets. */
  source?: 'config' | 'api';
}

/** A monitor's check as a prober task: an API monitor's secrets limited to `apiSecrets`. */
export function taskOf(
  monitor: ScheduledMonitor & { spec: ProbeSpec },
  apiSecrets: readonly string[] = [],
): ProbeTask {
  return {
    monitorId: monitor.id,
    spec: monitor.spec,
    ...(monitor.source === 'api' ? { allowedSecrets: apiSecrets } : {}),
  };
}

/** Crons fire a little late at times; a check 30 s early still counts as on schedule. */
const DUE_SLACK_MS = 30_000;

/** Whether something last done at `lastAt` (null: never) is due again, every `everyMs`. */
export function dueAgain(lastAt: number | null, now: number, everyMs: number): boolean {
  return lastAt === null || now - lastAt >= everyMs - DUE_SLACK_MS;
}

export function isDue(monitor: ScheduledMonitor, tickAt: number): boolean {
  return dueAgain(monitor.lastCheckedAt, tickAt, monitor.intervalS * 1000);
}

type ProbedMonitor = ScheduledMonitor & { spec: ProbeSpec };

/** Heartbeats are pushed to Lookout, not probed. */
function isProbed(monitor: ScheduledMonitor): monitor is ProbedMonitor {
  return monitor.spec.kind !== 'heartbeat';
}

/** What the probers' checks may spend: the probing budget less a prober's start and answer. */
export const CHECKS_BUDGET_MS = PROBE_BUDGET_MS - PROBER_GRACE_MS;

/**
 * How long a check is expected to take when shards are planned: by default its worst case (every
 * request cut at its timeout); the coordinator passes what it saw last minute (LatencyMemory).
 */
export type ExpectedMs = (monitorId: string, region: Region, worstCaseMs: number) => number;

const worstCase: ExpectedMs = (_id, _region, worstCaseMs) => worstCaseMs;

/**
 * Shards that share one prober object: their requests run concurrently in it, each with its own
 * connections, and the object is billed once for the time any of them is active (Durable Objects
 * bill wall time per object, not per request).
 */
export const SHARDS_PER_PROBER = 8;

/**
 * Splits the due checks per region into shards, one prober request each, so that every shard can
 * finish inside `checksBudgetMs`: a request runs MAX_IN_FLIGHT checks at once, so a shard's time is
 * its waves (ceil(n / MAX_IN_FLIGHT)) times its slowest check, as `expected` puts it. A region's
 * checks are sorted slowest first (then by id, so the same monitors give the same shards) and
 * shards filled greedily: each takes as many waves of its first, slowest check as fit, and never
 * more than `shardSize` checks. A check slower than the budget alone still gets a shard (of one
 * wave): the prober's deadline cuts it. Every SHARDS_PER_PROBER shards of a region share a prober.
 */
export function planShards(
  due: readonly ScheduledMonitor[],
  shardSize: number,
  checksBudgetMs = CHECKS_BUDGET_MS,
  expected: ExpectedMs = worstCase,
  apiSecrets: readonly string[] = [],
): ShardJob[] {
  const byRegion = new Map<Region, { monitor: ProbedMonitor; budgetMs: number }[]>();
  for (const monitor of due.filter(isProbed)) {
    const worstCaseMs = checkBudgetMs(monitor.spec);
    for (const region of monitor.regions) {
      const list = byRegion.get(region) ?? [];
      list.push({ monitor, budgetMs: Math.min(worstCaseMs, expected(monitor.id, region, worstCaseMs)) });
      byRegion.set(region, list);
    }
  }
  return [...byRegion].flatMap(([region, checks]) => {
    checks.sort((a, b) => b.budgetMs - a.budgetMs || compare(a.monitor.id, b.monitor.id));
    const shards: ShardJob[] = [];
    for (let start = 0; start < checks.length;) {
      const slowest = checks[start]?.budgetMs ?? 0;
      const waves = Math.max(1, Math.floor(checksBudgetMs / Math.max(1, slowest)));
      const size = Math.max(1, Math.min(shardSize, waves * MAX_IN_FLIGHT));
      const part = checks.slice(start, start + size);
      shards.push({
        region,
        shard: `${region}:${shards.length}`,
        prober: `${region}#${Math.floor(shards.length / SHARDS_PER_PROBER)}`,
        tasks: part.map(({ monitor }) => taskOf(monitor, apiSecrets)),
      });
      start += part.length;
    }
    return shards;
  });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
