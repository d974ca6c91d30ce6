import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { sha256Hex } from '../lib/hash';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';

export type Scope = 'read' | 'write';

/**
 * Both ways a token may come: `Bearer <token>` (tools), and HTTP Basic with the token as the
 * password (browsers, which prompt for it when a private status page answers 401).
 */
export function tokenFrom(header: string | undefined): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '')?.[1];
  if (!basic) return null;
  try {
    const decoded = atob(basic);
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return decoded.includes(':') && password ? password : null;
  } catch {
    return null;
  }
}

/** The challenge a 401 carries: tools send a bearer token, browsers prompt for Basic. */
const CHALLENGE = { 'www-authenticate': 'Bearer realm="Lookout", Basic realm="Lookout", charset="UTF-8"' };

/**
 * Requires a token with `scope` (`Authorization: Bearer <token>`, or Basic with the token as the
 * password). Tokens are stored as SHA-256 hashes; the token itself is never stored or logged.
 */
/** The scopes of the caller's token, or null without a valid one (one lookup, only if one is sent). */
export async function callerScopes(c: Context<AppEnv>): Promise<Scope[] | null> {
  const token = tokenFrom(c.req.header('authorization'));
  if (!token) return null;
  const row = await c.env.DB.prepare('SELECT scopes FROM api_tokens WHERE token_hash = ?')
    .bind(await sha256Hex(token))
    .first<{ scopes: string }>();
  return row ? (JSON.parse(row.scopes) as Scope[]) : null;
}

export function requireToken(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = tokenFrom(c.req.header('authorization'));
    if (!token)
      throw new ApiError(
        401,
        'token_required',
        'Send an API token as Authorization: Bearer <token> (or as the password of Basic authentication).',
        {},
        CHALLENGE,
      );
    const row = await c.env.DB.prepare('SELECT id, scopes FROM api_tokens WHERE token_hash = ?')
      .bind(await sha256Hex(token))
      .first<{ id: string; scopes: string }>();
    if (!row) throw new ApiError(401, 'token_invalid', 'This API token is not valid.', {}, CHALLENGE);
    if (!(JSON.parse(row.scopes) as Scope[]).includes(scope)) {
      throw new ApiError(403, 'scope_missing', `This API token lacks the "${scope}" scope.`);
    }
    await next();
  });
}

/**
 * Reads (GET and HEAD) are public unless PUBLIC_READS is "false"; then the API, the status pages,
 * the feed and the badges all need a read token.
 */
export const publicReads = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.PUBLIC_READS !== 'false' || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
  return requireToken('read')(c, next);
});

/**
 * A private status page's own forms (the subscription sign-up): on a private page (PUBLIC_READS =
 * "false") every method needs a read token, since a sign-up form is part of the page.
 */
export const privatePage = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.PUBLIC_READS !== 'false') return next();
  return requireToken('read')(c, next);
});

/** Whether the caller may see what responses held (a read or write token): public views may not. */
export async function seesResponseContent(c: Context<AppEnv>): Promise<boolean> {
  return ((await callerScopes(c)) ?? []).length > 0;
}
