import { describe, expect, it } from 'vitest';
import { packResults, unpackResults } from '../../src/db/packed-results';
import type { ProbeResult } from '../../src/probes/result';

const T = Date.UTC(2026, 10, 26, 12, 0, 0);
const result = (over: Partial<ProbeResult>): ProbeResult => ({
  monitorId: 'm',
  region: 'weur',
  colo: 'CDG',
  startedAt: T + 3,
  ttfbMs: 45,
  totalMs: 47,
  httpStatus: 200,
  outcome: 'up',
  cause: null,
  detail: null,
  findings: [],
  ...over,
});

describe('packed results', () => {
  it('round-trips every field of every region, one row per monitor', () => {
    const results = [
      result({}),
      result({ region: 'apac', colo: 'SIN', outcome: 'degraded', cause: 'perf.slow', detail: 'slow' }),
      result({
        region: 'enam',
        ttfbMs: null,
        totalMs: 10_000,
        httpStatus: null,
        outcome: 'down',
        cause: 'net.timeout',
      }),
      result({
        monitorId: 'n',
        findings: [{ code: 'security.insecure_transport', detail: 'plain http', data: { scheme: 'http' } }],
      }),
      result({
        monitorId: 'n',
        region: 'apac',
        outcome: 'unknown',
        cause: 'lookout.prober_failed',
        ttfbMs: null,
      }),
    ];
    const rows = packResults(T, results);
    expect(rows.map((r) => r.monitorId)).toEqual(['m', 'n']);
    const back = rows.flatMap((r) => unpackResults(r.monitorId, T, r.checks, r.findings));
    expect(back).toEqual(results);
  });

  it('keeps healthy checks short: no nulls, no "up", about 30 bytes a region', () => {
    const regions = ['weur', 'enam', 'apac', 'wnam', 'eeur'] as const;
    const [row] = packResults(
      T,
      regions.map((region) => result({ region, colo: 'FRA', startedAt: T + 12, ttfbMs: 123, totalMs: 125 })),
    );
    expect(row?.findings).toBe('{}');
    expect(row?.checks.length).toBeLessThan(200);
    // Each check is [region, colo, offset, ttfb, total, status]: no nulls, no "up".
    expect(row?.checks).toBe(JSON.stringify(regions.map((region) => [region, 'FRA', 12, 123, 125, 200])));
  });
});
