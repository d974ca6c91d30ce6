/**
 * The public status page at 50 monitors: how many bytes it sends and how long the server takes.
 * Run through the real pipeline (config build, wrangler bundle, workerd via Miniflare, D1 with the
 * real migrations).
 *
 *   npm run bench:page -- [--requests 50] [--warmup 5]
 *
 * 50 public monitors in 5 groups x 3 regions point at the local target; one tick at T (now)
 * applies the config and writes their current state. Then 90 days of daily rollups and 24 hours of
 * hourly rollups are seeded into D1, with a few bad days per monitor (99.5% or 94% uptime) and an
 * incident on each, so the bars are not all alike.
 *
 * Measured, each --warmup times unmeasured and --requests times measured, as the wall time of
 * `mf.dispatchFetch` from this process with the body read (an upper bound on the Worker's time):
 *   - GET / rendered after a tick (what each minute brings: a new page version, the ended days
 *     read from their daily cache, today's live),
 *   - GET / rendered after a state change (a config reconcile or an API write: a new epoch),
 *   - GET / rendered cold: the set of public monitors changed (here one is re-created), so the
 *     ended days are read from D1 again, 13,500 rollup rows; once a day per location otherwise,
 *   - GET / served from the edge cache,
 *   - GET /monitors/m000 rendered after a tick (two charts, 365-day calendar).
 * Size: the page's bytes as sent, and compressed with gzip (level 6) and brotli (quality 4, about
 * what Cloudflare uses for dynamic pages, and 11). The page has its CSS inline and needs no other
 * request. Prints one JSON object on stdout; progress on stderr.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import {
  BenchError,
  log,
  machineInfo,
  MINUTE,
  parseWholeNumbers,
  round,
  runMain,
  withBench,
} from './lib/harness';
import { DAY, HOUR, rollupSelect, seedRollups, type D1 } from './lib/seed';

const MONITORS = 50;
const REGIONS = ['weur', 'enam', 'apac'] as const;
const GROUPS = ['Public API', 'Web app', 'Payments', 'Data pipeline', 'Internal tools'];
const IDS = Array.from({ length: MONITORS }, (_, i) => `m${String(i).padStart(3, '0')}`);
const BAR_DAYS = 90;
const BUDGET_BYTES = 30 * 1024;
const TARGET_P50_MS = 50;

interface Options {
  requests: number;
  warmup: number;
}

/** Days (0 = today) on which monitor `index` had trouble: about three in 90, spread out. */
const badDays = (index: number) =>
  Array.from({ length: BAR_DAYS }, (_, d) => d).filter((d) => (d * 7 + index * 13) % 31 === 0);

async function seed(db: D1, T: number) {
  const today = T - (T % DAY);
  let incidents = 0;
  for (const [i, id] of IDS.entries()) {
    for (const d of badDays(i)) {
      const day = today - d * DAY;
      const select = rollupSelect(DAY / MINUTE, d % 2 === 0 ? 5 : 60);
      await seedRollups(db, [id], REGIONS, 'day', day, day + DAY, select);
      await db
        .prepare(
          `INSERT INTO incidents (id, monitor_id, cause, regions, started_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .bind(`inc-${id}-${d}`, id, 'http.upstream', JSON.stringify(REGIONS), day + 3 * HOUR, day + 4 * HOUR)
        .run();
      incidents++;
    }
  }
  const clean = rollupSelect(DAY / MINUTE, 0);
  const days = await seedRollups(db, IDS, REGIONS, 'day', today - (BAR_DAYS - 1) * DAY, today + DAY, clean);
  const hour = T - (T % HOUR);
  const hours = await seedRollups(
    db,
    IDS,
    REGIONS,
    'hour',
    hour - 23 * HOUR,
    hour + HOUR,
    rollupSelect(60, 0),
  );
  return { daily_rows: days, hourly_rows: hours, incidents };
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
  return { p50_ms: round(at(0.5)), p95_ms: round(at(0.95)), min_ms: round(sorted[0] as number) };
}

async function main(): Promise<number> {
  const options = parseWholeNumbers<keyof Options>(
    process.argv.slice(2),
    { requests: 50, warmup: 5 },
    { '--requests': 'requests', '--warmup': 'warmup' },
    'usage: npm run bench:page -- [--requests 50] [--warmup 5]',
  );
  if (options.requests < 1) throw new BenchError('--requests must be at least 1');
  const machine = machineInfo();
  const result = await withBench(async (bench) => {
    const target = await bench.startTarget();
    const rt = await bench.startWorker({
      regions: REGIONS,
      urls: IDS.map((_, i) => `${target.url}/delay/0?tag=page&i=${i}`),
      ids: IDS,
      groups: IDS.map((_, i) => GROUPS[i % GROUPS.length] as string),
      timeout: '10s',
      shardSize: 50,
    });
    const db = rt.db as unknown as D1;
    const T = Math.floor(Date.now() / MINUTE) * MINUTE;
    log('tick at T (applies the config, writes monitor_state)');
    await rt.fire(T);
    log('seeding 90 days of rollups');
    const seeded = await seed(db, T);

    let fakeTick = T;
    // What makes the page render again: a tick (each minute), or a state change (config, API write).
    const invalidate = {
      tick: () =>
        db
          .prepare(
            `INSERT INTO ticks (scheduled_at, started_at, probe_ms, checks, up, degraded, down, unknown, failed_probers)
             VALUES (?, ?, 0, 0, 0, 0, 0, 0, 0)`,
          )
          .bind((fakeTick += MINUTE), Date.now())
          .run(),
      epoch: () =>
        db
          .prepare(`INSERT OR REPLACE INTO meta (key, value, updated_at) VALUES ('page_epoch', ?, ?)`)
          .bind(crypto.randomUUID(), Date.now())
          .run(),
      // The monitor set changed (here: one re-created): the ended days are read from D1 again.
      monitors: async () => {
        await db.prepare(`UPDATE monitors SET created_at = created_at + 1 WHERE id = 'm000'`).run();
        await invalidate.epoch();
      },
      none: async () => undefined,
    };
    const get = async (path: string, change: keyof typeof invalidate) => {
      await invalidate[change]();
      const t0 = performance.now();
      const response = await rt.mf.dispatchFetch(`http://lookout.local${path}`);
      const body = await response.text();
      const ms = performance.now() - t0;
      if (response.status !== 200) throw new BenchError(`GET ${path} answered ${response.status}`);
      if (process.env.BENCH_TIMING)
        log(`${path} ${Math.round(ms)} ms ${response.headers.get('server-timing')}`);
      return { ms, body, cache: response.headers.get('x-lookout-cache') };
    };
    const measure = async (path: string, change: keyof typeof invalidate, expect: string) => {
      const times: number[] = [];
      let body = '';
      for (let i = 0; i < options.warmup + options.requests; i++) {
        const r = await get(path, change);
        // A cached copy is stored after the response is sent; give it a moment before the next hit.
        if (change === 'none') await new Promise((resolve) => setTimeout(resolve, 5));
        if (i >= options.warmup) {
          if (r.cache !== expect) throw new BenchError(`GET ${path}: cache ${r.cache}, expected ${expect}`);
          times.push(r.ms);
        }
        body = r.body;
      }
      log(`${path} (${expect}): p50 ${stats(times).p50_ms} ms`);
      return { ...stats(times), body };
    };
    const rendered = await measure('/', 'tick', 'miss');
    const changed = await measure('/', 'epoch', 'miss');
    const cold = await measure('/', 'monitors', 'miss');
    const cached = await measure('/', 'none', 'hit');
    const detail = await measure('/monitors/m000', 'tick', 'miss');
    const html = Buffer.from(rendered.body);
    const size = {
      html_bytes: html.length,
      gzip_bytes: gzipSync(html, { level: 6 }).length,
      brotli_q4_bytes: brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
      brotli_q11_bytes: brotliCompressSync(html).length,
      css_bytes: /<style>([\s\S]*?)<\/style>/.exec(rendered.body)?.[1]?.length ?? 0,
      script_bytes: /<script>([\s\S]*?)<\/script>/.exec(rendered.body)?.[1]?.length ?? 0,
      bars: (rendered.body.match(/data-day=/g) ?? []).length,
      monitors: (rendered.body.match(/class="monitor"/g) ?? []).length,
    };
    const { body: _r, ...renderedTimes } = rendered;
    const { body: _c, ...cachedTimes } = cached;
    const { body: _s, ...changedTimes } = changed;
    const { body: _m, ...coldTimes } = cold;
    const { body: detailBody, ...detailTimes } = detail;
    return {
      seeded,
      size,
      main_page_rendered: renderedTimes,
      main_page_rendered_after_state_change: changedTimes,
      main_page_rendered_cold: coldTimes,
      main_page_cached: cachedTimes,
      monitor_page_rendered: { ...detailTimes, html_bytes: detailBody.length },
    };
  });
  const problems: string[] = [];
  if (result.size.monitors !== MONITORS) problems.push(`the page lists ${result.size.monitors} monitors`);
  if (result.size.gzip_bytes >= BUDGET_BYTES)
    problems.push(`gzip ${result.size.gzip_bytes} B >= budget ${BUDGET_BYTES} B`);
  // The budget is for what serves readers: renders after a tick or a state change. A cold render
  // (ended days read from D1) happens once a day per location; it is reported, not budgeted.
  for (const [name, figures] of Object.entries(result).filter(
    ([k]) => k.includes('rendered') && !k.endsWith('cold'),
  ))
    if ((figures as { p50_ms: number }).p50_ms >= TARGET_P50_MS)
      problems.push(`${name} p50 ${(figures as { p50_ms: number }).p50_ms} ms >= ${TARGET_P50_MS} ms`);
  console.log(
    JSON.stringify(
      {
        machine,
        monitors: MONITORS,
        regions: REGIONS,
        budget: { compressed_bytes: BUDGET_BYTES, server_p50_ms: TARGET_P50_MS },
        ...result,
        problems,
      },
      null,
      2,
    ),
  );
  return problems.length === 0 ? 0 : 1;
}

runMain(main);
