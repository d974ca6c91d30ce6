/**
 * Cloudflare's prices for what a tick uses, and the month they add up to. Pure (no Node APIs): the
 * unit test runs it in workerd.
 *
 * Workers Paid, standard usage model, as published in July 2026 (copied into ../shared/PLATFORM.md):
 *   https://developers.cloudflare.com/workers/platform/pricing/
 *   https://developers.cloudflare.com/d1/platform/pricing/
 *   https://developers.cloudflare.com/durable-objects/platform/pricing/
 * Check those pages before quoting a figure; change the table and its date together.
 */

/** A meter's monthly allowance and its price beyond it. */
export interface Tier {
  included: number;
  usdPerMillion: number;
}

export interface Prices {
  /** When the figures were read, YYYY-MM. */
  asOf: string;
  sources: readonly string[];
  planUsd: number;
  workerRequests: Tier;
  workerCpuMs: Tier;
  d1RowsWritten: Tier;
  d1RowsRead: Tier;
  d1StorageGb: { included: number; usdPerUnit: number };
  doRequests: Tier;
  doGbSeconds: Tier;
  doMemoryGb: number;
}

export const PRICES: Prices = {
  asOf: '2026-07',
  sources: [
    'https://developers.cloudflare.com/workers/platform/pricing/',
    'https://developers.cloudflare.com/d1/platform/pricing/',
    'https://developers.cloudflare.com/durable-objects/platform/pricing/',
  ],
  planUsd: 5,
  workerRequests: { included: 10e6, usdPerMillion: 0.3 },
  workerCpuMs: { included: 30e6, usdPerMillion: 0.02 },
  d1RowsWritten: { included: 50e6, usdPerMillion: 1 },
  d1RowsRead: { included: 25e9, usdPerMillion: 0.001 },
  /** GB-months; the included 5 GB and the price are per GB (10^9 bytes) stored over the month. */
  d1StorageGb: { included: 5, usdPerUnit: 0.75 },
  doRequests: { included: 1e6, usdPerMillion: 0.15 },
  /** 128 MB (0.125 GB) x wall seconds while active. */
  doGbSeconds: { included: 400e3, usdPerMillion: 12.5 },
  doMemoryGb: 0.125,
};

/** Every minute, for 30 days. */
export const TICKS_PER_MONTH = 43_200;
export const TICKS_PER_DAY = 1_440;
/** Raw results are kept 14 days by default (DEFAULT_RETENTION in src/jobs/housekeeping.ts). */
export const DEFAULT_RAW_RETENTION_DAYS = 14;
/** Hourly rollups are kept 90 days by default; daily rollups for good (priced after a year). */
export const DEFAULT_HOURLY_RETENTION_DAYS = 90;
export const DAILY_ROLLUP_DAYS_PRICED = 365;
/** D1's largest database (Workers Paid). */
export const D1_MAX_GB = 10;

/** What one tick used, as measured. */
export interface TickCost {
  workerRequests: number;
  workerCpuMs: number;
  d1RowsRead: number;
  d1RowsWritten: number;
  /** Bytes the tick added to the database at rest (raw results). */
  d1BytesAdded: number;
  /** Bytes an hour's rollups add at rest (written once, at the hour's end); 0 if not measured. */
  d1RollupBytesPerHour?: number;
  /** Bytes a day's rollups add at rest (a row per monitor and region); an hour's if not measured. */
  d1DailyRollupBytesPerDay?: number;
  doRequests: number;
  doActiveMs: number;
}

export interface CostLine {
  meter: string;
  /** The month's use, in `unit`. */
  used: number;
  unit: string;
  included: number;
  billed: number;
  usd: number;
}

export interface MonthlyCost {
  ticks: number;
  lines: CostLine[];
  totalUsd: number;
}

export interface ProjectionOptions {
  ticks?: number;
  /** Days of raw results kept: the database's size at steady state is what they add up to. */
  retentionDays?: number;
  /** Days of hourly rollups kept (default 90). */
  hourlyRetentionDays?: number;
  prices?: Prices;
}

function line(meter: string, used: number, unit: string, included: number, usdPerUnit: number): CostLine {
  const billed = Math.max(0, used - included);
  return { meter, used, unit, included, billed, usd: billed * usdPerUnit };
}

/**
 * The month that `tick` repeated `ticks` times costs. Storage is the database at steady state:
 * what a tick adds times the ticks raw retention keeps, plus an hour's rollups times the hours
 * hourly retention keeps, plus a year of daily rollups (a day's rows as measured, or about an
 * hour's rows, once a day).
 */
export function projectMonth(tick: TickCost, options: ProjectionOptions = {}): MonthlyCost {
  const p = options.prices ?? PRICES;
  const ticks = options.ticks ?? TICKS_PER_MONTH;
  const retentionDays = options.retentionDays ?? DEFAULT_RAW_RETENTION_DAYS;
  const rollupBytes = tick.d1RollupBytesPerHour ?? 0;
  const storedGb =
    (tick.d1BytesAdded * retentionDays * TICKS_PER_DAY +
      rollupBytes * 24 * (options.hourlyRetentionDays ?? DEFAULT_HOURLY_RETENTION_DAYS) +
      (tick.d1DailyRollupBytesPerDay ?? rollupBytes) * DAILY_ROLLUP_DAYS_PRICED) /
    1e9;
  const gbSeconds = (tick.doActiveMs / 1000) * p.doMemoryGb * ticks;
  const M = 1e6;
  const lines: CostLine[] = [
    { meter: 'Workers Paid plan', used: 1, unit: 'month', included: 0, billed: 1, usd: p.planUsd },
    line(
      'Worker requests',
      tick.workerRequests * ticks,
      'requests',
      p.workerRequests.included,
      p.workerRequests.usdPerMillion / M,
    ),
    line(
      'Worker CPU',
      tick.workerCpuMs * ticks,
      'CPU ms',
      p.workerCpuMs.included,
      p.workerCpuMs.usdPerMillion / M,
    ),
    line(
      'D1 rows written',
      tick.d1RowsWritten * ticks,
      'rows',
      p.d1RowsWritten.included,
      p.d1RowsWritten.usdPerMillion / M,
    ),
    line(
      'D1 rows read',
      tick.d1RowsRead * ticks,
      'rows',
      p.d1RowsRead.included,
      p.d1RowsRead.usdPerMillion / M,
    ),
    line(
      'D1 storage (steady state)',
      storedGb,
      'GB-months',
      p.d1StorageGb.included,
      p.d1StorageGb.usdPerUnit,
    ),
    line(
      'Durable Object requests',
      tick.doRequests * ticks,
      'requests',
      p.doRequests.included,
      p.doRequests.usdPerMillion / M,
    ),
    line(
      'Durable Object duration',
      gbSeconds,
      'GB-s',
      p.doGbSeconds.included,
      p.doGbSeconds.usdPerMillion / M,
    ),
  ];
  return { ticks, lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0) };
}
