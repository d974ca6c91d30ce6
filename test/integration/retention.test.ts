import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/db/queries/rollup-writes';
import { applyConfig, loadConfig, MINUTE, resetDb, T0, target, tick } from '../helpers';

/**
 * Pruning keeps pace with what ticks write: three simulated days of ticks (a tick every 20
 * minutes, raw results kept 6 hours, hourly rollups a day, shortened so the steady state comes
 * fast) and the raw and hourly tables stop growing once their retention is reached, with every
 * row deleted counted: D1 bills deleted rows as written, so they are part of the bill.
 */
beforeEach(resetDb);

const STEP = 20 * MINUTE;
const DAY = 24 * HOUR_MS;

const file = {
  regions: ['weur', 'enam'],
  retention: { raw: '6h', hourly: '1d' },
  monitors: Array.from({ length: 6 }, (_, i) => ({
    id: `keep-${i}`,
    url: target('/ok', 'retention', { i: String(i) }),
    interval: '20m',
  })),
};

async function sizes() {
  const [raw, hourly] = await env.DB.batch<{ n: number }>([
    env.DB.prepare('SELECT count(*) AS n FROM result_blocks'),
    env.DB.prepare('SELECT count(*) AS n FROM hourly_rollups'),
  ]);
  return { raw: raw?.results[0]?.n ?? 0, hourly: hourly?.results[0]?.n ?? 0 };
}

describe('retention', () => {
  it('deletes each day at least what each day writes, once raw results and hourly rollups reach their retention', async () => {
    const config = await loadConfig(file);
    await applyConfig(file, T0);
    const start = T0 - (T0 % DAY);
    const perDay: { raw: number; hourly: number; rawDeleted: number; hourlyDeleted: number }[] = [];
    const hourlyPerTick: number[] = [];
    for (let day = 0; day < 3; day++) {
      let rawDeleted = 0;
      let hourlyDeleted = 0;
      for (let at = start + day * DAY; at < start + (day + 1) * DAY; at += STEP) {
        const summary = await tick(at, { config });
        expect(summary.errors).toEqual([]);
        rawDeleted += summary.housekeeping.rawDeleted;
        hourlyDeleted += summary.housekeeping.hourlyDeleted;
        if (day === 2) hourlyPerTick.push(summary.housekeeping.hourlyDeleted);
      }
      perDay.push({ ...(await sizes()), rawDeleted, hourlyDeleted });
    }
    const [, second, third] = perDay;
    if (!second || !third) throw new Error('three days expected');
    // Day 1 fills the windows; from day 2 on they are full and stay so: what day 3 wrote
    // (deleted + growth) was all deleted.
    expect(third.raw).toBeLessThanOrEqual(second.raw);
    expect(third.hourly).toBeLessThanOrEqual(second.hourly);
    const rawWritten = third.rawDeleted + (third.raw - second.raw);
    const hourlyWritten = third.hourlyDeleted + (third.hourly - second.hourly);
    expect(third.rawDeleted).toBeGreaterThanOrEqual(rawWritten);
    expect(third.hourlyDeleted).toBeGreaterThanOrEqual(hourlyWritten);
    // A day of hourly rollups is 24 hours x 6 monitors, both regions packed in a monitor's row
    // (it was 24 x 6 x 2 rows, one per region); they were really written.
    expect(hourlyWritten).toBe(24 * 6);
    expect(rawWritten).toBeGreaterThan(0);
    // Each hour goes once, as it ages out, whatever the scale: not a capped batch once a day.
    expect(hourlyPerTick.filter((n) => n > 0).length).toBeGreaterThanOrEqual(23);
    expect(Math.max(...hourlyPerTick)).toBeLessThanOrEqual(2 * 6);
    // And the tables hold what retention keeps: 6 hours of raw ticks (plus the hour not yet
    // rolled up), a day of hourly rollups (plus the day not yet closed).
    expect(third.raw).toBeLessThanOrEqual((((6 + 2) * HOUR_MS) / STEP) * 16);
    expect(third.hourly).toBeLessThanOrEqual(2 * 24 * 6);
  }, 120_000);
});
