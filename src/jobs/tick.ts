import { decideAlerts } from '../alerting/decide';
import { deliverDue, enqueue, type DeliveryStats } from '../alerting/outbox';
import type { ChannelConfig } from '../config/alerting-schema';
import type { Database } from '../db/client';
import { alertStateStatement, incidentStatements, openIncidentReminders } from '../db/queries/incidents';
import { noticeStatements, readNotices } from '../db/queries/finding-notices';
import { listMaintenance } from '../db/queries/maintenance';
import { listScheduled } from '../db/queries/monitors';
import { writeTick } from '../db/queries/tick-writes';
import type { WriteStats } from '../db/statements';
import type { ProbeResult } from '../probes/result';
import type { SecretLookup } from '../probes/templates';
import { runShards, type GetProber, type ShardFailure } from './dispatch';
import { judgeHeartbeats } from './heartbeats';
import { DEFAULT_RETENTION, runHousekeeping, type HousekeepingStats, type Retention } from './housekeeping';
import { monitorStates } from './monitor-status';
import { isDue, planShards, type ScheduledMonitor } from './plan';
import { applyRechecks, planRechecks } from './recheck';

export interface TickDeps {
  db: Database;
  /** The tick's scheduled time (epoch ms): the clock every decision in the tick uses. */
  tickAt: number;
  getProber: GetProber;
  shardSize: number;
  /** How long past its checks' timeouts a prober may take; tests shorten it. */
  proberGraceMs?: number;
  /** Worker secrets: heartbeat tokens and channel credentials. */
  secrets: SecretLookup;
  /** How long raw results and hourly rollups are kept (default 14 and 90 days). */
  retention?: Retention;
  alerting: {
    channels: readonly ChannelConfig[];
    statusPageUrl: string | null;
    fetch: typeof fetch;
    newId?: () => string;
  };
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
  incidents: { opened: number; resolved: number };
  alerts: number;
  deliveries: DeliveryStats;
  housekeeping: HousekeepingStats;
}

/**
 * One tick: pick the due monitors, probe them from every region (and judge push monitors), decide
 * incidents and alerts, write it all in one D1 batch, then deliver what the outbox holds.
 */
export async function runTick(deps: TickDeps): Promise<TickSummary> {
  const { db, tickAt, alerting } = deps;
  const startedAt = Date.now();
  const monitors = await listScheduled(db);
  const due = monitors.filter((m) => isDue(m, tickAt));
  const jobs = planShards(due, deps.shardSize);
  const [probed, heartbeats, windows, lastReminders, notices] = await Promise.all([
    runShards(jobs, deps.getProber, deps.proberGraceMs),
    judgeHeartbeats(db, due, deps.secrets, tickAt),
    listMaintenance(db),
    openIncidentReminders(db),
    readNotices(db),
  ]);
  const rechecked = await recheck(deps, due, probed.results);
  const results = [...rechecked.stored, ...heartbeats.results];
  const decisions = decideAlerts({
    subjects: monitors,
    results: [...rechecked.votes, ...heartbeats.results],
    windows,
    lastReminders,
    notices,
    now: tickAt,
    statusPageUrl: alerting.statusPageUrl,
    newId: alerting.newId ?? (() => crypto.randomUUID()),
  });
  const stats = await writeTick(db, {
    tickAt,
    startedAt,
    probeMs: Date.now() - startedAt,
    results,
    states: monitorStates(results),
    failedProbers: probed.failures.length,
    then: [
      ...heartbeats.statements,
      ...alertStateStatement(db, decisions.states),
      ...incidentStatements(db, decisions.writes),
      ...noticeStatements(db, decisions.notices, tickAt),
      ...enqueue(db, decisions.events, alerting.channels, tickAt),
    ],
  });
  const housekeeping = await runHousekeeping(db, tickAt, deps.retention ?? DEFAULT_RETENTION);
  const deliveries = await deliverDue({
    db,
    channels: alerting.channels,
    secrets: deps.secrets,
    fetch: alerting.fetch,
    now: tickAt,
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
    failures: probed.failures,
    durationMs: Date.now() - startedAt,
    incidents: {
      opened: decisions.writes.filter((w) => w.kind === 'open').length,
      resolved: decisions.writes.filter((w) => w.kind === 'resolve').length,
    },
    alerts: decisions.events.length,
    deliveries,
    housekeeping,
    ...stats,
  };
}

/** Immediate re-checks of single-region failures, from a region that passed (policy `recheck`). */
async function recheck(deps: TickDeps, due: ScheduledMonitor[], results: ProbeResult[]) {
  const jobs = planRechecks(due, results);
  if (jobs.length === 0) return { stored: results, votes: results };
  const rechecks = await runShards(jobs, deps.getProber, deps.proberGraceMs);
  return applyRechecks(results, rechecks.results);
}

export function formatTickLine(s: TickSummary): string {
  const time = new Date(s.tickAt).toISOString().slice(11, 19);
  const lost =
    s.failures.length > 0
      ? ` · ${s.failures.length} probers failed (${s.failures.map((f) => f.shard).join(', ')})`
      : '';
  return `[lookout] tick ${time}Z · ${s.checks} checks · ${s.up} up${s.degraded ? ` · ${s.degraded} degraded` : ''} · ${s.down} down${s.unknown ? ` · ${s.unknown} unknown` : ''} · ${s.durationMs} ms · ${s.rowsWritten} rows written in ${s.statements} statements${lost}`;
}
