import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError, problem } from '../lib/errors';
import { sha256Hex } from '../lib/hash';

/** Request bodies larger than this are refused before anything reads them. */
export const MAX_BODY_BYTES = 64 * 1024;

/** 413 on Content-Length alone, or while streaming a body that has none (hono's bodyLimit). */
export const bodyCap = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) =>
    problem(
      c,
      new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`),
    ),
});

type LimiterName = 'PING_LIMITER' | 'WRITE_LIMITER' | 'SUBSCRIBE_LIMITER';

/** The `period` of each limiter in wrangler.toml: the longest a client waits for its window to pass. */
const PERIOD_S: Record<LimiterName, number> = {
  PING_LIMITER: 60,
  WRITE_LIMITER: 60,
  SUBSCRIBE_LIMITER: 60,
};

/**
 * Limits requests per key with a Rate Limiting binding: 429 with Retry-After once the key has
 * used its share. Keys are hashed, so no token reaches the limiter. A missing binding (a
 * deployment without it) limits nothing.
 */
export function rateLimit(name: LimiterName, keyOf: (c: Context<AppEnv>) => string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const limiter = (c.env as Partial<Env>)[name];
    if (!limiter) return next();
    const { success } = await limiter.limit({ key: await sha256Hex(keyOf(c)) });
    if (success) return next();
    throw new ApiError(
      429,
      'rate_limited',
      'Too many requests; try again after the time in Retry-After.',
      {},
      { 'retry-after': String(PERIOD_S[name]) },
    );
  });
}

/** The client's address alone: forms anyone may post (status page sign-ups). */
export const addressKey = (c: Context<AppEnv>) => `ip:${c.req.header('cf-connecting-ip') ?? 'unknown'}`;

/** Who sends a request: its API token, or without one its address. */
export const callerKey = (c: Context<AppEnv>) =>
  c.req.header('authorization') ?? `ip:${c.req.header('cf-connecting-ip') ?? 'unknown'}`;
