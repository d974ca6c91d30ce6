import { Hono } from 'hono';
import { sha256Hex } from '../../lib/hash';
import { recordPing } from '../../db/queries/heartbeats';
import type { AppEnv } from '../../env';
import { pingQuery } from './schemas';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';

/** Inbound pings from cron jobs and batch systems: GET or POST /api/v1/heartbeats/<token>. */
export const heartbeatsApi = new Hono<AppEnv>().on(['GET', 'POST'], '/heartbeats/:token', async (c) => {
  const query = parseInput(pingQuery, c.req.query());
  const known = await recordPing(
    c.var.db,
    await sha256Hex(c.req.param('token')),
    Date.now(),
    query.status,
    query.msg ?? null,
  );
  if (!known) throw new ApiError(404, 'heartbeat_not_found', 'No heartbeat monitor has this token.');
  return c.json({ ok: true, status: query.status });
});
