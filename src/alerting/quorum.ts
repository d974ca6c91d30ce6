import type { Outcome } from '../probes/result';
import { describeCode, type Severity } from '../probes/taxonomy';
import { REGIONS, type Region } from '../regions/regions';

/** One region's result for one monitor in one tick, as the alerting state machine sees it. */
export interface RegionVote {
  region: Region;
  outcome: Outcome;
  cause: string | null;
}

export type Verdict = 'down' | 'degraded' | 'up' | 'none';

export interface Tally {
  verdict: Verdict;
  /** The commonest cause among the votes behind a down or degraded verdict; null when up or none. */
  cause: string | null;
  /** The regions that voted for the verdict, in REGIONS order. */
  regions: Region[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Lower is more severe; a code this version does not know ranks last. */
function severityRank(cause: string): number {
  const entry = describeCode(cause);
  return entry ? SEVERITY_RANK[entry.severity] : 3;
}

/** The commonest cause; ties go to the most severe, then alphabetical, so the result is stable. */
function commonestCause(votes: readonly RegionVote[]): string | null {
  const counts = new Map<string, number>();
  for (const { cause } of votes) if (cause !== null) counts.set(cause, (counts.get(cause) ?? 0) + 1);
  const ranked = [...counts].sort(
    ([a, countA], [b, countB]) =>
      countB - countA || severityRank(a) - severityRank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return ranked[0]?.[0] ?? null;
}

function regionsOf(votes: readonly RegionVote[]): Region[] {
  return votes.map((v) => v.region).sort((a, b) => REGIONS.indexOf(a) - REGIONS.indexOf(b));
}

/**
 * The tick's verdict from region votes. `unknown` votes do not report (Lookout could not check, which
 * says nothing of the target). k = quorum, or a majority of the reporting regions, clamped to
 * [1, reporting] so an outage is not hidden when fewer regions than the quorum could check.
 */
export function tallyVotes(votes: readonly RegionVote[], quorum: number | null): Tally {
  const known = votes.filter((v) => v.outcome !== 'unknown');
  const n = known.length;
  if (n === 0) return { verdict: 'none', cause: null, regions: [] };
  const k = Math.max(1, Math.min(quorum ?? Math.floor(n / 2) + 1, n));

  const down = known.filter((v) => v.outcome === 'down');
  if (down.length >= k) return { verdict: 'down', cause: commonestCause(down), regions: regionsOf(down) };

  // Down regions count towards degraded: a quorum of regions is at least degraded.
  const atLeastDegraded = known.filter((v) => v.outcome !== 'up');
  if (atLeastDegraded.length >= k) {
    const degraded = known.filter((v) => v.outcome === 'degraded');
    return { verdict: 'degraded', cause: commonestCause(degraded), regions: regionsOf(atLeastDegraded) };
  }
  return { verdict: 'up', cause: null, regions: regionsOf(known.filter((v) => v.outcome === 'up')) };
}
