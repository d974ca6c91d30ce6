import type { AlertState } from '../alerting/evaluate';
import { decideAlerts } from '../alerting/decide';
import { deliverDue, enqueue, type DeliveryStats } from '../alerting/outbox';
import type { ChannelConfig } from '../config/alerting-schema';
import type { EmailBinding } from '../email/providers';
import { boundedResult } from '../db/bounded';
import type { Database } from '../db/client';
import { alertStateStatement, incidentStatements, openIncidentReminders } from '../db/queries/incidents';
import { noticeStatements, readNotices } from '../db/queries/finding-notices';
import { flushRollups } from '../db/queries/rollup-writes';
import { listMaintenance } from '../db/queries/maintenance';
import { listScheduled } from '../db/queries/monitors';
import { writeTick } from '../db/queries/tick-writes';
import type { WriteStats } from '../db/statements';
import type { ProbeResult } from '../probes/result';
import type { SecretLookup } from '../probes/templates';
import { MINUTE_MS, type TickTrigger } from '../coordinator/minutes';
import { DELIVER_BY_MS, PROBE_BUDGET_MS, RECHECK_BY_MS } from './deadline';
import { PROBER_GRACE_MS, runShards, type GetProber, type ShardFailure } from './dispatch';
import { checkCertificates } from './certificates';
import { checkDomains, type RdapSettings } from './domains';
import { judgeHeartbeats } from './heartbeats';
import type { LatencyMemory } from './latency-memory';
import type { SubscriberSettings } from '../subscribers/config';
import { enqueueForSubscribers, incidentNotices, maintenanceNotices } from '../subscribers/notices';
import { subscriberSender } from '../subscribers/send';
import { DEFAULT_RETENTION, runHousekeeping, type HousekeepingStats, type Retention } from './housekeeping';
import { monitorStates } from './monitor-status';
import { PhaseLog, type PhaseError } from './phases';
import { isDue, planShards, type ScheduledMonitor } from './plan';
import { dueAtOffset, slotLimits, slotOffsets } from './slots';
import type { ShardJob } from '../regions/shard';
import { applyRechecks, planRechecks } from './recheck';

export interface TickDeps {
  db: Database;
  /** What fired this minute; recorded with the tick. */
  trigger?: TickTrigger;
  /** Phase errors found before the tick proper (config sync), reported with its own. */
  log?: PhaseLog;
  /** The tick's scheduled time (epoch ms): the clock every decision in the tick uses. */
  tickAt: number;
  getProber: GetProber;
  shardSize: number;
  /** What checks took last minute, to plan shards by (worst cases without it); learns this tick's. */
  latency?: LatencyMemory;
  /** How long past its checks' timeouts a prober may take; tests shorten it. */
  proberGraceMs?: number;
  /** When probing must end, from the tick's start (default PROBE_BUDGET_MS); tests shorten it. */
  probeBudgetMs?: number;
  /** The secrets monitors managed through the API may resolve (`api.allowed_secrets`; none if unset). */
  apiSecrets?: readonly string[];
  /** Worker secrets: heartbeat tokens and channel credentials. */
  secrets: SecretLookup;
  /** How long raw results and hourly rollups are kept (default 14 and 90 days). */
  retention?: Retention;
  /** Domain-expiry lookups (src/jobs/domains.ts); none without it. */
  rdap?: RdapSettings;
  /**
   * A slot inside the minute (src/jobs/slots.ts), `tickAt` being its time: only the monitors
   * checked more often than once a minute that are due then, their alerts decided and sent at
   * once; no push monitors, certificates, domains, rechecks, rollups or housekeeping.
   */
  slot?: boolean;
  alerting: {
    channels: readonly ChannelConfig[];
    statusPageUrl: string | null;
    fetch: typeof fetch;
    /** The Worker's `send_email` bindings by name (email channels with provider cloudflare). */
    emailBinding?: (name: string) => EmailBinding | undefined;
    /** Status page subscriptions (src/subscribers/); none without. */
    subscribers?: SubscriberSettings | null;
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
  /** Phases that failed (each failed alone; the others ran). */
  errors: PhaseError[];
  /** The slots inside this minute that its monitors checked more often than once a minute need. */
  slots: number[];
}

const NO_HOUSEKEEPING: HousekeepingStats = { rawDeleted: 0, hourlyDeleted: 0, daily: false, rowsWritten: 0 };
const NO_DELIVERIES: DeliveryStats = { attempted: 0, claimed: 0, sent: 0, failed: 0, dead: 0 };

/**
 * One tick: pick the due monitors, probe them from every region (and judge push monitors), decide
 * incidents and alerts, write, then housekeeping and delivery. Each phase fails alone (PhaseLog):
 * a failed decision still stores the results, a failed write of the alerting part still stores
 * the measurements, and housekeeping or delivery errors never cost the rest. A slot (`deps.slot`)
 * probes only the sub-minute monitors due at it and goes straight to deciding, writing and sending.
 */
export async function runTick(deps: TickDeps): Promise<TickSummary> {
  const { db, tickAt } = deps;
  const startedAt = Date.now();
  const log = deps.log ?? new PhaseLog(tickAt);
  // Without the monitor list there is nothing to probe; the error is recorded and the tick ends.
  const monitors = await log.run('probe', () => listScheduled(db), []);
  const probed = deps.slot
    ? await probeSlot(deps, monitors, log)
    : await probeMinute(deps, monitors, log, startedAt);
  return conclude(deps, monitors, probed, log, startedAt);
}

/** What a tick's probing phase hands on: results to store, the votes to decide on, and the rest. */
interface Probed {
  due: ScheduledMonitor[];
  jobs: ShardJob[];
  failures: ShardFailure[];
  stored: ProbeResult[];
  votes: ProbeResult[];
  /** Push monitors' writes (heartbeat state), stored with the alerting part. */
  statements: D1PreparedStatement[];
  context: AlertContext | null;
  /** When delivery may start no more sends, from the tick's start. */
  deliverByMs: number;
}

/** A minute's probing: every due monitor, push monitors, certificates, domains and rechecks. */
async function probeMinute(
  deps: TickDeps,
  monitors: ScheduledMonitor[],
  log: PhaseLog,
  startedAt: number,
): Promise<Probed> {
  const { db, tickAt } = deps;
  const due = monitors.filter((m) => isDue(m, tickAt));
  const probeBudgetMs = deps.probeBudgetMs ?? PROBE_BUDGET_MS;
  const jobs = planShards(
    due,
    deps.shardSize,
    probeBudgetMs - (deps.proberGraceMs ?? PROBER_GRACE_MS),
    deps.latency?.expected,
    deps.apiSecrets,
  );
  // Certificates of https monitors, hourly per host:port beside the probing: src/jobs/certificates.ts.
  const certificates = checkCertificates(
    { db, tickAt, getProber: deps.getProber, budgetMs: probeBudgetMs },
    due,
    log,
  );
  // Domains of http, tcp and tls monitors, daily per registrable domain: src/jobs/domains.ts.
  const domains = deps.rdap ? checkDomains({ db, tickAt, rdap: deps.rdap }, due, log) : null;
  const [probed, heartbeats, context] = await Promise.all([
    runShards(jobs, deps.getProber, {
      budgetMs: probeBudgetMs - (Date.now() - startedAt),
      ...(deps.proberGraceMs === undefined ? {} : { graceMs: deps.proberGraceMs }),
    }),
    log.run('probe', () => judgeHeartbeats(db, due, deps.secrets, tickAt), {
      results: [],
      statements: [],
    }),
    log.run('decide', () => readAlertContext(db), null),
  ]);
  deps.latency?.learn(probed.results);
  const rechecked = await log.run('probe', () => recheck(deps, due, probed.results, startedAt), {
    stored: probed.results,
    votes: probed.results,
  });
  let { stored, votes } = rechecked;
  for (const readings of [await certificates, await domains]) {
    if (!readings) continue;
    stored = readings.attach(stored);
    votes = readings.attach(votes);
  }
  return {
    due,
    jobs,
    failures: probed.failures,
    stored: [...stored, ...heartbeats.results],
    votes: [...votes, ...heartbeats.results],
    statements: heartbeats.statements,
    context,
    deliverByMs: DELIVER_BY_MS,
  };
}

/** A slot's probing: the sub-minute monitors due at it, within what the slot may spend. */
async function probeSlot(deps: TickDeps, monitors: ScheduledMonitor[], log: PhaseLog): Promise<Probed> {
  const offset = deps.tickAt % MINUTE_MS;
  const due = monitors.filter((m) => m.spec.kind !== 'heartbeat' && dueAtOffset(m.intervalS * 1000, offset));
  const limits = slotLimits(Math.min(MINUTE_MS, ...due.map((m) => m.intervalS * 1000)));
  const nothing = { failures: [], stored: [], votes: [], statements: [], deliverByMs: limits.budgetMs };
  if (due.length === 0) return { due, jobs: [], context: null, ...nothing };
  const budgetMs = deps.probeBudgetMs ?? limits.budgetMs;
  const graceMs = deps.proberGraceMs ?? limits.graceMs;
  const jobs = planShards(due, deps.shardSize, budgetMs - graceMs, deps.latency?.expected, deps.apiSecrets);
  const [probed, context] = await Promise.all([
    runShards(jobs, deps.getProber, { budgetMs, graceMs }),
    log.run('decide', () => readAlertContext(deps.db), null),
  ]);
  return {
    due,
    jobs,
    failures: probed.failures,
    stored: probed.results,
    votes: probed.results,
    statements: [],
    context,
    deliverByMs: limits.budgetMs,
  };
}

/** Decide, write, then (a minute only) rollups and housekeeping, then deliver; the summary. */
async function conclude(
  deps: TickDeps,
  monitors: ScheduledMonitor[],
  probed: Probed,
  log: PhaseLog,
  startedAt: number,
): Promise<TickSummary> {
  const { db, tickAt, alerting } = deps;
  const results = probed.stored.map(boundedResult);
  const decisions = await log.run(
    'decide',
    async () =>
      probed.context &&
      decideAlerts({
        subjects: monitors,
        results: probed.votes.map(boundedResult),
        ...probed.context,
        now: tickAt,
        statusPageUrl: alerting.statusPageUrl,
      }),
    null,
  );
  const alertingWrites = decisions
    ? [
        ...alertStateStatement(db, changedStates(decisions.states, monitors)),
        ...incidentStatements(db, decisions.writes),
        ...noticeStatements(db, decisions.notices, tickAt),
        ...enqueue(db, decisions.events, alerting.channels, tickAt),
        ...enqueueForSubscribers(
          db,
          [
            ...incidentNotices(decisions.events),
            // Maintenance is told by the minute's tick; a slot has only its own monitors' events.
            ...(alerting.subscribers && probed.context && !deps.slot
              ? maintenanceNotices(probed.context.windows, tickAt, alerting.subscribers.publicUrl)
              : []),
          ],
          tickAt,
        ),
      ]
    : [];
  const stats =
    deps.slot && results.length === 0
      ? { statements: 0, rowsWritten: 0 }
      : await writeTick(
          db,
          {
            tickAt,
            startedAt,
            probeMs: Date.now() - startedAt,
            trigger: deps.trigger ?? 'cron',
            results,
            states: monitorStates(results),
            failedProbers: probed.failures.length,
            // A slot is not a tick: `ticks` (health, missed minutes) counts minutes.
            recordTick: !deps.slot,
          },
          [probed.statements, alertingWrites],
          log,
        );
  let housekeeping = NO_HOUSEKEEPING;
  if (!deps.slot) {
    // After the write: the hour just over is complete in raw results, and becomes rollups.
    await log.run('rollup', () => flushRollups(db, tickAt), null);
    housekeeping = await log.run(
      'housekeeping',
      () =>
        runHousekeeping(
          db,
          tickAt,
          deps.retention ?? DEFAULT_RETENTION,
          alerting.subscribers?.confirmWithinMs,
        ),
      NO_HOUSEKEEPING,
    );
  }
  // A slot sends only what it decided (so an alert leaves seconds after its check); retries wait for the minute.
  const deliver = !deps.slot || (decisions?.events.length ?? 0) > 0;
  const deliveries = deliver
    ? await log.run(
        'delivery',
        () =>
          deliverDue({
            db,
            channels: alerting.channels,
            secrets: deps.secrets,
            fetch: alerting.fetch,
            ...(alerting.emailBinding ? { emailBinding: alerting.emailBinding } : {}),
            ...(alerting.subscribers
              ? {
                  subscribers: subscriberSender(db, {
                    settings: alerting.subscribers,
                    channels: alerting.channels,
                    secrets: deps.secrets,
                    fetch: alerting.fetch,
                    emailBinding: alerting.emailBinding,
                    timeoutMs: 5000,
                  }),
                }
              : {}),
            now: tickAt,
            deadlineAt: startedAt + probed.deliverByMs,
          }),
        NO_DELIVERIES,
      )
    : NO_DELIVERIES;
  await log.persist(db);
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const writes = decisions?.writes ?? [];
  return {
    tickAt,
    monitors: probed.due.length,
    checks: results.length,
    up: count('up'),
    degraded: count('degraded'),
    down: count('down'),
    unknown: count('unknown'),
    shards: probed.jobs.length,
    failures: probed.failures,
    durationMs: Date.now() - startedAt,
    incidents: {
      opened: writes.filter((w) => w.kind === 'open').length,
      resolved: writes.filter((w) => w.kind === 'resolve').length,
    },
    alerts: decisions?.events.length ?? 0,
    deliveries,
    housekeeping,
    errors: log.errors,
    slots: deps.slot ? [] : slotOffsets(probed.due.map((m) => m.intervalS * 1000)),
    ...stats,
  };
}

type AlertContext = Awaited<ReturnType<typeof readAlertContext>>;

/** What alerting reads besides the monitors: maintenance, reminders, announced findings. */
async function readAlertContext(db: Database) {
  const [windows, lastReminders, notices] = await Promise.all([
    listMaintenance(db),
    openIncidentReminders(db),
    readNotices(db),
  ]);
  return { windows, lastReminders, notices };
}

/**
 * Immediate re-checks of single-region failures, from a region that passed (policy `recheck`),
 * within what is left until RECHECK_BY_MS; with no time left the results stand as measured.
 */
async function recheck(deps: TickDeps, due: ScheduledMonitor[], results: ProbeResult[], startedAt: number) {
  const jobs = planRechecks(due, results, deps.apiSecrets);
  const graceMs = deps.proberGraceMs ?? PROBER_GRACE_MS;
  const budgetMs = RECHECK_BY_MS - (Date.now() - startedAt);
  if (jobs.length === 0 || budgetMs < graceMs + 1_000) return { stored: results, votes: results };
  const rechecks = await runShards(jobs, deps.getProber, { budgetMs, graceMs });
  return applyRechecks(results, rechecks.results);
}

export function formatTickLine(s: TickSummary): string {
  const time = new Date(s.tickAt).toISOString().slice(11, 19);
  const lost =
    s.failures.length > 0
      ? ` · ${s.failures.length} probers failed (${namesOf(s.failures.map((f) => f.shard))})`
      : '';
  const failed =
    s.errors.length > 0 ? ` · failed phases: ${[...new Set(s.errors.map((e) => e.phase))].join(', ')}` : '';
  return `[lookout] tick ${time}Z · ${s.checks} checks · ${s.up} up${s.degraded ? ` · ${s.degraded} degraded` : ''} · ${s.down} down${s.unknown ? ` · ${s.unknown} unknown` : ''} · ${s.durationMs} ms · ${s.rowsWritten} rows written in ${s.statements} statements${lost}${failed}`;
}

/**
 * The alert states this tick changed (the tick stamp aside): a steady monitor's state is a fixed
 * point (streaks stop at their thresholds), so most ticks write none.
 */
function changedStates(states: Map<string, AlertState>, before: readonly ScheduledMonitor[]) {
  const key = (state: AlertState | null) => JSON.stringify(state && { ...state, lastTickAt: null });
  const previous = new Map(before.map((m) => [m.id, key(m.state)]));
  return new Map([...states].filter(([id, state]) => previous.get(id) !== key(state)));
}

/** Names for a log line: the first few, then how many more (a bad minute may fail thousands). */
function namesOf(names: readonly string[], shown = 10): string {
  const more = names.length - shown;
  return more > 0 ? `${names.slice(0, shown).join(', ')} and ${more} more` : names.join(', ');
}
