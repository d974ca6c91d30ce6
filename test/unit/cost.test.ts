import { describe, expect, it } from 'vitest';
import { PRICES, projectMonth, TICKS_PER_MONTH, type TickCost } from '../../bench/lib/prices';

const idle: TickCost = {
  workerRequests: 1,
  workerCpuMs: 0,
  d1RowsRead: 0,
  d1RowsWritten: 0,
  d1BytesAdded: 0,
  doRequests: 1,
  doActiveMs: 0,
};

const usd = (tick: Partial<TickCost>, meter: string) =>
  projectMonth({ ...idle, ...tick }).lines.find((l) => l.meter === meter)?.usd;

describe('projectMonth', () => {
  it('is the $5 plan alone when everything stays inside what the plan includes', () => {
    const month = projectMonth({ ...idle, d1RowsWritten: 1_000, d1BytesAdded: 10_000, doActiveMs: 5_000 });
    expect(month.ticks).toBe(TICKS_PER_MONTH);
    expect(month.totalUsd).toBe(5);
    expect(month.lines.map((l) => l.meter)).toEqual([
      'Workers Paid plan',
      'Worker requests',
      'Worker CPU',
      'D1 rows written',
      'D1 rows read',
      'D1 storage (steady state)',
      'Durable Object requests',
      'Durable Object duration',
    ]);
  });

  it('bills each meter beyond what is included, at its price per million', () => {
    // 22,006 rows a tick (1,000 x 5 before issue 11): 950.7 M a month, 900.7 M beyond the 50 M.
    expect(usd({ d1RowsWritten: 22_006 }, 'D1 rows written')).toBeCloseTo(900.6592, 4);
    // 1,000 CPU ms a tick: 43.2 M ms, 13.2 M beyond 30 M at $0.02.
    expect(usd({ workerCpuMs: 1_000 }, 'Worker CPU')).toBeCloseTo(0.264, 6);
    // 250 requests a tick: 10.8 M, 0.8 M beyond 10 M at $0.30.
    expect(usd({ workerRequests: 250 }, 'Worker requests')).toBeCloseTo(0.24, 6);
    // 50 prober calls a tick: 2.16 M, 1.16 M beyond 1 M at $0.15.
    expect(usd({ doRequests: 50 }, 'Durable Object requests')).toBeCloseTo(0.174, 6);
    // 1 M rows read a tick: 43.2 B, 18.2 B beyond 25 B at $0.001 per M.
    expect(usd({ d1RowsRead: 1e6 }, 'D1 rows read')).toBeCloseTo(18.2, 6);
  });

  it('bills Durable Objects 128 MB for every active second', () => {
    // 100 s active a tick: 100 x 0.125 x 43,200 = 540,000 GB-s, 140,000 beyond at $12.50 per M.
    const line = projectMonth({ ...idle, doActiveMs: 100_000 }).lines.find(
      (l) => l.meter === 'Durable Object duration',
    );
    expect(line).toMatchObject({ used: 540_000, billed: 140_000 });
    expect(line?.usd).toBeCloseTo(1.75, 6);
  });

  it('stores what retention keeps at steady state, not what a month writes', () => {
    // 500 KB a tick x 14 days x 1,440 ticks = 10.08 GB; 5.08 GB beyond 5 at $0.75.
    const line = projectMonth({ ...idle, d1BytesAdded: 500_000 }).lines.find(
      (l) => l.meter === 'D1 storage (steady state)',
    );
    expect(line?.used).toBeCloseTo(10.08, 6);
    expect(line?.usd).toBeCloseTo(3.81, 6);
    expect(
      projectMonth({ ...idle, d1BytesAdded: 500_000 }, { retentionDays: 6 }).lines.find(
        (l) => l.meter === 'D1 storage (steady state)',
      )?.usd,
    ).toBe(0);
  });

  it('adds the lines up, and takes another price table and tick count', () => {
    const tick = { ...idle, d1RowsWritten: 22_006, doActiveMs: 100_000 };
    const month = projectMonth(tick);
    expect(month.totalUsd).toBeCloseTo(
      month.lines.reduce((s, l) => s + l.usd, 0),
      9,
    );
    expect(month.totalUsd).toBeCloseTo(5 + 900.6592 + 1.75, 4);
    const free = { ...PRICES, planUsd: 0 };
    expect(projectMonth(idle, { prices: free, ticks: 1 }).totalUsd).toBe(0);
  });
});
