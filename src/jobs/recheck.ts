import { groupBy } from '../lib/group';
import type { ProbeSpec } from '../config/checks';
import type { ProbeResult } from '../probes/result';
import type { ShardJob } from '../regions/shard';
import { taskOf, type ScheduledMonitor } from './plan';

/**
 * Re-checks, at once and from another region, the monitors (with `recheck: true`) that failed in
 * exactly one region while another region passed. Pure planning: one job per region that rechecks.
 */
export function planRechecks(
  due: readonly ScheduledMonitor[],
  results: readonly ProbeResult[],
  apiSecrets: readonly string[] = [],
): ShardJob[] {
  const byMonitor = groupResults(results);
  const jobs = new Map<string, ShardJob>();
  for (const monitor of due) {
    if (!monitor.policy.recheck || monitor.spec.kind === 'heartbeat') continue;
    const list = byMonitor.get(monitor.id) ?? [];
    const down = list.filter((r) => r.outcome === 'down');
    const up = list.find((r) => r.outcome === 'up');
    if (down.length !== 1 || !up) continue;
    const job = jobs.get(up.region) ?? { region: up.region, shard: `${up.region}:recheck`, tasks: [] };
    job.tasks.push(taskOf({ ...monitor, spec: monitor.spec as ProbeSpec }, apiSecrets));
    jobs.set(up.region, job);
  }
  return [...jobs.values()];
}

/**
 * The results as alerting sees them: a single-region failure that another region's immediate
 * re-check did not confirm does not vote (it stays stored as measured, with a note). Only a re-check
 * that passed (up or degraded) overrides a failure: one that failed or could not check (`unknown`,
 * e.g. its prober failed) leaves the failure standing. Pure.
 */
export function applyRechecks(
  results: readonly ProbeResult[],
  rechecks: readonly ProbeResult[],
): { stored: ProbeResult[]; votes: ProbeResult[] } {
  const passed = new Map(
    rechecks.filter((r) => r.outcome === 'up' || r.outcome === 'degraded').map((r) => [r.monitorId, r]),
  );
  const stored: ProbeResult[] = [];
  const votes: ProbeResult[] = [];
  for (const result of results) {
    const recheck = result.outcome === 'down' ? passed.get(result.monitorId) : undefined;
    if (!recheck) {
      stored.push(result);
      votes.push(result);
      continue;
    }
    const note = `${result.detail ?? result.cause}; not confirmed: ${recheck.region} re-checked and got ${recheck.outcome}`;
    stored.push({ ...result, detail: note.slice(0, 500) });
    votes.push({ ...result, outcome: 'unknown' });
  }
  return { stored, votes };
}

function groupResults(results: readonly ProbeResult[]): Map<string, ProbeResult[]> {
  return groupBy(results, (r) => r.monitorId);
}
