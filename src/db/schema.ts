import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  sqliteView,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import type { AlertEvent } from '../alerting/events';
import type { AlertState } from '../alerting/evaluate';
import type { WeeklyWindow } from '../alerting/maintenance';
import type { Policy } from '../config/alerting-schema';
import type { CheckSpec } from '../config/checks';
import type { Region } from '../regions/regions';
import { HISTOGRAM_COLUMNS } from './histogram';
import type { Outcome, RegionResult } from '../probes/result';
import type { CertificateReading } from '../probes/findings/tls';
import type { DomainReading } from '../probes/domain/rdap';

/** Times are epoch milliseconds (UTC) throughout. */

export const monitors = sqliteTable('monitors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  group: text('group_name'),
  kind: text('kind', { enum: ['http', 'flow', 'tcp', 'dns', 'tls', 'statuspage'] }).notNull(),
  spec: text('spec', { mode: 'json' }).$type<CheckSpec>().notNull(),
  intervalS: integer('interval_s').notNull(),
  regions: text('regions', { mode: 'json' }).$type<Region[]>().notNull(),
  isPublic: integer('is_public', { mode: 'boolean' }).notNull(),
  dependsOn: text('depends_on', { mode: 'json' }).$type<string[]>().notNull().default([]),
  policy: text('policy', { mode: 'json' }).$type<Policy>().notNull(),
  source: text('source', { enum: ['config', 'api'] }).notNull(),
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** The block its raw results are stored in (src/db/result-blocks.ts): set once, never moved. */
  resultBlock: integer('result_block').notNull().default(0),
});

/**
 * Raw results in blocks (src/db/result-blocks.ts): one row per block of monitors per tick, every
 * check of every monitor of the block packed in `data`. The key is `block * 2^44 + tick_at`, the
 * rowid: no index to write, a block's ticks are one key range, and a rowid table keeps rows of a
 * few KB whole in their pages (a WITHOUT ROWID table spills anything over about 1 KB into
 * overflow pages). A tick of 1,000 or 10,000 monitors writes at most RESULT_BLOCKS rows here.
 * `block` and `tick_at` are virtual columns: no bytes on disk. A removed monitor's checks stay
 * until retention prunes them; readers take a monitor's checks from the minute it was created.
 */
export const resultBlocks = sqliteTable('result_blocks', {
  id: integer('id').primaryKey(),
  block: integer('block').generatedAlwaysAs(sql`id >> 44`, { mode: 'virtual' }),
  /** The scheduled time of the tick: with the block, makes a retried write a no-op. */
  tickAt: integer('tick_at').generatedAlwaysAs(sql`id & 17592186044415`, { mode: 'virtual' }),
  /** JSON: `{"c": {region index: colo}, "o": base offset, "m": {monitor id: [check, ...]}}`. */
  data: text('data').notNull(),
});

/**
 * Each monitor's newest checks, per block: `{"<monitor id>": [tick_at, [check, ...]]}` (checks
 * with explicit colos and offsets from the tick), merged with json_patch each tick so only the
 * monitors checked are replaced. What status reads instead of scanning raw results.
 */
export const latestResults = sqliteTable('latest_results', {
  block: integer('block').primaryKey(),
  data: text('data').notNull(),
});

/**
 * Each monitor's findings per region, as its latest check found them: written when they change,
 * not with every result (a plain-HTTP monitor would store the same finding every minute).
 */
export const monitorFindings = sqliteTable('monitor_findings', {
  monitorId: text('monitor_id')
    .primaryKey()
    .references(() => monitors.id, { onDelete: 'cascade' }),
  /** JSON: the findings per region that had any; `{}` for none. */
  findings: text('findings').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const monitorState = sqliteTable('monitor_state', {
  monitorId: text('monitor_id')
    .primaryKey()
    .references(() => monitors.id, { onDelete: 'cascade' }),
  status: text('status').$type<Outcome | 'partial'>().notNull(),
  since: integer('since').notNull(),
  lastCheckedAt: integer('last_checked_at').notNull(),
  /** The last result per region, replaced whole at each check of the monitor. */
  regions: text('regions', { mode: 'json' }).$type<Partial<Record<Region, RegionResult>>>().notNull(),
  /** The alert state machine's memory (streaks, open incident): src/alerting/evaluate.ts. */
  alert: text('alert', { mode: 'json' }).$type<AlertState>(),
});

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    monitorId: text('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    cause: text('cause').notNull(),
    regions: text('regions', { mode: 'json' }).$type<Region[]>().notNull(),
    startedAt: integer('started_at').notNull(),
    resolvedAt: integer('resolved_at'),
    inMaintenance: integer('in_maintenance', { mode: 'boolean' }).notNull().default(false),
    /** Set when the cause is dependency.down: the parent monitor that is down. */
    dependencyOf: text('dependency_of'),
    /** The latest manual status: investigating, identified, monitoring, resolved. */
    status: text('status'),
    lastReminderAt: integer('last_reminder_at'),
  },
  (t) => [index('incidents_monitor_started').on(t.monitorId, t.startedAt)],
);

export const incidentEvents = sqliteTable(
  'incident_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    /** opened, cause_changed, resolved (automatic); investigating, identified, monitoring, resolved (manual). */
    kind: text('kind').notNull(),
    source: text('source', { enum: ['auto', 'manual'] }).notNull(),
    cause: text('cause'),
    regions: text('regions', { mode: 'json' }).$type<Region[]>(),
    message: text('message'),
  },
  (t) => [index('incident_events_incident').on(t.incidentId, t.at)],
);

export const maintenances = sqliteTable('maintenances', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  monitors: text('monitors', { mode: 'json' }).$type<string[]>().notNull(),
  groups: text('groups', { mode: 'json' }).$type<string[]>().notNull(),
  /** One-off windows: start and end. Weekly windows: day (0 = Monday), start minute, duration. */
  startsAt: integer('starts_at'),
  endsAt: integer('ends_at'),
  weekly: text('weekly', { mode: 'json' }).$type<WeeklyWindow>(),
  source: text('source', { enum: ['config', 'api'] }).notNull(),
});

/** The outbox: one row per (event, channel), retried until sent or dead. */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    channelId: text('channel_id').notNull(),
    eventType: text('event_type').notNull(),
    monitorId: text('monitor_id'),
    payload: text('payload', { mode: 'json' }).$type<AlertEvent>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastAttemptAt: integer('last_attempt_at'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
    /** A deliverer's claim: until then no other deliverer sends this row (a lease, so a kill frees it). */
    claimedUntil: integer('claimed_until'),
    /** Events with the same key are sent in order (an incident's opened before its resolved). */
    orderKey: text('order_key'),
  },
  (t) => [
    uniqueIndex('deliveries_event_channel').on(t.eventId, t.channelId),
    index('deliveries_due').on(t.status, t.nextAttemptAt),
  ],
);

export const heartbeats = sqliteTable('heartbeats', {
  monitorId: text('monitor_id')
    .primaryKey()
    .references(() => monitors.id, { onDelete: 'cascade' }),
  /** SHA-256 of the ping token: the token itself is never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  lastPingAt: integer('last_ping_at'),
  lastStatus: text('last_status', { enum: ['ok', 'fail'] }),
  lastMessage: text('last_message'),
});

/** Findings already announced, so each is raised once (and reminded at its lead times). */
export const findingNotices = sqliteTable(
  'finding_notices',
  {
    monitorId: text('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    /** The lead time (days) of the last notice sent; null for the first. */
    lastLeadDays: integer('last_lead_days'),
    notifiedAt: integer('notified_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.code] })],
);

export const ticks = sqliteTable('ticks', {
  scheduledAt: integer('scheduled_at').primaryKey(),
  startedAt: integer('started_at').notNull(),
  /** Dispatch and probing, up to the write. */
  probeMs: integer('probe_ms').notNull(),
  checks: integer('checks').notNull(),
  up: integer('up').notNull(),
  degraded: integer('degraded').notNull(),
  down: integer('down').notNull(),
  unknown: integer('unknown').notNull(),
  failedProbers: integer('failed_probers').notNull(),
  /** Unused since results are packed per monitor (was: the highest check_results id after this tick). */
  maxResultId: integer('max_result_id'),
  /** What ran this minute: the cron, the coordinator's backstop alarm (the cron missed it), or by hand. */
  trigger: text('trigger', { enum: ['cron', 'backstop', 'manual'] })
    .notNull()
    .default('cron'),
  /** When its last phase ended. */
  finishedAt: integer('finished_at'),
});

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

/** API tokens, stored as SHA-256 hashes; created with `npm run token:create`. */
export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scopes: text('scopes', { mode: 'json' }).$type<('read' | 'write')[]>().notNull(),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
});

const histogramColumn = (name: string) => integer(name).notNull().default(0);
const histogramColumns = () =>
  Object.fromEntries(HISTOGRAM_COLUMNS.map((name) => [name, histogramColumn(name)])) as Record<
    (typeof HISTOGRAM_COLUMNS)[number],
    ReturnType<typeof histogramColumn>
  >;

/** The columns of one rollup (a monitor, a region, an hour or a day): `rollups` and `rollup_rows`. */
const rollupColumns = () => ({
  monitorId: text('monitor_id').notNull(),
  region: text('region').$type<Region>().notNull(),
  bucket: text('bucket', { enum: ['hour', 'day'] }).notNull(),
  bucketStart: integer('bucket_start').notNull(),
  up: integer('up').notNull().default(0),
  degraded: integer('degraded').notNull().default(0),
  down: integer('down').notNull().default(0),
  unknown: integer('unknown').notNull().default(0),
  /** Each down check counts its monitor's interval. */
  downtimeS: integer('downtime_s').notNull().default(0),
  latencyCount: integer('latency_count').notNull().default(0),
  latencySum: integer('latency_sum').notNull().default(0),
  latencyMin: integer('latency_min'),
  latencyMax: integer('latency_max'),
  ...histogramColumns(),
});

/**
 * Daily aggregates per monitor and region, written when the day is over from its hours.
 * Everything long-lived (uptime, percentiles, SLA) reads rollups, not raw rows. Hourly ones are
 * in `hourly_rollups`; `bucket` is always 'day' here since migration 0008.
 */
export const rollups = sqliteTable(
  'rollups',
  {
    ...rollupColumns(),
    monitorId: text('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.region, t.bucket, t.bucketStart] })],
);

/**
 * Hourly aggregates, one row per monitor and hour with every region packed in `regions`
 * (src/db/hourly-rollups.ts): the hour's flush writes, and pruning deletes, a row per monitor,
 * not per monitor and region. WITHOUT ROWID (migration 0008), kept well under a page's ~1 KB
 * local payload so rows never overflow.
 */
export const hourlyRollups = sqliteTable(
  'hourly_rollups',
  {
    monitorId: text('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    bucketStart: integer('bucket_start').notNull(),
    /** JSON: `{"<region>": [counters in PACKED_COLUMNS order, trailing zeros and nulls left out]}`. */
    regions: text('regions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.bucketStart] })],
);

/**
 * What readers read: every rollup row, one per monitor, region and bucket, with the columns of
 * `rollups`: its daily rows and the hourly ones unpacked from `hourly_rollups` (a view made by
 * migration 0008; a reader's constraints on monitor and start reach both tables' keys).
 */
export const rollupRows = sqliteView('rollup_rows', rollupColumns()).existing();

/**
 * Certificates (migration 0007): the last reading of each host:port that https monitors use, taken
 * at most hourly from one region (src/jobs/certificates.ts). `reading` is null when no certificate
 * could be read (`outcome` and `detail` say why). Its findings join every result of the monitors
 * on that host:port, so they stay steady between readings.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    host: text('host').notNull(),
    port: integer('port').notNull(),
    checkedAt: integer('checked_at').notNull(),
    outcome: text('outcome').$type<Outcome>().notNull(),
    cause: text('cause'),
    detail: text('detail'),
    reading: text('reading', { mode: 'json' }).$type<CertificateReading>(),
  },
  (t) => [primaryKey({ columns: [t.host, t.port] })],
);

/**
 * Domains (migration 0009): the last RDAP reading of each registrable domain monitors use, taken at
 * most daily (src/jobs/domains.ts). `ok` is 0 when the lookup failed or the TLD has no RDAP
 * (`detail` says which); a failed lookup keeps the last good `reading`.
 */
export const domains = sqliteTable('domains', {
  domain: text('domain').primaryKey(),
  checkedAt: integer('checked_at').notNull(),
  ok: integer('ok', { mode: 'boolean' }).notNull(),
  detail: text('detail'),
  reading: text('reading', { mode: 'json' }).$type<DomainReading>(),
});

/**
 * Status page subscribers (src/subscribers/). One row per (kind, address): subscribing again
 * finds the same row. `groups` null means every public monitor. Pending rows wait for their
 * confirmation and are deleted by housekeeping once it is overdue.
 */
export const subscribers = sqliteTable(
  'subscribers',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['email', 'webhook'] }).notNull(),
    /** An email address (lower-cased) or an https webhook URL; never shown publicly. */
    address: text('address').notNull(),
    groups: text('groups', { mode: 'json' }).$type<string[]>(),
    status: text('status', { enum: ['pending', 'active'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    confirmedAt: integer('confirmed_at'),
    language: text('language'),
  },
  (t) => [
    uniqueIndex('subscribers_kind_address').on(t.kind, t.address),
    index('subscribers_status').on(t.status, t.createdAt),
  ],
);
