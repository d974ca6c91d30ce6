import { and, asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeTick } from '../../src/db/queries/tick-writes';
import { rollups } from '../../src/db/schema';
import type { ProbeResult } from '../../src/probes/result';
import { applyConfig, db, loadConfig, MINUTE, resetDb, storedResults, T0, target, tick } from '../helpers';

beforeEach(resetDb);

const HOUR = 60 * MINUTE;

async function rollupOf(monitorId: string, region: string, bucket: 'hour' | 'day') {
  return db
    .select()
    .from(rollups)
    .where(
      and(eq(rollups.monitorId, monitorId), eq(rollups.region, region as never), eq(rollups.bucket, bucket)),
    )
    .orderBy(asc(rollups.bucketStart));
}

describe('rollups', () => {
  it('count outcomes, downtime and latency per hour and day, in the tick that wrote the results', async () => {
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [
        { id: 'fast', url: target('/delay/30', 'rollups') },
        { id: 'failing', url: target('/status/500', 'rollups') },
      ],
    });
    // Three ticks in one hour, one in the next: two hour buckets, one day bucket.
    for (const at of [T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + HOUR]) await tick(at);

    const hours = await rollupOf('fast', 'weur', 'hour');
    expect(hours.map((h) => [h.bucketStart, h.up, h.down, h.latencyCount])).toEqual([
      [T0, 3, 0, 3],
      [T0 + HOUR, 1, 0, 1],
    ]);
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

  it('do not count a retried write twice', async () => {
    await applyConfig({ regions: ['weur'], monitors: [{ id: 'm', url: target('/ok', 'rollups') }] });
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
    const [hour] = await rollupOf('m', 'weur', 'hour');
    expect(hour).toMatchObject({
      up: 1,
      latencyCount: 1,
      latencySum: 42,
      latencyMin: 42,
      latencyMax: 42,
      h03: 1,
    });
  });
});

describe('retention', () => {
  it('prunes raw results past their retention, and hourly rollups once a day, keeping daily ones', async () => {
    const file = {
      regions: ['weur'],
      retention: { raw: '10m', hourly: '2h' },
      monitors: [{ id: 'kept', url: target('/ok', 'retention') }],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    for (let minute = 0; minute <= 15; minute++) await tick(T0 + minute * MINUTE, { config });
    const raw = await storedResults();
    // Results of ticks up to 10 minutes before the last one are gone; the rest stay.
    expect(raw.map((r) => (r.tickAt - T0) / MINUTE)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

    // A day later the daily pass removes hourly rollups older than 2 hours; the day rollup stays.
    await tick(T0 + 25 * HOUR, { config });
    const left = await db.select().from(rollups).orderBy(asc(rollups.bucket), asc(rollups.bucketStart));
    expect(left.map((r) => [r.bucket, r.bucketStart])).toEqual([
      ['day', T0 - (T0 % (24 * HOUR))],
      ['day', T0 + 25 * HOUR - ((T0 + 25 * HOUR) % (24 * HOUR))],
      ['hour', T0 + 25 * HOUR - ((T0 + 25 * HOUR) % HOUR)],
    ]);
    expect(left.find((r) => r.bucket === 'day')?.up).toBe(16);
  });
});
