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

/** Beyond the checks' own timeouts, what a prober may take (cold start, colo lookup, RPC). */
export const PROBER_GRACE_MS = 10_000;

/** The longest a healthy prober can take: every wave of checks hitting its timeout. */
export function proberDeadlineMs(job: ShardJob, graceMs = PROBER_GRACE_MS): number {
  const slowest = Math.max(0, ...job.tasks.map((t) => checkBudgetMs(t.spec)));
  return Math.ceil(job.tasks.length / MAX_IN_FLIGHT) * slowest + graceMs;
}

/**
 * Runs every shard in parallel. A prober that throws or outlives its deadline costs its own
 * checks for this tick, recorded as `unknown`, and nothing else.
 */
export async function runShards(
  jobs: readonly ShardJob[],
  getProber: GetProber,
  graceMs = PROBER_GRACE_MS,
): Promise<{ results: ProbeResult[]; failures: ShardFailure[] }> {
  const failures: ShardFailure[] = [];
  const perShard = await Promise.all(
    jobs.map(async (job) => {
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
