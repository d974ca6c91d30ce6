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
import { spawn, execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { startTargetServer, type TargetServer } from '../test/setup/target-server';

const ROOT = resolve(import.meta.dirname, '..');
const REGION_ORDER = ['weur', 'enam', 'apac', 'wnam', 'eeur', 'sam', 'oc', 'afr', 'me'] as const;
const COMPATIBILITY_DATE = '2026-04-20';
const MAX_IN_FLIGHT = 5;
const MINUTE = 60_000;
const TAG = 'bench';

interface Options {
  monitors: number;
  regions: number;
  delay: number;
  shardSize: number;
}

interface TickLine {
  line: string;
  checks: number;
  up: number;
  down: number;
  unknown: number;
  ms: number;
  rowsWritten: number;
  statements: number;
  failedProbers: number;
}

class BenchError extends Error {}

/**
 * The parts of the Miniflare proxies the bench uses. Miniflare types them with
 * @cloudflare/workers-types, which the Node side of this project does not load.
 */
interface BenchD1 {
  prepare(sql: string): BenchStatement;
}
interface BenchStatement {
  bind(...values: unknown[]): BenchStatement;
  run(): Promise<unknown>;
  all<T>(): Promise<{ results: T[] }>;
}
interface BenchWorker {
  scheduled(options: { scheduledTime: Date; cron: string }): Promise<{ outcome: string }>;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { monitors: 1000, regions: 3, delay: 100, shardSize: 50 };
  const keys: Record<string, keyof Options> = {
    '--monitors': 'monitors',
    '--regions': 'regions',
    '--delay': 'delay',
    '--shard-size': 'shardSize',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    if (flag === '--help' || flag === '-h') {
      console.error(
        'usage: npm run bench:tick -- [--monitors 1000] [--regions 3] [--delay 100] [--shard-size 50]',
      );
      process.exit(0);
    }
    const key = keys[flag];
    if (!key)
      throw new BenchError(`unknown argument ${arg} (expected --monitors, --regions, --delay, --shard-size)`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || raw === '' || !Number.isInteger(value) || value < 0) {
      throw new BenchError(
        `${flag} needs a whole number, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
      );
    }
    options[key] = value;
  }
  if (options.monitors < 1 || options.monitors > 9999) throw new BenchError('--monitors must be 1..9999');
  if (options.regions < 1 || options.regions > REGION_ORDER.length) {
    throw new BenchError(`--regions must be 1..${REGION_ORDER.length}`);
  }
  if (options.shardSize < 1) throw new BenchError('--shard-size must be at least 1');
  return options;
}

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

/** A copy of what the build reads, so the config build writes into the copy and not the working tree. */
function copyProject(dir: string): string {
  const project = join(dir, 'project');
  for (const entry of [
    'src',
    'scripts',
    'migrations',
    'package.json',
    'wrangler.jsonc',
    'tsconfig.json',
    'worker-configuration.d.ts',
  ]) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  return project;
}

function configYaml(regions: readonly string[], urls: readonly string[]): string {
  const lines = [`regions: [${regions.join(', ')}]`, 'monitors:'];
  urls.forEach((url, i) => {
    lines.push(
      `  - id: m${String(i + 1).padStart(4, '0')}`,
      `    url: ${JSON.stringify(url)}`,
      '    timeout: 10s',
    );
  });
  return `${lines.join('\n')}\n`;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code: number | null) => {
      if (code === 0) resolveRun();
      else reject(new BenchError(`${command} ${args.join(' ')} exited with ${code}:\n${output.trim()}`));
    });
  });
}

/** Statements of every migration, in order, as wrangler applies them. */
function migrationStatements(): string[] {
  const dir = join(ROOT, 'migrations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('--> statement-breakpoint'))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function clockTicks(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** `/proc/<pid>/stat` after the `(comm)` field: state ppid ... utime(14) stime(15), 1-based overall. */
function procStat(pid: number): { comm: string; ppid: number; utime: number; stime: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const comm = text.slice(open + 1, close);
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  return { comm, ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]) };
}

function findWorkerdPid(): number {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = procStat(Number(entry));
      if (stat.ppid === process.pid && stat.comm === 'workerd') found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  if (found.length !== 1) {
    throw new BenchError(
      `expected one workerd child of this process, found ${found.length} (needs Linux /proc)`,
    );
  }
  return found[0] as number;
}

function cpuTicks(pid: number): number {
  const stat = procStat(pid);
  return stat.utime + stat.stime;
}

const TICK_LINE =
  /^\[lookout\] tick \S+ · (\d+) checks · (\d+) up · (\d+) down(?: · (\d+) unknown)? · (\d+) ms · (\d+) rows written in (\d+) statements(?: · (\d+) probers failed)?/;

function parseTickLine(line: string): TickLine | null {
  const m = TICK_LINE.exec(line);
  if (!m) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    line,
    checks: n(1),
    up: n(2),
    down: n(3),
    unknown: n(4),
    ms: n(5),
    rowsWritten: n(6),
    statements: n(7),
    failedProbers: n(8),
  };
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const regions = REGION_ORDER.slice(0, options.regions);
  const expectedChecks = options.monitors * regions.length;
  const machine = {
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    total_memory_gb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
  };

  const dir = mkdtempSync(join(os.tmpdir(), 'lookout-bench-'));
  // Miniflare keeps a scratch directory in os.tmpdir() and removes it without waiting once dispose()
  // returns; with the temp dir of this process (and its children) inside ours, one rm takes it all.
  const scratch = join(dir, 'tmp');
  mkdirSync(scratch);
  process.env.TMPDIR = scratch;
  let target: TargetServer | undefined;
  let mf: Miniflare | undefined;
  const cleanup = async () => {
    const m = mf;
    const t = target;
    mf = undefined;
    target = undefined;
    await m?.dispose().catch((error: unknown) => log(`dispose failed: ${String(error)}`));
    await t?.close().catch((error: unknown) => log(`target close failed: ${String(error)}`));
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: string) => {
    log(`${signal}: cleaning up`);
    // Miniflare's own signal handler exits the process right after this one returns.
    rmSync(dir, { recursive: true, force: true });
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    target = await startTargetServer();
    const urls = Array.from(
      { length: options.monitors },
      (_, i) => `${target!.url}/delay/${options.delay}?tag=${TAG}&i=${i + 1}`,
    );
    const project = copyProject(dir);
    const configFile = join(dir, 'bench.yaml');
    writeFileSync(configFile, configYaml(regions, urls));

    log(
      `building the worker with ${options.monitors} monitors x ${regions.length} regions (${regions.join(', ')})`,
    );
    const outdir = join(dir, 'out');
    await run(
      process.execPath,
      [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir],
      project,
      {
        LOOKOUT_CONFIG: configFile,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_LOG_PATH: join(dir, 'wrangler-logs'),
        CI: 'true',
      },
    );
    const bundledMonitors = (
      JSON.parse(readFileSync(join(project, 'src/config/bundled.generated.json'), 'utf8')) as {
        config: { monitors: unknown[] };
      }
    ).config.monitors.length;
    if (bundledMonitors !== options.monitors) {
      throw new BenchError(
        `the bundled config has ${bundledMonitors} monitors, expected ${options.monitors}`,
      );
    }

    const tickLines: TickLine[] = [];
    mf = new Miniflare({
      modules: true,
      scriptPath: join(outdir, 'index.js'),
      // Module names are paths relative to this root; the bundle lives outside the cwd.
      modulesRoot: outdir,
      compatibilityDate: COMPATIBILITY_DATE,
      d1Databases: { DB: 'lookout-bench' },
      d1Persist: join(dir, 'state/d1'),
      durableObjects: { PROBER: { className: 'Prober', useSQLite: true } },
      durableObjectsPersist: join(dir, 'state/do'),
      bindings: { COLO_TRACE_URL: '', SHARD_SIZE: String(options.shardSize) },
      handleStructuredLogs: ({ message }: { message: string }) => {
        for (const line of message.split('\n')) {
          const parsed = parseTickLine(line);
          if (parsed) tickLines.push(parsed);
          if (line.trim()) log(`workerd: ${line}`);
        }
      },
    });
    await mf.ready;
    const workerdPid = findWorkerdPid();

    const db = (await mf.getD1Database('DB')) as unknown as BenchD1;
    for (const sql of migrationStatements()) await db.prepare(sql).run();

    const worker = (await mf.getWorker()) as unknown as BenchWorker;
    const fire = async (at: number) => {
      const before = tickLines.length;
      const cpuBefore = cpuTicks(workerdPid);
      const nodeBefore = process.cpuUsage();
      const t0 = performance.now();
      const result = await worker.scheduled({ scheduledTime: new Date(at), cron: '* * * * *' });
      const wallMs = performance.now() - t0;
      const cpuAfter = cpuTicks(workerdPid);
      const node = process.cpuUsage(nodeBefore);
      if (result.outcome !== 'ok')
        throw new BenchError(
          `the tick at ${new Date(at).toISOString()} ended with outcome ${result.outcome}`,
        );
      // The log line travels through workerd's stdout; give it a moment to arrive.
      for (let waited = 0; tickLines.length === before && waited < 5000; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const line = tickLines[before];
      if (!line)
        throw new BenchError(`no tick line was logged for the tick at ${new Date(at).toISOString()}`);
      return { wallMs, cpuTicks: cpuAfter - cpuBefore, benchCpuMs: (node.user + node.system) / 1000, line };
    };

    const T = Math.floor(Date.now() / MINUTE) * MINUTE;
    log('tick 1 (applies the config, warms up)');
    const first = await fire(T);
    log('tick 2 (measured)');
    const measured = await fire(T + MINUTE);

    const statsResponse = await fetch(`${target.url}/__stats?tag=${TAG}`);
    const stats = (await statsResponse.json()) as {
      requests: number;
      maxInFlight: Record<string, number>;
      maxInFlightTotal: number;
    };
    const perShard = Object.values(stats.maxInFlight);
    const maxInFlight = perShard.length > 0 ? Math.max(...perShard) : 0;

    const outcomes = await db
      .prepare(
        `SELECT outcome, coalesce(cause, '') AS cause, count(*) AS n FROM check_results WHERE tick_at = ? GROUP BY outcome, cause`,
      )
      .bind(T + MINUTE)
      .all<{ outcome: string; cause: string; n: number }>();
    const errorCauses: Record<string, number> = {};
    for (const row of outcomes.results) {
      if (row.outcome !== 'up') errorCauses[row.cause || row.outcome] = row.n;
    }

    const clk = clockTicks();
    const runtimeCpuMs = (measured.cpuTicks * 1000) / clk;
    const firstCpuMs = (first.cpuTicks * 1000) / clk;
    const { line } = measured;
    const report = {
      monitors: options.monitors,
      regions: regions.length,
      region_list: regions,
      delay_ms: options.delay,
      shard_size: options.shardSize,
      shards: regions.length * Math.ceil(options.monitors / options.shardSize),
      checks: line.checks,
      errors: line.checks - line.up,
      error_causes: errorCauses,
      failed_probers: line.failedProbers,
      tick_wall_ms: Math.round(measured.wallMs),
      tick_logged_ms: line.ms,
      checks_per_second: round((line.checks * 1000) / measured.wallMs, 1),
      d1_statements: line.statements,
      d1_rows_written: line.rowsWritten,
      runtime_cpu_ms: Math.round(runtimeCpuMs),
      runtime_cpu_ms_per_check: line.checks > 0 ? round(runtimeCpuMs / line.checks, 3) : null,
      cpu_clock_resolution_ms: round(1000 / clk, 1),
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
    if (maxInFlight > MAX_IN_FLIGHT)
      problems.push(`a shard had ${maxInFlight} requests in flight, the cap is ${MAX_IN_FLIGHT}`);
    for (const problem of problems) log(`FAILED: ${problem}`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `[bench] failed: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
