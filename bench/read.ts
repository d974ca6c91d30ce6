/**
 * The read API over a long history: does what a request costs follow the window asked for, or the
 * history kept? Run through the real pipeline (config build, wrangler bundle, workerd via
 * Miniflare, D1 with the real migrations).
 *
 *   npm run bench:read -- [--raw-days 14] [--requests 50] [--warmup 5]
 *
 * For each history length (400 days, then 30 days in a fresh database) it builds the Worker with
 * 100 public monitors m000..m099 x 3 regions (weur, enam, apac) pointing at the local target and
 * fires one tick at T (now, minute-aligned): that applies the config (monitors rows) and writes a
 * monitor_state row per monitor, as production does. The history before T is then seeded straight
 * into D1 with INSERT ... SELECT over recursive CTEs, generated inside SQLite:
 *   - daily rollups for every day of the history (the current day included),
 *   - hourly rollups for the last min(history, 90) days (hourly retention is 90 days), a row per
 *     monitor and hour with its regions packed, as the flush writes them,
 *   - raw results (packed per block of monitors and tick) at a 1-minute interval for the last min(history, --raw-days) days.
 * Rollups the tick at T already wrote are left alone (ON CONFLICT DO NOTHING).
 *
 * Then it measures, each --warmup times unmeasured and --requests times measured:
 *   GET /api/v1/status
 *   GET /api/v1/monitors/m042/uptime?window=90d
 *   GET /api/v1/monitors/m042/sla?from=<365 days ago>&to=<now>&target=99.9
 *   GET /api/v1/monitors/m042/uptime?window=30d (a control: a window both histories fill)
 * "Server time" is the wall time of `mf.dispatchFetch` seen from this process, body read included:
 * the Worker, its D1 queries and the Node <-> workerd hop (an upper bound on the Worker's time).
 * The rows each endpoint reads are D1's `meta.rows_read` for the same SQL the endpoint runs (the
 * queries of src/db/queries/status.ts, src/db/queries/uptime.ts, src/routes/api/monitors.ts and
 * src/db/queries/maintenance.ts, written out here by hand with the same shape and bounds), run
 * through the D1 binding; src is not instrumented. The query plan of the rollup read is printed
 * too.
 *
 * Finally, on the 400-day database, a second tick at T + 60 s (every monitor due) gives D1 rows
 * written per check from its tick line. Prints one JSON object on stdout; progress on stderr.
 */
import {
  BenchError,
  MINUTE,
  log,
  machineInfo,
  parseWholeNumbers,
  round,
  runMain,
  withBench,
  type Runtime,
} from './lib/harness';
import { DAY, HOUR, seedRollups, type D1 } from './lib/seed';
import { BLOCK_SPAN, RESULT_BLOCKS } from '../src/db/result-blocks';
import { REGIONS as ALL_REGIONS } from '../src/regions/regions';

const TAG = 'read';
const MONITORS = 100;
const REGIONS = ['weur', 'enam', 'apac'] as const;
const MONITOR_IDS = Array.from({ length: MONITORS }, (_, i) => `m${String(i).padStart(3, '0')}`);
const PROBE_ID = 'm042';
const HOURLY_RETENTION_DAYS = 90;
const HISTORIES = [400, 30] as const;
const TARGET_P50_MS = 50;

interface Options {
  rawDays: number;
  requests: number;
  warmup: number;
}

function parseArgs(argv: string[]): Options {
  const options = parseWholeNumbers<keyof Options>(
    argv,
    { rawDays: 14, requests: 50, warmup: 5 },
    { '--raw-days': 'rawDays', '--requests': 'requests', '--warmup': 'warmup' },
    'usage: npm run bench:read -- [--raw-days 14] [--requests 50] [--warmup 5]',
  );
  if (options.requests < 1) throw new BenchError('--requests must be at least 1');
  return options;
}

/** Raw results at a 1-minute interval for every monitor and region, ticks in [from, to). */
async function seedRaw(db: D1, from: number, to: number): Promise<number> {
  const indexes = REGIONS.map((r) => ALL_REGIONS.indexOf(r));
  const colos = JSON.stringify(Object.fromEntries(indexes.map((i) => [i, 'LHR'])));
  let rows = 0;
  // Packed as the tick writes them: one row per block and tick, every check of its monitors in it.
  for (let block = 0; block < RESULT_BLOCKS; block++) {
    const result = await db
      .prepare(
        `INSERT INTO result_blocks (id, data)
         WITH RECURSIVE t(x) AS (SELECT ?1 UNION ALL SELECT x + ${MINUTE} FROM t WHERE x + ${MINUTE} < ?2)
         SELECT ?3 * ${BLOCK_SPAN} + x,
                json_object('c', json(?4), 'm', (
                  SELECT json_group_object(m.id, json((
                    SELECT json_group_array(json_array(r.value, 3, 40 + x / ${MINUTE} % 30, 60 + x / ${MINUTE} % 90))
                    FROM json_each(?5) AS r)))
                  FROM monitors AS m WHERE m.result_block = ?3))
         FROM t
         WHERE EXISTS (SELECT 1 FROM monitors WHERE result_block = ?3) ORDER BY x
         ON CONFLICT DO NOTHING`,
      )
      .bind(from, to, block, colos, JSON.stringify(indexes))
      .run();
    rows += result.meta.changes ?? 0;
  }
  return rows;
}

interface Seeded {
  history_days: number;
  raw_days: number;
  rollup_rows_day: number;
  rollup_rows_hour: number;
  raw_rows: number;
  seed_rollups_s: number;
  seed_raw_s: number;
  rollups_total: number;
  hourly_rollups_total: number;
  raw_rows_total: number;
  monitor_state_rows: number;
}

async function seed(db: D1, T: number, historyDays: number, rawDays: number): Promise<Seeded> {
  const today = T - (T % DAY);
  const hour = T - (T % HOUR);
  const hourlyDays = Math.min(historyDays, HOURLY_RETENTION_DAYS);
  const raw = Math.min(historyDays, rawDays);
  let t0 = performance.now();
  log(`seeding ${historyDays} days of daily rollups and ${hourlyDays} days of hourly rollups`);
  const dayRows = await seedRollups(
    db,
    MONITOR_IDS,
    REGIONS,
    'day',
    today - (historyDays - 1) * DAY,
    today + DAY,
  );
  const hourRows = await seedRollups(db, MONITOR_IDS, REGIONS, 'hour', hour - hourlyDays * DAY, hour + HOUR);
  const rollupsS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  log(`seeding ${raw} days of raw results (1-minute interval)`);
  const rawRows = raw > 0 ? await seedRaw(db, T - raw * DAY, T) : 0;
  const rawS = (performance.now() - t0) / 1000;
  log(
    `seeded ${dayRows + hourRows} rollup rows in ${round(rollupsS, 1)} s, ${rawRows} raw rows in ${round(rawS, 1)} s`,
  );
  const count = async (table: string) =>
    (await db.prepare(`SELECT count(*) AS n FROM ${table}`).all<{ n: number }>()).results[0]?.n ?? 0;
  return {
    history_days: historyDays,
    raw_days: raw,
    rollup_rows_day: dayRows,
    rollup_rows_hour: hourRows,
    raw_rows: rawRows,
    seed_rollups_s: round(rollupsS, 1),
    seed_raw_s: round(rawS, 1),
    rollups_total: await count('rollups'),
    hourly_rollups_total: await count('hourly_rollups'),
    raw_rows_total: await count('result_blocks'),
    monitor_state_rows: await count('monitor_state'),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] as number;
}

/** The SQL each endpoint runs, as in src (same tables, predicates, bounds and order). */
function endpointQueries(now: number): Record<string, { sql: string; params: unknown[] }[]> {
  const publicMonitor = {
    sql: `SELECT id, name, group_name, kind, regions FROM monitors WHERE (id = ? AND is_public = ?)`,
    params: [PROBE_ID, 1],
  };
  const regions = REGIONS.map(() => '?').join(', ');
  const read = (bucket: 'hour' | 'day', from: number, to: number) => ({
    sql: `SELECT * FROM rollup_rows WHERE (monitor_id = ? AND region IN (${regions}) AND bucket = ? AND bucket_start >= ? AND bucket_start < ?)`,
    params: [PROBE_ID, ...REGIONS, bucket, from, to],
  });
  // As rollupsBetween in src/db/queries/uptime.ts: daily rows for whole days, hourly at the ends.
  const rollups = (from: number, to: number) => {
    const hourFrom = from - (from % HOUR);
    const daysFrom = Math.ceil(hourFrom / DAY) * DAY;
    const daysTo = Math.floor(to / DAY) * DAY;
    if (daysTo <= daysFrom) return [read('hour', hourFrom, to)];
    return [read('hour', hourFrom, daysFrom), read('day', daysFrom, daysTo), read('hour', daysTo, to)];
  };
  const slaFrom = now - 365 * DAY;
  return {
    status: [
      {
        sql: `SELECT * FROM monitors LEFT JOIN monitor_state ON monitor_state.monitor_id = monitors.id WHERE monitors.is_public = ? ORDER BY monitors.group_name ASC, monitors.name ASC`,
        params: [1],
      },
      { sql: `SELECT * FROM maintenances`, params: [] },
    ],
    uptime_90d: [publicMonitor, ...rollups(now - 90 * DAY, now)],
    uptime_30d: [publicMonitor, ...rollups(now - 30 * DAY, now)],
    sla_365d: [
      publicMonitor,
      ...rollups(slaFrom, now),
      {
        sql: 'SELECT count(*) AS n FROM incidents WHERE monitor_id = ? AND started_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)',
        params: [PROBE_ID, now, slaFrom],
      },
    ],
  };
}

interface EndpointFigures {
  path: string;
  status: number;
  p50_ms: number;
  p95_ms: number;
  min_ms: number;
  max_ms: number;
  rows_read: number;
  /** Rows returned, plus the packed hourly rows they were unpacked from. */
  rows_returned: number;
  rows_read_per_query: number[];
  response_bytes: number;
}

async function measure(rt: Runtime, db: D1, options: Options): Promise<Record<string, EndpointFigures>> {
  const now = Date.now();
  const paths: Record<string, string> = {
    status: '/api/v1/status',
    uptime_90d: `/api/v1/monitors/${PROBE_ID}/uptime?window=90d`,
    // Control: a window both histories fill, so any difference between them is the history's.
    uptime_30d: `/api/v1/monitors/${PROBE_ID}/uptime?window=30d`,
    sla_365d: `/api/v1/monitors/${PROBE_ID}/sla?from=${new Date(now - 365 * DAY).toISOString()}&to=${new Date(now).toISOString()}&target=99.9`,
  };
  const queries = endpointQueries(now);
  const out: Record<string, EndpointFigures> = {};
  for (const [name, path] of Object.entries(paths)) {
    const times: number[] = [];
    let status = 0;
    let bytes = 0;
    for (let i = 0; i < options.warmup + options.requests; i++) {
      const t0 = performance.now();
      const response = await rt.mf.dispatchFetch(`http://lookout.local${path}`);
      const body = await response.text();
      const ms = performance.now() - t0;
      status = response.status;
      bytes = body.length;
      if (response.status !== 200) throw new BenchError(`GET ${path} answered ${response.status}: ${body}`);
      if (i >= options.warmup) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const perQuery: number[] = [];
    let returned = 0;
    for (const q of queries[name] ?? []) {
      const result = await db
        .prepare(q.sql)
        .bind(...q.params)
        .all();
      perQuery.push(result.meta.rows_read ?? 0);
      // An hour's regions come from one packed row (hourly_rollups), read once and returned
      // unpacked: it counts with the rows returned, not as the read's overhead.
      const hours = new Set(
        (result.results as { bucket?: string; bucket_start?: number }[])
          .filter((r) => r.bucket === 'hour')
          .map((r) => r.bucket_start),
      );
      returned += result.results.length + hours.size;
    }
    out[name] = {
      path,
      status,
      p50_ms: round(percentile(times, 0.5)),
      p95_ms: round(percentile(times, 0.95)),
      min_ms: round(times[0] as number),
      max_ms: round(times[times.length - 1] as number),
      rows_read: perQuery.reduce((a, b) => a + b, 0),
      rows_returned: returned,
      rows_read_per_query: perQuery,
      response_bytes: bytes,
    };
    log(`${name}: p50 ${out[name].p50_ms} ms, p95 ${out[name].p95_ms} ms, ${out[name].rows_read} rows read`);
  }
  return out;
}

async function queryPlan(db: D1, sql: string, params: unknown[]): Promise<string[]> {
  try {
    const result = await db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    return result.results.map((r) => r.detail);
  } catch (error) {
    return [`(EXPLAIN QUERY PLAN not available: ${String(error)})`];
  }
}

async function runHistory(historyDays: number, options: Options, withTick: boolean) {
  return withBench(async (bench) => {
    const target = await bench.startTarget();
    const urls = MONITOR_IDS.map((_, i) => `${target.url}/delay/0?tag=${TAG}&i=${i}`);
    const rt = await bench.startWorker({
      regions: REGIONS,
      urls,
      ids: MONITOR_IDS,
      timeout: '10s',
      shardSize: 50,
    });
    const db = rt.db as unknown as D1;
    const T = Math.floor(Date.now() / MINUTE) * MINUTE;
    log(`[${historyDays} days] tick 1 at T (applies the config, writes monitor_state)`);
    const first = await rt.fire(T);
    if (first.line.checks !== MONITORS * REGIONS.length) {
      throw new BenchError(`tick 1 ran ${first.line.checks} checks, expected ${MONITORS * REGIONS.length}`);
    }
    const seeded = await seed(db, T, historyDays, options.rawDays);
    const endpoints = await measure(rt, db, options);
    const now = Date.now();
    const plan = await queryPlan(
      db,
      endpointQueries(now).uptime_90d?.[2]?.sql ?? '',
      endpointQueries(now).uptime_90d?.[2]?.params ?? [],
    );
    let tick = null;
    if (withTick) {
      log(`[${historyDays} days] tick 2 at T + 60 s (every monitor due; measured for rows written)`);
      const second = await rt.fire(T + MINUTE);
      const { line } = second;
      tick = {
        checks: line.checks,
        rows_written: line.rowsWritten,
        statements: line.statements,
        rows_written_per_check: line.checks > 0 ? round(line.rowsWritten / line.checks, 2) : null,
        tick_wall_ms: Math.round(second.wallMs),
        tick_line: line.line,
      };
    }
    return { seeded, endpoints, rollup_read_query_plan: plan, tick };
  });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const runs: Record<string, Awaited<ReturnType<typeof runHistory>>> = {};
  for (const days of HISTORIES) {
    runs[`${days}d`] = await runHistory(days, options, days === HISTORIES[0]);
  }
  const long = runs[`${HISTORIES[0]}d`];
  const short = runs[`${HISTORIES[1]}d`];
  if (!long || !short) throw new BenchError('a history run is missing');

  const comparison = Object.fromEntries(
    Object.keys(long.endpoints).map((name) => {
      const a = long.endpoints[name] as EndpointFigures;
      const b = short.endpoints[name] as EndpointFigures;
      return [
        name,
        {
          p50_ms_400d: a.p50_ms,
          p50_ms_30d: b.p50_ms,
          p50_ratio_400d_over_30d: round(a.p50_ms / b.p50_ms),
          rows_read_400d: a.rows_read,
          rows_read_30d: b.rows_read,
          // Rows read beyond those returned: the index's own cost, which must not grow with history.
          overhead_rows_400d: a.rows_read - a.rows_returned,
          overhead_rows_30d: b.rows_read - b.rows_returned,
        },
      ];
    }),
  );
  const problems: string[] = [];
  for (const [history, run] of Object.entries(runs)) {
    for (const [name, e] of Object.entries(run.endpoints)) {
      if (e.p50_ms >= TARGET_P50_MS)
        problems.push(`${name} (${history}) p50 ${e.p50_ms} ms >= ${TARGET_P50_MS} ms`);
    }
  }
  // A window the 30-day history cannot fill returns fewer rows there; what must not change is what
  // a read costs beyond the rows it returns.
  for (const [name, c] of Object.entries(comparison)) {
    if (c.overhead_rows_400d !== c.overhead_rows_30d) {
      problems.push(
        `${name} reads ${c.overhead_rows_400d} rows beyond those returned with 400 days of history, ${c.overhead_rows_30d} with 30`,
      );
    }
  }

  const report = {
    monitors: MONITORS,
    regions: REGIONS,
    probe_monitor: PROBE_ID,
    requests_per_endpoint: options.requests,
    warmup_requests: options.warmup,
    server_time:
      'wall time of mf.dispatchFetch from the bench process, response body read included (Worker + D1 + Node<->workerd hop)',
    rows_read:
      "D1 meta.rows_read of the endpoint's SQL (same shape, predicates and bounds as src) re-run through the D1 binding; src not instrumented",
    histories: runs,
    comparison,
    d1_rows_written_per_check: long.tick?.rows_written_per_check ?? null,
    targets: { p50_ms_below: TARGET_P50_MS, same_overhead_rows_30d_vs_400d: true },
    problems,
    machine,
  };
  console.log(JSON.stringify(report, null, 2));
  for (const problem of problems) log(`MISSED: ${problem}`);
  return 0;
}

runMain(main);
