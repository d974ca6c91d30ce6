import type { GetProber } from '../jobs/dispatch';

/** Probers come from the Durable Object namespace, each obtained with its region as location hint. */
export function probersFrom(namespace: Env['PROBER']): GetProber {
  return (job) => namespace.get(namespace.idFromName(job.prober ?? job.shard), { locationHint: job.region });
}
