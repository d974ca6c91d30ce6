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

export async function deliverDue(deps: DeliveryDeps): Promise<DeliveryStats> {
  const { db, now, budgetMs = 15_000 } = deps;
  // A channel gets its events in order: nothing is sent past an earlier event still waiting.
  const due = await db.$client
    .prepare(
      `SELECT id, event_id, channel_id, payload, attempts, created_at FROM deliveries AS d
       WHERE status = 'pending' AND next_attempt_at <= ?1
         AND NOT EXISTS (SELECT 1 FROM deliveries AS e WHERE e.channel_id = d.channel_id
                         AND e.status = 'pending' AND e.id < d.id AND e.next_attempt_at > ?1)
       ORDER BY id LIMIT ${BATCH_LIMIT}`,
    )
    .bind(now)
    .all<DueRow>();
  const perChannel = new Map<string, DueRow[]>();
  for (const row of due.results)
    perChannel.set(row.channel_id, [...(perChannel.get(row.channel_id) ?? []), row]);
  const started = Date.now();
  const done = (
    await mapWithLimit([...perChannel.values()], SEND_CONCURRENCY, async (rows) => {
      const outcomes: Outcome[] = [];
      for (const row of rows) {
        if (Date.now() - started > budgetMs) break; // left for the next tick
        const outcome = await deliverOne(row, deps);
        outcomes.push(outcome);
        if (outcome.status === 'pending') break; // later events wait for this one
      }
      return outcomes;
    })
  ).flat();
  if (done.length > 0) await runBatch(db, [recordOutcomes(db, done, now)]);
  return {
    attempted: done.length,
    sent: done.filter((o) => o.status === 'sent').length,
    failed: done.filter((o) => o.status === 'pending').length,
    dead: done.filter((o) => o.status === 'dead').length,
  };
}

async function deliverOne(row: DueRow, deps: DeliveryDeps): Promise<Outcome> {
  const { now } = deps;
  const attempts = row.attempts + 1;
  const outcome = (
    status: Outcome['status'],
    nextAttemptAt: number,
    lastStatus: number | null,
    lastError: string | null,
  ) => ({
    id: row.id,
    status,
    attempts,
    nextAttemptAt,
    lastStatus,
    lastError,
  });
  const config = deps.channels.find((c) => c.id === row.channel_id);
  if (!config) return outcome('dead', now, null, 'channel is no longer configured');
  const result = await attempt(config, JSON.parse(row.payload) as AlertEvent, deps);
  if (result.ok) return outcome('sent', now, result.status, null);
  const next = nextAttemptAt(now, attempts, `${row.event_id}:${row.channel_id}`, result.retryAfterS);
  const expired = next - row.created_at > DELIVERY_TTL_MS;
  return outcome(expired ? 'dead' : 'pending', next, result.status, result.error);
}

async function attempt(config: ChannelConfig, event: AlertEvent, deps: DeliveryDeps) {
  try {
    // Signed with the real time: receivers reject timestamps far from their own clock.
    const request = await buildChannelRequest(
      resolveChannel(config, deps.secrets),
      event,
      Math.floor(Date.now() / 1000),
    );
    return await sendChannelRequest(deps.fetch, request, deps.timeoutMs ?? 5000);
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
