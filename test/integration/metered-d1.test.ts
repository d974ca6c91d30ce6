import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { meteredD1 } from '../../src/db/metered';
import { meteredProbers, ProberMeter, runShards, type GetProber } from '../../src/jobs/dispatch';
import type { ShardJob } from '../../src/regions/shard';

// A table of this file's own (storage is isolated per test file), with one unique index: D1 bills
// the index's entry as a row written too.
beforeAll(async () => {
  await env.DB.prepare('CREATE TABLE meter_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL)').run();
  await env.DB.prepare('CREATE UNIQUE INDEX meter_probe_name ON meter_probe (name)').run();
});

describe('meteredD1', () => {
  it('adds the rows D1 reports for run, all, first and batch, and counts every query', async () => {
    const { d1, meter } = meteredD1(env.DB);
    const insert = d1.prepare('INSERT INTO meter_probe (id, name) VALUES (?, ?)');
    await insert.bind(1, 'a').run();
    expect(meter).toEqual({ queries: 1, rowsRead: expect.any(Number), rowsWritten: 2, unreported: 0 });

    await d1.batch([insert.bind(2, 'b'), insert.bind(3, 'c'), insert.bind(4, 'd')]);
    expect(meter.queries).toBe(4);
    expect(meter.rowsWritten).toBe(8);

    const readBefore = meter.rowsRead;
    const all = await d1.prepare('SELECT id, name FROM meter_probe ORDER BY id').all<{ id: number }>();
    expect(all.results.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(meter.rowsRead - readBefore).toBe(all.meta.rows_read);
    expect(all.meta.rows_read).toBeGreaterThanOrEqual(4);

    expect(await d1.prepare('SELECT name FROM meter_probe WHERE id = ?').bind(3).first('name')).toBe('c');
    expect(await d1.prepare('SELECT * FROM meter_probe WHERE id = ?').bind(9).first()).toBeNull();
    expect(meter.queries).toBe(7);

    const deleted = await d1.prepare('DELETE FROM meter_probe WHERE id > 2').run();
    expect(meter.rowsWritten).toBe(8 + deleted.meta.rows_written);
    expect(deleted.meta.rows_written).toBeGreaterThanOrEqual(2);
  });

  it('meters what Drizzle runs through createDb; raw() reads count as queries with rows unreported', async () => {
    const { d1, meter } = meteredD1(env.DB);
    const db = createDb(d1);
    await db.run(sql`INSERT INTO meter_probe (id, name) VALUES (10, 'drizzle')`);
    expect(meter).toMatchObject({ queries: 1, rowsWritten: 2, unreported: 0 });
    const rows = await db.values<[number]>(sql`SELECT id FROM meter_probe WHERE id = 10`);
    expect(rows).toEqual([[10]]);
    expect(meter).toMatchObject({ queries: 2, unreported: 1 });
  });

  it('leaves the binding itself unmetered and gives each wrapper its own counters', async () => {
    const first = meteredD1(env.DB);
    const second = meteredD1(env.DB);
    await first.d1.prepare('SELECT count(*) FROM meter_probe').all();
    await env.DB.prepare('SELECT count(*) FROM meter_probe').all();
    expect(first.meter.queries).toBe(1);
    expect(second.meter.queries).toBe(0);
  });
});

describe('prober metering', () => {
  const job = (shard: string): ShardJob => ({ region: 'weur', shard, tasks: [] });
  const slow =
    (ms: number, fail = false): GetProber =>
    () => ({
      probe: () =>
        new Promise((resolve, reject) =>
          setTimeout(() => (fail ? reject(new Error('gone')) : resolve([])), ms),
        ),
    });

  it('counts the prober calls runShards makes and their wall time, failed calls included', async () => {
    const run = new ProberMeter();
    await runShards([job('weur:0'), job('weur:1')], meteredProbers(slow(40), run), { graceMs: 1_000 });
    expect(run.calls).toBe(2);
    expect(run.activeMs()).toBeGreaterThanOrEqual(80);
    const meter = new ProberMeter();
    const failed = await runShards([job('weur:0')], meteredProbers(slow(20, true), meter), {
      graceMs: 1_000,
    });
    expect(failed.failures).toHaveLength(1);
    expect(meter.calls).toBe(1);
    expect(meter.activeMs()).toBeGreaterThanOrEqual(20);
  });

  it('meteredProbers counts each call and its time, a call still waiting up to now', async () => {
    const meter = new ProberMeter();
    const probers = meteredProbers(slow(30), meter);
    await Promise.all([
      probers(job('weur:0')).probe(job('weur:0')),
      probers(job('weur:1')).probe(job('weur:1')),
    ]);
    expect(meter.calls).toBe(2);
    expect(meter.activeMs()).toBeGreaterThanOrEqual(60);
    const hanging = meteredProbers(() => ({ probe: () => new Promise(() => {}) }), meter);
    void hanging(job('weur:2')).probe(job('weur:2'));
    expect(meter.calls).toBe(3);
    expect(meter.activeMs(Date.now() + 1_000)).toBeGreaterThanOrEqual(1_060);
  });
});
