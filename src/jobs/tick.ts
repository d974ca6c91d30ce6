import type { Database } from '../db/client';
import { listScheduled } from '../db/queries/monitors';
import { writeTick } from '../db/queries/tick-writes';
import type { WriteStats } from '../db/statements';
import { runShards, type GetProber, type ShardFailure } from './dispatch';
import { monitorStates } from './monitor-status';
import { isDue, planShards } from './plan';

export interface TickDeps {
  db: Database;
  /** The tick's scheduled time (epoch ms): the clock every decision in the tick uses. */
  tickAt: number;
  getProber: GetProber;
  shardSize: number;
  /** How long past its checks' timeouts a prober may take; tests shorten it. */
  proberGraceMs?: number;
}

export interface TickSummary extends WriteStats {
  tickAt: number;
  monitors: number;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  shards: number;
  failures: ShardFailure[];
  durationMs: number;
}

/** One tick: pick the due monitors, probe them from every region, write the outcome. */
export async function runTick({
  db,
  tickAt,
  getProber,
  shardSize,
  proberGraceMs,
}: TickDeps): Promise<TickSummary> {
  const startedAt = Date.now();
  const due = (await listScheduled(db)).filter((m) => isDue(m, tickAt));
  const jobs = planShards(due, shardSize);
  const { results, failures } = await runShards(jobs, getProber, proberGraceMs);
  const stats = await writeTick(db, {
    tickAt,
    startedAt,
    probeMs: Date.now() - startedAt,
    results,
    states: monitorStates(results),
    failedProbers: failures.length,
  });
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  return {
    tickAt,
    monitors: due.length,
    checks: results.length,
    up: count('up'),
    degraded: count('degraded'),
    down: count('down'),
    unknown: count('unknown'),
    shards: jobs.length,
    failures,
    durationMs: Date.now() - startedAt,
    ...stats,
  };
}

export function formatTickLine(s: TickSummary): string {
  const time = new Date(s.tickAt).toISOString().slice(11, 19);
  const lost =
    s.failures.length > 0
      ? ` · ${s.failures.length} probers failed (${s.failures.map((f) => f.shard).join(', ')})`
      : '';
  return `[lookout] tick ${time}Z · ${s.checks} checks · ${s.up} up${s.degraded ? ` · ${s.degraded} degraded` : ''} · ${s.down} down${s.unknown ? ` · ${s.unknown} unknown` : ''} · ${s.durationMs} ms · ${s.rowsWritten} rows written in ${s.statements} statements${lost}`;
}
