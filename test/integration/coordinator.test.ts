import { exports } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { BACKSTOP_DELAY_MS } from '../../src/coordinator/minutes';
import { deliveries, incidents, ticks } from '../../src/db/schema';
import type { TickSummary } from '../../src/jobs/tick';
import { PHASES, PhaseLog } from '../../src/jobs/phases';
import { pingWatchdog } from '../../src/jobs/watchdog';
import {
  countResults,
  db,
  loadConfig,
  MINUTE,
  refusedUrl,
  resetDb,
  T0,
  target,
  targetRequests,
  targetStats,
  targetUrl,
} from '../helpers';
import { clearOfMinuteEnd, coordinatorWith, readHealth, startInOrder } from '../coordinator';
import { uniqueName, webhookReceiver } from '../receivers-client';

/**
 * The tick coordinator: each minute runs once and in order whoever fires it (a duplicate cron,
 * an overlapping minute, the backstop alarm), against real probers, targets and receivers.
 */
beforeEach(resetDb);

const webhookChannel = () =>
  webhookReceiver('coord', ['incident.opened', 'incident.resolved', 'lookout.tick_missed'], 'hook');

describe('one tick per scheduled minute', () => {
  it('runs a minute fired twice at once only once: one probe per region, one result, one tick', async () => {
    const tag = uniqueName('dup');
    const stub = await coordinatorWith({
      regions: ['weur', 'apac'],
      monitors: [{ id: 'api', url: target('/ok', tag) }],
    });
    const runs = await Promise.all([stub.run(T0, 'cron'), stub.run(T0 + 5_000, 'cron')]);

    expect(runs.map((r) => r.status).sort()).toEqual(['duplicate', 'ran']);
    expect((await targetStats(tag)).requests).toBe(2);
    expect(await countResults()).toBe(2);
    expect(await db.select().from(ticks)).toMatchObject([{ scheduledAt: T0, trigger: 'cron' }]);
  });

  it('refuses a minute that arrives after a later one ran (a late cron), and runs the next one', async () => {
    const stub = await coordinatorWith({
      regions: ['weur'],
      monitors: [{ id: 'api', url: target('/ok', 'late') }],
    });
    expect((await stub.run(T0 + MINUTE, 'cron')).status).toBe('ran');
    expect((await stub.run(T0, 'cron')).status).toBe('stale');
    expect((await stub.run(T0 + 2 * MINUTE, 'cron')).status).toBe('ran');
    const rows = await db.select({ at: ticks.scheduledAt }).from(ticks).orderBy(asc(ticks.scheduledAt));
    expect(rows.map((r) => r.at)).toEqual([T0 + MINUTE, T0 + 2 * MINUTE]);
  });

  it('makes an overlapping minute wait for the one before: a hanging target opens one incident, paged once', async () => {
    const hook = await webhookChannel();
    const stub = await coordinatorWith({
      regions: ['weur', 'apac'],
      alerting: { fail_after: 2 },
      channels: [hook.channel],
      monitors: [{ id: 'hangs', url: target('/hang', uniqueName('hang')), timeout: '1500ms' }],
    });
    // Minute 0 runs alone; minutes 1 and 2 are asked for while the one before still waits on the
    // target (each request is sent once the previous one has claimed its minute, so the order is
    // known), then minute 1 again.
    await stub.run(T0, 'cron');
    const runs = await Promise.all(
      await startInOrder(stub, [
        [T0 + MINUTE, 'cron'],
        [T0 + 2 * MINUTE, 'cron'],
        [T0 + MINUTE, 'cron'],
      ]),
    );

    expect(runs.map((r) => r.status)).toEqual(['ran', 'ran', 'stale']);
    const opened = await db.select().from(incidents).where(eq(incidents.monitorId, 'hangs'));
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ cause: 'net.timeout', startedAt: T0, resolvedAt: null });
    const events = await hook.accepted();
    expect(events.filter((e) => e.type === 'incident.opened')).toHaveLength(1);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // Three minutes, two regions: each (monitor, region, minute) measured exactly once.
    expect(await countResults()).toBe(6);
  });
});

describe('the backstop alarm', () => {
  it('runs a minute the cron missed, says so once per silence, and stops when the cron fires again', async () => {
    const hook = await webhookChannel();
    const tag = uniqueName('silent');
    const stub = await coordinatorWith({
      regions: ['weur'],
      channels: [hook.channel],
      monitors: [{ id: 'api', url: target('/ok', tag) }],
    });
    await stub.run(T0, 'cron');
    // 5 s into the next minute the cron may still come: the backstop waits.
    expect(await stub.backstop(T0 + MINUTE + 5_000)).toBeNull();
    // Past the delay with no tick: the backstop runs minutes 1 to 5 itself.
    for (let m = 1; m <= 5; m++) {
      const run = await stub.backstop(T0 + m * MINUTE + BACKSTOP_DELAY_MS + 1_000);
      expect(run?.status).toBe('ran');
    }
    // A cron that finally fires for a minute the backstop ran is a duplicate.
    expect((await stub.run(T0 + 5 * MINUTE, 'cron')).status).toBe('duplicate');
    // The cron is back; a later silence is announced again.
    expect((await stub.run(T0 + 6 * MINUTE, 'cron')).status).toBe('ran');
    expect(await stub.backstop(T0 + 6 * MINUTE + BACKSTOP_DELAY_MS + 1_000)).toBeNull();
    expect((await stub.backstop(T0 + 7 * MINUTE + BACKSTOP_DELAY_MS))?.status).toBe('ran');

    const rows = await db.select().from(ticks).orderBy(asc(ticks.scheduledAt));
    expect(rows.map((r) => [(r.scheduledAt - T0) / MINUTE, r.trigger])).toEqual([
      [0, 'cron'],
      [1, 'backstop'],
      [2, 'backstop'],
      [3, 'backstop'],
      [4, 'backstop'],
      [5, 'backstop'],
      [6, 'cron'],
      [7, 'backstop'],
    ]);
    expect((await targetStats(tag)).requests).toBe(8);
    const missed = (await hook.accepted()).filter((e) => e.type === 'lookout.tick_missed');
    expect(missed).toHaveLength(2);
    const stored = await db.select().from(deliveries).where(eq(deliveries.eventType, 'lookout.tick_missed'));
    expect(stored.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(stored[0]?.payload.summary).toContain('did not run the minute');
  });
});

describe('GET /api/v1/health', () => {
  const health = readHealth;

  it('reports the last tick, minutes the cron missed, the backstop runs and the outbox', async () => {
    await clearOfMinuteEnd();
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const stub = await coordinatorWith({
      regions: ['weur'],
      monitors: [{ id: 'api', url: target('/ok', 'hl') }],
    });
    // Ten minutes ago the cron ran; then two silent minutes the backstop covered; then the cron again.
    await stub.run(now - 10 * MINUTE, 'cron');
    for (let m = 9; m >= 1; m--) {
      if (m === 8 || m === 7) await stub.backstop(now - m * MINUTE + BACKSTOP_DELAY_MS);
      else await stub.run(now - m * MINUTE, 'cron');
    }
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'degraded',
      last_tick: { scheduled_at: new Date(now - MINUTE).toISOString(), trigger: 'cron', checks: 1 },
      ticks_missed_24h: 2,
      backstop_runs_24h: 2,
      outbox: { pending: 0, dead: 0 },
    });
    // Every phase is listed, failed or not.
    expect(Object.keys(body.phases)).toEqual([...PHASES]);
  });

  it('answers 503 when no tick ran for over two minutes', async () => {
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const stub = await coordinatorWith({
      regions: ['weur'],
      monitors: [{ id: 'api', url: target('/ok', 'st') }],
    });
    await stub.run(now - 5 * MINUTE, 'cron');
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe('stalled');
  });

  it('needs a read token', async () => {
    const response = await exports.default.fetch('http://lookout.test/api/v1/health');
    expect(response.status).toBe(401);
  });
});

describe("the watchdog (a dead-man's switch)", () => {
  it('is pinged after every tick, and at its fail URL when a phase failed', async () => {
    const tag = uniqueName('watchdog');
    const stub = await coordinatorWith({
      regions: ['weur'],
      watchdog: {
        ping_url: target('/ok', tag, { ping: 'ok' }),
        fail_url: target('/ok', tag, { ping: 'fail' }),
      },
      monitors: [{ id: 'api', url: target('/ok', uniqueName('watched')) }],
    });
    await stub.run(T0, 'cron');
    await stub.run(T0 + MINUTE, 'cron');
    const pings = await targetRequests(tag);
    expect(pings.map((p) => new URL(p.url, targetUrl).searchParams.get('ping'))).toEqual(['ok', 'ok']);

    // A tick whose delivery phase failed pings the fail URL, and a failed ping is recorded.
    const config = await loadConfig({
      watchdog: {
        ping_url: target('/ok', tag, { ping: 'ok' }),
        fail_url: target('/ok', tag, { ping: 'fail' }),
      },
    });
    const log = new PhaseLog(T0 + 2 * MINUTE);
    log.fail('delivery', new Error('receiver exploded'));
    await pingWatchdog(db, log, config, { errors: log.errors } as TickSummary, () => undefined);
    expect(
      (await targetRequests(tag)).map((p) => new URL(p.url, targetUrl).searchParams.get('ping')),
    ).toEqual(['ok', 'ok', 'fail']);
    const unreachable = await loadConfig({ watchdog: { ping_url: `${refusedUrl}/ping?key=s3cret` } });
    await pingWatchdog(db, log, unreachable, { errors: [] } as unknown as TickSummary, () => undefined);
    const recorded = log.errors.find((e) => e.phase === 'watchdog');
    expect(recorded?.error).toMatch(/^ping failed/);
    expect(recorded?.error).not.toContain('s3cret');
  });
});
