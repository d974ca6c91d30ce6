import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpSpec } from '../../src/config/checks';
import { runShards } from '../../src/jobs/dispatch';
import { secretsFromEnv } from '../../src/probes/templates';
import { runShard, type ShardJob } from '../../src/regions/shard';
import { applyConfig, monitorsFrom, resetDb, storedResults, T0, target, tick } from '../helpers';

beforeEach(resetDb);

const resultsOf = (monitorId: string) => storedResults({ monitorId });

describe('the probing deadline', () => {
  it('ends a tick on time: finished checks are measured, a hanging flow step and request are cut', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        { id: 'fast', url: target('/ok', 'deadline') },
        { id: 'slowish', url: target('/delay/300', 'deadline') },
        {
          id: 'checkout',
          kind: 'flow',
          steps: [
            { name: 'log in', url: target('/ok', 'deadline') },
            { name: 'pay', url: target('/hang', 'deadline'), timeout: '10s' },
            { name: 'receipt', url: target('/ok', 'deadline') },
          ],
        },
        { id: 'hangs', url: target('/hang', 'deadline'), timeout: '10s' },
      ],
    });

    const budgetMs = 2_000;
    const graceMs = 500;
    const summary = await tick(T0, { probeBudgetMs: budgetMs, proberGraceMs: graceMs });
    // One shard: the finished checks and the cut ones come back from the same prober.
    expect(summary).toMatchObject({ shards: 1, failures: [], checks: 4, up: 2, unknown: 2 });
    expect(summary.durationMs).toBeLessThan(budgetMs + graceMs);

    const slowish = (await resultsOf('slowish'))[0];
    expect(slowish).toMatchObject({ outcome: 'up', cause: null, httpStatus: 200 });
    expect(slowish?.ttfbMs).toBeGreaterThanOrEqual(300);
    expect((await resultsOf('fast'))[0]).toMatchObject({ outcome: 'up', httpStatus: 200 });

    const [checkout] = await resultsOf('checkout');
    expect(checkout).toMatchObject({ outcome: 'unknown', cause: 'lookout.deadline_exceeded', totalMs: null });
    expect(checkout?.detail).toMatch(
      /^cut at the probing deadline \(1\d{3} ms from the prober's start\) after 1\d{3} ms, during step "pay"$/,
    );
    const [hangs] = await resultsOf('hangs');
    expect(hangs).toMatchObject({ outcome: 'unknown', cause: 'lookout.deadline_exceeded' });
    expect(hangs?.detail).toMatch(
      /^cut at the probing deadline \(1\d{3} ms from the prober's start\) after 1\d{3} ms$/,
    );
  });
});

describe('runShard with a budget', () => {
  const hanging = monitorsFrom({
    monitors: [{ id: 'h', url: target('/hang', 'deadline-shard'), timeout: '10s' }],
  })[0]?.spec as HttpSpec;
  const runtime = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    connect: () => {
      throw new Error('no sockets here');
    },
    colo: 'local',
    secrets: secretsFromEnv(env),
    now: Date.now,
  };

  it('cuts the running checks at the deadline and does not start the rest', async () => {
    const job: ShardJob = {
      region: 'weur',
      shard: 'weur:0',
      budgetMs: 400,
      tasks: Array.from({ length: 7 }, (_, i) => ({ monitorId: `m${i}`, spec: hanging })),
    };
    const startedAt = Date.now();
    const results = await runShard(job, runtime);
    expect(Date.now() - startedAt).toBeLessThan(400 + 150);
    expect(results.map((r) => [r.monitorId, r.outcome, r.cause])).toEqual(
      job.tasks.map((t) => [t.monitorId, 'unknown', 'lookout.deadline_exceeded']),
    );
    expect(results.slice(0, 5).every((r) => r.detail?.startsWith('cut at the probing deadline'))).toBe(true);
    expect(results.slice(5).map((r) => r.detail)).toEqual(
      Array(2).fill("not started: the probing deadline (400 ms from the prober's start) had passed"),
    );
  });

  it('runs as before without a budget', async () => {
    const quick = { ...hanging, url: target('/ok', 'deadline-shard'), timeout: 1_000 };
    const results = await runShard(
      { region: 'weur', shard: 'weur:0', tasks: [{ monitorId: 'q', spec: quick }] },
      runtime,
    );
    expect(results[0]).toMatchObject({ outcome: 'up', httpStatus: 200 });
  });
});

describe('runShards with a budget', () => {
  it("sends each prober its budget less the grace, and gives up on a silent one at budget's end", async () => {
    const spec = monitorsFrom({ monitors: [{ id: 'x', url: target('/ok', 'deadline-dispatch') }] })[0]
      ?.spec as HttpSpec;
    const sent: ShardJob[] = [];
    const startedAt = Date.now();
    const { results, failures } = await runShards(
      [{ region: 'apac', shard: 'apac:0', tasks: [{ monitorId: 'x', spec }] }],
      () => ({
        probe: (job) => {
          sent.push(job);
          return new Promise(() => {});
        },
      }),
      { budgetMs: 600, graceMs: 200 },
    );
    expect(Date.now() - startedAt).toBeLessThan(600 + 100);
    expect(sent.map((j) => j.budgetMs)).toEqual([400]);
    expect(failures).toEqual([{ shard: 'apac:0', error: 'no answer within 600 ms' }]);
    expect(results[0]).toMatchObject({
      outcome: 'unknown',
      cause: 'lookout.prober_failed',
      detail: 'prober apac:0 failed: no answer within 600 ms',
    });
  });
});
