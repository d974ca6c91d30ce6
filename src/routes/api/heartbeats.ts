import { Hono } from 'hono';
import { sha256Hex } from '../../lib/hash';
import { recordPing } from '../../db/queries/heartbeats';
import type { AppEnv } from '../../env';
import { pingQuery } from './schemas';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import { rateLimit } from '../limits';
import { MIN_TOKEN_BITS, tokenBits } from '../../config/token-strength';

/** Inbound pings from cron jobs and batch systems: GET or POST /api/v1/heartbeats/<token>. */
export const heartbeatsApi = new Hono<AppEnv>().on(
  ['GET', 'POST'],
  '/heartbeats/:token',
  rateLimit('PING_LIMITER', (c) => `ping:${c.req.param('token') ?? ''}`),
  async (c) => {
    const query = parseInput(pingQuery, c.req.query());
    const token = c.req.param('token');
    // A token too weak to be one of ours is not looked up: no D1 query for guesses.
    const known =
      tokenBits(token) >= MIN_TOKEN_BITS &&
      (await recordPing(c.var.db, await sha256Hex(token), Date.now(), query.status, query.msg ?? null));
    if (!known) throw new ApiError(404, 'heartbeat_not_found', 'No heartbeat monitor has this token.');
    return c.json({ ok: true, status: query.status });
  },
);
