import { connect } from 'cloudflare:sockets';
import { DurableObject } from 'cloudflare:workers';
import { secretsFromEnv } from '../probes/templates';
import { anchorsFromPem } from '../probes/tls/anchors';
import type { ProbeResult } from '../probes/result';
import { learnColo } from './colo';
import { runShard, type ShardJob } from './shard';

/**
 * The regional prober: a Durable Object per (region, group of shards), created with its region as
 * the location hint so its checks leave from there. Each shard is its own request (its own six
 * connections); the shards of a group run concurrently in one object, billed once for the time any
 * is active. It returns results and never touches D1.
 */
export class Prober extends DurableObject<Env> {
  private colo: Promise<string> | undefined;
  private certificates: { ctLogUrl: string | null; anchors: ReturnType<typeof anchorsFromPem> } | undefined;

  async probe(job: ShardJob): Promise<ProbeResult[]> {
    // The budget counts from here, on this machine's clock: a first call's colo lookup uses it too.
    const startedAt = Date.now();
    this.colo ??= learnColo(this.env.COLO_TRACE_URL);
    const colo = await this.colo;
    this.certificates ??= {
      ctLogUrl: this.env.CT_LOG_URL || null,
      anchors: anchorsFromPem(this.env.TLS_TRUST_ANCHORS),
    };
    const budgetMs = job.budgetMs === undefined ? {} : { budgetMs: job.budgetMs - (Date.now() - startedAt) };
    return runShard(
      { ...job, ...budgetMs },
      {
        fetch: (input, init) => fetch(input, init),
        connect: (address) => connect(address),
        colo,
        certificates: this.certificates,
        secrets: secretsFromEnv(this.env),
        now: Date.now,
      },
    );
  }
}
