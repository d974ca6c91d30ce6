import { describe, expect, it } from 'vitest';
import {
  blockOf,
  blockRowId,
  BLOCK_SPAN,
  fitBlock,
  packBlock,
  packTick,
  RESULT_BLOCKS,
  unpackBlock,
  unpackChecks,
  type StoredCheck,
} from '../../src/db/result-blocks';
import type { ProbeResult } from '../../src/probes/result';
import { REGIONS } from '../../src/regions/regions';

const T = Date.UTC(2026, 10, 26, 12, 0, 0);
const result = (over: Partial<ProbeResult>): ProbeResult => ({
  monitorId: 'm',
  region: 'weur',
  colo: 'CDG',
  startedAt: T + 1203,
  ttfbMs: 40,
  totalMs: 85,
  httpStatus: 200,
  outcome: 'up',
  cause: null,
  detail: null,
  findings: [],
  ...over,
});

/** Through JSON, as D1 stores it. */
const roundTrip = (results: ProbeResult[]) =>
  unpackBlock(T, JSON.stringify(packBlock(T, results))).sort(
    (a, b) => a.monitorId.localeCompare(b.monitorId) || a.startedAt - b.startedAt,
  );

describe('result blocks', () => {
  it('round-trips every field and every default, several monitors in one row', () => {
    const results = [
      result({ startedAt: T + 1000 }),
      result({ region: 'apac', colo: 'SIN', outcome: 'degraded', cause: 'perf.slow', detail: 'slow' }),
      // A colo other than its region's most common one.
      result({ region: 'weur', colo: 'AMS', startedAt: T + 1300 }),
      // Null status followed by a cause; ttfb null, so the total is stored as itself.
      result({
        monitorId: 'n',
        region: 'enam',
        ttfbMs: null,
        totalMs: 10_000,
        httpStatus: null,
        outcome: 'down',
        cause: 'net.timeout',
        detail: 'no answer within 10000 ms',
      }),
      // Down with a status and no detail.
      result({ monitorId: 'n', region: 'wnam', httpStatus: 503, outcome: 'down', cause: 'http.upstream' }),
      // Unknown: nothing measured.
      result({
        monitorId: 'o',
        region: 'me',
        ttfbMs: null,
        totalMs: null,
        httpStatus: null,
        outcome: 'unknown',
        cause: 'lookout.prober_failed',
        detail: 'prober weur/0 failed',
      }),
      // A non-200 status that is up (an expected 204), and ttfb without a total.
      result({ monitorId: 'o', region: 'oc', httpStatus: 204, totalMs: null }),
      // Started before the tick (a clock behind): the row's base offset is negative.
      result({ monitorId: 'p', region: 'afr', startedAt: T - 250, colo: 'JNB' }),
    ];
    expect(roundTrip(results)).toEqual(
      [...results].sort((a, b) => a.monitorId.localeCompare(b.monitorId) || a.startedAt - b.startedAt),
    );
  });

  it('keeps healthy checks short: defaults left out, colos once per region, offsets from the earliest', () => {
    const regions = ['weur', 'enam', 'apac', 'wnam', 'eeur'] as const;
    const data = packBlock(
      T,
      regions.map((region, i) =>
        result({ region, colo: 'FRA', startedAt: T + 500 + i, ttfbMs: 40, totalMs: 85 }),
      ),
    );
    expect(data.o).toBe(500);
    expect(data.c).toEqual(Object.fromEntries(regions.map((r) => [REGIONS.indexOf(r), 'FRA'])));
    expect(data.m.m).toEqual(regions.map((r, i) => [REGIONS.indexOf(r), i, 40, 45]));
    expect(JSON.stringify(data.m.m).length).toBeLessThan(75);
  });

  it('writes a non-trailing default as its value, and a trailing one not at all', () => {
    const { monitors } = packTick(T, [
      result({ startedAt: T, httpStatus: null, outcome: 'down', cause: 'net.refused' }),
      result({ region: 'apac', startedAt: T, outcome: 'degraded', cause: 'perf.slow' }),
    ]);
    expect(monitors.get('m')?.checks).toEqual([
      [REGIONS.indexOf('weur'), 0, 40, 45, null, 'net.refused', null, 'down'],
      [REGIONS.indexOf('apac'), 0, 40, 45, 200, 'perf.slow', null, 'degraded'],
    ]);
    // The newest checks carry their colo and their offset from the tick.
    expect(monitors.get('m')?.latest[1]).toEqual([
      REGIONS.indexOf('apac'),
      0,
      40,
      45,
      200,
      'perf.slow',
      null,
      'degraded',
      'CDG',
    ]);
  });

  it('reads explicit nulls as null and absent positions as their defaults', () => {
    const [explicit, absent] = unpackChecks(
      'm',
      T,
      [
        [3, 5, null, null, null, null, null, 'down', 'CDG'],
        [3, 5],
      ],
      {
        3: 'FRA',
      },
    );
    expect(explicit).toMatchObject({
      ttfbMs: null,
      totalMs: null,
      httpStatus: null,
      outcome: 'down',
      colo: 'CDG',
    });
    expect(absent).toMatchObject({
      ttfbMs: null,
      totalMs: null,
      httpStatus: 200,
      outcome: 'up',
      colo: 'FRA',
    });
  });

  it('spreads monitors over the blocks, and keys each block by its own range of ticks', () => {
    const counts = new Array<number>(RESULT_BLOCKS).fill(0);
    for (let i = 0; i < 1000; i++) counts[blockOf(`m${String(i).padStart(4, '0')}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(1000 / RESULT_BLOCKS / 2);
    expect(blockOf('checkout-api')).toBe(blockOf('checkout-api'));
    expect(blockRowId(3, T)).toBe(3 * BLOCK_SPAN + T);
    expect(blockRowId(3, T) >= blockRowId(2, Date.UTC(2500, 0, 1))).toBe(true);
    expect(Number.isSafeInteger(blockRowId(RESULT_BLOCKS - 1, Date.UTC(2500, 0, 1)))).toBe(true);
  });

  it('cuts details, and nothing else, when a block would outgrow one D1 value', () => {
    const long = 'x'.repeat(500);
    const checks = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [
        `m${i}`,
        [[3, i, null, 10_000, null, 'net.timeout', long, 'down'] as StoredCheck],
      ]),
    );
    expect(fitBlock(checks, 1_000_000)).toBe(checks);
    const fitted = fitBlock(checks, 10_000);
    expect(JSON.stringify(fitted).length).toBeLessThan(10_000);
    expect(fitted.m7?.[0]).toEqual([3, 7, null, 10_000, null, 'net.timeout', `${'x'.repeat(59)}…`, 'down']);
  });

  it('keeps REGIONS append-only: a stored region index names the same region forever', () => {
    expect(REGIONS.slice(0, 9)).toEqual(['wnam', 'enam', 'sam', 'weur', 'eeur', 'apac', 'oc', 'afr', 'me']);
  });
});
