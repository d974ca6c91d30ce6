/**
 * Timing accuracy of checks: monitors against the local target at injected delays of 0, 50, 200
 * and 1000 ms, run through the real pipeline (bundle, workerd via Miniflare, D1, probers), and how
 * far the stored ttfb_ms (time to response headers) and total_ms land from the injected delay.
 *
 *   npm run bench:probe -- [--per-delay 20] [--regions 1] [--ticks 5] [--shard-size 50]
 *
 * One config holds --per-delay monitors per delay, interleaved (monitor i gets delay i mod 4), so
 * every prober mixes fast and slow checks as a real shard does. Tick 1 (at T) applies the config
 * and warms up; ticks 2.. (at T + k * 60 s, every monitor due again) are measured, and their results
 * read back from D1. Runtime CPU is workerd's utime + stime from /proc around the measured ticks,
 * divided by their checks. Prints one JSON object on stdout; progress goes to stderr.
 *
 * Where the error comes from: `breakdown` compares each prober's first wave (the MAX_IN_FLIGHT
 * checks it starts at once) with the rest, and splits the ttfb error at the target, which records
 * when each request reached it: `send` is check start -> request at the target, `return` is the
 * rest (the target's timer firing late, the response travelling back, workerd handling it). Both
 * clocks are the machine's wall clock in whole ms, so each part is +-1 ms.
 */
import { unpackBlock } from '../src/db/result-blocks';
import os from 'node:os';
import {
  BenchError,
  MAX_IN_FLIGHT,
  MINUTE,
  REGION_ORDER,
  log,
  machineInfo,
  monitorId,
  parseWholeNumbers,
  round,
  runMain,
  withBench,
} from './lib/harness';

const DELAYS = [0, 50, 200, 1000] as const;
const TAG = 'probe';
/** The accuracy aimed for: median |ttfb_ms - injected delay|. */
const TARGET_MEDIAN_ERROR_MS = 2;

interface Options {
  perDelay: number;
  regions: number;
  ticks: number;
  shardSize: number;
}

function parseArgs(argv: string[]): Options {
  const options = parseWholeNumbers<keyof Options>(
    argv,
    { perDelay: 20, regions: 1, ticks: 5, shardSize: 50 },
    { '--per-delay': 'perDelay', '--regions': 'regions', '--ticks': 'ticks', '--shard-size': 'shardSize' },
    'usage: npm run bench:probe -- [--per-delay 20] [--regions 1] [--ticks 5] [--shard-size 50]',
  );
  const maxPerDelay = Math.floor(9999 / DELAYS.length);
  if (options.perDelay < 1 || options.perDelay > maxPerDelay) {
    throw new BenchError(`--per-delay must be 1..${maxPerDelay}`);
  }
  if (options.regions < 1 || options.regions > REGION_ORDER.length) {
    throw new BenchError(`--regions must be 1..${REGION_ORDER.length}`);
  }
  if (options.ticks < 1) throw new BenchError('--ticks must be at least 1');
  if (options.shardSize < 1) throw new BenchError('--shard-size must be at least 1');
  return options;
}

interface ResultRow {
  monitor_id: string;
  region: string;
  started_at: number;
  ttfb_ms: number | null;
  total_ms: number | null;
  outcome: string;
  cause: string | null;
}

/** What the target recorded of a request (test/setup/target-server.ts). */
interface TargetRequest {
  path: string;
  shard: string | null;
  at: number;
}

interface Sample {
  delay: number;
  ttfb: number;
  total: number;
  startedAt: number;
  /** The prober's shard, as the request header names it. */
  shard: string;
  /** Among the checks its prober starts at once, before any other check ended. */
  firstWave: boolean;
  /** ms from the check's start until the request reached the target, when matched. */
  send?: number;
}

function delayOf(index: number): number {
  return DELAYS[index % DELAYS.length] as number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** |measured - injected| summarised, with the signed mean, which tells a constant offset from jitter. */
function errorStats(errors: readonly number[]) {
  if (errors.length === 0) return null;
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  return {
    median_abs_error_ms: percentile(abs, 50),
    p95_abs_error_ms: percentile(abs, 95),
    max_abs_error_ms: abs[abs.length - 1] as number,
    mean_signed_error_ms: round(errors.reduce((a, b) => a + b, 0) / errors.length),
  };
}

function summarise(samples: readonly Sample[]) {
  return {
    samples: samples.length,
    ttfb: errorStats(samples.map((s) => s.ttfb - s.delay)),
    total: errorStats(samples.map((s) => s.total - s.delay)),
  };
}

function spread(values: readonly number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median_ms: percentile(sorted, 50),
    p95_ms: percentile(sorted, 95),
    mean_ms: round(values.reduce((a, b) => a + b, 0) / values.length),
  };
}

/**
 * Pairs each check with the request the target recorded for it: per shard and delay, checks in
 * start order and requests in arrival order. The target records the path but not the query, so a
 * group whose counts differ stays unmatched.
 */
function matchRequests(samples: readonly Sample[], requests: readonly TargetRequest[]): void {
  const firstStart = samples.reduce((min, s) => Math.min(min, s.startedAt), Infinity);
  const group = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const checks = new Map<string, Sample[]>();
  for (const s of samples) group(checks, `${s.shard} /delay/${s.delay}`, s);
  const arrivals = new Map<string, number[]>();
  for (const r of requests) {
    // The warm-up tick's requests all arrived before the first measured check started.
    if (r.at >= firstStart) group(arrivals, `${r.shard} ${r.path}`, r.at);
  }
  for (const [key, list] of checks) {
    const at = (arrivals.get(key) ?? []).sort((a, b) => a - b);
    if (at.length !== list.length) continue;
    list.sort((a, b) => a.startedAt - b.startedAt);
    list.forEach((s, i) => (s.send = (at[i] as number) - s.startedAt));
  }
}

/** Where the ttfb error of these checks arises: before the request reaches the target, or after. */
function split(samples: readonly Sample[]) {
  const matched = samples.filter((s) => s.send !== undefined);
  return {
    matched_at_target: matched.length,
    send: spread(matched.map((s) => s.send as number)),
    return: spread(matched.map((s) => s.ttfb - s.delay - (s.send as number))),
  };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const regions = REGION_ORDER.slice(0, options.regions);
  const monitors = options.perDelay * DELAYS.length;
  const expectedChecks = monitors * regions.length * options.ticks;
  const machine = machineInfo();
  const loadBefore = os.loadavg();

  return withBench(async (bench) => {
    const target = await bench.startTarget();
    const indexOf = new Map<string, number>();
    const urls = Array.from({ length: monitors }, (_, i) => {
      indexOf.set(monitorId(i), i);
      return `${target.url}/delay/${delayOf(i)}?tag=${TAG}&i=${i + 1}`;
    });
    const { db, fire, cpuMs, cpuResolutionMs } = await bench.startWorker({
      regions,
      urls,
      timeout: '5s',
      shardSize: options.shardSize,
    });

    const T = Math.floor(Date.now() / MINUTE) * MINUTE;
    log('tick 1 (applies the config, warms up)');
    const warmUp = await fire(T);
    const measured = [];
    for (let k = 1; k <= options.ticks; k++) {
      log(`tick ${k + 1} (measured)`);
      measured.push(await fire(T + k * MINUTE));
    }
    const checks = measured.reduce((sum, t) => sum + t.line.checks, 0);
    const runtimeCpuMs = cpuMs(measured.reduce((sum, t) => sum + t.cpuTicks, 0));

    const packed = await db
      .prepare('SELECT tick_at, data FROM result_blocks WHERE tick_at >= ?')
      .bind(T + MINUTE)
      .all<{ tick_at: number; data: string }>();
    const results: ResultRow[] = packed.results.flatMap((row) =>
      unpackBlock(row.tick_at, row.data).map((r) => ({
        monitor_id: r.monitorId,
        region: r.region,
        started_at: r.startedAt,
        ttfb_ms: r.ttfbMs,
        total_ms: r.totalMs,
        outcome: r.outcome,
        cause: r.cause,
      })),
    );
    const failures: Record<string, number> = {};
    const samples: Sample[] = [];
    for (const row of results) {
      const index = indexOf.get(row.monitor_id);
      if (index === undefined) throw new BenchError(`a result for unknown monitor ${row.monitor_id}`);
      if (row.outcome !== 'up' || row.ttfb_ms === null || row.total_ms === null) {
        const cause = row.cause ?? row.outcome;
        failures[cause] = (failures[cause] ?? 0) + 1;
        continue;
      }
      samples.push({
        delay: delayOf(index),
        ttfb: row.ttfb_ms,
        total: row.total_ms,
        startedAt: row.started_at,
        // listScheduled orders monitors by id and planShards cuts each region's list in order.
        shard: `${row.region}:${Math.floor(index / options.shardSize)}`,
        firstWave: index % options.shardSize < MAX_IN_FLIGHT,
      });
    }
    const requests = (await (await fetch(`${target.url}/__requests?tag=${TAG}`)).json()) as TargetRequest[];
    matchRequests(samples, requests);

    const overall = summarise(samples);
    const medianError = overall.ttfb?.median_abs_error_ms ?? null;
    const firstWave = samples.filter((s) => s.firstWave);
    const later = samples.filter((s) => !s.firstWave);
    const report = {
      delays_ms: DELAYS,
      monitors_per_delay: options.perDelay,
      regions: regions.length,
      region_list: regions,
      shard_size: options.shardSize,
      shards: regions.length * Math.ceil(monitors / options.shardSize),
      max_in_flight_per_prober: MAX_IN_FLIGHT,
      measured_ticks: measured.length,
      checks,
      failed_checks: failures,
      per_delay: Object.fromEntries(
        DELAYS.map((d) => [String(d), summarise(samples.filter((s) => s.delay === d))]),
      ),
      overall,
      target_median_abs_error_ms: TARGET_MEDIAN_ERROR_MS,
      meets_target: medianError !== null && medianError <= TARGET_MEDIAN_ERROR_MS,
      breakdown: {
        first_wave: { ...summarise(firstWave), ...split(firstWave) },
        later: { ...summarise(later), ...split(later) },
      },
      runtime_cpu_ms: Math.round(runtimeCpuMs),
      runtime_cpu_ms_per_check: checks > 0 ? round(runtimeCpuMs / checks, 3) : null,
      cpu_clock_resolution_ms: round(cpuResolutionMs, 1),
      tick_wall_ms: measured.map((t) => Math.round(t.wallMs)),
      warm_up_tick_wall_ms: Math.round(warmUp.wallMs),
      // Other work on the machine shows up as timing error: 1-minute load average before and after.
      load_average_1m: [round(loadBefore[0] ?? 0), round(os.loadavg()[0] ?? 0)],
      machine,
    };
    console.log(JSON.stringify(report, null, 2));

    const problems: string[] = [];
    if (checks !== expectedChecks)
      problems.push(`the measured ticks ran ${checks} checks, expected ${expectedChecks}`);
    if (samples.length !== checks) problems.push(`${checks - samples.length} checks gave no timing`);
    for (const problem of problems) log(`FAILED: ${problem}`);
    return problems.length > 0 ? 1 : 0;
  });
}

runMain(main);
