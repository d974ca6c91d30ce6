/**
 * What the benches share: a temp copy of the project built into the real Worker bundle with a
 * generated monitor file, workerd started through Miniflare with D1 and its real migrations, ticks
 * fired with `scheduled()` and measured (wall time, workerd CPU from /proc, the tick line the Worker
 * logs), the local target server, the machine description, and cleanup of all of it.
 *
 * Everything a bench creates lives in one temp directory that `withBench` removes, even on Ctrl-C.
 */
import { experimental_readRawConfig } from 'wrangler';
import { spawn } from 'node:child_process';
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
import { startTargetServer, type TargetServer } from '../../test/setup/target-server';
import { BenchError } from './args';
import { clockTicks, cpuTicks, findWorkerdPid } from './proc';

export { BenchError, parseWholeNumbers, runMain } from './args';
export type { TargetServer };

export const ROOT = resolve(import.meta.dirname, '../..');
export const REGION_ORDER = ['weur', 'enam', 'apac', 'wnam', 'eeur', 'sam', 'oc', 'afr', 'me'] as const;
/** The Worker's compatibility settings, as wrangler.toml has them (the bench must run what deploys). */
const WRANGLER = experimental_readRawConfig({ config: resolve(ROOT, 'wrangler.toml') }).rawConfig;
export const COMPATIBILITY_DATE = WRANGLER.compatibility_date ?? '2026-04-20';
const COMPATIBILITY_FLAGS = WRANGLER.compatibility_flags ?? [];
export const MINUTE = 60_000;
/** The prober's cap on checks in flight (src/regions/shard.ts). */
export const MAX_IN_FLIGHT = 5;

export function log(message: string): void {
  console.error(`[bench] ${message}`);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The machine a bench ran on, printed with its figures. */
export function machineInfo() {
  return {
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    total_memory_gb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
  };
}

/**
 * The parts of the Miniflare proxies the benches use. Miniflare types them with
 * @cloudflare/workers-types, which the Node side of this project does not load.
 */
export interface BenchD1 {
  prepare(sql: string): BenchStatement;
}
export interface BenchStatement {
  bind(...values: unknown[]): BenchStatement;
  run(): Promise<unknown>;
  all<T>(): Promise<{ results: T[] }>;
}
export interface BenchWorker {
  scheduled(options: { scheduledTime: Date; cron: string }): Promise<{ outcome: string }>;
}

/** The line the Worker logs at the end of each tick (formatTickLine in src/jobs/tick.ts). */
export interface TickLine {
  line: string;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  ms: number;
  rowsWritten: number;
  statements: number;
  failedProbers: number;
  /** The minute's cost, from the suffix src/jobs/run-minute.ts appends (null when absent). */
  usage: TickUsage | null;
}

/** What run-minute metered over the whole minute (formatUsage in src/jobs/run-minute.ts). */
export interface TickUsage {
  d1Queries: number;
  d1RowsRead: number;
  d1RowsWritten: number;
  /** Queries D1 reported no rows for (`raw()` reads). */
  d1Unreported: number;
  doRequests: number;
  doActiveMs: number;
}

const TICK_LINE =
  /^\[lookout\] tick \S+ · (\d+) checks · (\d+) up(?: · (\d+) degraded)? · (\d+) down(?: · (\d+) unknown)? · (\d+) ms · (\d+) rows written in (\d+) statements(?: · (\d+) probers failed)?/;
const USAGE =
  / · D1 (\d+) queries, (\d+) rows read, (\d+) rows written(?: \((\d+) reads unreported\))? · DO (\d+) requests, (\d+) ms active/;

export function parseTickLine(line: string): TickLine | null {
  const m = TICK_LINE.exec(line);
  if (!m) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    line,
    checks: n(1),
    up: n(2),
    degraded: n(3),
    down: n(4),
    unknown: n(5),
    ms: n(6),
    rowsWritten: n(7),
    statements: n(8),
    failedProbers: n(9),
    usage: parseUsage(line),
  };
}

function parseUsage(line: string): TickUsage | null {
  const m = USAGE.exec(line);
  if (!m) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    d1Queries: n(1),
    d1RowsRead: n(2),
    d1RowsWritten: n(3),
    d1Unreported: n(4),
    doRequests: n(5),
    doActiveMs: n(6),
  };
}

/** One fired tick, measured. */
export interface FiredTick {
  wallMs: number;
  /** workerd user + system CPU during the tick, in clock ticks (see `cpuMs`). */
  cpuTicks: number;
  /** CPU of this Node process (Miniflare's side, the target server) during the tick. */
  benchCpuMs: number;
  line: TickLine;
}

/** The Worker running in workerd. */
export interface Runtime {
  mf: Miniflare;
  db: BenchD1;
  worker: BenchWorker;
  workerdPid: number;
  /** Runs the cron at `at` (epoch ms) and waits for its tick line. */
  fire(at: number): Promise<FiredTick>;
  /** Every tick line logged so far, in order (a slot's ends its figures with " · slot"). */
  lines: readonly TickLine[];
  /** Converts workerd clock ticks to milliseconds. */
  cpuMs(ticks: number): number;
  /** One clock tick in ms: the resolution of the CPU figures. */
  cpuResolutionMs: number;
}

export interface WorkerOptions {
  /** Regions every monitor is checked from. */
  regions: readonly string[];
  /** One monitor per URL, with ids m0001, m0002, ... in this order (unless `ids` names them). */
  urls: readonly string[];
  /** The id of each URL's monitor, in the same order; defaults to `monitorId(index)`. */
  ids?: readonly string[];
  /** Per-check timeout, as the config file writes it ("10s"). */
  timeout: string;
  shardSize: number;
  /** The status page group of each URL's monitor, in the same order. */
  groups?: readonly string[];
  /** The interval of each URL's monitor ("10s"), in the same order; 60s when absent. */
  intervals?: readonly string[];
  /** More of lookout.yaml, appended as is (channels, alerting). */
  extraYaml?: string;
  /**
   * Let the coordinator's alarm run (the backstop, and the slots of sub-minute monitors) on the
   * real clock; off by default: most benches fire their own, mostly past, minutes.
   */
  alarms?: boolean;
}

export interface Bench {
  /** The temp directory everything lives in. */
  dir: string;
  /** Starts the local target (test/setup/target-server.ts); closed by the cleanup. */
  startTarget(): Promise<TargetServer>;
  /** Builds the Worker for these monitors and starts it in workerd; disposed of by the cleanup. */
  startWorker(options: WorkerOptions): Promise<Runtime>;
}

/** The most monitors a bench builds: the 10,000 x 5 of issue 11, with room above it. */
export const MAX_MONITORS = 100_000;

/**
 * The id the generated config gives the monitor of `urls[index]`: m0001..m9999, then m10000 and
 * up (still a valid, unique slug; the 4-digit width was why bench:tick stopped at 9,999).
 */
export function monitorId(index: number): string {
  return `m${String(index + 1).padStart(4, '0')}`;
}

/**
 * Runs `body` with a fresh temp directory, and afterwards (or on SIGINT/SIGTERM) disposes of
 * workerd, closes the target and removes the directory.
 */
export async function withBench<T>(body: (bench: Bench) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(os.tmpdir(), 'lookout-bench-'));
  // Miniflare keeps a scratch directory in os.tmpdir() and removes it without waiting once dispose()
  // returns; with the temp dir of this process (and its children) inside ours, one rm takes it all.
  const scratch = join(dir, 'tmp');
  mkdirSync(scratch);
  const previousTmpdir = process.env.TMPDIR;
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

  const bench: Bench = {
    dir,
    startTarget: async () => {
      target = await startTargetServer();
      return target;
    },
    startWorker: (options) =>
      startWorker(dir, options, (created) => {
        mf = created;
      }),
  };
  try {
    return await body(bench);
  } finally {
    await cleanup();
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A copy of what the build reads, so the config build writes into the copy and not the working tree. */
function copyProject(dir: string): string {
  const project = join(dir, 'project');
  for (const entry of [
    'src',
    'scripts',
    'migrations',
    'package.json',
    'wrangler.toml',
    'tsconfig.json',
    'worker-configuration.d.ts',
  ]) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  return project;
}

function configYaml(options: WorkerOptions): string {
  const { regions, urls, timeout, ids, groups, intervals } = options;
  const lines = [`regions: [${regions.join(', ')}]`, 'monitors:'];
  urls.forEach((url, i) => {
    lines.push(
      `  - id: ${ids?.[i] ?? monitorId(i)}`,
      `    url: ${JSON.stringify(url)}`,
      `    timeout: ${timeout}`,
      ...(groups?.[i] ? [`    group: ${JSON.stringify(groups[i])}`] : []),
      ...(intervals?.[i] ? [`    interval: ${intervals[i]}`] : []),
    );
  });
  return `${lines.join('\n')}\n${options.extraYaml ?? ''}`;
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

/** Builds the bundle (wrangler deploy --dry-run) from a copy of the project with these monitors. */
async function buildWorker(dir: string, options: WorkerOptions): Promise<string> {
  const { regions, urls } = options;
  const project = copyProject(dir);
  const configFile = join(dir, 'bench.yaml');
  writeFileSync(configFile, configYaml(options));

  log(`building the worker with ${urls.length} monitors x ${regions.length} regions (${regions.join(', ')})`);
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
  if (bundledMonitors !== urls.length) {
    throw new BenchError(`the bundled config has ${bundledMonitors} monitors, expected ${urls.length}`);
  }
  return outdir;
}

/** Builds and starts the Worker; `created` gets the Miniflare instance first, to dispose of it. */
async function startWorker(
  dir: string,
  options: WorkerOptions,
  created: (mf: Miniflare) => void,
): Promise<Runtime> {
  const outdir = await buildWorker(dir, options);
  const tickLines: TickLine[] = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, 'index.js'),
    // Module names are paths relative to this root; the bundle lives outside the cwd.
    modulesRoot: outdir,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    d1Databases: { DB: 'lookout-bench' },
    d1Persist: join(dir, 'state/d1'),
    durableObjects: {
      PROBER: { className: 'Prober', useSQLite: true },
      TICKER: { className: 'TickCoordinator', useSQLite: true },
    },
    durableObjectsPersist: join(dir, 'state/do'),
    // The bench fires its own minutes; the backstop alarm would tick the real one.
    bindings: {
      ...WRANGLER.vars,
      COLO_TRACE_URL: '',
      CT_LOG_URL: '',
      SHARD_SIZE: String(options.shardSize),
      TICK_BACKSTOP: options.alarms ? 'on' : 'off',
    },
    handleStructuredLogs: ({ message }: { message: string }) => {
      for (const line of message.split('\n')) {
        const parsed = parseTickLine(line);
        if (parsed) tickLines.push(parsed);
        if (line.trim()) log(`workerd: ${line}`);
      }
    },
  });
  created(mf);
  await mf.ready;
  const workerdPid = findWorkerdPid();

  const db = (await mf.getD1Database('DB')) as unknown as BenchD1;
  for (const sql of migrationStatements()) await db.prepare(sql).run();

  const worker = (await mf.getWorker()) as unknown as BenchWorker;
  const fire = async (at: number): Promise<FiredTick> => {
    const before = tickLines.length;
    const cpuBefore = cpuTicks(workerdPid);
    const nodeBefore = process.cpuUsage();
    const t0 = performance.now();
    const result = await worker.scheduled({ scheduledTime: new Date(at), cron: '* * * * *' });
    const wallMs = performance.now() - t0;
    const cpuAfter = cpuTicks(workerdPid);
    const node = process.cpuUsage(nodeBefore);
    if (result.outcome !== 'ok')
      throw new BenchError(`the tick at ${new Date(at).toISOString()} ended with outcome ${result.outcome}`);
    // The log line travels through workerd's stdout; give it a moment to arrive.
    for (let waited = 0; tickLines.length === before && waited < 5000; waited += 20) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const line = tickLines[before];
    if (!line) throw new BenchError(`no tick line was logged for the tick at ${new Date(at).toISOString()}`);
    return { wallMs, cpuTicks: cpuAfter - cpuBefore, benchCpuMs: (node.user + node.system) / 1000, line };
  };
  const clk = clockTicks();
  return {
    mf,
    db,
    worker,
    workerdPid,
    fire,
    lines: tickLines,
    cpuMs: (ticks) => (ticks * 1000) / clk,
    cpuResolutionMs: 1000 / clk,
  };
}
