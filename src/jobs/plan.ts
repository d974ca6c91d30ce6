import type { AlertState } from '../alerting/evaluate';
import type { Policy } from '../config/alerting-schema';
import type { CheckSpec, ProbeSpec } from '../config/checks';
import { chunk } from '../lib/chunk';
import type { Region } from '../regions/regions';
import type { ShardJob } from '../regions/shard';

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
}

/** Crons fire a little late at times; a check 30 s early still counts as on schedule. */
const DUE_SLACK_MS = 30_000;

export function isDue(monitor: ScheduledMonitor, tickAt: number): boolean {
  if (monitor.lastCheckedAt === null) return true;
  return tickAt - monitor.lastCheckedAt >= monitor.intervalS * 1000 - DUE_SLACK_MS;
}

type ProbedMonitor = ScheduledMonitor & { spec: ProbeSpec };

/** Heartbeats are pushed to Lookout, not probed. */
function isProbed(monitor: ScheduledMonitor): monitor is ProbedMonitor {
  return monitor.spec.kind !== 'heartbeat';
}

/** Splits the due checks per region into shards of at most `shardSize`, one prober each. */
export function planShards(due: readonly ScheduledMonitor[], shardSize: number): ShardJob[] {
  const byRegion = new Map<Region, ProbedMonitor[]>();
  for (const monitor of due.filter(isProbed)) {
    for (const region of monitor.regions) {
      const list = byRegion.get(region) ?? [];
      list.push(monitor);
      byRegion.set(region, list);
    }
  }
  return [...byRegion].flatMap(([region, monitors]) =>
    chunk(monitors, shardSize).map((part, index) => ({
      region,
      shard: `${region}:${index}`,
      tasks: part.map((m) => ({ monitorId: m.id, spec: m.spec })),
    })),
  );
}
