import type { ProbeSpec } from '../config/checks';
import { mapWithLimit } from '../lib/pool';
import { runCheck } from '../probes/check';
import type { ProbeContext } from '../probes/context';
import type { ProbeResult } from '../probes/result';
import type { Region } from './regions';

/**
 * A Workers invocation may have 6 connections waiting for headers; a 7th queues and its wait would
 * count as latency. Local workerd does not enforce it, so the cap lives here. A check that sends
 * several requests (a flow, an auth test) sends them one after another within its slot.
 */
export const MAX_IN_FLIGHT = 5;

export interface ProbeTask {
  monitorId: string;
  spec: ProbeSpec;
}

/** The checks one prober runs in one tick. */
export interface ShardJob {
  region: Region;
  /** `<region>:<index>`, also the prober's Durable Object name. */
  shard: string;
  tasks: ProbeTask[];
}

export type ShardRuntime = Omit<ProbeContext, 'region' | 'shard'>;

export function runShard(job: ShardJob, runtime: ShardRuntime): Promise<ProbeResult[]> {
  const ctx: ProbeContext = { ...runtime, region: job.region, shard: job.shard };
  // Staggered by 1 ms: five requests leaving in one burst measured several ms slower each.
  return mapWithLimit(job.tasks, MAX_IN_FLIGHT, (task) => runCheck(task.monitorId, task.spec, ctx), 1);
}
