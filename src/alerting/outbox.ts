import type { ChannelConfig } from '../config/alerting-schema';
import type { Database } from '../db/client';
import { runBatch, statement } from '../db/statements';
import { mapWithLimit } from '../lib/pool';
import type { SecretLookup } from '../probes/templates';
import { DELIVERY_TTL_MS, nextAttemptAt } from './backoff';
import { buildChannelRequest, sendChannelRequest } from './channels';
import type { AlertEvent } from './events';
import { resolveChannel, routeEvent } from './routing';

/**
 * The outbox. Every (event, channel) pair is a row, written in the same tick that made the event;
 * rows are sent until a receiver answers 2xx (then never again) or 24 h have passed (then dead).
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
    ]),
  );
  if (rows.length === 0) return [];
  return [
    statement(
      db,
      `INSERT OR IGNORE INTO deliveries (event_id, channel_id, event_type, monitor_id, payload, status, attempts, created_at, next_attempt_at)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, 'pending', 0, ?2, ?2
       FROM json_each(?1) AS j`,
      JSON.stringify(rows),
      now,
    ),
  ];
}

export interface DeliveryDeps {
  db: Database;
  channels: readonly ChannelConfig[];
  secrets: SecretLookup;
  fetch: typeof fetch;
  now: number;
  /** Sending stops starting new requests after this long: it must never hold up the next tick. */
  budgetMs?: number;
  timeoutMs?: number;
}

export interface DeliveryStats {
  attempted: number;
  sent: number;
  failed: number;
  dead: number;
}

const SEND_CONCURRENCY = 5;
const BATCH_LIMIT = 200;

interface DueRow {
  id: number;
  event_id: string;
  channel_id: string;
  payload: string;
  attempts: number;
  created_at: number;
}

interface Outcome {
  id: number;
  status: 'sent' | 'pending' | 'dead';
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
}

export async function deliverDue({
  db,
  channels,
  secrets,
  fetch,
  now,
  budgetMs = 15_000,
  timeoutMs = 5000,
}: DeliveryDeps): Promise<DeliveryStats> {
  const due = await db.$client
    .prepare(
      `SELECT id, event_id, channel_id, payload, attempts, created_at FROM deliveries
       WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ${BATCH_LIMIT}`,
    )
    .bind(now)
    .all<DueRow>();
  const started = Date.now();
  const byId = new Map(channels.map((c) => [c.id, c]));
  const outcomes = await mapWithLimit(due.results, SEND_CONCURRENCY, async (row): Promise<Outcome | null> => {
    if (Date.now() - started > budgetMs) return null; // left for the next tick
    const config = byId.get(row.channel_id);
    const attempts = row.attempts + 1;
    if (!config)
      return {
        id: row.id,
        status: 'dead',
        attempts,
        nextAttemptAt: now,
        lastStatus: null,
        lastError: 'channel is no longer configured',
      };
    const result = await attempt(
      config,
      JSON.parse(row.payload) as AlertEvent,
      secrets,
      fetch,
      now,
      timeoutMs,
    );
    if (result.ok)
      return {
        id: row.id,
        status: 'sent',
        attempts,
        nextAttemptAt: now,
        lastStatus: result.status,
        lastError: null,
      };
    const next = nextAttemptAt(now, attempts, `${row.event_id}:${row.channel_id}`, result.retryAfterS);
    const expired = next - row.created_at > DELIVERY_TTL_MS;
    return {
      id: row.id,
      status: expired ? 'dead' : 'pending',
      attempts,
      nextAttemptAt: next,
      lastStatus: result.status,
      lastError: result.error,
    };
  });
  const done = outcomes.filter((o): o is Outcome => o !== null);
  if (done.length > 0) await runBatch(db, [recordOutcomes(db, done, now)]);
  return {
    attempted: done.length,
    sent: done.filter((o) => o.status === 'sent').length,
    failed: done.filter((o) => o.status === 'pending').length,
    dead: done.filter((o) => o.status === 'dead').length,
  };
}

async function attempt(
  config: ChannelConfig,
  event: AlertEvent,
  secrets: SecretLookup,
  fetcher: typeof fetch,
  now: number,
  timeoutMs: number,
) {
  try {
    const request = await buildChannelRequest(resolveChannel(config, secrets), event, Math.floor(now / 1000));
    return await sendChannelRequest(fetcher, request, timeoutMs);
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

function recordOutcomes(db: Database, outcomes: Outcome[], now: number): D1PreparedStatement {
  const json = JSON.stringify(
    outcomes.map((o) => [o.id, o.status, o.attempts, o.nextAttemptAt, o.lastStatus, o.lastError]),
  );
  return statement(
    db,
    `UPDATE deliveries SET
       status = j.value ->> 1, attempts = j.value ->> 2, next_attempt_at = j.value ->> 3,
       last_status = j.value ->> 4, last_error = j.value ->> 5, last_attempt_at = ?2,
       sent_at = CASE WHEN j.value ->> 1 = 'sent' THEN ?2 ELSE sent_at END
     FROM json_each(?1) AS j
     WHERE deliveries.id = j.value ->> 0`,
    json,
    now,
  );
}
