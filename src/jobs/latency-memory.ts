import type { ProbeResult } from '../probes/result';
import type { Region } from '../regions/regions';
import type { ExpectedMs } from './plan';

/** Planned time of a check that answered last minute: twice what it took, at least this. */
export const PLANNED_FLOOR_MS = 1_000;
const HEADROOM = 2;

/**
 * What each check took when it last ran, per monitor and region, kept in the coordinator's memory
 * from one minute to the next so that shards are planned by how checks behave, not by their
 * timeouts: 1,000 checks at 300 ms fit in a few prober requests instead of hundreds sized for
 * every check hanging at once.
 *
 * A check plans at its worst case (every request cut at its timeout) when nothing is known: first
 * minute, a coordinator just started, or its last check failed, was cut or is unknown. So a target
 * that starts hanging can cost one minute of `lookout.deadline_exceeded` (unknown, never a false
 * down) for the checks behind it in a shard; the next minute plans them at their timeout and they
 * are judged. Entries of deleted monitors stay until the coordinator restarts: a few bytes each.
 */
export class LatencyMemory {
  private readonly seen = new Map<string, number>();

  readonly expected: ExpectedMs = (monitorId, region, worstCaseMs) => {
    const ms = this.seen.get(key(monitorId, region));
    return ms === undefined ? worstCaseMs : Math.min(worstCaseMs, Math.max(PLANNED_FLOOR_MS, ms * HEADROOM));
  };

  learn(results: readonly ProbeResult[]): void {
    for (const r of results) {
      const answered = (r.outcome === 'up' || r.outcome === 'degraded') && r.totalMs !== null;
      if (answered) this.seen.set(key(r.monitorId, r.region), r.totalMs ?? 0);
      else this.seen.delete(key(r.monitorId, r.region));
    }
  }
}

const key = (monitorId: string, region: Region) => `${region} ${monitorId}`;
