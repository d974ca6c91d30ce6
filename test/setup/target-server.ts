/**
 * A real HTTP target for tests and benchmarks. Every route can be delayed (`?delay=ms`), and the
 * server records, per `?tag=`, each request and how many requests each prober shard (named in the
 * `x-lookout-shard` header) had in flight at once.
 *
 *   /ok                      200 JSON
 *   /logo.svg                a small SVG image (a status page logo that needs no internet)
 *   /delay/:ms               answer after ms
 *   /status/:code            answer with that status
 *   /hang                    never answer
 *   /reset                   destroy the connection
 *   /regional?down=a,b&status=503   that status for the listed regions, 200 elsewhere
 *   /echo                    200 with the request's method and headers
 *   /text?body=              200 text/plain with that body
 *   /redirect-to?to=&code=   a redirect (default 302) to `to`, on this origin or another;
 *                            `&copy=1` copies this request's query onto it
 *   /switch/:name            the status last set for that name (200 until set), to change an answer between ticks
 *   POST /__switch/:name?status=503   sets it
 *   /reflect?status=&v=      everything the request carried (query, headers, body, and `v`) sent
 *                            back in the body raw, URL-encoded, base64 and JSON-escaped, and in
 *                            headers, with that status (default 200): a careless or failing API
 *   /reflect-redirect?to=&code=   a redirect (default 302) to `to` (this origin or another) whose
 *                            Location carries the request's credentials and query, URL-encoded
 *   /issue                   200 {"token": ...}, a fresh token each time (a login a flow extracts from)
 *   /__issued?tag=           the tokens /issue gave out for that tag
 *   /__stats?tag=            { requests, maxInFlight: { shard: n }, maxInFlightTotal }
 *   /__requests?tag=         the recorded requests (with their bodies)
 *   /vendor/<scenario>/api/v2/summary.json   a vendor's Statuspage summary (statuspage-docs.ts)
 *
 * Servers given the same `targetHandler()` share their records: two ports are two origins.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { listenLocal, type LocalServer } from './listen';
import { vendorRoute } from './statuspage-server';

interface RecordedRequest {
  path: string;
  url: string;
  method: string;
  region: string | null;
  shard: string | null;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

interface TagStats {
  requests: RecordedRequest[];
  inFlight: Map<string, number>;
  maxInFlight: Map<string, number>;
  inFlightTotal: number;
  maxInFlightTotal: number;
}

export type TargetServer = LocalServer;

export async function startTargetServer(port = 0, handler = targetHandler()): Promise<TargetServer> {
  const server = createServer(handler);
  // Below this machine's open-file limit (20,000), above what 10,000 monitors x 5 regions open at
  // once: connections past the cap are dropped, which checks would read as net.refused.
  server.maxConnections = 19_000;
  return listenLocal(server, port);
}

export function targetHandler(): RequestListener {
  const tags = new Map<string, TagStats>();
  const switches = new Map<string, number>();
  const issued = new Map<string, string[]>();
  const statsFor = (tag: string) => {
    let stats = tags.get(tag);
    if (!stats) {
      stats = {
        requests: [],
        inFlight: new Map(),
        maxInFlight: new Map(),
        inFlightTotal: 0,
        maxInFlightTotal: 0,
      };
      tags.set(tag, stats);
    }
    return stats;
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://target');
    const tag = url.searchParams.get('tag') ?? '';
    if (url.pathname === '/__stats') {
      const stats = statsFor(tag);
      return json(res, 200, {
        requests: stats.requests.length,
        maxInFlight: Object.fromEntries(stats.maxInFlight),
        maxInFlightTotal: stats.maxInFlightTotal,
      });
    }
    if (url.pathname === '/__requests') return json(res, 200, statsFor(tag).requests);
    if (url.pathname === '/__issued') return json(res, 200, issued.get(tag) ?? []);
    if (url.pathname.startsWith('/__switch/') && req.method === 'POST') {
      const status = Number(url.searchParams.get('status') ?? 200);
      switches.set(url.pathname.slice('/__switch/'.length), status);
      return json(res, 200, { status });
    }

    const stats = statsFor(tag);
    const shard = header(req, 'x-lookout-shard');
    const region = header(req, 'x-lookout-region');
    const record: RecordedRequest = {
      path: url.pathname,
      url: req.url ?? '/',
      method: req.method ?? 'GET',
      region,
      shard,
      headers: req.headers,
      body: '',
      at: Date.now(),
    };
    stats.requests.push(record);
    req.on('data', (chunk: Buffer) => {
      record.body += chunk.toString();
    });
    const shardKey = shard ?? '(none)';
    const now = (stats.inFlight.get(shardKey) ?? 0) + 1;
    stats.inFlight.set(shardKey, now);
    stats.maxInFlight.set(shardKey, Math.max(now, stats.maxInFlight.get(shardKey) ?? 0));
    stats.inFlightTotal++;
    stats.maxInFlightTotal = Math.max(stats.maxInFlightTotal, stats.inFlightTotal);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stats.inFlight.set(shardKey, (stats.inFlight.get(shardKey) ?? 1) - 1);
      stats.inFlightTotal--;
    };
    res.on('close', finish);

    const delay = Number(url.searchParams.get('delay') ?? 0);
    const respond = () =>
      reflectRoute(url, req, res, record, issued) || route(url, req, res, region, switches);
    if (delay > 0) setTimeout(respond, delay);
    else respond();
  };
}

function route(
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  region: string | null,
  switches: ReadonlyMap<string, number>,
): void {
  const [, first, second] = url.pathname.split('/');
  switch (first) {
    case 'logo.svg':
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      return void res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#4e79a7"/><path d="M8 17l5 5 11-12" stroke="#fff" stroke-width="3" fill="none"/></svg>',
      );
    case 'ok':
      return json(res, 200, { ok: true });
    case 'delay':
      setTimeout(() => json(res, 200, { ok: true }), Number(second));
      return;
    case 'status':
      return json(res, Number(second), { status: Number(second) });
    case 'hang':
      return; // the client's timeout ends it
    case 'reset':
      req.socket.destroy();
      return;
    case 'regional': {
      const down = (url.searchParams.get('down') ?? '').split(',');
      const status = region && down.includes(region) ? Number(url.searchParams.get('status') ?? 503) : 200;
      return json(res, status, { region });
    }
    case 'echo':
      return json(res, 200, { method: req.method, headers: req.headers });
    case 'text':
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(url.searchParams.get('body') ?? '');
    case 'redirect-to': {
      // `copy=1`: the query this request came with is copied onto the Location, as careless servers do.
      const to = new URL(url.searchParams.get('to') ?? '/', 'http://target');
      if (url.searchParams.get('copy')) {
        for (const [key, value] of url.searchParams) {
          if (!['to', 'code', 'copy'].includes(key)) to.searchParams.set(key, value);
        }
      }
      const absolute = url.searchParams.get('to')?.startsWith('http');
      res.writeHead(Number(url.searchParams.get('code') ?? 302), {
        location: absolute ? to.toString() : `${to.pathname}${to.search}`,
      });
      return void res.end();
    }
    case 'switch': {
      const status = switches.get(second ?? '') ?? 200;
      return json(res, status, { status });
    }
    default:
      return taxonomyRoute(first ?? '', second, url, req, res);
  }
}

/**
 * Routes that hand back what a check sent (its secrets), as careless and failing APIs do: in the
 * body, in headers and in a redirect's Location, in every encoding. False when not one of them.
 */
function reflectRoute(
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
  issued: Map<string, string[]>,
): boolean {
  const tag = url.searchParams.get('tag') ?? '';
  // /reflect/<anything>: a secret in the URL path is reflected too.
  switch (url.pathname.startsWith('/reflect/') ? '/reflect' : url.pathname) {
    case '/issue': {
      const token = `tok-${randomBytes(12).toString('base64')}`;
      issued.set(tag, [...(issued.get(tag) ?? []), token]);
      json(res, 200, { token, expires_in: 3600 });
      return true;
    }
    case '/reflect':
      // The body is complete once the request ends: reflect it then.
      req.on('end', () => {
        const carried = [
          req.url ?? '',
          safeDecode(url.search),
          safeDecode(url.pathname),
          ...Object.values(req.headers).flat(),
          record.body,
          url.searchParams.get('v') ?? '',
          // Basic credentials decoded, as an API that names the user it refused would.
          basicCredentials(req.headers.authorization),
        ].join('\n');
        const reflected = {
          raw: carried,
          url: encodeURIComponent(carried),
          form: new URLSearchParams({ v: carried }).toString(),
          base64: Buffer.from(carried).toString('base64'),
          base64url: Buffer.from(carried).toString('base64url'),
          headers: req.headers,
          body: record.body,
        };
        if (res.destroyed) return;
        res.writeHead(Number(url.searchParams.get('status') ?? 200), {
          'content-type': url.searchParams.get('as') === 'text' ? 'text/plain' : 'application/json',
          'x-reflect-auth': headerSafe(req.headers.authorization ?? ''),
          'x-reflect-query': headerSafe(url.search),
          'x-reflect-b64': Buffer.from(carried).toString('base64'),
          'www-authenticate': `Bearer error="invalid_token", token="${headerSafe(req.headers.authorization ?? '')}"`,
        });
        res.end(
          url.searchParams.get('as') === 'text'
            ? Object.values(reflected)
                .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
                .join('\n')
            : JSON.stringify(reflected),
        );
      });
      req.resume();
      return true;
    case '/reflect-redirect': {
      const to = new URL(url.searchParams.get('to') ?? '/', 'http://target');
      to.searchParams.set('echo_auth', req.headers.authorization ?? '');
      to.searchParams.set('echo_query', url.search);
      to.searchParams.set('echo_b64', Buffer.from(req.url ?? '').toString('base64'));
      const absolute = url.searchParams.get('to')?.startsWith('http');
      res.writeHead(Number(url.searchParams.get('code') ?? 302), {
        location: absolute ? to.toString() : `${to.pathname}${to.search}`,
        'x-reflect-auth': headerSafe(req.headers.authorization ?? ''),
      });
      res.end();
      return true;
    }
    default:
      return false;
  }
}

function basicCredentials(authorization: string | undefined): string {
  const encoded = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return encoded ? Buffer.from(encoded, 'base64').toString() : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A header value Node will send: visible ASCII and spaces only. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

/** One route per row of the failure taxonomy (FAILURES.md) that a local server can produce. */
function taxonomyRoute(
  first: string,
  second: string | undefined,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const self = (path: string) => `${path}${url.search}`;
  switch (first) {
    case 'slow-body': {
      // Headers at once, the body only after ?ms: a timeout while reading the body.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":');
      setTimeout(() => res.end('true}'), Number(url.searchParams.get('ms') ?? 5000));
      return;
    }
    case 'huge': {
      const bytes = Number(url.searchParams.get('mb') ?? 5) * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes) });
      const chunk = Buffer.alloc(64 * 1024, 97);
      let sent = 0;
      const pump = () => {
        while (sent < bytes && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    case 'redirect-loop':
      return redirect(res, self('/redirect-loop'));
    case 'redirect': {
      const left = Number(second ?? 0);
      return left > 0 ? redirect(res, self(`/redirect/${left - 1}`)) : json(res, 200, { arrived: true });
    }
    case 'wrong-json':
      return json(res, 200, { status: 'error', items: [], count: 'three' });
    case 'html-error':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<!doctype html><html><body><h1>Something went wrong</h1></body></html>');
    case 'lifecycle': {
      const day = 86_400_000;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const sunsetDays = url.searchParams.get('sunset_days');
      const deprecatedDays = url.searchParams.get('deprecated_days');
      if (sunsetDays) headers.sunset = new Date(Date.now() + Number(sunsetDays) * day).toUTCString();
      if (deprecatedDays)
        headers.deprecation = `@${Math.floor((Date.now() + Number(deprecatedDays) * day) / 1000)}`;
      if (url.searchParams.get('raw_sunset')) headers.sunset = url.searchParams.get('raw_sunset') as string;
      headers.link = '<https://api.example.test/v2/orders>; rel="successor-version"';
      res.writeHead(200, headers);
      return void res.end('{"ok":true}');
    }
    case 'protected':
      // Enforces auth: 401 without the expected bearer token.
      if (req.headers.authorization === `Bearer ${url.searchParams.get('token') ?? 'letmein'}`)
        return json(res, 200, { ok: true });
      return json(res, 401, { error: 'unauthorized' });
    case 'protected-broken':
      // Forgot its auth check: answers 200 with or without credentials.
      return json(res, 200, { orders: [{ id: 1 }] });
    case 'login': {
      const now = Math.floor(Date.now() / 1000);
      const ttl = Number(url.searchParams.get('ttl_days') ?? 2) * 86_400;
      res.setHeader('x-session', 'sess-7f3a');
      return json(res, 200, {
        token: makeJwt({ sub: 'demo', iat: now, exp: now + ttl }),
        user: { id: 'u-1' },
      });
    }
    case 'orders': {
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ey')) return json(res, 401, { error: 'unauthorized' });
      if (req.method === 'DELETE') return void res.writeHead(204).end();
      if (req.method === 'POST') return json(res, 201, { id: 'ord-42' });
      if (second && second !== 'ord-42') return json(res, 404, { error: 'no such order' });
      return json(res, 200, { orders: [{ id: 'ord-42', total: 12.5 }], count: 1 });
    }
    case 'dns-query':
      return dohAnswer(url, res);
    case 'vendor':
      return vendorRoute(second ?? '', url, req, res);
    default:
      return json(res, 404, { error: 'no such route' });
  }
}

const ZONE: Record<string, { type: number; data: string }[]> = {
  'api.lookout.test': [
    { type: 1, data: '192.0.2.10' },
    { type: 1, data: '192.0.2.11' },
  ],
  'www.lookout.test': [{ type: 5, data: 'api.lookout.test.' }],
  'mail.lookout.test': [{ type: 15, data: '10 mx.lookout.test.' }],
  'txt.lookout.test': [{ type: 16, data: '"v=spf1 -all"' }],
};

/** A DNS-over-HTTPS JSON resolver for a tiny zone: unknown names are NXDOMAIN. */
function dohAnswer(url: URL, res: ServerResponse): void {
  const name = (url.searchParams.get('name') ?? '').replace(/\.$/, '');
  const types: Record<string, number> = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 };
  const type = types[url.searchParams.get('type') ?? 'A'] ?? 1;
  const records = ZONE[name];
  res.writeHead(200, { 'content-type': 'application/dns-json' });
  res.end(
    JSON.stringify({
      Status: records ? 0 : 3,
      Question: [{ name, type }],
      Answer: records
        ?.filter((r) => r.type === type)
        .map((r) => ({ name, type: r.type, TTL: 300, data: r.data })),
    }),
  );
}

function makeJwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJl`;
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
