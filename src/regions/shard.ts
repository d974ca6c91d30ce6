import type { HttpSpec } from '../config/monitor';
import type { SecretLookup } from '../config/secrets';
import { mapWithLimit } from '../lib/pool';
import { probeHttp } from '../probes/http';
import type { ProbeResult } from '../probes/result';
import type { Region } from './regions';

/**
 * A Workers invocation may have 6 connections waiting for headers; a 7th queues and its wait would
 * count as latency. Local workerd does not enforce it, so the cap lives here.
 */
export const MAX_IN_FLIGHT = 5;

export interface ProbeTask {
  monitorId: string;
  spec: HttpSpec;
}

/** The checks one prober runs in one tick. */
export interface ShardJob {
  region: Region;
  /** `<region>:<index>`, also the prober's Durable Object name. */
  shard: string;
  tasks: ProbeTask[];
}

export interface ShardRuntime {
  fetch: typeof fetch;
  colo: string;
  secrets: SecretLookup;
}

export function runShard(job: ShardJob, runtime: ShardRuntime): Promise<ProbeResult[]> {
  const ctx = { ...runtime, region: job.region, shard: job.shard };
  return mapWithLimit(job.tasks, MAX_IN_FLIGHT, (task) => probeHttp(task.monitorId, task.spec, ctx));
}
