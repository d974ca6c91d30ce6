import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CheckSpec } from '../config/checks';
import type { Region } from '../regions/regions';
import type { Finding, Outcome, RegionResult } from '../probes/result';

/** Times are epoch milliseconds (UTC) throughout. */

export const monitors = sqliteTable('monitors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  group: text('group_name'),
  kind: text('kind', { enum: ['http', 'flow', 'tcp', 'dns'] }).notNull(),
  spec: text('spec', { mode: 'json' }).$type<CheckSpec>().notNull(),
  intervalS: integer('interval_s').notNull(),
  regions: text('regions', { mode: 'json' }).$type<Region[]>().notNull(),
  isPublic: integer('is_public', { mode: 'boolean' }).notNull(),
  source: text('source', { enum: ['config', 'api'] }).notNull(),
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const checkResults = sqliteTable(
  'check_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    monitorId: text('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    region: text('region').$type<Region>().notNull(),
    colo: text('colo').notNull(),
    /** The scheduled time of the tick: with monitor and region, makes a retried write a no-op. */
    tickAt: integer('tick_at').notNull(),
    startedAt: integer('started_at').notNull(),
    ttfbMs: integer('ttfb_ms'),
    totalMs: integer('total_ms'),
    httpStatus: integer('http_status'),
    outcome: text('outcome').$type<Outcome>().notNull(),
    /** Taxonomy code (FAILURES.md) when not up. */
    cause: text('cause'),
    detail: text('detail'),
    findings: text('findings', { mode: 'json' }).$type<Finding[]>(),
  },
  // One index: each index entry is a billed row written per check. It serves idempotent writes
  // and per-monitor reads.
  (t) => [uniqueIndex('check_results_monitor_region_tick').on(t.monitorId, t.region, t.tickAt)],
);

export const monitorState = sqliteTable('monitor_state', {
  monitorId: text('monitor_id')
    .primaryKey()
    .references(() => monitors.id, { onDelete: 'cascade' }),
  status: text('status').$type<Outcome | 'partial'>().notNull(),
  since: integer('since').notNull(),
  lastCheckedAt: integer('last_checked_at').notNull(),
  /** The last result per region, replaced whole at each check of the monitor. */
  regions: text('regions', { mode: 'json' }).$type<Partial<Record<Region, RegionResult>>>().notNull(),
});

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
});

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});
