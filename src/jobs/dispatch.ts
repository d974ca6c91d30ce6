import { checkBudgetMs } from '../probes/budget';
import type { ProbeResult } from '../probes/result';
import { MAX_IN_FLIGHT, type ShardJob } from '../regions/shard';

export interface ProberHandle {
  probe(job: ShardJob): Promise<ProbeResult[]>;
}

export type GetProber = (job: ShardJob) => ProberHandle;

export interface ShardFailure {
  shard: string;
  error: string;
}

/** Beyond its checks, what a prober may take: its start (cold start, colo lookup, RPC) and its answer. */
export const PROBER_GRACE_MS = 5_000;

export interface DispatchLimits {
  /**
   * When every answer must be in, from this call. Each prober is sent what is left after the grace
   * (`ShardJob.budgetMs`, relative: its clock may differ) and stops its checks by then itself.
   */
  budgetMs?: number;
  /** What a prober may take beyond its checks (default PROBER_GRACE_MS); tests shorten it. */
  graceMs?: number;
}

/** A shard's worst case: its waves of MAX_IN_FLIGHT checks, each wave as slow as its slowest check. */
export function shardWorstCaseMs(job: ShardJob): number {
  const slowest = Math.max(0, ...job.tasks.map((t) => checkBudgetMs(t.spec)));
  return Math.ceil(job.tasks.length / MAX_IN_FLIGHT) * slowest;
}

/**
 * How long the dispatcher waits for a prober: its worst case or its own deadline, whichever is
 * sooner, plus the grace. A backstop: a healthy prober answers by its deadline with what it has.
 */
export function proberDeadlineMs(job: ShardJob, graceMs = PROBER_GRACE_MS): number {
  return Math.min(shardWorstCaseMs(job), job.budgetMs ?? Infinity) + graceMs;
}

export interface ShardRun {
  results: ProbeResult[];
  failures: ShardFailure[];
}

/**
 * Runs every shard in parallel. A prober that throws or outlives its deadline costs its own
 * checks for this tick, recorded as `unknown`, and nothing else. `limits` may be a number: the
 * grace alone, as before budgets.
 */
export async function runShards(
  jobs: readonly ShardJob[],
  getProber: GetProber,
  limits: DispatchLimits | number = {},
): Promise<ShardRun> {
  const { budgetMs, graceMs = PROBER_GRACE_MS } = typeof limits === 'number' ? { graceMs: limits } : limits;
  const failures: ShardFailure[] = [];
  const perShard = await Promise.all(
    jobs.map(async (planned) => {
      const job =
        budgetMs === undefined ? planned : { ...planned, budgetMs: Math.max(0, budgetMs - graceMs) };
      const startedAt = Date.now();
      try {
        return await withDeadline(getProber(job).probe(job), proberDeadlineMs(job, graceMs));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ shard: job.shard, error: message });
        return lostResults(job, startedAt, message);
      }
    }),
  );
  return { results: perShard.flat(), failures };
}

/**
 * Prober calls and the time prober objects were active, counted by `meteredProbers` across a whole
 * minute, rechecks included: Durable Object requests (one per call) and what the probers are billed
 * for (128 MB x the seconds each object had a call in progress: concurrent calls to one object
 * count once), give or take the objects' own start and end.
 */
export class ProberMeter {
  calls = 0;
  private settledMs = 0;
  /** Per object in use: calls in progress and since when it has been active. */
  private readonly active = new Map<string, { pending: number; since: number }>();

  /** Active time of the objects so far; one still waiting counts up to `now`. */
  activeMs(now = Date.now()): number {
    let ms = this.settledMs;
    for (const object of this.active.values()) ms += now - object.since;
    return ms;
  }

  async time<T>(object: string, call: () => Promise<T>): Promise<T> {
    this.calls += 1;
    const entry = this.active.get(object) ?? { pending: 0, since: Date.now() };
    entry.pending += 1;
    this.active.set(object, entry);
    try {
      return await call();
    } finally {
      entry.pending -= 1;
      if (entry.pending === 0) {
        this.active.delete(object);
        this.settledMs += Date.now() - entry.since;
      }
    }
  }
}

/** The same probers, each call counted and its object's active time measured by `meter`. */
export function meteredProbers(getProber: GetProber, meter: ProberMeter): GetProber {
  return (job) => {
    const prober = getProber(job);
    return { probe: (sent) => meter.time(job.prober ?? job.shard, () => prober.probe(sent)) };
  };
}

function lostResults(job: ShardJob, startedAt: number, message: string): ProbeResult[] {
  return job.tasks.map((task) => ({
    monitorId: task.monitorId,
    region: job.region,
    colo: 'unknown',
    startedAt,
    ttfbMs: null,
    totalMs: null,
    httpStatus: null,
    outcome: 'unknown',
    cause: 'lookout.prober_failed',
    detail: `prober ${job.shard} failed: ${message.slice(0, 200)}`,
    findings: [],
  }));
}

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: number | null = null;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
