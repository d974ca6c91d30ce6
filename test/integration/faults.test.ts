import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { BACKSTOP_DELAY_MS, floorMinute } from '../../src/coordinator/minutes';
import { createDb } from '../../src/db/client';
import { checkResults, deliveries, incidents, ticks } from '../../src/db/schema';
import type { GetProber } from '../../src/jobs/dispatch';
import { probersFrom } from '../../src/regions/prober-namespace';
import { coordinatorWith, readHealth, startInOrder } from '../coordinator';
import { reportFault, tallyEvents, webhookReceiver } from '../fault-report';
import { applyConfig, db, loadConfig, MINUTE, resetDb, T0, target, tick } from '../helpers';

/**
 * Each promise of the tick, broken on purpose: a duplicate or overlapping minute, probers that
 * throw or hang, D1 failing, a monitor deleted mid-tick, a silent cron. Every scenario prints its
 * figures as a `[fault]` row (`npm run bench:faults` collects them) and asserts no duplicate and
 * no loss.
 */
beforeEach(resetDb);

const INCIDENT_EVENTS = ['incident.opened', 'incident.updated', 'incident.resolved'];
const deliveredIds = async (channelId: string) =>
  (await db.select().from(deliveries).where(eq(deliveries.channelId, channelId))).map((d) => d.eventId);

describe('fault injection', () => {
  it('the same minute fired twice at once', async () => {
    const hook = await webhookReceiver('twice', INCIDENT_EVENTS);
    const stub = await coordinatorWith({
      regions: ['weur', 'apac'],
      channels: [hook.channel],
      monitors: [
        { id: 'a', url: target('/ok', 'twice') },
        { id: 'b', url: target('/ok', 'twice') },
        { id: 'down', url: target('/status/503', 'twice') },
      ],
    });
    const statuses: string[] = [];
    for (let m = 0; m < 3; m++) {
      const at = T0 + m * MINUTE;
      const runs = await Promise.all([stub.run(at, 'cron'), stub.run(at + 2_000, 'cron')]);
      statuses.push(...runs.map((r) => r.status));
    }
    const events = tallyEvents(await hook.accepted(), await deliveredIds(hook.channel.id));
    const row = reportFault({
      scenario: 'same minute fired twice at once',
      ticks: await db.$count(ticks),
      results_expected: 3 * 3 * 2,
      results_stored: await db.$count(checkResults),
      incidents_opened: await db.$count(incidents),
      events_sent: { webhook: events.sent },
      redeliveries: events.redeliveries,
      duplicates: 0,
      losses: events.losses,
      refused_as_duplicate: statuses.filter((s) => s === 'duplicate').length,
    });
    expect(row).toMatchObject({ ticks: 3, results_stored: 18, incidents_opened: 1, refused_as_duplicate: 3 });
    expect(row.events_sent.webhook).toBe(1);
    expect([row.redeliveries, row.losses]).toEqual([0, 0]);
  });

  it('two minutes overlapping with a hanging target', async () => {
    const hook = await webhookReceiver('overlap', INCIDENT_EVENTS);
    const stub = await coordinatorWith({
      regions: ['weur', 'apac'],
      channels: [hook.channel],
      monitors: [
        { id: 'hangs', url: target('/hang', 'overlap'), timeout: '1500ms' },
        { id: 'fine', url: target('/ok', 'overlap') },
      ],
    });
    const started = Date.now();
    // Four minutes asked for while the one before is still probing (each also fired twice): each
    // waits for the one before.
    const runs = await Promise.all(
      await startInOrder(
        stub,
        [0, 1, 2, 3].flatMap((m): [number, 'cron'][] => [
          [T0 + m * MINUTE, 'cron'],
          [T0 + m * MINUTE, 'cron'],
        ]),
      ),
    );
    const wallMs = Date.now() - started;
    const events = tallyEvents(await hook.accepted(), await deliveredIds(hook.channel.id));
    const row = reportFault({
      scenario: 'two minutes overlapping with a hanging target',
      ticks: await db.$count(ticks),
      results_expected: 4 * 2 * 2,
      results_stored: await db.$count(checkResults),
      incidents_opened: await db.$count(incidents),
      events_sent: { webhook: events.sent },
      redeliveries: events.redeliveries,
      duplicates: 0,
      losses: events.losses,
      ran: runs.filter((r) => r.status === 'ran').length,
      wall_ms_for_4_minutes: wallMs,
    });
    expect(row).toMatchObject({ ticks: 4, ran: 4, results_stored: 16, incidents_opened: 1 });
    expect(row.events_sent.webhook).toBe(1);
    expect([row.redeliveries, row.losses]).toEqual([0, 0]);
  });

  it('a prober that throws, and one that hangs', async () => {
    const file = {
      regions: ['weur', 'apac'],
      monitors: [
        { id: 'a', url: target('/ok', 'prober'), timeout: '1s' },
        { id: 'b', url: target('/ok', 'prober'), timeout: '1s' },
      ],
    };
    await applyConfig(file);
    const real = probersFrom(env.PROBER);
    const throwing: GetProber = (job) =>
      job.region === 'apac' ? { probe: () => Promise.reject(new Error('prober crashed')) } : real(job);
    const hanging: GetProber = (job) =>
      job.region === 'apac' ? { probe: () => new Promise(() => undefined) } : real(job);
    const summaries = [
      await tick(T0, { getProber: throwing }),
      await tick(T0 + MINUTE, { getProber: throwing }),
      await tick(T0 + 2 * MINUTE, { getProber: hanging, proberGraceMs: 300 }),
      await tick(T0 + 3 * MINUTE, { getProber: hanging, proberGraceMs: 300 }),
    ];
    const stored = await db.select().from(checkResults);
    const row = reportFault({
      scenario: 'a prober that throws or hangs',
      ticks: await db.$count(ticks),
      results_expected: 4 * 2 * 2,
      results_stored: stored.length,
      incidents_opened: await db.$count(incidents),
      events_sent: {},
      redeliveries: 0,
      duplicates: 0,
      losses: 4 * 2 * 2 - stored.length,
      lost_region_results_unknown: stored.filter(
        (r) => r.region === 'apac' && r.cause === 'lookout.prober_failed',
      ).length,
      max_tick_ms_with_hanging_prober: Math.max(...summaries.slice(2).map((s) => s.durationMs)),
    });
    expect(row).toMatchObject({ ticks: 4, results_stored: 16, incidents_opened: 0, losses: 0 });
    expect(row.lost_region_results_unknown).toBe(8);
    expect(stored.filter((r) => r.region === 'weur').every((r) => r.outcome === 'up')).toBe(true);
  });

  it('the D1 batch failing once', async () => {
    const hook = await webhookReceiver('d1', INCIDENT_EVENTS);
    const file = {
      regions: ['weur'],
      channels: [hook.channel],
      monitors: [
        { id: 'down', url: target('/status/503', 'd1') },
        { id: 'up', url: target('/ok', 'd1') },
      ],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    // The first big batch (the tick's combined write) fails; everything else goes through.
    let failures = 0;
    const flaky = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            if (failures === 0 && statements.length > 4) {
              failures++;
              throw new Error('D1_ERROR: injected failure');
            }
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const first = await tick(T0, { config });
    const failed = await tick(T0 + MINUTE, { config, db: createDb(flaky) });
    await tick(T0 + 2 * MINUTE, { config });
    const events = tallyEvents(await hook.accepted(), await deliveredIds(hook.channel.id));
    const row = reportFault({
      scenario: 'the D1 batch failing once',
      ticks: await db.$count(ticks),
      results_expected: 3 * 2,
      results_stored: await db.$count(checkResults),
      incidents_opened: await db.$count(incidents),
      events_sent: { webhook: events.sent },
      redeliveries: events.redeliveries,
      duplicates: 0,
      losses: events.losses + (3 * 2 - (await db.$count(checkResults))),
      injected_failures: failures,
      write_errors_recorded: failed.errors.filter((e) => e.phase === 'write').length,
    });
    expect(first.errors).toEqual([]);
    expect(row).toMatchObject({ ticks: 3, results_stored: 6, incidents_opened: 1, injected_failures: 1 });
    expect(row.write_errors_recorded).toBe(1);
    expect(row.events_sent.webhook).toBe(1);
    expect([row.redeliveries, row.losses]).toEqual([0, 0]);
  });

  it('a monitor deleted mid-tick', async () => {
    const file = {
      regions: ['weur', 'apac'],
      monitors: [
        { id: 'doomed', url: target('/status/503', 'deleted') },
        { id: 'stays', url: target('/status/503', 'deleted') },
      ],
    };
    await applyConfig(file);
    const real = probersFrom(env.PROBER);
    await tick(T0);
    // On the tick that would open both incidents, `doomed` is deleted while its checks run.
    const deleting: GetProber = (job) => ({
      probe: async (j) => {
        const results = await real(job).probe(j);
        await env.DB.prepare(`DELETE FROM monitors WHERE id = 'doomed'`).run();
        return results;
      },
    });
    const summary = await tick(T0 + MINUTE, { getProber: deleting });
    const stays = await db.select().from(checkResults).where(eq(checkResults.monitorId, 'stays'));
    const row = reportFault({
      scenario: 'a monitor deleted mid-tick',
      ticks: await db.$count(ticks),
      results_expected: 2 * 2,
      results_stored: stays.length,
      incidents_opened: await db.$count(incidents),
      events_sent: {},
      redeliveries: 0,
      duplicates: 0,
      losses: 2 * 2 - stays.length,
      phase_errors: summary.errors.length,
    });
    expect(row).toMatchObject({
      ticks: 2,
      results_stored: 4,
      incidents_opened: 1,
      phase_errors: 0,
      losses: 0,
    });
    expect(await db.select().from(incidents)).toMatchObject([{ monitorId: 'stays' }]);
  });

  it('the cron silent for 5 minutes', async () => {
    const hook = await webhookReceiver('silent', ['lookout.tick_missed']);
    const stub = await coordinatorWith({
      regions: ['weur'],
      channels: [hook.channel],
      monitors: [{ id: 'api', url: target('/ok', 'silent') }],
    });
    // Real minutes, so /api/v1/health (which reads the real clock) sees them as the last ones.
    const start = floorMinute(Date.now()) - 6 * MINUTE;
    await stub.run(start, 'cron');
    let detectedAfterMs: number | null = null;
    for (let m = 1; m <= 5; m++) {
      const at = start + m * MINUTE + BACKSTOP_DELAY_MS;
      const before = Date.now();
      const run = await stub.backstop(at);
      expect(run?.status).toBe('ran');
      if (m === 1) detectedAfterMs = BACKSTOP_DELAY_MS + (Date.now() - before);
    }
    const { body: health } = await readHealth();
    const events = tallyEvents(await hook.accepted(), await deliveredIds(hook.channel.id));
    const row = reportFault({
      scenario: 'the cron silent for 5 minutes',
      ticks: await db.$count(ticks),
      results_expected: 6,
      results_stored: await db.$count(checkResults),
      incidents_opened: await db.$count(incidents),
      events_sent: { webhook: events.sent },
      redeliveries: events.redeliveries,
      duplicates: 0,
      losses: events.losses,
      backstop_runs: health.backstop_runs_24h,
      health_ticks_missed_24h: health.ticks_missed_24h,
      health_last_trigger: health.last_tick?.trigger,
      tick_missed_sent_after_s: (detectedAfterMs ?? 0) / 1000,
    });
    expect(row).toMatchObject({ ticks: 6, results_stored: 6, backstop_runs: 5, health_ticks_missed_24h: 5 });
    expect(row.health_last_trigger).toBe('backstop');
    expect(row.events_sent.webhook).toBe(1);
    expect(row.tick_missed_sent_after_s).toBeLessThan(120);
    expect([row.redeliveries, row.losses]).toEqual([0, 0]);
  });
});
