/**
 * One tick, measured: a local target answering after --delay ms, --monitors monitors checked from
 * --regions regions, run through the real pipeline (config build, wrangler bundle, workerd via
 * Miniflare, D1 with the real migrations, one prober Durable Object per shard).
 *
 *   npm run bench:tick -- --monitors 1000 --regions 3 --delay 100 [--shard-size 50]
 *
 * The worker is built from a copy of the project in a temp directory, so the bench never rewrites
 * src/config/bundled.generated.json in the working tree. Tick 1 (at T) applies the config to D1 and
 * warms the runtime up; tick 2 (at T + 60 s, every monitor due again) is the one measured. Runtime
 * CPU is the workerd process's utime + stime from /proc/<pid>/stat around tick 2; it covers the
 * Worker, the probers and D1, which all run in that process. Prints one JSON object on stdout;
 * progress goes to stderr.
 */
import { unpackBlock } from '../src/db/result-blocks';
import {
  BenchError,
  MAX_IN_FLIGHT,
  MAX_MONITORS,
  MINUTE,
  REGION_ORDER,
  log,
  machineInfo,
  parseWholeNumbers,
  round,
  runMain,
  withBench,
} from './lib/harness';

/** Workers Paid, per invocation (developers.cloudflare.com/workers/platform/limits, d1/platform/limits). */
const SUBREQUESTS_LIMIT = 10_000;
const D1_QUERIES_LIMIT = 1_000;
const TAG = 'bench';

interface Options {
  monitors: number;
  regions: number;
  delay: number;
  shardSize: number;
  warmUp: number;
}

function parseArgs(argv: string[]): Options {
  const options = parseWholeNumbers<keyof Options>(
    argv,
    { monitors: 1000, regions: 3, delay: 100, shardSize: 50, warmUp: 1 },
    {
      '--monitors': 'monitors',
      '--regions': 'regions',
      '--delay': 'delay',
      '--shard-size': 'shardSize',
      '--warm-up': 'warmUp',
    },
    'usage: npm run bench:tick -- [--monitors 1000] [--regions 3] [--delay 100] [--shard-size 50] [--warm-up 1]',
  );
  // Ids are m0001..m9999, then m10000 and up: any count the config accepts (no limit there).
  if (options.monitors < 1 || options.monitors > MAX_MONITORS) {
    throw new BenchError(`--monitors must be 1..${MAX_MONITORS}`);
  }
  if (options.regions < 1 || options.regions > REGION_ORDER.length) {
    throw new BenchError(`--regions must be 1..${REGION_ORDER.length}`);
  }
  if (options.shardSize < 1) throw new BenchError('--shard-size must be at least 1');
  if (options.warmUp < 1) throw new BenchError('--warm-up must be at least 1');
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const regions = REGION_ORDER.slice(0, options.regions);
  const expectedChecks = options.monitors * regions.length;
  const machine = machineInfo();

  return withBench(async (bench) => {
    const target = await bench.startTarget();
    const urls = Array.from(
      { length: options.monitors },
      (_, i) => `${target.url}/delay/${options.delay}?tag=${TAG}&i=${i + 1}`,
    );
    const { db, fire, cpuMs, cpuResolutionMs } = await bench.startWorker({
      regions,
      urls,
      timeout: '10s',
      shardSize: options.shardSize,
    });

    // The first minute applies the config and plans every check at its worst case (nothing is
    // known yet); later ones plan by what the minute before measured.
    const start = Math.floor(Date.now() / MINUTE) * MINUTE;
    log('tick 1 (applies the config, warms up)');
    const first = await fire(start);
    for (let i = 1; i < options.warmUp; i++) {
      log(`tick ${i + 1} (warms up)`);
      await fire(start + i * MINUTE);
    }
    const T = start + (options.warmUp - 1) * MINUTE;
    log(`tick ${options.warmUp + 1} (measured)`);
    const measured = await fire(T + MINUTE);

    const statsResponse = await fetch(`${target.url}/__stats?tag=${TAG}`);
    const stats = (await statsResponse.json()) as {
      requests: number;
      maxInFlight: Record<string, number>;
      maxInFlightTotal: number;
    };
    const perShard = Object.values(stats.maxInFlight);
    const maxInFlight = perShard.length > 0 ? Math.max(...perShard) : 0;

    const rows = await db
      .prepare('SELECT data FROM result_blocks WHERE tick_at = ?')
      .bind(T + MINUTE)
      .all<{ data: string }>();
    const errorCauses: Record<string, number> = {};
    /** One detail per cause, to say what went wrong without reading the database. */
    const errorSamples: Record<string, string | null> = {};
    for (const row of rows.results) {
      for (const r of unpackBlock(T + MINUTE, row.data)) {
        if (r.outcome === 'up') continue;
        const cause = r.cause ?? r.outcome;
        errorCauses[cause] = (errorCauses[cause] ?? 0) + 1;
        errorSamples[cause] ??= r.detail;
      }
    }

    const runtimeCpuMs = cpuMs(measured.cpuTicks);
    const firstCpuMs = cpuMs(first.cpuTicks);
    const { line } = measured;
    const proberCalls = (line.usage?.doRequests ?? 1) - 1;
    const report = {
      monitors: options.monitors,
      regions: regions.length,
      region_list: regions,
      delay_ms: options.delay,
      shard_size: options.shardSize,
      // Planned by what checks took the minute before (src/jobs/latency-memory.ts).
      prober_requests: proberCalls,
      // One minute runs in one request to the coordinator: Cloudflare's limits per invocation.
      per_invocation: {
        subrequests: proberCalls,
        subrequests_limit: SUBREQUESTS_LIMIT,
        d1_queries: line.usage?.d1Queries ?? null,
        d1_queries_limit: D1_QUERIES_LIMIT,
      },
      checks: line.checks,
      errors: line.checks - line.up,
      error_causes: errorCauses,
      error_samples: errorSamples,
      failed_probers: line.failedProbers,
      tick_wall_ms: Math.round(measured.wallMs),
      tick_logged_ms: line.ms,
      checks_per_second: round((line.checks * 1000) / measured.wallMs, 1),
      d1_statements: line.statements,
      d1_rows_written: line.rowsWritten,
      runtime_cpu_ms: Math.round(runtimeCpuMs),
      runtime_cpu_ms_per_check: line.checks > 0 ? round(runtimeCpuMs / line.checks, 3) : null,
      cpu_clock_resolution_ms: round(cpuResolutionMs, 1),
      bench_process_cpu_ms: Math.round(measured.benchCpuMs),
      max_in_flight_per_shard: maxInFlight,
      max_in_flight_limit: MAX_IN_FLIGHT,
      shards_seen_by_target: perShard.length,
      target_requests_both_ticks: stats.requests,
      first_tick_wall_ms: Math.round(first.wallMs),
      first_tick_runtime_cpu_ms: Math.round(firstCpuMs),
      tick_line: line.line,
      machine,
    };
    console.log(JSON.stringify(report, null, 2));

    const problems: string[] = [];
    if (line.checks !== expectedChecks)
      problems.push(`the tick ran ${line.checks} checks, expected ${expectedChecks}`);
    if (proberCalls > SUBREQUESTS_LIMIT)
      problems.push(
        `${proberCalls} prober calls, over the ${SUBREQUESTS_LIMIT} subrequests an invocation may make`,
      );
    if ((line.usage?.d1Queries ?? 0) > D1_QUERIES_LIMIT)
      problems.push(
        `${line.usage?.d1Queries} D1 queries, over the ${D1_QUERIES_LIMIT} an invocation may make`,
      );
    if (maxInFlight > MAX_IN_FLIGHT)
      problems.push(`a shard had ${maxInFlight} requests in flight, the cap is ${MAX_IN_FLIGHT}`);
    for (const problem of problems) log(`FAILED: ${problem}`);
    return problems.length > 0 ? 1 : 0;
  });
}

runMain(main);
