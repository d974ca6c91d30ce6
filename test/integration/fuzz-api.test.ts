import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floorMinute } from '../../src/coordinator/minutes';
import { everyTable, reportSecurity } from '../canaries';
import { coordinatorWith } from '../coordinator';
import { makeToken, resetDb, target } from '../helpers';
import worker from '../../src/index';

/**
 * Every API route (and every page) under property-based fuzzing: methods, odd ids, query strings,
 * bodies (random JSON, wrong types, huge and unicode strings, malformed JSON), content types, with
 * and without tokens. No answer may be a 5xx; every 4xx is problem+json whose `type` follows its
 * stable `code`; a refused request writes nothing to D1. Failures print fast-check's seed.
 */
const RUNS = 1000;
const BODY_RUNS = 600;
const BASE = 'http://lookout.test';

const figures = {
  cases: 0,
  answers_5xx: 0,
  answers_4xx: 0,
  problem_json_4xx: 0,
  /** Human-facing pages (not the API) answer 404 with an HTML page. */
  html_4xx_pages: 0,
  refused_with_writes: 0,
  accepted_writes_seen: 0,
  statuses: {} as Record<string, number>,
  codes: {} as Record<string, number[]>,
};

interface Route {
  method: string;
  path: string;
}
let routes: Route[] = [];
let ids: string[] = [];
let stub: Awaited<ReturnType<typeof coordinatorWith>>;

let lastTickAt = 0;

/** A tick at the current minute: health answers 200 (it is 503, by design, once ticks stop). */
async function freshTick() {
  await stub.run(floorMinute(Date.now()), 'manual');
  lastTickAt = Date.now();
}

beforeAll(async () => {
  await resetDb();
  stub = await coordinatorWith({
    regions: ['weur'],
    alerting: { fail_after: 1 },
    monitors: [
      { id: 'up', url: target('/ok', 'fuzz') },
      { id: 'down', url: target('/status/500', 'fuzz') },
      { id: 'hidden', public: false, url: target('/ok', 'fuzz') },
      { id: 'beat', kind: 'heartbeat', token: '${{ secrets.TEST_HEARTBEAT_TOKEN }}', period: '1h' },
    ],
  });
  const write = await makeToken(['write']);
  const created = await exports.default.fetch(`${BASE}/api/v1/monitors`, {
    method: 'POST',
    headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'from-api', url: target('/ok', 'fuzz'), regions: ['weur'] }),
  });
  expect(created.status).toBe(201);
  await freshTick();
  const incident = await env.DB.prepare('SELECT id FROM incidents LIMIT 1').first<{ id: string }>();
  expect(incident).not.toBeNull();
  ids = ['up', 'down', 'hidden', 'beat', 'from-api', incident?.id ?? '', env.TEST_HEARTBEAT_TOKEN];

  const doc = (await (await exports.default.fetch(`${BASE}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );
  expect(routes.length).toBeGreaterThan(20);
  for (const path of [
    '/',
    '/incidents',
    '/feed.atom',
    '/api/v1/openapi.json',
    '/monitors/{id}',
    '/badge/{id}/status.svg',
    '/badge/{id}/uptime.svg',
    '/badge/{id}/latency.svg',
    '/badge/{id}/shields.json',
  ])
    routes.push({ method: 'GET', path });
});

afterAll(() => reportSecurity({ test: 'fuzz-api', ...figures }));

const oddString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'true',
    '[]',
    '{}',
    '%',
    '%ZZ',
    '%00',
    '..',
    '../..',
    '\u0000',
    '\ud800',
    '😀',
    '<script>',
    "' OR 1=1 --",
    '${{ secrets.TEST_API_TOKEN }}',
    '2026-13-45T99:00:00Z',
    '2026-11-26T12:00:00Z',
    '24h',
    'weur',
  ),
  fc.nat({ max: 4 }).map((n) => 'x'.repeat(10 ** n + 7)),
);

/** Mostly a real id (index into `ids`, filled in later), so requests get past the lookup. */
const oddId = fc.oneof(
  { arbitrary: fc.constantFrom(...[0, 1, 2, 3, 4, 5, 6].map(String)), weight: 3 },
  { arbitrary: oddString, weight: 2 },
);

const queryKey = fc.oneof(
  fc.constantFrom(
    'window',
    'from',
    'to',
    'days',
    'limit',
    'cursor',
    'region',
    'status',
    'monitor',
    'target',
    'msg',
  ),
  fc.string({ maxLength: 10 }),
);

/** A JSON value of any shape, or a body shaped like a real one with its fields given wrong types. */
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      id: fc.oneof(oddString, fc.integer(), fc.constant(null)),
      url: fc.oneof(oddString, fc.constant(target('/ok', 'fuzz')), fc.integer()),
      kind: fc.oneof(fc.constantFrom('http', 'tcp', 'dns', 'flow', 'heartbeat', 'statuspage'), oddString),
      method: fc.oneof(fc.constantFrom('GET', 'POST', 'TRACE'), oddString),
      headers: fc.oneof(fc.dictionary(oddString, oddString, { maxKeys: 3 }), oddString),
      regions: fc.oneof(fc.array(oddString, { maxLength: 3 }), oddString),
      interval: fc.oneof(oddString, fc.integer()),
      steps: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
      monitors: fc.oneof(fc.array(oddString, { maxLength: 3 }), oddString),
      start: oddString,
      end: oddString,
      status: fc.oneof(fc.constantFrom('investigating', 'resolved'), oddString),
      message: oddString,
    },
    { requiredKeys: [] },
  ),
);

const body = fc.oneof(
  fc.constant(undefined),
  jsonBody.map((v) => JSON.stringify(v)),
  fc.constantFrom('{', '{"id":', '[1,', 'null', '"text"', '\u0000', '{"__proto__":{"x":1}}', 'a=1&b=2'),
  oddString,
  fc.constant('x'.repeat(70 * 1024)),
  jsonBody.map((v) => JSON.stringify(v)),
);

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '*/*',
  ';;;',
);

type Auth = 'none' | 'read' | 'write' | 'unknown' | 'basic' | 'malformed';
const auth = fc.constantFrom<Auth>('none', 'read', 'write', 'write', 'unknown', 'basic', 'malformed');

async function authorization(kind: Auth): Promise<string | null> {
  switch (kind) {
    case 'none':
      return null;
    // A fresh token each time: the write limit (per token) must not hide the routes behind 429s.
    case 'read':
    case 'write':
      return `Bearer ${await makeToken([kind])}`;
    case 'unknown':
      return `Bearer lk_${crypto.randomUUID()}`;
    case 'basic':
      return `Basic ${btoa(`user:${await makeToken(['read'])}`)}`;
    case 'malformed':
      return 'Basic !!!not-base64';
  }
}

/** D1 as text: compared before and after a refused request. */
const snapshot = async () => JSON.stringify(await everyTable());

interface FuzzRequest {
  method: string;
  path: string;
  query: [string, string][];
  body: string | undefined;
  contentType: string | undefined;
  auth: Auth;
}

const isPage = (path: string, method: string) =>
  (method === 'GET' || method === 'HEAD') && !path.startsWith('/api/') && path !== '/metrics';

/** Sends one request and checks the answer; returns its status. */
async function check(request: FuzzRequest): Promise<number> {
  figures.cases++;
  // Kept well inside health's 2 minutes on a slow machine (before the snapshot: it writes).
  if (Date.now() - lastTickAt > 60_000) await freshTick();
  const headers = new Headers({ 'cf-connecting-ip': `198.51.100.${figures.cases % 250}` });
  const token = await authorization(request.auth);
  if (token) headers.set('authorization', token);
  if (request.contentType) headers.set('content-type', request.contentType);
  const url = new URL(request.path, BASE);
  for (const [key, value] of request.query) url.searchParams.append(key, value);
  const before = await snapshot();
  // The Worker's own handler with an execution context of its own, so that the snapshot after is
  // taken once the request's background work (waitUntil) has ended too; and the test pool's
  // self-binding slows down with every call it has made (quadratically: ~1,800 calls overflow it).
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(url.toString(), {
      method: request.method,
      headers,
      ...(request.body === undefined || ['GET', 'HEAD'].includes(request.method)
        ? {}
        : { body: request.body }),
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const status = response.status;
  figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
  if (status >= 500) {
    figures.answers_5xx++;
    throw new Error(`${status} for ${request.method} ${url.pathname}: ${await response.text()}`);
  }
  if (status < 400) {
    await response.body?.cancel();
    // The snapshot does see writes: an accepted write changes it.
    if (!['GET', 'HEAD'].includes(request.method) && (await snapshot()) !== before)
      figures.accepted_writes_seen++;
    return status;
  }
  figures.answers_4xx++;
  const type = response.headers.get('content-type') ?? '';
  if (isPage(url.pathname, request.method) && type.startsWith('text/html')) {
    // A page a person opened answers with a page (the status page's own 404), escaped.
    figures.html_4xx_pages++;
    expect(await response.text()).not.toContain('<script>');
    return status;
  }
  expect(type, `${status} ${url.pathname}`).toBe('application/problem+json');
  if (request.method !== 'HEAD') {
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem.status).toBe(status);
    expect(problem.code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(problem.type).toBe(`https://lookout.dev/problems/${String(problem.code)}`);
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
    const code = String(problem.code);
    figures.codes[code] = [...new Set([...(figures.codes[code] ?? []), status])];
  } else await response.body?.cancel();
  figures.problem_json_4xx++;
  if ((await snapshot()) !== before) {
    figures.refused_with_writes++;
    throw new Error(`${status} for ${request.method} ${url.pathname}, yet D1 changed`);
  }
  return status;
}

/** Percent-encoded; a lone surrogate (not encodable) becomes invalid UTF-8, which a server must survive too. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

/** A route's path with each {param} filled with an id: a real one, or an odd one encoded or not. */
const filledPath = (path: string) =>
  fc.tuple(oddId, fc.boolean()).map(([id, raw]) => {
    const value = /^\d$/.test(id) ? (ids[Number(id)] ?? id) : id;
    return path.replace(/\{[^}]+\}/g, raw && /^[\w.%-]*$/.test(value) ? value : encode(value));
  });

describe('every API route, fuzzed', () => {
  it('answers no 5xx and refuses with problem+json, writing nothing: any method, path, query, body and token', async () => {
    const request = fc
      .record({
        route: fc.constantFrom(...routes),
        // Mostly the route's own method and path; sometimes another method, or a path of its own.
        otherMethod: fc.oneof(
          { arbitrary: fc.constant(null), weight: 4 },
          {
            arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
            weight: 1,
          },
        ),
        query: fc.array(fc.tuple(queryKey, oddString), { maxLength: 4 }),
        body,
        contentType,
        auth,
        randomPath: fc.oneof(
          { arbitrary: fc.constant(null), weight: 8 },
          { arbitrary: fc.webPath(), weight: 1 },
        ),
      })
      .chain((r) =>
        filledPath(r.randomPath ? `/api/v1${r.randomPath}` : r.route.path).map((path): FuzzRequest => ({
          method: r.otherMethod ?? r.route.method,
          path,
          query: r.query,
          body: r.body,
          contentType: r.contentType,
          auth: r.auth,
        })),
      );
    await checkAll(request, RUNS);
  }, 300_000);

  it('validates every write body: wrong types, malformed JSON and wrong content types are 4xx problems', async () => {
    const writes = routes.filter((r) => r.method !== 'GET');
    const request = fc
      .record({ route: fc.constantFrom(...writes), body, contentType, auth: fc.constantFrom<Auth>('write') })
      .chain((r) =>
        filledPath(r.route.path).map((path): FuzzRequest => ({
          method: r.route.method,
          path,
          query: [],
          body: r.body,
          contentType: r.contentType,
          auth: r.auth,
        })),
      );
    await checkAll(request, BODY_RUNS);
  }, 300_000);

  it('gives each problem code one status (codes are stable), and saw accepted writes change D1', () => {
    expect(Object.keys(figures.codes).length).toBeGreaterThan(5);
    expect(figures.accepted_writes_seen).toBeGreaterThan(0);
    for (const [code, statuses] of Object.entries(figures.codes)) expect(statuses, code).toHaveLength(1);
  });
});

/** After a fresh tick (so there is state to read), `runs` requests drawn from `request`, each checked. */
async function checkAll(request: fc.Arbitrary<FuzzRequest>, runs: number): Promise<void> {
  await freshTick();
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      await check(r);
    }),
    { numRuns: runs },
  );
}
