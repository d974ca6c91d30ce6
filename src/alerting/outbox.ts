import { groupBy } from '../lib/group';
import type { ChannelConfig } from '../config/alerting-schema';
import type { Database } from '../db/client';
import { jsonChunks, statement } from '../db/statements';
import { mapWithLimit } from '../lib/pool';
import type { SecretLookup } from '../probes/templates';
import { DELIVERY_TTL_MS, isPermanentRefusal, nextAttemptAt } from './backoff';
import { deliverToChannel, type SendResult } from './channels';
import type { EmailBinding } from '../email/providers';
import type { AlertEvent } from './events';
import { resolveChannel, routeEvent } from './routing';

/**
 * The outbox. Every (event, channel) pair is a row, written in the same tick that made the event.
 * A deliverer claims the rows it will send with a lease, sends them, and records each outcome as it
 * comes: 2xx is sent (never again), a permanent refusal is dead at once, anything else is retried
 * with backoff for 24 h (then dead). Delivery is at least once: a deliverer killed mid-send leaves
 * its rows claimed, and they are sent again, with the same event id, when the lease runs out.
 * Events of one incident reach a channel in order; other incidents' events never wait for them.
 */
export function enqueue(
  db: Database,
  events: AlertEvent[],
  channels: readonly ChannelConfig[],
  now: number,
): D1PreparedStatement[] {
  const rows = events.flatMap((event) =>
    routeEvent(event, channels).map((channelId) => [
      event.id,
      channelId,
      event.type,
      event.monitor.id,
      JSON.stringify(event),
      orderKeyOf(event),
    ]),
  );
  return jsonChunks(rows).map((json) =>
    statement(
      db,
      `INSERT OR IGNORE INTO deliveries (event_id, channel_id, event_type, monitor_id, payload, order_key, status, attempts, created_at, next_attempt_at)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, 'pending', 0, ?2, ?2
       FROM json_each(?1) AS j`,
      json,
      now,
    ),
  );
}

/** Outbox rows of status page subscribers (src/subscribers/) have this channel id prefix, then the id. */
export const SUBSCRIBER_CHANNEL_PREFIX = 'subscriber:';

/** Events sharing a key reach a channel in order: an incident's, or else the event alone. */
export const orderKeyOf = (event: AlertEvent): string => event.incident?.id ?? event.id;

export interface DeliveryDeps {
  db: Database;
  channels: readonly ChannelConfig[];
  secrets: SecretLookup;
  fetch: typeof fetch;
  /** The Worker's `send_email` bindings by name, for email channels that send through one. */
  emailBinding?: (name: string) => EmailBinding | undefined;
  /** The tick's time (epoch ms): due times and claim leases are measured on this clock. */
  now: number;
  /** Sending stops starting new requests after this long: it must never hold up the next tick. */
  budgetMs?: number;
  /** Real-clock epoch ms after which no new request starts (one in flight ends within `timeoutMs`). */
  deadlineAt?: number;
  timeoutMs?: number;
  /**
   * Sends a subscriber's row (src/subscribers/send.ts); null when the subscriber is gone, or a
   * reason why the row needs no sending: either makes the row dead. Without it, subscriber rows
   * wait (retried, then dead after 24 h).
   */
  subscribers?: (subscriberId: string, event: AlertEvent) => Promise<SendResult | string | null>;
  /** Only this channel's rows (a sign-up sending its confirmation at once); all when unset. */
  channel?: string;
}

export interface DeliveryStats {
  /** Rows this deliverer claimed (due, unclaimed, not held back by an earlier event); always set. */
  claimed?: number;
  attempted: number;
  sent: number;
  failed: number;
  dead: number;
}

/**
 * How long a claim holds, on the `now` clock. Longer than a deliverer can live (the delivery
 * budget plus one send's timeout, well under a minute), so only a dead deliverer's claims expire.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;
const SEND_CONCURRENCY = 5;
const BATCH_LIMIT = 200;

interface ClaimedRow {
  id: number;
  event_id: string;
  channel_id: string;
  order_key: string | null;
  payload: string;
  attempts: number;
  created_at: number;
  last_status: number | null;
  last_error: string | null;
}

interface Outcome {
  status: 'sent' | 'pending' | 'dead';
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
}

export async function deliverDue(deps: DeliveryDeps): Promise<DeliveryStats> {
  const { db, now, budgetMs = 15_000 } = deps;
  const lease = now + CLAIM_LEASE_MS;
  const claimed = await claimDue(db, now, lease, deps.channel ?? null);
  const stopAt = Math.min(Date.now() + budgetMs, deps.deadlineAt ?? Infinity);
  const stats: DeliveryStats = { claimed: claimed.length, attempted: 0, sent: 0, failed: 0, dead: 0 };
  const unsent: number[] = [];

  // One request at a time per channel, in id order; a row that fails holds back only the later
  // rows of its own order key (they are released and wait for it), never another incident's.
  const perChannel = groupBy(claimed, (row) => row.channel_id);
  await mapWithLimit([...perChannel.values()], SEND_CONCURRENCY, async (rows) => {
    const blocked = new Set<string | null>();
    for (const row of rows) {
      if (blocked.has(row.order_key) || Date.now() >= stopAt) {
        unsent.push(row.id); // left for a later tick
        continue;
      }
      const outcome = await deliverOne(row, deps);
      await record(db, row.id, lease, now, outcome);
      if (outcome.attempts > row.attempts) stats.attempted++;
      if (outcome.status === 'sent') stats.sent++;
      else if (outcome.status === 'dead') stats.dead++;
      else {
        stats.failed++;
        blocked.add(row.order_key);
      }
    }
  });
  if (unsent.length > 0) await release(db, unsent, lease);
  return stats;
}

/**
 * Claims, in one statement (atomic in D1), the due rows no live claim holds and no earlier row of
 * the same channel and order key holds back. An earlier row holds back when it is still pending
 * and cannot be sent now (waiting for its retry, or claimed by another deliverer); a due, free
 * earlier row is claimed here too, and sent first.
 */
async function claimDue(
  db: Database,
  now: number,
  lease: number,
  channel: string | null,
): Promise<ClaimedRow[]> {
  const claimed = await db.$client
    .prepare(
      `UPDATE deliveries SET claimed_until = ?2
       WHERE id IN (
         SELECT d.id FROM deliveries AS d
         WHERE d.status = 'pending' AND d.next_attempt_at <= ?1 AND (?3 IS NULL OR d.channel_id = ?3)
           AND (d.claimed_until IS NULL OR d.claimed_until <= ?1)
           AND NOT EXISTS (
             SELECT 1 FROM deliveries AS e
             WHERE e.status = 'pending' AND e.channel_id = d.channel_id
               AND e.order_key IS d.order_key AND e.id < d.id
               AND (e.next_attempt_at > ?1 OR e.claimed_until > ?1))
         ORDER BY d.id LIMIT ${BATCH_LIMIT})
       RETURNING id, event_id, channel_id, order_key, payload, attempts, created_at, last_status, last_error`,
    )
    .bind(now, lease, channel)
    .all<ClaimedRow>();
  return claimed.results.sort((a, b) => a.id - b.id);
}

/**
 * One attempt's outcome, written as soon as it is known, and the claim cleared. Only while this
 * deliverer's claim holds and the row is pending: a deliverer that outlived its lease cannot undo
 * what the one that took over recorded.
 */
async function record(db: Database, id: number, lease: number, now: number, o: Outcome): Promise<void> {
  await statement(
    db,
    `UPDATE deliveries SET
       status = ?3, attempts = ?4, next_attempt_at = ?5, last_status = ?6, last_error = ?7,
       last_attempt_at = CASE WHEN ?4 > attempts THEN ?8 ELSE last_attempt_at END,
       sent_at = CASE WHEN ?3 = 'sent' THEN ?8 ELSE sent_at END,
       claimed_until = NULL
     WHERE id = ?1 AND claimed_until = ?2 AND status = 'pending'`,
    id,
    lease,
    o.status,
    o.attempts,
    o.nextAttemptAt,
    o.lastStatus,
    o.lastError,
    now,
  ).run();
}

/** Hands back claimed rows this deliverer did not send (time ran out, or an earlier one failed). */
async function release(db: Database, ids: number[], lease: number): Promise<void> {
  await statement(
    db,
    `UPDATE deliveries SET claimed_until = NULL
     WHERE id IN (SELECT value FROM json_each(?1)) AND claimed_until = ?2`,
    JSON.stringify(ids),
    lease,
  ).run();
}

async function deliverOne(row: ClaimedRow, deps: DeliveryDeps): Promise<Outcome> {
  const { now } = deps;
  const subscriberId = row.channel_id.startsWith(SUBSCRIBER_CHANNEL_PREFIX)
    ? row.channel_id.slice(SUBSCRIBER_CHANNEL_PREFIX.length)
    : null;
  const config = deps.channels.find((c) => c.id === row.channel_id);
  if (!config && subscriberId === null)
    return dead(now, row.attempts, null, 'channel is no longer configured');
  // Reached only when no outcome was recorded for a day (deliverers killed mid-send, no ticks):
  // an alert that old is not sent late.
  if (now - row.created_at > DELIVERY_TTL_MS)
    return dead(
      now,
      row.attempts,
      row.last_status,
      `no delivery within 24 h (last: ${row.last_error ?? 'none'})`,
    );
  const attempts = row.attempts + 1;
  const event = JSON.parse(row.payload) as AlertEvent;
  const result =
    subscriberId === null && config
      ? await attempt(config, event, deps)
      : await attemptSubscriber(subscriberId ?? '', event, deps);
  if (result === null) return dead(now, row.attempts, null, 'the subscriber unsubscribed or was removed');
  if (typeof result === 'string') return dead(now, row.attempts, null, result);
  if (result.ok)
    return { status: 'sent', attempts, nextAttemptAt: now, lastStatus: result.status, lastError: null };
  if (isPermanentRefusal(result.status))
    return dead(now, attempts, result.status, `refused with HTTP ${result.status}: not retried`);
  const next = nextAttemptAt(now, attempts, `${row.event_id}:${row.channel_id}`, result.retryAfterS);
  if (next - row.created_at > DELIVERY_TTL_MS)
    return dead(now, attempts, result.status, `gave up after 24 h: ${describe(result)}`);
  return {
    status: 'pending',
    attempts,
    nextAttemptAt: next,
    lastStatus: result.status,
    lastError: result.error,
  };
}

function dead(now: number, attempts: number, lastStatus: number | null, lastError: string): Outcome {
  return { status: 'dead', attempts, nextAttemptAt: now, lastStatus, lastError };
}

const describe = (result: SendResult) => result.error ?? `HTTP ${result.status}`;

async function attemptSubscriber(
  subscriberId: string,
  event: AlertEvent,
  deps: DeliveryDeps,
): Promise<SendResult | string | null> {
  if (!deps.subscribers) return failure('subscribers are not configured');
  try {
    return await deps.subscribers(subscriberId, event);
  } catch (error) {
    // The signing key or a mail credential is unset: retried, in case it gets set.
    return failure(error instanceof Error ? error.message : String(error));
  }
}

const failure = (error: string): SendResult => ({ ok: false, status: null, retryAfterS: null, error });

async function attempt(config: ChannelConfig, event: AlertEvent, deps: DeliveryDeps): Promise<SendResult> {
  try {
    return await deliverToChannel(resolveChannel(config, deps.secrets), event, {
      fetch: deps.fetch,
      ...(deps.emailBinding ? { emailBinding: deps.emailBinding } : {}),
      timeoutMs: deps.timeoutMs ?? 5000,
      // Signed with the real time: receivers reject timestamps far from their own clock.
      nowS: Math.floor(Date.now() / 1000),
    });
  } catch (error) {
    // A missing secret or a malformed webhook secret: retried, in case it gets fixed.
    return {
      ok: false,
      status: null,
      retryAfterS: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
