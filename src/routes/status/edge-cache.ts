import type { MiddlewareHandler } from 'hono';
import type { Database } from '../../db/client';
import { writeMeta } from '../../db/queries/meta';
import type { AppEnv } from '../../env';
import { requestLanguage } from './language';

const EPOCH_KEY = 'page_epoch';
/** Browsers and shared caches may keep a page this long; pages refresh each minute anyway. */
const BROWSER_MAX_AGE_S = 30;
/** A cached copy outlives no tick: past this it is rendered again even if the cron stalls. */
const EDGE_TTL_S = 60;

/**
 * What the public pages show changes when a tick writes results or something else writes state
 * (config reconcile, API writes). The version names both, so a change makes a new cache key: no
 * purge needed, and stale copies simply expire.
 */
export async function pageVersion(db: Database): Promise<string> {
  const row = await db.$client
    .prepare(
      `SELECT (SELECT max(scheduled_at) FROM ticks) AS tick,
              (SELECT value FROM meta WHERE key = '${EPOCH_KEY}') AS epoch`,
    )
    .first<{ tick: number | null; epoch: string | null }>();
  return `${row?.tick ?? 0}.${row?.epoch ?? 0}`;
}

/** A statement that invalidates every cached page; random so that no two states share a key. */
export function bumpPageEpoch(db: Database, now: number) {
  return writeMeta(db, EPOCH_KEY, crypto.randomUUID().slice(0, 8), now);
}

/**
 * Serves public responses from the Cache API under a key holding the page version (and, for pages,
 * the language they are in: a German reader never gets an English copy), and answers If-None-Match
 * with 304. On a miss the response is rendered and stored for EDGE_TTL_S.
 */
function cached(localized: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const [version, language] = await Promise.all([
      pageVersion(c.var.db),
      localized ? requestLanguage(c) : null,
    ]);
    const etag = language ? `W/"${version}.${language.tag}"` : `W/"${version}"`;
    const headers: Record<string, string> = { etag, 'cache-control': `public, max-age=${BROWSER_MAX_AGE_S}` };
    if (language?.negotiated) headers.vary = 'Accept-Language';
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const url = new URL(c.req.url);
    url.searchParams.set('__v', version);
    if (language) url.searchParams.set('__lang', language.tag);
    const key = new Request(url.toString(), { method: 'GET' });
    const cache = await caches.open('lookout-pages');
    const hit = await cache.match(key);
    if (hit) {
      const response = new Response(hit.body, hit);
      response.headers.set('x-lookout-cache', 'hit');
      response.headers.set('cache-control', `public, max-age=${BROWSER_MAX_AGE_S}`);
      if (headers.vary) response.headers.set('vary', headers.vary);
      return response;
    }
    await next();
    if (c.res.status !== 200) return;
    c.res.headers.set('etag', etag);
    c.res.headers.set('cache-control', `public, max-age=${BROWSER_MAX_AGE_S}`);
    c.res.headers.set('x-lookout-cache', 'miss');
    const stored = c.res.clone();
    stored.headers.set('cache-control', `public, max-age=${EDGE_TTL_S}`);
    // The Cache API does not store responses that say Vary: *; Vary: Accept-Language is fine, but
    // the key already names the language, so the stored copy need not vary again.
    stored.headers.delete('vary');
    c.executionCtx.waitUntil(cache.put(key, stored));
  };
}

/** Pages and the feed: one cached copy per version and language. */
export const edgeCache = cached(true);

/** Badges speak shields' English whatever the reader's language: one copy per version. */
export const badgeCache = cached(false);
