import { describe, expect, it } from 'vitest';
import type { MonitorDefinition } from '../../src/config/monitor';
import { PROBE_BUDGET_MS } from '../../src/jobs/deadline';
import { PROBER_GRACE_MS, proberDeadlineMs, shardWorstCaseMs } from '../../src/jobs/dispatch';
import { LatencyMemory, PLANNED_FLOOR_MS } from '../../src/jobs/latency-memory';
import {
  CHECKS_BUDGET_MS,
  planShards,
  SHARDS_PER_PROBER,
  type ExpectedMs,
  type ScheduledMonitor,
} from '../../src/jobs/plan';
import type { Outcome, ProbeResult } from '../../src/probes/result';
import { MAX_IN_FLIGHT } from '../../src/regions/shard';
import { monitorsFrom } from '../helpers';

/** Scheduled monitors from config entries, through the real schema (regions default to weur). */
function scheduled(monitors: object[], regions = ['weur']): ScheduledMonitor[] {
  return monitorsFrom({ regions, monitors }).map((m: MonitorDefinition) => ({
    ...m,
    createdAt: 0,
    lastCheckedAt: null,
    state: null,
  }));
}

const http = (id: string, timeout: string) => ({ id, url: 'https://x.example/', timeout });
const flow = (id: string, steps: number, timeout: string) => ({
  id,
  kind: 'flow',
  steps: Array.from({ length: steps }, (_, i) => ({ name: `s${i}`, url: 'https://x.example/', timeout })),
});

const shape = (jobs: ReturnType<typeof planShards>) =>
  jobs.map((j) => [j.shard, j.tasks.map((t) => t.monitorId)]);

describe('planShards', () => {
  it('leaves the probers a grace for their start out of the probing budget', () => {
    expect(CHECKS_BUDGET_MS).toBe(PROBE_BUDGET_MS - PROBER_GRACE_MS);
  });

  it('fits every shard in the budget: waves x its slowest check, slowest checks together', () => {
    // 33 s for checks: a shard led by a 30 s check gets one wave (5 checks), by a 10 s check three
    // waves (15), by a 2 s check sixteen waves (80), capped at the shard size (50).
    const due = scheduled([
      ...Array.from({ length: 7 }, (_, i) => flow(`flow-${i}`, 3, '10s')),
      ...Array.from({ length: 20 }, (_, i) => http(`mid-${String(i).padStart(2, '0')}`, '10s')),
      ...Array.from({ length: 60 }, (_, i) => http(`fast-${String(i).padStart(2, '0')}`, '2s')),
    ]);
    const jobs = planShards(due, 50);
    for (const job of jobs) {
      expect(shardWorstCaseMs(job), job.shard).toBeLessThanOrEqual(CHECKS_BUDGET_MS);
      expect(job.tasks.length).toBeLessThanOrEqual(50);
      expect(proberDeadlineMs(job)).toBeLessThanOrEqual(PROBE_BUDGET_MS);
    }
    expect(jobs.map((j) => [j.shard, j.tasks.length, shardWorstCaseMs(j)])).toEqual([
      ['weur:0', 5, 30_000],
      ['weur:1', 5, 30_000], // flow-5, flow-6 and three 10 s checks: one wave of 30 s
      ['weur:2', 15, 30_000],
      ['weur:3', 15, 30_000], // the last two 10 s checks and 13 fast ones: three waves of 10 s
      ['weur:4', 47, 20_000], // ten waves of 2 s
    ]);
    expect(jobs.flatMap((j) => j.tasks).length).toBe(87);
  });

  it('never exceeds the shard size, even for fast checks', () => {
    const due = scheduled(Array.from({ length: 12 }, (_, i) => http(`m${i}`, '1s')));
    expect(planShards(due, 5).map((j) => j.tasks.length)).toEqual([5, 5, 2]);
  });

  it('names shards <region>:<index> per region, the same for the same monitors in any order', () => {
    const entries = [flow('a', 3, '10s'), http('b', '10s'), http('c', '1s'), flow('d', 2, '10s')];
    const due = scheduled(entries, ['weur', 'apac']);
    const first = planShards(due, 50);
    const again = planShards([...due].reverse(), 50);
    expect(shape(again).sort()).toEqual(shape(first).sort());
    expect(shape(first)).toEqual([
      ['weur:0', ['a', 'd', 'b', 'c']],
      ['apac:0', ['a', 'd', 'b', 'c']],
    ]);
  });

  it('splits by waves: a shard led by a 20 s check takes one wave of 5', () => {
    const due = scheduled(Array.from({ length: 7 }, (_, i) => flow(`f${i}`, 2, '10s')));
    const jobs = planShards(due, 50);
    expect(jobs.map((j) => j.tasks.length)).toEqual([MAX_IN_FLIGHT, 2]);
  });

  it('still plans a check slower than the budget, alone in its wave (its prober cuts it)', () => {
    const due = scheduled([http('slow', '20s'), http('quick', '1s')]);
    expect(shape(planShards(due, 50, 5_000))).toEqual([['weur:0', ['slow', 'quick']]]);
    const many = scheduled(Array.from({ length: 6 }, (_, i) => http(`s${i}`, '20s')));
    expect(planShards(many, 50, 5_000).map((j) => j.tasks.length)).toEqual([5, 1]);
  });

  it('leaves heartbeats out: they are pushed, not probed', () => {
    const due = scheduled([
      { id: 'hb', kind: 'heartbeat', token: '${{ secrets.T }}', period: '1h' },
      http('a', '1s'),
    ]);
    expect(shape(planShards(due, 50))).toEqual([['weur:0', ['a']]]);
  });
});

describe('planShards by expected latency', () => {
  const fastChecks = (n: number) =>
    scheduled(
      Array.from({ length: n }, (_, i) => http(`m${String(i).padStart(4, '0')}`, '10s')),
      ['weur', 'enam'],
    );

  it('packs checks known to be fast into full shards, eight shards to a prober object', () => {
    // At their 10 s worst case, 1,000 checks a region need 67 requests of 15; known to take 300 ms
    // (planned at 1 s), 20 of 50, on 3 prober objects per region.
    const due = fastChecks(1_000);
    expect(planShards(due, 50).length).toBe(2 * 67);
    const jobs = planShards(due, 50, CHECKS_BUDGET_MS, (_id, _region, worst) => Math.min(worst, 1_000));
    expect(jobs.length).toBe(2 * 20);
    expect(jobs.every((j) => j.tasks.length === 50)).toBe(true);
    const probers = new Set(jobs.map((j) => j.prober));
    expect([...probers].sort()).toEqual(['enam#0', 'enam#1', 'enam#2', 'weur#0', 'weur#1', 'weur#2']);
    expect(jobs.filter((j) => j.prober === 'weur#0').map((j) => j.shard)).toEqual(
      Array.from({ length: SHARDS_PER_PROBER }, (_, i) => `weur:${i}`),
    );
  });

  it('plans a check with nothing known at its worst case, and never above it', () => {
    const due = scheduled([http('known', '10s'), http('new', '10s'), http('tiny', '1s')]);
    const expected: ExpectedMs = (id, _region, worst) =>
      id === 'known' ? 1_000 : id === 'tiny' ? 60_000 : worst;
    // "new" leads (10 s: 3 waves, 15 checks fit), then "tiny" at its 1 s worst case, not 60 s.
    const [job, ...rest] = planShards(due, 50, 33_000, expected);
    expect(rest).toEqual([]);
    expect(job?.tasks.map((t) => t.monitorId)).toEqual(['new', 'known', 'tiny']);
  });
});

describe('LatencyMemory', () => {
  const result = (monitorId: string, outcome: Outcome, totalMs: number | null): ProbeResult => ({
    monitorId,
    region: 'weur',
    colo: 'AMS',
    startedAt: 0,
    ttfbMs: totalMs,
    totalMs,
    httpStatus: outcome === 'up' ? 200 : null,
    outcome,
    cause: null,
    detail: null,
    findings: [],
  });

  it('expects twice what a check took (at least 1 s), and its worst case after a failure or a cut', () => {
    const memory = new LatencyMemory();
    expect(memory.expected('a', 'weur', 10_000)).toBe(10_000);
    memory.learn([result('a', 'up', 300), result('b', 'degraded', 4_000), result('c', 'up', 9_000)]);
    expect(memory.expected('a', 'weur', 10_000)).toBe(PLANNED_FLOOR_MS);
    expect(memory.expected('a', 'enam', 10_000)).toBe(10_000);
    expect(memory.expected('b', 'weur', 10_000)).toBe(8_000);
    expect(memory.expected('c', 'weur', 10_000)).toBe(10_000);
    memory.learn([result('a', 'down', 10_000), result('b', 'unknown', null)]);
    expect(memory.expected('a', 'weur', 10_000)).toBe(10_000);
    expect(memory.expected('b', 'weur', 10_000)).toBe(10_000);
  });
});

describe('proberDeadlineMs', () => {
  it("waits for the sooner of the shard's worst case and the prober's own budget, plus the grace", () => {
    const [job] = planShards(scheduled([http('a', '10s'), http('b', '10s')]), 50);
    if (!job) throw new Error('no shard');
    expect(proberDeadlineMs(job, 1_000)).toBe(11_000);
    expect(proberDeadlineMs({ ...job, budgetMs: 4_000 }, 1_000)).toBe(5_000);
  });
});
