import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { BACKSTOP_DELAY_MS, floorMinute } from '../../src/coordinator/minutes';
import { createDb } from '../../src/db/client';
import { deliveries, incidents, ticks } from '../../src/db/schema';
import type { GetProber } from '../../src/jobs/dispatch';
import { probersFrom } from '../../src/regions/prober-namespace';
import { clearOfMinuteEnd, coordinatorWith, readHealth, startInOrder } from '../coordinator';
import { reportFault, tallyEvents, type FaultRow } from '../fault-report';
import { controlReceiver, receivedBy, uniqueName, webhookReceiver } from '../receivers-client';
import {
  applyConfig,
  countResults,
  db,
  loadConfig,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  target,
  targetUrl,
  tick,
} from '../helpers';

/**
 * Each promise of the tick, broken on purpose: a duplicate or overlapping minute, probers that
 * throw or hang, D1 failing, a monitor deleted mid-tick, a silent cron. Every scenario prints its
 * figures as a `[fault]` row (`npm run bench:faults` collects them) and asserts no duplicate and
 * no loss.
 */
beforeEach(resetDb);

const INCIDENT_EVENTS = ['incident.opened', 'incident.updated', 'incident.resolved'];
/**
 * The figures every scenario reports: ticks and results in D1, incidents opened, and per receiver
 * the distinct events accepted, redeliveries and events never accepted (losses).
 */
async function figures(
  scenario: string,
  resultsExpected: number,
  receivers: Record<string, Awaited<ReturnType<typeof webhookReceiver>>> = {},
): Promise<FaultRow> {
  const row: FaultRow = {
    scenario,
    ticks: await db.$count(ticks),
    results_expected: resultsExpected,
    results_stored: await countResults(),
    incidents_opened: await db.$count(incidents),
    events_sent: {},
    redeliveries: 0,
    duplicates: 0,
    losses: 0,
  };
  for (const [name, receiver] of Object.entries(receivers)) {
    const events = tallyEvents(await receiver.accepted(), await deliveredIds(receiver.channel.id));
    row.events_sent[name] = events.sent;
    row.redeliveries += events.redeliveries;
    row.losses += events.losses;
  }
  return row;
}

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
    const row = reportFault({
      ...(await figures('same minute fired twice at once', 3 * 3 * 2, { webhook: hook })),
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
    const row = reportFault({
      ...(await figures('two minutes overlapping with a hanging target', 4 * 2 * 2, { webhook: hook })),
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
    const stored = await storedResults();
    const row = reportFault({
      ...(await figures('a prober that throws or hangs', 4 * 2 * 2)),
      results_stored: stored.length,
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

  it('a slow flow against the tick budget', async () => {
    // Three steps that each answer just inside their 2 s timeout: 5.7 s in all, against a 3 s
    // probing budget (the real one is 38 s, for checks of at most 30 s; shortened to keep it quick).
    const hang = (name: string) => ({
      name,
      url: target('/delay/1900', 'budget', { step: name }),
      timeout: '2s',
    });
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [
        { id: 'flow', kind: 'flow', steps: [hang('login'), hang('list'), hang('logout')] },
        { id: 'fine', url: target('/ok', 'budget') },
      ],
    });
    const budgetMs = 3_000;
    const started = Date.now();
    const summary = await tick(T0, { probeBudgetMs: budgetMs, proberGraceMs: 500 });
    const wallMs = Date.now() - started;
    const stored = await storedResults();
    const row = reportFault({
      ...(await figures('a slow flow against the tick budget', 4)),
      results_stored: stored.length,
      losses: 4 - stored.length,
      probe_budget_ms: budgetMs,
      tick_wall_ms: wallMs,
      cut_at_deadline: stored.filter((r) => r.cause === 'lookout.deadline_exceeded').length,
      measured_up: stored.filter((r) => r.outcome === 'up').length,
    });
    expect(summary.errors).toEqual([]);
    expect(row).toMatchObject({ results_stored: 4, cut_at_deadline: 2, measured_up: 2, losses: 0 });
    expect(stored.find((r) => r.cause === 'lookout.deadline_exceeded')?.detail).toContain('list');
    expect(row.tick_wall_ms).toBeLessThan(budgetMs + 1_500);
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
    const base = await figures('the D1 batch failing once', 3 * 2, { webhook: hook });
    const row = reportFault({
      ...base,
      losses: base.losses + base.results_expected - base.results_stored,
      injected_failures: failures,
      write_errors_recorded: failed.errors.filter((e) => e.phase === 'write').length,
    });
    expect(first.errors).toEqual([]);
    expect(row).toMatchObject({ ticks: 3, results_stored: 6, incidents_opened: 1, injected_failures: 1 });
    expect(row.write_errors_recorded).toBe(1);
    expect(row.events_sent.webhook).toBe(1);
    expect([row.redeliveries, row.losses]).toEqual([0, 0]);
  });

  it('D1 full', async () => {
    const hook = await webhookReceiver('full', INCIDENT_EVENTS);
    const file = {
      regions: ['weur'],
      channels: [hook.channel],
      monitors: [{ id: 'api', url: target('/status/503', 'full') }],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    // An hour of checks, rolled up at the next hour's first tick: the raw rows that may make room.
    for (const minute of [0, 30, 60]) await tick(T0 + minute * MINUTE, { config });
    const rawBefore = await countResults();
    // The database is at its cap: every write batch fails as D1 does when full, until a delete frees space.
    let full = true;
    let refused = 0;
    const atCap = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            if (full && statements.length > 1) {
              refused++;
              throw new Error('D1_ERROR: database or disk is full: SQLITE_FULL');
            }
            const done = await target.batch(statements);
            if (done.some((r) => (r.meta.changes ?? 0) > 0)) full = false;
            return done;
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const during = await tick(T0 + 61 * MINUTE, { config, db: createDb(atCap) });
    const uptime = await db.$client
      .prepare(
        `SELECT up + degraded + down + unknown AS checks, down FROM rollup_rows
         WHERE monitor_id = ? AND bucket = 'hour' AND bucket_start = ?`,
      )
      .bind('api', T0)
      .first<{ checks: number; down: number }>();
    const stored = await storedResults({ monitorId: 'api' });
    const base = await figures('D1 full', 1, { webhook: hook });
    const row = reportFault({
      ...base,
      results_expected: 1,
      results_stored: stored.filter((r) => r.tickAt === T0 + 61 * MINUTE).length,
      losses: base.losses + 1 - stored.filter((r) => r.tickAt === T0 + 61 * MINUTE).length,
      writes_refused: refused,
      raw_rows_made_room: rawBefore - stored.filter((r) => r.tickAt < T0 + 61 * MINUTE).length,
      hour_still_in_rollups: uptime?.checks ?? 0,
    });
    const write = during.errors.filter((e) => e.phase === 'write').map((e) => e.error);
    expect(write.at(-1)).toMatch(/^D1 is full: deleted \d+ raw result rows before 2026-11-26T13:00:00\.000Z/);
    expect(row).toMatchObject({ results_stored: 1, losses: 0, duplicates: 0, incidents_opened: 1 });
    // The first hour's raw checks made room; its figures stayed in the rollups.
    expect(row.raw_rows_made_room).toBe(2);
    expect(uptime).toEqual({ checks: 2, down: 2 });
    expect(row.events_sent.webhook).toBe(1);
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
    const stays = await storedResults({ monitorId: 'stays' });
    const row = reportFault({
      ...(await figures('a monitor deleted mid-tick', 2 * 2)),
      results_stored: stays.length,
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

  it('duplicate heartbeat tokens', async () => {
    // Two secrets with one value: the file names different secrets, so only their values collide.
    const file = {
      regions: ['weur'],
      monitors: [
        { id: 'web', url: target('/ok', 'dup-tokens') },
        { id: 'nightly', kind: 'heartbeat', token: '${{ secrets.TEST_HEARTBEAT_TOKEN }}', period: '1h' },
        { id: 'copy', kind: 'heartbeat', token: '${{ secrets.TEST_HEARTBEAT_TOKEN_COPY }}', period: '1h' },
      ],
    };
    await applyConfig(file);
    const summaries = [await tick(T0), await tick(T0 + MINUTE), await tick(T0 + 2 * MINUTE)];
    const holders = await env.DB.prepare('SELECT monitor_id FROM heartbeats').all<{ monitor_id: string }>();
    const web = await storedResults({ monitorId: 'web' });
    const row = reportFault({
      ...(await figures('duplicate heartbeat tokens', 3)),
      results_stored: web.length,
      losses: 3 - web.length,
      phase_errors: summaries.reduce((n, s) => n + s.errors.length, 0),
      monitors_holding_the_token: holders.results.length,
    });
    expect(row).toMatchObject({ ticks: 3, results_stored: 3, losses: 0, phase_errors: 0 });
    // One monitor holds the token (the unique index allows no more); the tick writes the rest.
    expect(row.monitors_holding_the_token).toBe(1);
  });

  it('an oversized value in a result', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        { id: 'huge', url: target('/ok', 'huge') },
        { id: 'fine', url: target('/ok', 'huge') },
      ],
    });
    const real = probersFrom(env.PROBER);
    // Target-controlled text (headers, links) can be anything: here 3 MB of it in one result.
    const flooding: GetProber = (job) => ({
      probe: async (j) =>
        (await real(job).probe(j)).map((r) =>
          r.monitorId === 'huge'
            ? {
                ...r,
                detail: 'x'.repeat(1_000_000),
                findings: Array.from({ length: 1_000 }, (_, i) => ({
                  code: 'api.deprecated',
                  detail: `deprecated ${i} ${'y'.repeat(2_000)}`,
                  data: { link: 'z'.repeat(2_000) },
                })),
              }
            : r,
        ),
    });
    const summary = await tick(T0, { getProber: flooding });
    const stored = await storedResults({ monitorId: 'huge' });
    const row = reportFault({
      ...(await figures('an oversized value in a result', 2)),
      losses: 2 - (await countResults()),
      phase_errors: summary.errors.length,
      stored_detail_chars: stored[0]?.detail?.length ?? 0,
      stored_findings_chars: JSON.stringify(stored[0]?.findings ?? []).length,
    });
    expect(row).toMatchObject({ results_stored: 2, losses: 0, phase_errors: 0 });
    expect(row.stored_detail_chars).toBeLessThanOrEqual(500);
    expect(row.stored_findings_chars).toBeLessThanOrEqual(4_096);
  });

  it('the cron silent for 5 minutes', async () => {
    // Real minutes, so /api/v1/health (which reads the real clock) sees them as the last ones; not
    // begun near a minute's end, or the clock would pass into the next minute, one more missed.
    await clearOfMinuteEnd();
    const hook = await webhookReceiver('silent', ['lookout.tick_missed']);
    const stub = await coordinatorWith({
      regions: ['weur'],
      channels: [hook.channel],
      monitors: [{ id: 'api', url: target('/ok', 'silent') }],
    });
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
    const row = reportFault({
      ...(await figures('the cron silent for 5 minutes', 6, { webhook: hook })),
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

  /** A monitor whose answer the test sets per tick, and the ticks that follow a script. */
  async function scripted(label: string, channels: Record<string, unknown>[]) {
    const name = uniqueName(label);
    const file = {
      regions: ['weur'],
      channels,
      monitors: [{ id: 'scripted', url: new URL(`/switch/${name}`, targetUrl).toString() }],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    const answer = async (status: number) => {
      const response = await fetch(new URL(`/__switch/${name}?status=${status}`, targetUrl), {
        method: 'POST',
      });
      await response.body?.cancel();
    };
    /** Runs minutes [from, to), the target down during the `down` ranges. */
    const run = async (from: number, to: number, down: [number, number][]) => {
      for (let m = from; m < to; m++) {
        await answer(down.some(([a, b]) => m >= a && m < b) ? 503 : 200);
        await tick(T0 + m * MINUTE, { config });
      }
    };
    return { run };
  }

  it('a receiver refusing permanently', async () => {
    const refusing = await webhookReceiver('refusing', INCIDENT_EVENTS);
    const healthy = await webhookReceiver('healthy', INCIDENT_EVENTS);
    await controlReceiver('webhook', refusing.name, { failWith: 404 });
    const { run } = await scripted('refusal', [refusing.channel, healthy.channel]);
    await run(0, 20, [
      [0, 4],
      [8, 12],
    ]);
    const rows = await db.select().from(deliveries).where(eq(deliveries.channelId, refusing.channel.id));
    const row = reportFault({
      ...(await figures('a receiver refusing permanently', 20, { healthy })),
      events_sent: {
        refusing: (await refusing.accepted()).length,
        healthy: (await healthy.accepted()).length,
      },
      dead_at_first_attempt: rows.filter((r) => r.status === 'dead' && r.attempts === 1).length,
      attempts_at_refusing_receiver: (await receivedBy('webhook', refusing.name)).length,
    });
    expect(row).toMatchObject({
      incidents_opened: 2,
      dead_at_first_attempt: 4,
      attempts_at_refusing_receiver: 4,
    });
    expect(row.events_sent).toEqual({ refusing: 0, healthy: 4 });
    expect([row.redeliveries, row.losses]).toEqual([0, 0]);
    expect((await healthy.accepted()).map((e) => e.type)).toEqual([
      'incident.opened',
      'incident.resolved',
      'incident.opened',
      'incident.resolved',
    ]);
  });

  it('a receiver killed mid-send', async () => {
    const hook = await webhookReceiver('dropping', INCIDENT_EVENTS);
    // It reads the next two requests whole, then drops the connection without answering.
    await controlReceiver('webhook', hook.name, { dropNext: 2 });
    const { run } = await scripted('dropped', [hook.channel]);
    await run(0, 30, [[0, 5]]);
    const seen = await receivedBy('webhook', hook.name);
    const base = await figures('a receiver killed mid-send', 30, { webhook: hook });
    const row = reportFault({
      ...base,
      // Sent again after a dropped connection: at least once. Accepted twice would be a duplicate.
      redeliveries: seen.length - (base.events_sent.webhook ?? 0),
      duplicates: base.redeliveries,
      dropped_mid_request: seen.filter((r) => r.dropped).length,
    });
    expect(row).toMatchObject({ incidents_opened: 1, dropped_mid_request: 2, redeliveries: 2 });
    expect(row.events_sent.webhook).toBe(2);
    expect([row.duplicates, row.losses]).toEqual([0, 0]);
  });

  it('a receiver down for 30 ticks', async () => {
    const hook = await webhookReceiver('down30', INCIDENT_EVENTS);
    await controlReceiver('webhook', hook.name, { failWith: 503 });
    const { run } = await scripted('down30', [hook.channel]);
    const outages: [number, number][] = [
      [0, 4],
      [8, 12],
    ];
    await run(0, 30, outages);
    const during = (await hook.accepted()).length;
    await controlReceiver('webhook', hook.name, null);
    // Back after 30 ticks: the retries (backoff up to an hour) get everything through.
    await run(30, 130, outages);
    const base = await figures('a receiver down for 30 ticks', 130, { webhook: hook });
    const row = reportFault({
      ...base,
      duplicates: base.redeliveries,
      accepted_while_down: during,
      failed_attempts: (await receivedBy('webhook', hook.name)).filter((r) => r.status === 503).length,
    });
    expect(row).toMatchObject({
      ticks: 130,
      results_stored: 130,
      incidents_opened: 2,
      accepted_while_down: 0,
    });
    expect(row.events_sent.webhook).toBe(4);
    expect([row.duplicates, row.losses]).toEqual([0, 0]);
    const types = (await hook.accepted()).map((e) => e.type);
    // In order per incident: each opening before its resolution.
    expect(types.filter((t) => t === 'incident.opened')).toHaveLength(2);
    expect(types.indexOf('incident.opened')).toBeLessThan(types.indexOf('incident.resolved'));
  });
});
