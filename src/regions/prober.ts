import { connect } from 'cloudflare:sockets';
import { DurableObject } from 'cloudflare:workers';
import { secretsFromEnv } from '../probes/templates';
import type { ProbeResult } from '../probes/result';
import { learnColo } from './colo';
import { runShard, type ShardJob } from './shard';

/**
 * The regional prober: one Durable Object per (region, shard), created with its region as the
 * location hint so its checks leave from there. It returns results and never touches D1.
 */
export class Prober extends DurableObject<Env> {
  private colo: Promise<string> | undefined;

  async probe(job: ShardJob): Promise<ProbeResult[]> {
    this.colo ??= learnColo(this.env.COLO_TRACE_URL);
    return runShard(job, {
      fetch: (input, init) => fetch(input, init),
      connect: (address) => connect(address),
      colo: await this.colo,
      secrets: secretsFromEnv(this.env),
      now: Date.now,
    });
  }
}
