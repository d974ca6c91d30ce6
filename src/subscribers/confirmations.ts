/**
 * The double opt-in mail as an outbox row (channel `subscriber:<id>`, like the notices), so it has
 * the notices' guarantees: a lease, retries with backoff, nothing sent twice. The row holds what
 * re-signs the confirm token at send time (subscriber, groups, expiry) and the language of the
 * sign-up page; never the token (it is a capability) nor the address (the sender reads it).
 */
import { eventId, stableHash } from '../alerting/ids';
import { SUBSCRIBER_CHANNEL_PREFIX } from '../alerting/outbox';
import type { Database } from '../db/client';
import { statement } from '../db/statements';
import type { SubscriberRow } from './store';

export const CONFIRMATION_TYPE = 'subscription.confirm';

/**
 * A sign-up repeated within this long (a double submit, a reload, an impatient second try) is the
 * same sign-up: its mail is on the way, or being retried by the outbox.
 */
export const SAME_SIGN_UP_MS = 10 * 60_000;

export interface ConfirmationRequest {
  id: string;
  type: typeof CONFIRMATION_TYPE;
  subscriberId: string;
  /** The groups chosen at sign-up; null for every public monitor. */
  groups: string[] | null;
  signedUpAt: number;
  /** The confirm link's expiry (epoch ms): sign-up time plus `confirm_within`. */
  expiresAt: number;
  /** The tag of the sign-up page's language: the mail speaks it. */
  language: string;
}

export const isConfirmation = (event: { type: string }): event is ConfirmationRequest =>
  event.type === CONFIRMATION_TYPE;

/**
 * The statement that enqueues a sign-up's confirmation. Its id names the subscriber, whether it was
 * pending or active (subscribing, or changing its groups: a change right after confirming is a new
 * request), the groups and the SAME_SIGN_UP_MS window the sign-up fell in, so the unique (event,
 * channel) index makes a repeat in that window a no-op; a repeat just after a window boundary is
 * caught by looking up the previous window's id (by the same index), enqueued less than
 * SAME_SIGN_UP_MS before.
 */
export function enqueueConfirmation(
  db: Database,
  sign: {
    subscriberId: string;
    status: SubscriberRow['status'];
    groups: string[] | null;
    language: string;
    now: number;
    confirmWithinMs: number;
  },
): D1PreparedStatement {
  const { subscriberId, groups, now } = sign;
  const key = `cfm_${stableHash(subscriberId, sign.status, JSON.stringify(groups))}`;
  const window = Math.floor(now / SAME_SIGN_UP_MS);
  const idOf = (w: number) => eventId(CONFIRMATION_TYPE, key, w);
  const request: ConfirmationRequest = {
    id: idOf(window),
    type: CONFIRMATION_TYPE,
    subscriberId,
    groups,
    signedUpAt: now,
    expiresAt: now + sign.confirmWithinMs,
    language: sign.language,
  };
  return statement(
    db,
    `INSERT OR IGNORE INTO deliveries (event_id, channel_id, event_type, monitor_id, payload, order_key, status, attempts, created_at, next_attempt_at)
     SELECT ?1, ?2, ?3, NULL, ?4, ?5, 'pending', 0, ?6, ?6
     WHERE NOT EXISTS (
       SELECT 1 FROM deliveries WHERE event_id = ?7 AND channel_id = ?2 AND created_at > ?6 - ?8)`,
    request.id,
    `${SUBSCRIBER_CHANNEL_PREFIX}${subscriberId}`,
    CONFIRMATION_TYPE,
    JSON.stringify(request),
    key,
    now,
    idOf(window - 1),
    SAME_SIGN_UP_MS,
  );
}

/**
 * Why a confirmation must not be sent (the row is dead), or null to send it: the subscriber is gone
 * (unsubscribed, or housekeeping deleted the unconfirmed sign-up), confirmed since this sign-up (by
 * an earlier link), or the link would arrive expired. An active subscriber signing up again (to
 * change groups) is sent the new link: its first confirmation predates this sign-up.
 */
export function confirmationUnneeded(
  request: ConfirmationRequest,
  subscriber: Pick<SubscriberRow, 'status' | 'confirmed_at'> | null,
  now: number,
): string | null {
  if (!subscriber) return 'the subscriber unsubscribed or was removed';
  if (subscriber.status === 'active' && (subscriber.confirmed_at ?? 0) >= request.signedUpAt)
    return 'the subscription was confirmed since this sign-up';
  if (request.expiresAt <= now) return 'the sign-up expired before its link could be sent';
  return null;
}
