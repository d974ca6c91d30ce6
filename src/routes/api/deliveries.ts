import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { listQuery } from './schemas';
import { parseInput } from '../../lib/validate';
import { requireToken } from '../auth';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The outbox, for operators: what was sent, what is being retried, what gave up (dead, with the
 * status and reason in last_status and last_error). `?status=dead` lists only those.
 */
export const deliveriesApi = new Hono<AppEnv>().get('/deliveries', requireToken('read'), async (c) => {
  const query = parseInput(listQuery, c.req.query());
  const rows = await c.env.DB.prepare(
    `SELECT event_id, channel_id, event_type, monitor_id, status, attempts, created_at, next_attempt_at,
            last_attempt_at, last_status, last_error, sent_at, order_key, claimed_until
     FROM deliveries WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC LIMIT ?2`,
  )
    .bind(query.status ?? null, query.limit)
    .all<Record<string, string | number | null>>();
  return c.json({
    deliveries: rows.results.map((r) => ({
      event_id: r.event_id,
      channel_id: r.channel_id,
      event_type: r.event_type,
      monitor_id: r.monitor_id,
      status: r.status,
      attempts: r.attempts,
      created_at: iso(r.created_at as number),
      next_attempt_at: r.status === 'pending' ? iso(r.next_attempt_at as number) : null,
      last_attempt_at: iso(r.last_attempt_at as number | null),
      last_status: r.last_status,
      last_error: r.last_error,
      sent_at: iso(r.sent_at as number | null),
      /** Rows with the same key reach the channel in order (an incident's id, else the event's). */
      order_key: r.order_key,
      /** Set while a deliverer holds the row (a lease on the tick clock): it is being sent. */
      claimed_until: r.status === 'pending' ? iso(r.claimed_until as number | null) : null,
    })),
  });
});
