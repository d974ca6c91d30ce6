import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, countResults, db, resetDb, storedResults, T0, target } from '../helpers';
import { incidents, rollups } from '../../src/db/schema';

/**
 * A database made by the schema before results were packed is carried over by the migrations:
 * the tables 0006 made are dropped and the old per-check rows rebuilt with the old table, then
 * migrations 0002 to 0006 run (0004 rebuilds rollups WITHOUT ROWID, its rows carried over; 0005
 * keeps each monitor's newest findings apart; 0006 packs the per-monitor rows into block rows).
 */
beforeEach(resetDb);

const migration = (name: string) => {
  const found = env.TEST_MIGRATIONS.find((m) => m.name.startsWith(name));
  if (!found) throw new Error(`no migration ${name}`);
  return found.queries;
};

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
      .bind(T0)
      .run();
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
    expect(await db.select().from(rollups)).toMatchObject([{ monitorId: 'a', up: 2, latencySum: 83 }]);
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
