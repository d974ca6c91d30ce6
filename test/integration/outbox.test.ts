import { exports, env } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertEvent, AlertEventType } from '../../src/alerting/events';
import { CLAIM_LEASE_MS, deliverDue, enqueue, type DeliveryDeps } from '../../src/alerting/outbox';
import { channelSchema } from '../../src/config/alerting-schema';
import { deliveries } from '../../src/db/schema';
import { runBatch } from '../../src/db/statements';
import { secretsFromEnv } from '../../src/probes/templates';
import { alertEvent } from '../fixtures/alert-events';
import { db, makeToken, MINUTE, resetDb, T0 } from '../helpers';
import { acceptedIds, controlReceiver, receivedBy, webhookReceiver } from '../receivers-client';

/**
 * The outbox's promises, each tried against a real receiver (test/setup/receivers.ts): every event
 * reaches it at least once with a stable webhook-id (exactly once after deduplicating on it), two
 * deliverers never send one row, a killed deliverer's rows go again only after its lease, permanent
 * refusals die at once, and events are ordered per incident, never held back by another incident.
 */
beforeEach(resetDb);

/** A signed webhook channel on a fresh receiver. */
async function webhookChannel() {
  const { name, channel } = await webhookReceiver('outbox', undefined, 'hook');
  return { name, channels: [channelSchema.parse(channel)] };
}

/** An event of `incidentId` (or of no incident, for null). */
let serial = 0;
function event(type: AlertEventType, incidentId: string | null): AlertEvent {
  const base = alertEvent(type);
  const id = `evt_${incidentId ?? 'none'}_${type.split('.')[1] ?? type}_${serial++}`;
  if (incidentId === null) return { ...base, id, incident: null };
  return {
    ...base,
    id,
    incident: { ...(base.incident ?? alertEvent('incident.opened').incident!), id: incidentId },
  };
}

type Channels = Awaited<ReturnType<typeof webhookChannel>>['channels'];

async function enqueueAt(now: number, channels: Channels, events: AlertEvent[]): Promise<void> {
  await runBatch(db, enqueue(db, events, channels, now));
}

function deps(now: number, channels: Channels, extra: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    db,
    channels,
    secrets: secretsFromEnv(env),
    fetch: (input, init) => fetch(input, init),
    now,
    timeoutMs: 2000,
    ...extra,
  };
}

const rows = () => db.select().from(deliveries).orderBy(asc(deliveries.id));
const rowOf = async (eventId: string) =>
  (await db.select().from(deliveries).where(eq(deliveries.eventId, eventId)))[0];

/** Polls until `check` holds (the receiver records requests on its own schedule). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A deliverer killed mid-send: after `completing` normal sends, its fetch delivers the request to
 * the receiver, then never returns, so no outcome is recorded, until `wake` (a deliverer that
 * outlived its lease and wakes late).
 */
function killedMidSend(completing = 0) {
  let wake: (response: Response) => void = () => undefined;
  let calls = 0;
  const fetcher: typeof fetch = async (input, init) => {
    if (calls++ < completing) return fetch(input, init);
    const forwarded = await fetch(input, { ...init, signal: null });
    await forwarded.body?.cancel();
    return new Promise<Response>((resolve) => (wake = resolve));
  };
  return { fetcher, wake: (response: Response) => wake(response) };
}

describe('enqueue', () => {
  it("orders each row by its incident's id, or by the event's own id when it has no incident", async () => {
    const { channels } = await webhookChannel();
    const opened = event('incident.opened', 'inc_a');
    const finding = event('finding.raised', null);
    await enqueueAt(T0, channels, [opened, finding]);
    expect((await rows()).map((r) => [r.eventId, r.orderKey])).toEqual([
      [opened.id, 'inc_a'],
      [finding.id, finding.id],
    ]);
  });
});

describe('claims', () => {
  it('two deliverers running at once over the same due rows send each event exactly once', async () => {
    const { name, channels } = await webhookChannel();
    // Slow answers, so the two deliverers overlap for the whole run.
    await controlReceiver('webhook', name, { hangMs: 30 });
    const events = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((incident) => [
      event('incident.opened', `inc_${incident}`),
      event('incident.resolved', `inc_${incident}`),
    ]);
    await enqueueAt(T0, channels, events);

    const [first, second] = await Promise.all([
      deliverDue(deps(T0, channels)),
      deliverDue(deps(T0, channels)),
    ]);
    expect((first?.claimed ?? 0) + (second?.claimed ?? 0)).toBe(events.length);
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(events.length);
    const received = await receivedBy('webhook', name);
    expect(received).toHaveLength(events.length);
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set(events.map((e) => e.id)));
    expect(
      (await rows()).every((r) => r.status === 'sent' && r.attempts === 1 && r.claimedUntil === null),
    ).toBe(true);
  });

  it('a deliverer killed mid-send: nobody re-sends its row before the lease ends, then it goes again with the same id', async () => {
    const { name, channels } = await webhookChannel();
    const opened = event('incident.opened', 'inc_a');
    await enqueueAt(T0, channels, [opened]);
    const killed = killedMidSend();
    const zombie = deliverDue(deps(T0, channels, { fetch: killed.fetcher }));
    await until(async () => (await acceptedIds('webhook', name)).length === 1, 'the first send');
    expect(await rowOf(opened.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      claimedUntil: T0 + CLAIM_LEASE_MS,
    });

    // Later ticks while the lease holds: the row is someone's, nothing is sent.
    for (const at of [T0, T0 + MINUTE, T0 + CLAIM_LEASE_MS - 1]) {
      expect(await deliverDue(deps(at, channels))).toMatchObject({ claimed: 0, attempted: 0 });
    }
    expect(await acceptedIds('webhook', name)).toEqual([opened.id]);

    // The lease over, the next tick sends it again, with the same webhook-id.
    expect(await deliverDue(deps(T0 + CLAIM_LEASE_MS, channels))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await acceptedIds('webhook', name)).toEqual([opened.id, opened.id]);
    expect(await rowOf(opened.id)).toMatchObject({ status: 'sent', attempts: 1, claimedUntil: null });

    // The killed deliverer waking up late (with a failure) cannot undo the delivery.
    killed.wake(new Response(null, { status: 503 }));
    await zombie;
    expect(await rowOf(opened.id)).toMatchObject({ status: 'sent', attempts: 1, lastStatus: 200 });
    expect(await deliverDue(deps(T0 + 2 * CLAIM_LEASE_MS, channels))).toMatchObject({ claimed: 0 });
    expect(await acceptedIds('webhook', name)).toEqual([opened.id, opened.id]);
  });

  it('records each outcome as it comes: a kill after the first send re-sends only the second', async () => {
    const { name, channels } = await webhookChannel();
    const openedA = event('incident.opened', 'inc_a');
    const openedB = event('incident.opened', 'inc_b');
    await enqueueAt(T0, channels, [openedA, openedB]);
    const killed = killedMidSend(1);
    const zombie = deliverDue(deps(T0, channels, { fetch: killed.fetcher }));
    await until(async () => (await acceptedIds('webhook', name)).length === 2, 'both sends');
    expect(await rowOf(openedA.id)).toMatchObject({ status: 'sent', attempts: 1, claimedUntil: null });
    expect(await rowOf(openedB.id)).toMatchObject({ status: 'pending', claimedUntil: T0 + CLAIM_LEASE_MS });

    expect(await deliverDue(deps(T0 + CLAIM_LEASE_MS, channels))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await acceptedIds('webhook', name)).toEqual([openedA.id, openedB.id, openedB.id]);
    killed.wake(new Response(null, { status: 200 }));
    await zombie;
  });

  it("an event being sent holds back its own incident's later events, and no other incident's", async () => {
    const { name, channels } = await webhookChannel();
    const openedA = event('incident.opened', 'inc_a');
    await enqueueAt(T0, channels, [openedA]);
    const killed = killedMidSend();
    const slow = deliverDue(deps(T0, channels, { fetch: killed.fetcher }));
    await until(async () => (await acceptedIds('webhook', name)).length === 1, 'the first send');

    const resolvedA = event('incident.resolved', 'inc_a');
    const openedB = event('incident.opened', 'inc_b');
    await enqueueAt(T0 + MINUTE, channels, [resolvedA, openedB]);
    expect(await deliverDue(deps(T0 + MINUTE, channels))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await acceptedIds('webhook', name)).toEqual([openedA.id, openedB.id]);

    killed.wake(new Response(null, { status: 200 }));
    expect(await slow).toMatchObject({ sent: 1 });
    await deliverDue(deps(T0 + 2 * MINUTE, channels));
    expect(await acceptedIds('webhook', name)).toEqual([openedA.id, openedB.id, resolvedA.id]);
  });

  it('a deliverer out of time sends nothing and hands its claims back at once', async () => {
    const { name, channels } = await webhookChannel();
    await enqueueAt(T0, channels, [event('incident.opened', 'inc_a'), event('incident.opened', 'inc_b')]);
    expect(await deliverDue(deps(T0, channels, { deadlineAt: Date.now() - 1 }))).toMatchObject({
      claimed: 2,
      attempted: 0,
    });
    expect((await rows()).map((r) => [r.status, r.claimedUntil])).toEqual([
      ['pending', null],
      ['pending', null],
    ]);
    expect(await deliverDue(deps(T0, channels))).toMatchObject({ claimed: 2, sent: 2 });
    expect(await acceptedIds('webhook', name)).toHaveLength(2);
  });
});

describe('retries', () => {
  it('a receiver that drops the connection mid-request gets the event again with the same id; nothing is lost', async () => {
    const { name, channels } = await webhookChannel();
    await controlReceiver('webhook', name, { dropNext: 1 });
    const opened = event('incident.opened', 'inc_a');
    const resolved = event('incident.resolved', 'inc_a');
    await enqueueAt(T0, channels, [opened, resolved]);

    expect(await deliverDue(deps(T0, channels))).toMatchObject({ attempted: 1, failed: 1, sent: 0 });
    const first = await receivedBy('webhook', name);
    expect(first.map((r) => [r.headers['webhook-id'], r.dropped, r.status])).toEqual([
      [opened.id, true, null],
    ]);
    expect(await rowOf(opened.id)).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
    expect((await rowOf(opened.id))?.lastError).toBeTruthy();

    // The first retry comes within 30 s: the next tick sends the opening, then the resolution.
    expect(await deliverDue(deps(T0 + MINUTE, channels))).toMatchObject({ sent: 2 });
    const all = await receivedBy('webhook', name);
    expect(all.map((r) => r.headers['webhook-id'])).toEqual([opened.id, opened.id, resolved.id]);
    // Deduplicating on webhook-id, the receiver has each event exactly once, in order.
    expect([...new Set(all.map((r) => r.headers['webhook-id']))]).toEqual([opened.id, resolved.id]);
    expect(await acceptedIds('webhook', name)).toEqual([opened.id, resolved.id]);
  });

  it.each([400, 401, 404, 410, 422])(
    'a %i refusal is dead after one attempt, listed by the deliveries API with its status',
    async (status) => {
      const { name, channels } = await webhookChannel();
      await controlReceiver('webhook', name, { failWith: status });
      const opened = event('incident.opened', 'inc_a');
      await enqueueAt(T0, channels, [opened]);
      expect(await deliverDue(deps(T0, channels))).toMatchObject({ attempted: 1, dead: 1, failed: 0 });
      expect(await rowOf(opened.id)).toMatchObject({ status: 'dead', attempts: 1, lastStatus: status });

      await controlReceiver('webhook', name, null);
      await deliverDue(deps(T0 + 3_600_000, channels));
      expect(await receivedBy('webhook', name)).toHaveLength(1);

      const token = await makeToken(['read']);
      const response = await exports.default.fetch('http://lookout.test/api/v1/deliveries?status=dead', {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { deliveries: Record<string, unknown>[] };
      expect(body.deliveries).toEqual([
        expect.objectContaining({
          event_id: opened.id,
          status: 'dead',
          attempts: 1,
          last_status: status,
          last_error: `refused with HTTP ${status}: not retried`,
          next_attempt_at: null,
          order_key: 'inc_a',
        }),
      ]);
    },
  );

  it.each([408, 425, 429, 500, 502, 503])('a %i answer is retried until it goes through', async (status) => {
    const { name, channels } = await webhookChannel();
    await controlReceiver('webhook', name, { failWith: status });
    const opened = event('incident.opened', 'inc_a');
    await enqueueAt(T0, channels, [opened]);
    expect(await deliverDue(deps(T0, channels))).toMatchObject({ attempted: 1, failed: 1, dead: 0 });
    expect(await rowOf(opened.id)).toMatchObject({ status: 'pending', attempts: 1, lastStatus: status });

    await deliverDue(deps(T0 + MINUTE, channels));
    expect(await rowOf(opened.id)).toMatchObject({ status: 'pending', attempts: 2 });
    await controlReceiver('webhook', name, { failWith: 0 });
    await controlReceiver('webhook', name, null);
    await deliverDue(deps(T0 + 5 * MINUTE, channels));
    expect(await rowOf(opened.id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await acceptedIds('webhook', name)).toEqual([opened.id]);
  });
});

describe('ordering', () => {
  it("a failing row of incident A holds back A's later events only; B's go at once", async () => {
    const { name, channels } = await webhookChannel();
    // Failing, and asking for an hour's pause.
    await controlReceiver('webhook', name, { failWith: 503, retryAfter: '3600' });
    const openedA = event('incident.opened', 'inc_a');
    const resolvedA = event('incident.resolved', 'inc_a');
    await enqueueAt(T0, channels, [openedA, resolvedA]);
    // The opening fails; the resolution is not tried behind it.
    expect(await deliverDue(deps(T0, channels))).toMatchObject({ claimed: 2, attempted: 1, failed: 1 });

    await controlReceiver('webhook', name, { failWith: 0 });
    await controlReceiver('webhook', name, null);
    const openedB = event('incident.opened', 'inc_b');
    await enqueueAt(T0 + MINUTE, channels, [openedB]);
    for (let minute = 1; minute < 60; minute += 10) await deliverDue(deps(T0 + minute * MINUTE, channels));
    // B went at once; A's resolution is due but never goes before A's opening.
    expect(await acceptedIds('webhook', name)).toEqual([openedB.id]);
    expect(await rowOf(resolvedA.id)).toMatchObject({ status: 'pending', attempts: 0 });

    await deliverDue(deps(T0 + 61 * MINUTE, channels));
    expect(await acceptedIds('webhook', name)).toEqual([openedB.id, openedA.id, resolvedA.id]);
  });

  it("a dead row holds back nothing: neither another incident's events nor its own incident's later ones", async () => {
    const { name, channels } = await webhookChannel();
    await controlReceiver('webhook', name, { failWith: 404 });
    const openedA = event('incident.opened', 'inc_a');
    await enqueueAt(T0, channels, [openedA]);
    expect(await deliverDue(deps(T0, channels))).toMatchObject({ dead: 1 });

    await controlReceiver('webhook', name, { failWith: 0 });
    await controlReceiver('webhook', name, null);
    const resolvedA = event('incident.resolved', 'inc_a');
    const openedB = event('incident.opened', 'inc_b');
    await enqueueAt(T0 + MINUTE, channels, [openedB, resolvedA]);
    expect(await deliverDue(deps(T0 + MINUTE, channels))).toMatchObject({ sent: 2 });
    expect(await acceptedIds('webhook', name)).toEqual([openedB.id, resolvedA.id]);
  });

  it('a receiver down for 30 ticks then back gets every event exactly once, in order per incident', async () => {
    const { name, channels } = await webhookChannel();
    await controlReceiver('webhook', name, { failWith: 503 });
    const timeline: [number, AlertEvent][] = [
      [0, event('incident.opened', 'inc_1')],
      [3, event('incident.opened', 'inc_2')],
      [5, event('incident.updated', 'inc_1')],
      [8, event('finding.raised', null)],
      [10, event('incident.resolved', 'inc_1')],
      [12, event('incident.opened', 'inc_3')],
      [20, event('incident.resolved', 'inc_2')],
      [25, event('incident.reminder', 'inc_3')],
      [28, event('incident.opened', 'inc_4')],
      [29, event('incident.resolved', 'inc_3')],
      [45, event('incident.resolved', 'inc_4')],
    ];
    for (let minute = 0; minute <= 180; minute++) {
      if (minute === 30) {
        await controlReceiver('webhook', name, { failWith: 0 });
        await controlReceiver('webhook', name, null);
      }
      const now = T0 + minute * MINUTE;
      const due = timeline.filter(([at]) => at === minute).map(([, e]) => e);
      if (due.length > 0) await enqueueAt(now, channels, due);
      await deliverDue(deps(now, channels));
    }

    const received = await receivedBy('webhook', name);
    expect(received.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(10);
    const accepted = await acceptedIds('webhook', name);
    // Exactly once: nothing accepted is ever sent again, and nothing is missing.
    expect(accepted).toHaveLength(timeline.length);
    expect(new Set(accepted)).toEqual(new Set(timeline.map(([, e]) => e.id)));
    // Every attempt carried one of the events' ids.
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set(accepted));
    // Per incident, the order the events happened in.
    for (const incident of ['inc_1', 'inc_2', 'inc_3', 'inc_4']) {
      const expected = timeline.filter(([, e]) => e.incident?.id === incident).map(([, e]) => e.id);
      expect(accepted.filter((id) => expected.includes(id))).toEqual(expected);
    }
    expect((await rows()).every((r) => r.status === 'sent' && r.claimedUntil === null)).toBe(true);
  });
});
