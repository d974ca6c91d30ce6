import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, countResults, db, resetDb, storedResults, T0, target } from '../helpers';
import { hourlyRollups, incidents, rollupRows, rollups } from '../../src/db/schema';

/**
 * A database made by the schema before results were packed is carried over by the migrations:
 * the tables 0006 and 0008 made are dropped and the old per-check rows rebuilt with the old
 * table, then migrations 0002 to 0006 run (0004 rebuilds rollups WITHOUT ROWID, its rows carried
 * over; 0005 keeps each monitor's newest findings apart; 0006 packs the per-monitor rows into
 * block rows), then 0008 (hourly rollups packed per monitor and hour, read through a view).
 */
beforeEach(resetDb);

const migration = (name: string) => {
  const found = env.TEST_MIGRATIONS.find((m) => m.name.startsWith(name));
  if (!found) throw new Error(`no migration ${name}`);
  return found.queries;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TODAY = T0 - (T0 % DAY);
/** Yesterday whole (daily rows) and today up to the next hour (hourly rows, raw results). */
const UPTIME = `http://lookout.test/api/v1/monitors/a/uptime?from=${new Date(TODAY - DAY).toISOString()}&to=${new Date(T0 + HOUR).toISOString()}`;

/**
 * Rollups of `a` as the flush wrote them before 0008, a row per region: yesterday's days and
 * hours, and two hours of today, with latencies spread over the histogram and some down checks.
 */
async function seedHistory() {
  const rows: [string, string, number, number[]][] = [];
  for (const [i, region] of ['weur', 'apac'].entries()) {
    rows.push([
      region,
      'day',
      TODAY - DAY,
      [
        1400,
        20,
        20,
        0,
        1200,
        1420,
        1420 * 90,
        12 + i,
        4000,
        0,
        0,
        10,
        30,
        200,
        600,
        400,
        150,
        20 + i,
        5,
        3,
        0,
        2,
        0,
        0,
        0,
      ],
    ]);
    for (const hour of [-3, -2])
      rows.push([
        region,
        'hour',
        T0 + hour * HOUR,
        [
          55 - i,
          3,
          2,
          0,
          120,
          58 - i,
          (58 - i) * 120,
          40 + i,
          2100,
          0,
          0,
          0,
          1,
          8,
          20,
          15,
          8,
          3,
          1,
          0,
          0,
          0,
          1 + i,
          0,
          0,
        ],
      ]);
    rows.push([
      region,
      'hour',
      TODAY - 3 * HOUR,
      [60, 0, 0, 0, 0, 60, 6000, 100, 100, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
  }
  for (const [region, bucket, start, figures] of rows)
    await env.DB.prepare(
      `INSERT INTO rollups (monitor_id, region, bucket, bucket_start, up, degraded, down, unknown, downtime_s,
         latency_count, latency_sum, latency_min, latency_max, ${Array.from({ length: 16 }, (_, i) => `h${String(i).padStart(2, '0')}`).join(', ')})
       VALUES ('a', ?, ?, ?, ${figures.map(() => '?').join(', ')})`,
    )
      .bind(region, bucket, start, ...figures)
      .run();
  await env.DB.prepare(`INSERT INTO meta (key, value, updated_at) VALUES ('rollups_flushed_to', ?, 0)`)
    .bind(String(T0))
    .run();
}

describe('migrating to packed results, then to result blocks', () => {
  it('carries every per-check row over, and leaves rollups and incidents as they were', async () => {
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [
        { id: 'a', url: target('/ok', 'migrate') },
        { id: 'b', url: target('/ok', 'migrate') },
      ],
    });
    // The schema before 0006, then the old table, as migration 0000 made it.
    for (const query of [
      'DROP VIEW rollup_rows',
      'DROP TABLE hourly_rollups',
      'DROP TABLE result_blocks',
      'DROP TABLE latest_results',
      'ALTER TABLE monitors DROP COLUMN result_block',
    ])
      await env.DB.prepare(query).run();
    const create = migration('0000').filter((q) => q.includes('check_results'));
    expect(create.length).toBeGreaterThan(0);
    for (const query of create) await env.DB.prepare(query).run();
    const old = [
      ['a', 'weur', 'CDG', T0, T0 + 3, 40, 42, 200, 'up', null, null, null],
      ['a', 'apac', 'SIN', T0, T0 + 5, 180, 190, 200, 'degraded', 'perf.slow', 'slow', null],
      ['b', 'weur', 'CDG', T0, T0 + 2, null, 10_000, null, 'down', 'net.timeout', 'no answer', null],
      [
        'b',
        'apac',
        'SIN',
        T0,
        T0 + 4,
        30,
        31,
        200,
        'up',
        null,
        null,
        JSON.stringify([{ code: 'security.insecure_transport', detail: 'plain http' }]),
      ],
      ['a', 'weur', 'CDG', T0 + 60_000, T0 + 60_004, 41, 43, 200, 'up', null, null, null],
    ];
    for (const row of old) {
      await env.DB.prepare(
        `INSERT INTO check_results (monitor_id, region, colo, tick_at, started_at, ttfb_ms, total_ms, http_status,
                                    outcome, cause, detail, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
        .bind(...row)
        .run();
    }
    await env.DB.prepare(
      `INSERT INTO rollups (monitor_id, region, bucket, bucket_start, up, latency_count, latency_sum)
       VALUES ('a', 'weur', 'hour', ?, 2, 2, 83)`,
    )
      .bind(T0 - HOUR)
      .run();
    await seedHistory();
    await env.DB.prepare(
      `INSERT INTO incidents (id, monitor_id, cause, regions, started_at) VALUES ('inc_1', 'b', 'net.timeout', '["weur"]', ?)`,
    )
      .bind(T0)
      .run();

    for (const query of [
      ...migration('0002'),
      ...migration('0003'),
      ...migration('0004'),
      ...migration('0005').slice(1),
      ...migration('0006'),
    ])
      await env.DB.prepare(query).run();
    // What the API answered before 0008, when readers read `rollups` as it is (emulated: the
    // view as the table itself, and no packed hours).
    const uptime = async () => (await exports.default.fetch(UPTIME)).json();
    await env.DB.batch([
      env.DB.prepare('CREATE VIEW rollup_rows AS SELECT * FROM rollups'),
      env.DB.prepare('CREATE TABLE hourly_rollups (monitor_id, bucket_start, regions)'),
    ]);
    const before = await uptime();
    await env.DB.batch([
      env.DB.prepare('DROP VIEW rollup_rows'),
      env.DB.prepare('DROP TABLE hourly_rollups'),
    ]);
    for (const query of migration('0008')) await env.DB.prepare(query).run();

    expect(await countResults()).toBe(5);
    const stored = await storedResults();
    expect(
      stored.map((r) => [
        r.monitorId,
        r.region,
        r.colo,
        r.tickAt,
        r.startedAt,
        r.ttfbMs,
        r.totalMs,
        r.httpStatus,
        r.outcome,
        r.cause,
        r.detail,
        r.findings.length > 0 ? JSON.stringify(r.findings) : null,
      ]),
    ).toEqual(
      [...old].sort(
        (x, y) =>
          Number(x[3]) - Number(y[3]) ||
          String(x[0]).localeCompare(String(y[0])) ||
          String(x[1]).localeCompare(String(y[1])),
      ),
    );
    // Hourly rollups: a row per monitor and hour, every region in it; `rollups` keeps the days.
    expect(
      (await db.select().from(hourlyRollups)).map((r) => [r.monitorId, (r.bucketStart - T0) / HOUR]),
    ).toEqual([
      ['a', -15],
      ['a', -3],
      ['a', -2],
      ['a', -1],
    ]);
    expect(await db.$count(rollups)).toBe(2);
    expect(
      await db
        .select()
        .from(rollupRows)
        .where(eq(rollupRows.bucketStart, T0 - HOUR)),
    ).toMatchObject([
      { monitorId: 'a', region: 'weur', bucket: 'hour', up: 2, latencySum: 83, latencyMin: null },
    ]);
    // And the API answers the same uptime, downtime and percentiles, overall and per region.
    const after = await uptime();
    expect(after).toEqual(before);
    expect(after).toMatchObject({
      resolution: 'day',
      overall: {
        checks: 2 * 1440 + (60 + 59) * 2 + 2 + 3,
        uptime_pct: expect.any(Number),
        p95_ms: expect.any(Number),
      },
      regions: { weur: { p99_ms: expect.any(Number) }, apac: { p50_ms: expect.any(Number) } },
    });
    expect(await db.select().from(incidents)).toMatchObject([{ id: 'inc_1', monitorId: 'b' }]);
    const tables = await env.DB.prepare(
      `SELECT name FROM sqlite_master WHERE name IN ('check_results', 'results')`,
    ).all();
    expect(tables.results).toEqual([]);

    // The history API answers the same checks, newest first, from the block rows.
    const response = await exports.default.fetch('http://lookout.test/api/v1/monitors/b/results');
    const body = (await response.json()) as { results: Record<string, unknown>[] };
    expect(body.results).toEqual([
      {
        region: 'apac',
        colo: 'SIN',
        tick_at: new Date(T0).toISOString(),
        started_at: new Date(T0 + 4).toISOString(),
        ttfb_ms: 30,
        total_ms: 31,
        http_status: 200,
        outcome: 'up',
        cause: null,
        detail: null,
        findings: [],
      },
      {
        region: 'weur',
        colo: 'CDG',
        tick_at: new Date(T0).toISOString(),
        started_at: new Date(T0 + 2).toISOString(),
        ttfb_ms: null,
        total_ms: 10_000,
        http_status: null,
        outcome: 'down',
        cause: 'net.timeout',
        detail: 'no answer',
        findings: [],
      },
    ]);
    // And each monitor's newest checks are its status.
    const status = (await (await exports.default.fetch('http://lookout.test/api/v1/monitors/a')).json()) as {
      last_checked_at: string;
    };
    expect(status.last_checked_at).toBe(new Date(T0 + 60_000).toISOString());
  });
});
