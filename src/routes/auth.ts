import { createMiddleware } from 'hono/factory';
import { sha256Hex } from '../lib/hash';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';

export type Scope = 'read' | 'write';

/**
 * Requires `Authorization: Bearer <token>` for a token with `scope`. Tokens are stored as SHA-256
 * hashes; the token itself is never stored or logged.
 */
export function requireToken(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token)
      throw new ApiError(401, 'token_required', 'Send an API token as Authorization: Bearer <token>.');
    const row = await c.env.DB.prepare('SELECT id, scopes FROM api_tokens WHERE token_hash = ?')
      .bind(await sha256Hex(token))
      .first<{ id: string; scopes: string }>();
    if (!row) throw new ApiError(401, 'token_invalid', 'This API token is not valid.');
    if (!(JSON.parse(row.scopes) as Scope[]).includes(scope)) {
      throw new ApiError(403, 'scope_missing', `This API token lacks the "${scope}" scope.`);
    }
    await next();
  });
}

/** Reads are public unless PUBLIC_READS is "false"; then they need a read token. */
export const publicReads = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.PUBLIC_READS !== 'false' || c.req.method !== 'GET') return next();
  return requireToken('read')(c, next);
});
