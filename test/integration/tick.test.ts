import { env } from 'cloudflare:workers';
import { asc } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { monitorFindings, monitorState, ticks } from '../../src/db/schema';
import { probersFrom } from '../../src/regions/prober-namespace';
import type { GetProber } from '../../src/jobs/dispatch';
import { readLatestResults } from '../../src/db/queries/status';
import {
  applyConfig,
  db,
  MINUTE,
  refusedUrl,
  resetDb,
  storedResults,
  T0,
  target,
  targetStats,
  tick,
} from '../helpers';

const REGIONS = ['weur', 'enam', 'apac'];

beforeEach(resetDb);

const resultsOf = (monitorId: string) => storedResults({ monitorId });

describe('a tick over several monitors and three regions', () => {
  it('stores one result per (monitor, region) with the right outcome and latency', async () => {
    await applyConfig({
      regions: REGIONS,
      monitors: [
        { id: 'ok', url: target('/ok', 'mix') },
        { id: 'slow', url: target('/delay/150', 'mix') },
        { id: 'failing', url: target('/status/500', 'mix') },
        { id: 'apac-down', url: target('/regional', 'mix', { down: 'apac', status: '503' }) },
        { id: 'created', url: target('/status/201', 'mix'), expected_status: 201 },
      ],
    });

    const summary = await tick(T0);
    expect(summary).toMatchObject({ monitors: 5, checks: 15, up: 11, down: 4, unknown: 0 });

    const rows = await storedResults();
    expect(rows).toHaveLength(15);
    const pairs = new Set(rows.map((r) => `${r.monitorId}/${r.region}`));
    expect(pairs.size).toBe(15);
    for (const row of rows) {
      expect(row.colo).toBe('local');
      expect(row.tickAt).toBe(T0);
    }

    const slow = await resultsOf('slow');
    for (const r of slow) {
      expect(r.outcome).toBe('up');
      expect(r.ttfbMs).toBeGreaterThanOrEqual(150);
      expect(r.ttfbMs).toBeLessThan(150 + 25);
      expect(r.totalMs).toBeGreaterThanOrEqual(r.ttfbMs ?? 0);
    }

    const failing = await resultsOf('failing');
    expect(failing.map((r) => [r.outcome, r.httpStatus, r.cause])).toEqual(
      Array(3).fill(['down', 500, 'http.server_error']),
    );
    expect(failing[0]?.detail).toBe('status 500, expected 2xx');

    const regional = await resultsOf('apac-down');
    expect(regional.map((r) => [r.region, r.outcome, r.httpStatus])).toEqual([
      ['apac', 'down', 503],
      ['enam', 'up', 200],
      ['weur', 'up', 200],
    ]);

    const states = await db.select().from(monitorState).orderBy(asc(monitorState.monitorId));
    expect(states.map((s) => [s.monitorId, s.status])).toEqual([
      ['apac-down', 'partial'],
      ['created', 'up'],
      ['failing', 'down'],
      ['ok', 'up'],
      ['slow', 'up'],
    ]);
    // The last check of each region is in latest_results (state holds status changes only).
    const latest = await readLatestResults(db, ['apac-down']);
    expect([...(latest.get('apac-down')?.regions.keys() ?? [])].sort()).toEqual(['apac', 'enam', 'weur']);
  });

  it("writes a steady monitor's state only when it changes: a healthy tick writes its block row, its latest checks and the tick", async () => {
    await applyConfig({ regions: REGIONS, monitors: [{ id: 'steady', url: target('/ok', 'steady') }] });
    const summaries = [];
    for (let m = 0; m < 5; m++) summaries.push(await tick(T0 + m * MINUTE));
    const before = await db.select().from(monitorState).get();
    const findings = await db.select().from(monitorFindings).get();
    // A plain-http target: every check finds security.insecure_transport, stored once.
    expect(findings?.findings).toContain('security.insecure_transport');
    const last = await tick(T0 + 5 * MINUTE);
    expect(await db.select().from(monitorState).get()).toEqual(before);
    expect(await db.select().from(monitorFindings).get()).toEqual(findings);
    // Its block row, its block's latest_results row and the tick's record (rollups are written when the hour is over).
    expect(last.rowsWritten).toBeLessThanOrEqual(3);
    expect(summaries[0]?.rowsWritten).toBeGreaterThan(last.rowsWritten);
  });

  it('cuts a hanging target at its timeout and still completes the tick', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        { id: 'hangs', url: target('/hang', 'hang'), timeout: '1s' },
        { id: 'fine', url: target('/ok', 'hang') },
      ],
    });
    const summary = await tick(T0);
    expect(summary).toMatchObject({ checks: 2, up: 1, down: 1 });
    const [hung] = await resultsOf('hangs');
    expect(hung).toMatchObject({ outcome: 'down', cause: 'net.timeout', httpStatus: null });
    expect(hung?.totalMs).toBeGreaterThanOrEqual(1000);
    expect(hung?.totalMs).toBeLessThan(1200);
  });

  it('classifies a reset and a refused connection without crashing the tick', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        { id: 'reset', url: target('/reset', 'net') },
        { id: 'refused', url: `${refusedUrl}/` },
      ],
    });
    await tick(T0);
    expect((await resultsOf('reset'))[0]).toMatchObject({ outcome: 'down', cause: 'net.refused' });
    expect((await resultsOf('refused'))[0]).toMatchObject({ outcome: 'down', cause: 'net.refused' });
  });

  it('loses only the region whose prober throws', async () => {
    await applyConfig({
      regions: REGIONS,
      monitors: [
        { id: 'a', url: target('/ok', 'throw') },
        { id: 'b', url: target('/ok', 'throw') },
      ],
    });
    const real = probersFrom(env.PROBER);
    const getProber: GetProber = (job) =>
      job.region === 'enam' ? { probe: () => Promise.reject(new Error('prober crashed')) } : real(job);

    const summary = await tick(T0, { getProber });
    expect(summary).toMatchObject({ checks: 6, up: 4, unknown: 2 });
    expect(summary.failures).toEqual([{ shard: 'enam:0', error: 'prober crashed' }]);
    const rows = await resultsOf('a');
    expect(rows.map((r) => [r.region, r.outcome, r.cause])).toEqual([
      ['apac', 'up', null],
      ['enam', 'unknown', 'lookout.prober_failed'],
      ['weur', 'up', null],
    ]);
    const [tickRow] = await db.select().from(ticks);
    expect(tickRow).toMatchObject({ checks: 6, up: 4, unknown: 2, failedProbers: 1 });
  });

  it('gives up on a prober that hangs after its deadline and keeps the other regions', async () => {
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [{ id: 'a', url: target('/ok', 'stall'), timeout: '200ms' }],
    });
    const real = probersFrom(env.PROBER);
    const getProber: GetProber = (job) =>
      job.region === 'apac' ? { probe: () => new Promise(() => {}) } : real(job);

    const summary = await tick(T0, { getProber, proberGraceMs: 300 });
    expect(summary.failures).toEqual([{ shard: 'apac:0', error: 'no answer within 500 ms' }]);
    const rows = await resultsOf('a');
    expect(rows.map((r) => [r.region, r.outcome])).toEqual([
      ['apac', 'unknown'],
      ['weur', 'up'],
    ]);
  });
});

describe('the 5-in-flight cap', () => {
  it('never has more than 5 requests in flight per prober invocation, while shards run in parallel', async () => {
    const monitors = Array.from({ length: 24 }, (_, i) => ({
      id: `m${i}`,
      url: target('/delay/100', 'cap'),
    }));
    await applyConfig({ regions: ['weur', 'apac'], monitors });
    const summary = await tick(T0, { shardSize: 12 });
    expect(summary).toMatchObject({ checks: 48, up: 48, shards: 4 });

    const stats = await targetStats('cap');
    expect(stats.requests).toBe(48);
    expect(Object.keys(stats.maxInFlight).sort()).toEqual(['apac:0', 'apac:1', 'weur:0', 'weur:1']);
    for (const max of Object.values(stats.maxInFlight)) expect(max).toBe(5);
    expect(stats.maxInFlightTotal).toBeGreaterThan(5);
  });
});

describe('scheduling', () => {
  it('probes a 5-minute monitor once in five ticks and a 1-minute monitor every tick', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        { id: 'every-5', url: target('/ok', 'sched'), interval: '5m' },
        { id: 'every-1', url: target('/ok', 'sched') },
      ],
    });
    for (let i = 0; i < 5; i++) await tick(T0 + i * MINUTE);
    expect(await resultsOf('every-5')).toHaveLength(1);
    expect(await resultsOf('every-1')).toHaveLength(5);
    await tick(T0 + 5 * MINUTE);
    expect((await resultsOf('every-5')).map((r) => r.tickAt)).toEqual([T0, T0 + 5 * MINUTE]);
  });

  it('does not count a retried write twice', async () => {
    await applyConfig({ regions: ['weur'], monitors: [{ id: 'once', url: target('/ok', 'retry') }] });
    await tick(T0);
    await db.delete(monitorState);
    await tick(T0);
    expect(await resultsOf('once')).toHaveLength(1);
  });
});
