import type { Region } from '../../regions/regions';
import type { Database } from '../client';
import { bucketOf, HISTOGRAM_COLUMNS, ROLLUP_COUNTERS } from '../histogram';
import { hourlyJoin, unpacked } from '../hourly-rollups';
import { BLOCK_SPAN, BLOCKS_CTE, CREATED_MINUTE_SQL, createdMinute, unpackBlock } from '../result-blocks';
import { DAY_MS, FLUSHED_TO_KEY, HOUR_MS } from './rollup-writes';
import type { RollupRow } from './uptime';

/** Which monitors a reader needs: one, the public ones, or all. */
export type LiveScope = { id: string } | 'public' | 'all';

/**
 * The rollup rows not yet written (src/db/queries/rollup-writes.ts): hourly rows for the hours
 * since the last flush, from raw results, and daily rows for the days not yet closed, from their
 * flushed hours plus those. Readers add them to what `rollup_rows` holds; the two never overlap.
 */
export async function readLiveRollups(db: Database, scope: LiveScope): Promise<RollupRow[]> {
  return parseLiveRollups(await db.$client.batch(liveRollupStatements(db, scope)));
}

/**
 * The reads behind readLiveRollups, for a caller to put in its own batch (one round trip): raw
 * results since the last flush, the open day's written hours summed per region, and the
 * monitors in scope (their interval, and when they were created).
 */
export function liveRollupStatements(db: Database, scope: LiveScope): D1PreparedStatement[] {
  const where = scope === 'all' ? 'true' : scope === 'public' ? 'm.is_public = 1' : 'm.id = ?1';
  const id = typeof scope === 'object' ? [scope.id] : [];
  // Before the first flush everything is still in raw results.
  const flushed = `coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = '${FLUSHED_TO_KEY}'), 0)`;
  // Raw results: the scope's blocks, each a key range from the flush on; one monitor's checks
  // are taken out in SQL, all monitors' in the parse below.
  const raw =
    typeof scope === 'object'
      ? `SELECT r.tick_at, json_object('c', r.data -> '$.c', 'o', r.data -> '$.o',
                'm', json_object(m.id, r.data -> ('$.m.' || json_quote(m.id)))) AS data
         FROM monitors AS m JOIN result_blocks AS r
          ON r.id >= m.result_block * ${BLOCK_SPAN} + max(${flushed}, ${CREATED_MINUTE_SQL})
          AND r.id < (m.result_block + 1) * ${BLOCK_SPAN}
         WHERE m.id = ?1 AND r.data -> ('$.m.' || json_quote(m.id)) IS NOT NULL`
      : `WITH RECURSIVE ${BLOCKS_CTE}
         SELECT r.tick_at, r.data FROM blocks JOIN result_blocks AS r
          ON r.id >= b * ${BLOCK_SPAN} + ${flushed} AND r.id < (b + 1) * ${BLOCK_SPAN}`;
  return [
    db.$client.prepare(raw).bind(...id),
    db.$client
      .prepare(
        `SELECT m.id AS monitor_id, r.key AS region, 'day' AS bucket,
                h.bucket_start - h.bucket_start % ${DAY_MS} AS bucket_start,
                ${ROLLUP_COUNTERS.map((c) => `sum(${unpacked(c)}) AS ${c}`).join(', ')},
                min(${unpacked('latency_min')}) AS latency_min, max(${unpacked('latency_max')}) AS latency_max
         FROM monitors AS m ${hourlyJoin(`${flushed} - ${flushed} % ${DAY_MS}`, flushed)}
         WHERE ${where}
         GROUP BY m.id, r.key`,
      )
      .bind(...id),
    db.$client
      .prepare(`SELECT m.id, m.interval_s, m.created_at FROM monitors AS m WHERE ${where}`)
      .bind(...id),
  ];
}

/** The live rollups from the results of liveRollupStatements. */
export function parseLiveRollups([raw, hours, scoped]: D1Result[]): RollupRow[] {
  const monitors = new Map(
    ((scoped?.results ?? []) as { id: string; interval_s: number; created_at: number }[]).map((m) => [
      m.id,
      { intervalS: m.interval_s, from: createdMinute(m.created_at) },
    ]),
  );
  const hourly = new Map<string, RollupRow>();
  for (const row of (raw?.results ?? []) as { tick_at: number; data: string }[]) {
    const hour = row.tick_at - (row.tick_at % HOUR_MS);
    for (const check of unpackBlock(row.tick_at, row.data)) {
      const monitor = monitors.get(check.monitorId);
      // Another scope's monitor, or an earlier monitor of that id.
      if (!monitor || row.tick_at < monitor.from) continue;
      const rollup = rowFor(hourly, check.monitorId, check.region, 'hour', hour);
      rollup[check.outcome]++;
      if (check.outcome === 'down') rollup.downtimeS += monitor.intervalS;
      const answered = (check.outcome === 'up' || check.outcome === 'degraded') && check.totalMs !== null;
      if (answered) addLatency(rollup, check.totalMs as number);
    }
  }
  const daily = new Map<string, RollupRow>();
  const stored = ((hours?.results ?? []) as Record<string, unknown>[]).map(fromColumns);
  for (const h of [...stored, ...hourly.values()]) {
    const day = rowFor(daily, h.monitorId, h.region, 'day', h.bucketStart - (h.bucketStart % DAY_MS));
    addRow(day, h);
  }
  return [...hourly.values(), ...daily.values()];
}

type Counter = 'up' | 'degraded' | 'down' | 'unknown' | 'downtimeS' | 'latencyCount' | 'latencySum';
const COUNTERS: Counter[] = ['up', 'degraded', 'down', 'unknown', 'downtimeS', 'latencyCount', 'latencySum'];

function rowFor(
  rows: Map<string, RollupRow>,
  monitorId: string,
  region: Region,
  bucket: 'hour' | 'day',
  bucketStart: number,
): RollupRow {
  const key = `${monitorId} ${region} ${bucket} ${bucketStart}`;
  let row = rows.get(key);
  if (!row) {
    row = {
      monitorId,
      region,
      bucket,
      bucketStart,
      up: 0,
      degraded: 0,
      down: 0,
      unknown: 0,
      downtimeS: 0,
      latencyCount: 0,
      latencySum: 0,
      latencyMin: null,
      latencyMax: null,
      ...(Object.fromEntries(HISTOGRAM_COLUMNS.map((c) => [c, 0])) as Record<
        (typeof HISTOGRAM_COLUMNS)[number],
        number
      >),
    };
    rows.set(key, row);
  }
  return row;
}

function addLatency(row: RollupRow, ms: number) {
  row.latencyCount++;
  row.latencySum += ms;
  row.latencyMin = row.latencyMin === null ? ms : Math.min(row.latencyMin, ms);
  row.latencyMax = row.latencyMax === null ? ms : Math.max(row.latencyMax, ms);
  const column = HISTOGRAM_COLUMNS[bucketOf(ms)];
  if (column) row[column]++;
}

function addRow(into: RollupRow, row: RollupRow) {
  for (const c of COUNTERS) into[c] += row[c];
  for (const c of HISTOGRAM_COLUMNS) into[c] += row[c];
  if (row.latencyMin !== null) into.latencyMin = Math.min(into.latencyMin ?? row.latencyMin, row.latencyMin);
  if (row.latencyMax !== null) into.latencyMax = Math.max(into.latencyMax ?? row.latencyMax, row.latencyMax);
}

/** A rollup row as D1 returns it (snake_case) in the Drizzle shape. */
function fromColumns(r: Record<string, unknown>): RollupRow {
  return {
    monitorId: r.monitor_id as string,
    region: r.region as Region,
    bucket: r.bucket as 'hour' | 'day',
    bucketStart: r.bucket_start as number,
    up: r.up as number,
    degraded: r.degraded as number,
    down: r.down as number,
    unknown: r.unknown as number,
    downtimeS: r.downtime_s as number,
    latencyCount: r.latency_count as number,
    latencySum: r.latency_sum as number,
    latencyMin: (r.latency_min as number | null) ?? null,
    latencyMax: (r.latency_max as number | null) ?? null,
    ...(Object.fromEntries(HISTOGRAM_COLUMNS.map((c) => [c, r[c] as number])) as Record<
      (typeof HISTOGRAM_COLUMNS)[number],
      number
    >),
  };
}
