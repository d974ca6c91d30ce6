/**
 * What a tick costs, measured, and the month it adds up to at Cloudflare's prices.
 *
 *   npm run bench:cost -- --monitors 1000 --regions 5 [--ticks 3] [--delay 100]
 *   npm run bench:cost            (100 x 3, 1,000 x 5 and 10,000 x 5, one after another)
 *
 * Real ticks through the real pipeline (bench/lib/harness.ts): a warm-up tick applies the config,
 * then --ticks ticks one minute apart are measured. Per tick:
 * - D1 queries, rows read and rows written: what D1 reported, counted over the whole minute by
 *   src/db/metered.ts and logged by src/jobs/run-minute.ts after the tick line;
 * - bytes added: the local D1 files (database, WAL) before and after the measured ticks, divided;
 * - Durable Object requests and active ms: each prober call (start to answer, as the coordinator
 *   saw it) and the coordinator's own request for the whole minute, as run-minute logs them;
 * - Worker requests: the cron's one scheduled invocation; Worker CPU: the workerd process's CPU
 *   (Worker, coordinator, probers and D1 together, so an upper bound of the Worker's billed CPU).
 * The month is 43,200 such ticks priced by bench/lib/prices.ts; storage is the database at steady
 * state (bytes a tick adds x the ticks 14 days of raw retention keep).
 *
 * With no arguments each configuration runs in its own process with a time limit
 * (--timeout-s, 1,200 s): a configuration that fails or runs out of time is reported as an error
 * in its row and the others still run. Prints one JSON object on stdout; progress on stderr.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cpuTicks } from './lib/proc';
import {
  BenchError,
  MAX_MONITORS,
  MINUTE,
  REGION_ORDER,
  log,
  machineInfo,
  parseWholeNumbers,
  round,
  runMain,
  withBench,
  type BenchD1,
  type BenchWorker,
  type FiredTick,
  type TickUsage,
} from './lib/harness';
import { PACKED_COLUMNS } from '../src/db/hourly-rollups';
import {
  D1_MAX_GB,
  DEFAULT_HOURLY_RETENTION_DAYS,
  DEFAULT_RAW_RETENTION_DAYS,
  PRICES,
  projectMonth,
  TICKS_PER_MONTH,
  type TickCost,
} from './lib/prices';

const TAG = 'cost';
const USAGE =
  'usage: npm run bench:cost -- [--monitors N --regions R] [--ticks 3] [--delay 100] [--shard-size 50] [--raw-days 14] [--hourly-days 90] [--timeout-s 1200]';
/**
 * The configurations issue 11 names. 10,000 x 5 keeps raw results 3 days and hourly rollups 30
 * (`retention:` in lookout.yaml): with the defaults its database would pass D1's 10 GB.
 */
const DEFAULT_RUNS = [
  { monitors: 100, regions: 3, rawDays: 14, hourlyDays: 90 },
  { monitors: 1_000, regions: 5, rawDays: 14, hourlyDays: 90 },
  { monitors: 10_000, regions: 5, rawDays: 3, hourlyDays: 30 },
] as const;

interface Options {
  monitors: number;
  regions: number;
  ticks: number;
  delay: number;
  shardSize: number;
  rawDays: number;
  hourlyDays: number;
  timeoutS: number;
}

function parseArgs(argv: string[]): Options {
  const options = parseWholeNumbers<keyof Options>(
    argv,
    {
      monitors: 0,
      regions: 0,
      ticks: 3,
      delay: 100,
      shardSize: 50,
      rawDays: DEFAULT_RAW_RETENTION_DAYS,
      hourlyDays: DEFAULT_HOURLY_RETENTION_DAYS,
      timeoutS: 1200,
    },
    {
      '--monitors': 'monitors',
      '--regions': 'regions',
      '--ticks': 'ticks',
      '--delay': 'delay',
      '--shard-size': 'shardSize',
      '--raw-days': 'rawDays',
      '--hourly-days': 'hourlyDays',
      '--timeout-s': 'timeoutS',
    },
    USAGE,
  );
  const single = options.monitors > 0 || options.regions > 0;
  if (single && (options.monitors < 1 || options.monitors > MAX_MONITORS)) {
    throw new BenchError(`--monitors must be 1..${MAX_MONITORS}`);
  }
  if (single && (options.regions < 1 || options.regions > REGION_ORDER.length)) {
    throw new BenchError(`--regions must be 1..${REGION_ORDER.length}`);
  }
  if (options.ticks < 1) throw new BenchError('--ticks must be at least 1');
  if (options.shardSize < 1) throw new BenchError('--shard-size must be at least 1');
  return options;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * The D1 database's size at rest, in bytes: its SQLite file once the write-ahead log is folded in.
 * workerd keeps the log (it never checkpoints it here, and the log holds every version of a page
 * written), so the file and its -wal are copied, checkpointed with the sqlite3 CLI and the copy
 * measured. Without sqlite3, D1's own figure (meta.size_after: page_count x page_size).
 */
async function databaseBytes(
  d1Dir: string,
  scratch: string,
  db: BenchD1,
): Promise<{ bytes: number; source: string }> {
  const files = filesUnder(d1Dir).filter((f) => f.endsWith('.sqlite') && !f.endsWith('/metadata.sqlite'));
  try {
    let bytes = 0;
    for (const file of files) {
      const dir = mkdtempSync(join(scratch, 'd1-copy-'));
      const copy = join(dir, 'db.sqlite');
      copyFileSync(file, copy);
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
      execFileSync('sqlite3', [copy, 'PRAGMA wal_checkpoint(TRUNCATE);'], { stdio: 'ignore' });
      bytes += statSync(copy).size;
      rmSync(dir, { recursive: true, force: true });
    }
    return { bytes, source: 'sqlite file, write-ahead log checkpointed into a copy' };
  } catch (error) {
    log(`sqlite3 could not measure the file (${String(error)}); using D1's size_after`);
    const result = (await db.prepare('SELECT 1').all()) as { meta?: { size_after?: number } };
    return { bytes: result.meta?.size_after ?? NaN, source: "D1's meta.size_after" };
  }
}

function usageOf(tick: FiredTick): TickUsage {
  if (!tick.line.usage) {
    throw new BenchError(`the tick line has no cost figures (src/jobs/run-minute.ts): ${tick.line.line}`);
  }
  return tick.line.usage;
}

/**
 * The Worker's own CPU per minute: its cron invocation only asks the coordinator to run the minute,
 * and the tick runs inside the coordinator (a Durable Object, billed for its active time, counted
 * in do_active_ms). Measured as the workerd process's CPU over many invocations of a minute that
 * already ran (the coordinator refuses them after its claim check), divided: the invocation, its
 * RPC and the claim check, an upper bound of the Worker's part.
 */
async function workerInvocationCpuMs(
  worker: BenchWorker,
  workerdPid: number,
  cpuMs: (ticks: number) => number,
  minute: number,
  invocations = 200,
): Promise<number> {
  const before = cpuTicks(workerdPid);
  for (let i = 0; i < invocations; i++) {
    await worker.scheduled({ scheduledTime: new Date(minute), cron: '* * * * *' });
  }
  return cpuMs(cpuTicks(workerdPid) - before) / invocations;
}

async function countRows(db: BenchD1, table: string): Promise<number> {
  const { results } = await db.prepare(`SELECT count(*) AS n FROM ${table}`).all<{ n: number }>();
  return results[0]?.n ?? 0;
}

const HOUR = 60 * MINUTE;

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

async function measure(options: Options) {
  const regions = REGION_ORDER.slice(0, options.regions);
  return withBench(async (bench) => {
    const target = await bench.startTarget();
    const urls = Array.from(
      { length: options.monitors },
      (_, i) => `${target.url}/delay/${options.delay}?tag=${TAG}&i=${i + 1}`,
    );
    const { db, fire, cpuMs, worker, workerdPid } = await bench.startWorker({
      regions,
      urls,
      timeout: '10s',
      shardSize: options.shardSize,
    });
    const d1Dir = join(bench.dir, 'state/d1');

    // Every tick inside one hour (from its second minute), so that the tick at the next hour's
    // start flushes exactly one hour of rollups, measured apart.
    const T = Math.floor(Date.now() / HOUR) * HOUR + MINUTE;
    // Two warm-up minutes: the first applies the config, the second writes every monitor's first
    // alert state (written again only when it changes): the measured ticks are the steady state.
    log(`warm-up ticks (apply the config, first states): ${options.monitors} x ${regions.length}`);
    const warmUp = await fire(T);
    await fire(T + MINUTE);
    const before = await databaseBytes(d1Dir, bench.dir, db);
    const blockRowsBefore = await countRows(db, 'result_blocks');
    const ticks: FiredTick[] = [];
    for (let i = 1; i <= options.ticks; i++) {
      log(`tick ${i} of ${options.ticks} (measured)`);
      ticks.push(await fire(T + (i + 1) * MINUTE));
    }
    const after = await databaseBytes(d1Dir, bench.dir, db);
    const blockRowsPerTick = ((await countRows(db, 'result_blocks')) - blockRowsBefore) / options.ticks;
    const invocationCpuMs = await workerInvocationCpuMs(
      worker,
      workerdPid,
      cpuMs,
      T + (options.ticks + 1) * MINUTE,
    );

    // The hour's end: a tick like the others plus the hour's rollups (written once, from raw).
    // An hour's rollups are a packed row per monitor (hourly_rollups), a row per monitor and
    // region once unpacked (rollup_rows), as the day's rows are.
    log('the next hour starts (rollups of the hour are written)');
    const rollupRowsBefore = await countRows(db, 'hourly_rollups');
    const regionRowsBefore = await countRows(db, "rollup_rows WHERE bucket = 'hour'");
    const flush = await fire(T - MINUTE + HOUR);
    const flushBytes = await databaseBytes(d1Dir, bench.dir, db);
    const rollupRowsPerHour = (await countRows(db, 'hourly_rollups')) - rollupRowsBefore;
    const regionRowsPerHour = (await countRows(db, "rollup_rows WHERE bucket = 'hour'")) - regionRowsBefore;
    // A packed row's payload (its key and JSON), well under the ~1 KB a WITHOUT ROWID row keeps in
    // its page before overflowing.
    const { results: sizes } = await db
      .prepare(
        `SELECT avg(length(CAST(monitor_id AS BLOB)) + 8 + length(CAST(regions AS BLOB))) AS avg,
                max(length(CAST(monitor_id AS BLOB)) + 8 + length(CAST(regions AS BLOB))) AS max
         FROM hourly_rollups`,
      )
      .all<{ avg: number; max: number }>();
    // A day's rows at rest: as many as the hour's regions, written here from the hour (the day's
    // flush writes the same rows from its 24 hours).
    await db
      .prepare(
        `INSERT INTO rollups SELECT monitor_id, region, 'day', bucket_start, ${PACKED_COLUMNS.join(', ')}
         FROM rollup_rows WHERE bucket = 'hour'`,
      )
      .run();
    const dailyBytes = (await databaseBytes(d1Dir, bench.dir, db)).bytes - flushBytes.bytes;

    const usages = ticks.map(usageOf);
    const tickRowsWritten = mean(usages.map((u) => u.d1RowsWritten));
    // Rows written a tick at steady state, as D1 bills them: the tick's own, the hourly and daily
    // rollups spread over their period, and pruning (D1 bills deleted rows as written) at the same
    // pace as writing once retention is reached (test/integration/retention.test.ts proves it).
    const rows = {
      tick: tickRowsWritten,
      hourly_rollups: Math.max(0, usageOf(flush).d1RowsWritten - tickRowsWritten) / 60,
      daily_rollups: regionRowsPerHour / 1440,
      pruned_raw: blockRowsPerTick,
      pruned_hourly_rollups: rollupRowsPerHour / 60,
    };
    const checks = mean(ticks.map((t) => t.line.checks));
    const perTick: TickCost & { d1Queries: number; d1UnreportedReads: number; wallMs: number } = {
      workerRequests: 1,
      workerCpuMs: invocationCpuMs,
      d1Queries: mean(usages.map((u) => u.d1Queries)),
      d1UnreportedReads: mean(usages.map((u) => u.d1Unreported)),
      d1RowsRead: mean(usages.map((u) => u.d1RowsRead)),
      d1RowsWritten: Object.values(rows).reduce((sum, n) => sum + n, 0),
      d1BytesAdded: (after.bytes - before.bytes) / options.ticks,
      d1RollupBytesPerHour: Math.max(
        0,
        flushBytes.bytes - after.bytes - (after.bytes - before.bytes) / options.ticks,
      ),
      d1DailyRollupBytesPerDay: Math.max(0, dailyBytes),
      // The coordinator's backstop alarm fires once a minute in production (off in the bench).
      doRequests: mean(usages.map((u) => u.doRequests)) + 1,
      doActiveMs: mean(usages.map((u) => u.doActiveMs)),
      wallMs: mean(ticks.map((t) => t.wallMs)),
    };
    const retention = { retentionDays: options.rawDays, hourlyRetentionDays: options.hourlyDays };
    const month = projectMonth(perTick, retention);
    const storage = month.lines.find((l) => l.meter.startsWith('D1 storage'))?.used ?? 0;
    const errors = ticks.reduce((sum, t) => sum + (t.line.checks - t.line.up), 0);
    return {
      monitors: options.monitors,
      regions: regions.length,
      region_list: regions,
      delay_ms: options.delay,
      shard_size: options.shardSize,
      measured_ticks: options.ticks,
      retention_days: { raw: options.rawDays, hourly: options.hourlyDays },
      d1_steady_state_gb: round(storage, 2),
      fits_d1: storage <= D1_MAX_GB,
      checks_per_tick: checks,
      errors,
      per_tick: {
        wall_ms: Math.round(perTick.wallMs),
        d1_queries: round(perTick.d1Queries, 1),
        d1_queries_rows_unreported: round(perTick.d1UnreportedReads, 1),
        d1_rows_read: round(perTick.d1RowsRead, 1),
        d1_rows_written: round(perTick.d1RowsWritten, 1),
        d1_rows_written_by_part: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, round(v, 1)])),
        d1_bytes_added: Math.round(perTick.d1BytesAdded),
        d1_rollup_bytes_per_hour: Math.round(perTick.d1RollupBytesPerHour ?? 0),
        d1_block_rows_per_tick: round(blockRowsPerTick, 1),
        d1_rollup_rows_per_hour: rollupRowsPerHour,
        d1_rollup_region_rows_per_hour: regionRowsPerHour,
        d1_hourly_rollup_row_bytes: { avg: Math.round(sizes[0]?.avg ?? 0), max: sizes[0]?.max ?? 0 },
        d1_daily_rollup_bytes_per_day: Math.round(perTick.d1DailyRollupBytesPerDay ?? 0),
        do_requests: round(perTick.doRequests, 1),
        do_active_ms: Math.round(perTick.doActiveMs),
        do_active_ms_per_request: Math.round(perTick.doActiveMs / Math.max(1, perTick.doRequests)),
        worker_requests: perTick.workerRequests,
        worker_cpu_ms: round(perTick.workerCpuMs, 2),
        workerd_process_cpu_ms: Math.round(mean(ticks.map((t) => cpuMs(t.cpuTicks)))),
      },
      per_monitor_per_tick: {
        d1_rows_written: round(perTick.d1RowsWritten / options.monitors, 3),
        d1_bytes: round(perTick.d1BytesAdded / options.monitors, 1),
      },
      d1_database_bytes: { before: before.bytes, after: after.bytes, measured_from: after.source },
      month: {
        ticks: month.ticks,
        lines: month.lines.map((l) => ({
          meter: l.meter,
          used: round(l.used, 2),
          unit: l.unit,
          included: l.included,
          billed: round(l.billed, 2),
          usd: round(l.usd, 2),
        })),
        total_usd: round(month.totalUsd, 2),
      },
      warm_up: { wall_ms: Math.round(warmUp.wallMs), tick_line: warmUp.line.line },
      tick_lines: ticks.map((t) => t.line.line),
    };
  });
}

/** One configuration in a child process (this script with its flags), killed after `timeoutS`. */
function measureInChild(
  run: { monitors: number; regions: number; rawDays: number; hourlyDays: number },
  options: Options,
): Promise<unknown> {
  const args = [
    ...process.execArgv,
    process.argv[1] as string,
    ...[
      '--monitors',
      run.monitors,
      '--regions',
      run.regions,
      '--ticks',
      options.ticks,
      '--delay',
      options.delay,
    ],
    ...['--shard-size', options.shardSize, '--raw-days', run.rawDays, '--hourly-days', run.hourlyDays],
  ].map(String);
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      log(`${run.monitors} x ${run.regions}: no result within ${options.timeoutS} s, stopping it`);
      child.kill('SIGTERM');
    }, options.timeoutS * 1000);
    child.on('close', (code: number | null) => {
      clearTimeout(timer);
      const failed = (error: string) => resolveRun({ monitors: run.monitors, regions: run.regions, error });
      if (timedOut) return failed(`no result within ${options.timeoutS} s on this machine`);
      let measured: { errors?: number; tick_lines?: string[] } | undefined;
      try {
        measured = (JSON.parse(stdout) as { runs?: { errors?: number; tick_lines?: string[] }[] }).runs?.[0];
      } catch {
        measured = undefined;
      }
      if (!measured) return failed(`exited with ${code} without a result (see its log on stderr)`);
      // Measured, but not clean: keep the figures and say what went wrong.
      const failedPhases = measured.tick_lines?.find((l) => l.includes('failed phases'));
      resolveRun(
        code === 0
          ? measured
          : {
              ...measured,
              error: `${measured.errors ?? '?'} checks not up over the measured ticks${failedPhases ? `; ${failedPhases.slice(failedPhases.indexOf('failed phases')).split(' · ')[0]}` : ''} (see the tick lines and its log on stderr)`,
            },
      );
    });
  });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const prices = {
    as_of: PRICES.asOf,
    sources: PRICES.sources,
    ticks_per_month: TICKS_PER_MONTH,
    default_retention_days: { raw: DEFAULT_RAW_RETENTION_DAYS, hourly: DEFAULT_HOURLY_RETENTION_DAYS },
    d1_max_gb: D1_MAX_GB,
  };
  const notes = [
    "worker_cpu_ms is the cron invocation's own CPU (it hands the minute to the coordinator), measured over 200 refused duplicate invocations; the tick's CPU is in the coordinator and the probers, Durable Objects billed by active time (do_active_ms), not CPU; workerd_process_cpu_ms is everything in the process during a tick",
    'do_active_ms counts the coordinator for the whole minute and each prober object while any of its calls is in progress',
    'do_active_ms is wall time here, where every prober of a tick shares one workerd process on this machine: with many probers each call waits for CPU, so it is an upper bound of what Cloudflare bills (its probers run apart)',
    'the coordinator backstop alarm is off in the bench; its one DO request a minute in production is added to do_requests (it runs while the coordinator is active, so adds no active time)',
  ];
  if (options.monitors > 0) {
    const run = await measure(options);
    console.log(JSON.stringify({ runs: [run], prices, notes, machine: machineInfo() }, null, 2));
    return run.errors > 0 ? 1 : 0;
  }
  const runs: unknown[] = [];
  for (const run of DEFAULT_RUNS) {
    log(`configuration ${run.monitors} x ${run.regions}`);
    runs.push(await measureInChild(run, options));
  }
  console.log(JSON.stringify({ runs, prices, notes, machine: machineInfo() }, null, 2));
  return runs.some((r) => typeof r === 'object' && r !== null && 'error' in r) ? 1 : 0;
}

runMain(main);
