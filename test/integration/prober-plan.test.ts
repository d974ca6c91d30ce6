import { beforeEach, describe, expect, it } from 'vitest';
import { LatencyMemory } from '../../src/jobs/latency-memory';
import { MINUTE, resetDb, T0, target, targetStats, applyConfig, tick } from '../helpers';
import { coordinatorWith } from '../coordinator';

/**
 * Shards planned by what checks took last minute, and probers shared by several shards: what the
 * probers cost (Durable Object requests and active time), against real probers and targets.
 */
beforeEach(resetDb);

const monitors = (count: number, path: string, tag: string, timeout = '10s') =>
  Array.from({ length: count }, (_, i) => ({
    id: `m-${String(i).padStart(3, '0')}`,
    url: target(path, tag, { n: String(i) }),
    timeout,
  }));

describe('planning by last minute', () => {
  it('sends fewer prober requests once it knows the checks are fast, and runs every check', async () => {
    // 60 checks with 10 s timeouts: planned at their worst case, 15 to a request (3 waves of 10 s
    // in the 33 s budget), so 4 requests; known to answer in milliseconds, 50 (the shard size) to one.
    const stub = await coordinatorWith({ regions: ['weur'], monitors: monitors(60, '/ok', 'plan-fast') });
    const first = await stub.run(T0, 'cron');
    const second = await stub.run(T0 + MINUTE, 'cron');
    if (first.status !== 'ran' || second.status !== 'ran') throw new Error('a minute did not run');
    expect(first.summary).toMatchObject({ checks: 60, up: 60, shards: 4 });
    expect(second.summary).toMatchObject({ checks: 60, up: 60, shards: 2 });
    // The coordinator's own request, then one per shard.
    expect(first.usage.doRequests).toBe(1 + 4);
    expect(second.usage.doRequests).toBe(1 + 2);
    expect((await targetStats('plan-fast')).requests).toBe(120);
  });

  it('costs a target that starts hanging at most one minute of unknown checks, never a false down', async () => {
    const latency = new LatencyMemory();
    const budget = { probeBudgetMs: 4_000, proberGraceMs: 500, latency };
    // Minute 1: 12 fast checks. Minute 2: each now takes 2 s (of a 5 s timeout); planned at 1 s
    // each (twice what they took, at least 1 s), 3 waves of 5 fit the 3.5 s budget in one shard,
    // but 3 waves of 2 s do not: the checks behind are cut, `unknown`. Minute 3 plans them at
    // their 5 s timeout, one wave per shard, and every check is judged.
    await applyConfig({ regions: ['weur'], monitors: monitors(12, '/ok', 'plan-hang', '5s') });
    const fast = await tick(T0, budget);
    expect(fast).toMatchObject({ checks: 12, up: 12, shards: 3 });
    await applyConfig({ regions: ['weur'], monitors: monitors(12, '/delay/2000', 'plan-hang', '5s') }, T0);
    const cut = await tick(T0 + MINUTE, budget);
    expect(cut.shards).toBe(1);
    expect(cut.down).toBe(0);
    expect(cut.unknown).toBeGreaterThan(0);
    expect(cut.up + cut.degraded + cut.unknown).toBe(12);
    const judged = await tick(T0 + 2 * MINUTE, budget);
    expect(judged.shards).toBe(3);
    expect(judged).toMatchObject({ checks: 12, unknown: 0, down: 0 });
  }, 30_000);
});
