import { asc } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { readLiveRollups } from '../../src/db/queries/live-rollups';
import { flushRollups } from '../../src/db/queries/rollup-writes';
import { writeTick } from '../../src/db/queries/tick-writes';
import { readRollups, storedRollups } from '../../src/db/queries/uptime';
import { runHousekeeping } from '../../src/jobs/housekeeping';
import { hourlyRollups, rollupRows } from '../../src/db/schema';
import type { ProbeResult } from '../../src/probes/result';
import {
  applyConfig,
  countResults,
  db,
  loadConfig,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  target,
  tick,
} from '../helpers';

beforeEach(resetDb);

const HOUR = 60 * MINUTE;

/** The rollups written, one monitor, region and bucket size: what the readers' stored read returns. */
async function rollupOf(monitorId: string, region: 'weur' | 'apac', bucket: 'hour' | 'day') {
  return storedRollups(db, monitorId, [region], bucket, 0, Number.MAX_SAFE_INTEGER).orderBy(
    asc(rollupRows.bucketStart),
  );
}

/** What readers see: rollups written plus those not yet written (from raw results). */
const readerView = (monitorId: string, region: 'weur' | 'apac', bucket: 'hour' | 'day') =>
  readRollups(db, monitorId, [region], bucket, 0, T0 + 100 * HOUR).then((rows) =>
    rows.sort((x, y) => x.bucketStart - y.bucketStart),
  );

/** Ticks until every hour before `at` is written as rollups (a tick catches up 6 hours at most). */
async function tickUntilFlushed(at: number) {
  for (let k = 0; k < 10; k++) {
    await tick(at + k * MINUTE);
    const row = await db.$client.prepare(`SELECT value FROM meta WHERE key = 'rollups_flushed_to'`).first<{
      value: string;
    }>();
    if (Number(row?.value) >= at - (at % HOUR)) return;
  }
  throw new Error('rollups did not catch up');
}

describe('rollups', () => {
  it('are written once the hour (and the day) is over, from raw results; readers see the open ones live', async () => {
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [
        { id: 'fast', url: target('/delay/30', 'rollups') },
        { id: 'failing', url: target('/status/500', 'rollups') },
      ],
    });
    // Three ticks in one hour: nothing is written as rollups yet, readers see the hour live.
    for (const at of [T0, T0 + MINUTE, T0 + 2 * MINUTE]) await tick(at);
    expect(await db.$count(hourlyRollups)).toBe(0);
    expect(
      (await readerView('fast', 'weur', 'hour')).map((h) => [h.bucketStart, h.up, h.down, h.latencyCount]),
    ).toEqual([[T0, 3, 0, 3]]);

    // The next hour's first tick writes the hour that is over; the new hour is live.
    await tick(T0 + HOUR);
    expect(
      (await rollupOf('fast', 'weur', 'hour')).map((h) => [h.bucketStart, h.up, h.latencyCount]),
    ).toEqual([[T0, 3, 3]]);
    expect(
      (await readerView('fast', 'weur', 'hour')).map((h) => [h.bucketStart, h.up, h.down, h.latencyCount]),
    ).toEqual([
      [T0, 3, 0, 3],
      [T0 + HOUR, 1, 0, 1],
    ]);
    // The open day is its written hours plus the live one.
    expect(await rollupOf('fast', 'weur', 'day')).toEqual([]);
    expect(await readerView('fast', 'weur', 'day')).toMatchObject([{ up: 4, latencyCount: 4 }]);

    // Once the day is over its rollup is written from its hours, the same as readers saw it.
    const nextDay = T0 - (T0 % (24 * HOUR)) + 24 * HOUR;
    await tickUntilFlushed(nextDay + 5 * MINUTE);
    const [day] = await rollupOf('fast', 'weur', 'day');
    expect(day).toMatchObject({
      bucketStart: T0 - (T0 % (24 * HOUR)),
      up: 4,
      down: 0,
      downtimeS: 0,
      latencyCount: 4,
    });
    expect(day?.latencyMin).toBeGreaterThanOrEqual(30);
    expect(day?.latencyMax).toBeLessThan(60);
    expect(day?.latencySum).toBeGreaterThanOrEqual(120);
    // 30-35 ms lands in the (20, 35] bucket; allow the next one for a slow machine.
    expect((day?.h02 ?? 0) + (day?.h03 ?? 0)).toBe(4);

    const [failing] = await rollupOf('failing', 'apac', 'day');
    expect(failing).toMatchObject({ up: 0, down: 4, downtimeS: 240, latencyCount: 0, latencyMin: null });
  });

  it('are one row per monitor an hour, every region packed in it; flushing an hour again writes nothing', async () => {
    await applyConfig({
      regions: ['weur', 'apac', 'enam'],
      monitors: [
        { id: 'a', url: target('/ok', 'packed') },
        { id: 'b', url: target('/status/500', 'packed') },
      ],
    });
    for (const at of [T0, T0 + MINUTE, T0 + HOUR, T0 + 2 * HOUR]) await tick(at);
    const packed = () =>
      db.select().from(hourlyRollups).orderBy(asc(hourlyRollups.monitorId), asc(hourlyRollups.bucketStart));
    const rows = await packed();
    // Two monitors x two hours, not x three regions.
    expect(rows.map((r) => [r.monitorId, r.bucketStart])).toEqual([
      ['a', T0],
      ['a', T0 + HOUR],
      ['b', T0],
      ['b', T0 + HOUR],
    ]);
    for (const row of rows) {
      expect(Object.keys(JSON.parse(row.regions) as object).sort()).toEqual(['apac', 'enam', 'weur']);
      expect(row.regions.length).toBeLessThan(400);
    }
    // Down checks: no latency, so the array stops at the downtime.
    expect(JSON.parse(rows[2]?.regions ?? '{}')).toEqual({
      weur: [0, 0, 2, 0, 120],
      apac: [0, 0, 2, 0, 120],
      enam: [0, 0, 2, 0, 120],
    });
    // Readers see a row per region.
    expect((await rollupOf('b', 'apac', 'hour')).map((h) => [h.bucketStart, h.down, h.latencyMin])).toEqual([
      [T0, 2, null],
      [T0 + HOUR, 1, null],
    ]);

    // Both hours flushed again (a retried flush): the same rows, and none written but the mark.
    await env.DB.prepare(`UPDATE meta SET value = ? WHERE key = 'rollups_flushed_to'`).bind(String(T0)).run();
    const again = await flushRollups(db, T0 + 2 * HOUR);
    expect(again.hours).toBe(2);
    expect(again.rowsWritten).toBe(2);
    expect(await packed()).toEqual(rows);
  });

  it('are read through rollup_rows as a key range of both tables, whatever the history', async () => {
    for (const bucket of ['hour', 'day'] as const) {
      const { sql, params } = storedRollups(db, 'm', ['weur', 'apac'], bucket, T0, T0 + HOUR).toSQL();
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const steps = plan.results.map((r) => r.detail);
      expect(steps).toContain(
        'SEARCH rollups USING PRIMARY KEY (monitor_id=? AND region=? AND bucket=? AND bucket_start>? AND bucket_start<?)',
      );
      expect(steps).toContain(
        'SEARCH h USING PRIMARY KEY (monitor_id=? AND bucket_start>? AND bucket_start<?)',
      );
      expect(steps.filter((s) => /^SCAN (rollups|h)\b/.test(s))).toEqual([]);
    }
  });

  it('count a retried write once, and writing an hour again changes nothing', async () => {
    await applyConfig({ regions: ['weur'], monitors: [{ id: 'm', url: target('/ok', 'rollups') }] });
    await flushRollups(db, T0); // marks where flushing starts
    const result: ProbeResult = {
      monitorId: 'm',
      region: 'weur',
      colo: 'local',
      startedAt: T0,
      ttfbMs: 40,
      totalMs: 42,
      httpStatus: 200,
      outcome: 'up',
      cause: null,
      detail: null,
      findings: [],
    };
    const record = {
      tickAt: T0,
      startedAt: T0,
      probeMs: 50,
      results: [result],
      states: [],
      failedProbers: 0,
      trigger: 'cron' as const,
    };
    await writeTick(db, record);
    await writeTick(db, record);
    await flushRollups(db, T0 + HOUR);
    const expected = { up: 1, latencyCount: 1, latencySum: 42, latencyMin: 42, latencyMax: 42, h03: 1 };
    expect(await rollupOf('m', 'weur', 'hour')).toMatchObject([expected]);
    // The hour written again (a retried flush) is the same absolute figures.
    await env.DB.prepare(`UPDATE meta SET value = ? WHERE key = 'rollups_flushed_to'`).bind(String(T0)).run();
    await flushRollups(db, T0 + HOUR);
    expect(await rollupOf('m', 'weur', 'hour')).toMatchObject([expected]);
  });
});

describe('retention', () => {
  it('prunes raw results past their retention once their hour is written as rollups', async () => {
    const file = {
      regions: ['weur'],
      retention: { raw: '10m', hourly: '2h' },
      monitors: [{ id: 'kept', url: target('/ok', 'retention') }],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    for (let minute = 0; minute <= 15; minute++) await tick(T0 + minute * MINUTE, { config });
    // The hour is not written as rollups yet: its raw results are its only record, and stay.
    expect(await countResults()).toBe(16);
    await tick(T0 + HOUR, { config });
    expect((await storedResults()).map((r) => (r.tickAt - T0) / MINUTE)).toEqual([60]);
    expect(await rollupOf('kept', 'weur', 'hour')).toMatchObject([{ bucketStart: T0, up: 16 }]);
  });

  it('prunes hourly rollups once a day, never those of a day not yet written', async () => {
    await applyConfig({ regions: ['weur'], monitors: [{ id: 'm', url: target('/ok', 'retention') }] });
    const day = T0 - (T0 % (24 * HOUR));
    const insert = (bucket: string, start: number) =>
      env.DB.prepare(
        bucket === 'hour'
          ? `INSERT INTO hourly_rollups (monitor_id, bucket_start, regions) VALUES ('m', ?2, '{"weur":[1]}')`
          : `INSERT INTO rollups (monitor_id, region, bucket, bucket_start, up) VALUES ('m', 'weur', ?1, ?2, 1)`,
      )
        .bind(bucket, start)
        .run();
    await insert('hour', day - 30 * HOUR); // an hour of a closed day: past retention
    await insert('day', day - 24 * HOUR);
    await insert('hour', day + HOUR); // today's hours: the day is not written yet
    await insert('hour', day + 2 * HOUR);
    await env.DB.prepare(`INSERT INTO meta (key, value, updated_at) VALUES ('rollups_flushed_to', ?, 0)`)
      .bind(String(day + 3 * HOUR))
      .run();
    await runHousekeeping(db, day + 20 * HOUR, { raw: 14 * 24 * HOUR, hourly: 2 * HOUR });
    const left = await db
      .select()
      .from(rollupRows)
      .orderBy(asc(rollupRows.bucket), asc(rollupRows.bucketStart));
    expect(left.map((r) => [r.bucket, r.bucketStart])).toEqual([
      ['day', day - 24 * HOUR],
      ['hour', day + HOUR],
      ['hour', day + 2 * HOUR],
    ]);
  });
});

describe('live rollups and written rollups', () => {
  it('agree to the column: what readers saw of an hour is what is written when it ends', async () => {
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [
        { id: 'fast', url: target('/delay/30', 'same') },
        { id: 'slow', url: target('/delay/200', 'same'), assertions: [{ latency: { degraded: '100ms' } }] },
        { id: 'failing', url: target('/status/500', 'same'), interval: '2m' },
        { id: 'regional', url: target('/regional', 'same', { down: 'apac', status: '503' }) },
      ],
    });
    for (let m = 0; m < 6; m++) await tick(T0 + m * MINUTE);
    const byKey = (rows: Awaited<ReturnType<typeof readLiveRollups>>) =>
      new Map(
        rows
          .filter((r) => r.bucket === 'hour')
          .map((r) => [`${r.monitorId} ${r.region} ${r.bucketStart}`, r]),
      );
    const live = byKey(await readLiveRollups(db, 'all'));
    expect(live.size).toBe(8);
    await tick(T0 + HOUR);
    const written = byKey(await db.select().from(rollupRows));
    expect([...written.keys()].sort()).toEqual([...live.keys()].sort());
    for (const [key, row] of live) expect(written.get(key), key).toEqual(row);
    // Degraded, down with the monitor's interval as downtime, and latency only for answered checks.
    expect(written.get(`slow weur ${T0}`)).toMatchObject({ up: 0, degraded: 6, latencyCount: 6 });
    expect(written.get(`failing apac ${T0}`)).toMatchObject({ down: 3, downtimeS: 360, latencyCount: 0 });
    expect(written.get(`regional apac ${T0}`)).toMatchObject({ down: 6, downtimeS: 360 });
  });
});
