import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyConfig,
  refusedUrl,
  resetDb,
  storedResults,
  T0,
  target,
  targetRequests,
  targetUrl,
  tick,
} from '../helpers';

/**
 * Every cause and finding of the taxonomy (FAILURES.md) produced end to end: a real local target,
 * one tick through the probers, the stored result. One monitor per row; all run in one tick.
 */
const t = (path: string, query: Record<string, string> = {}) => target(path, 'taxonomy', query);
const auth = { Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}' };
const targetPort = Number(new URL(t('/')).port);

type Row = [
  id: string,
  monitor: Record<string, unknown>,
  expected: { outcome: string; cause: string | null; detail?: string | RegExp },
];

const CAUSES: Row[] = [
  ['bad-request', { url: t('/status/400') }, { outcome: 'down', cause: 'http.bad_request' }],
  ['unauthorized', { url: t('/status/401') }, { outcome: 'down', cause: 'http.unauthorized' }],
  ['forbidden', { url: t('/status/403') }, { outcome: 'down', cause: 'http.forbidden' }],
  [
    'not-found',
    { url: t('/status/404') },
    { outcome: 'down', cause: 'http.not_found', detail: 'status 404, expected 2xx' },
  ],
  [
    'method',
    { url: t('/status/405'), method: 'POST', json: { a: 1 } },
    { outcome: 'down', cause: 'http.method_not_allowed' },
  ],
  ['gone', { url: t('/status/410') }, { outcome: 'down', cause: 'http.gone' }],
  ['rate-limited', { url: t('/status/429') }, { outcome: 'down', cause: 'http.rate_limited' }],
  ['server-error', { url: t('/status/500') }, { outcome: 'down', cause: 'http.server_error' }],
  ['not-implemented', { url: t('/status/501') }, { outcome: 'down', cause: 'http.server_error' }],
  ['bad-gateway', { url: t('/status/502') }, { outcome: 'down', cause: 'http.upstream' }],
  ['unavailable', { url: t('/status/503') }, { outcome: 'down', cause: 'http.upstream' }],
  ['gateway-timeout', { url: t('/status/504') }, { outcome: 'down', cause: 'http.upstream' }],
  ['teapot', { url: t('/status/418') }, { outcome: 'down', cause: 'http.unexpected_status' }],
  [
    'wrong-success',
    { url: t('/status/201'), expected_status: 200 },
    { outcome: 'down', cause: 'http.unexpected_status', detail: 'status 201, expected 200' },
  ],
  [
    'redirect-loop',
    { url: t('/redirect-loop') },
    { outcome: 'down', cause: 'http.redirect', detail: /^redirect loop: / },
  ],
  [
    'too-many-hops',
    { url: t('/redirect/3'), redirects: 2 },
    { outcome: 'down', cause: 'http.redirect', detail: /^more than 2 redirects/ },
  ],
  [
    'redirect-forbidden',
    { url: t('/redirect/1'), redirects: 'error' },
    { outcome: 'down', cause: 'http.redirect', detail: /^redirected \(302\) to / },
  ],
  [
    'redirect-manual',
    { url: t('/redirect/1'), redirects: 'manual' },
    { outcome: 'down', cause: 'http.redirect', detail: 'status 302, expected 2xx' },
  ],
  ['redirect-followed', { url: t('/redirect/3') }, { outcome: 'up', cause: null }],
  [
    'hang',
    { url: t('/hang'), timeout: '500ms' },
    { outcome: 'down', cause: 'net.timeout', detail: 'no response within 500 ms' },
  ],
  [
    'slow-body',
    { url: t('/slow-body', { ms: '3000' }), timeout: '500ms' },
    { outcome: 'down', cause: 'net.timeout', detail: /while reading the body$/ },
  ],
  ['reset', { url: t('/reset') }, { outcome: 'down', cause: 'net.refused' }],
  ['refused', { url: `${refusedUrl}/` }, { outcome: 'down', cause: 'net.refused' }],
  ['origin-dns', { url: t('/status/530') }, { outcome: 'down', cause: 'net.dns' }],
  [
    'tls',
    { url: t('/status/526') },
    {
      outcome: 'down',
      cause: 'tls.invalid',
      detail: /Cloudflare found the origin's certificate invalid \(526\)/,
    },
  ],
  [
    'tls-handshake',
    { url: t('/status/525') },
    { outcome: 'down', cause: 'tls.invalid', detail: /TLS handshake with the origin failed \(525\)/ },
  ],
  [
    'html-with-200',
    { url: t('/html-error'), assertions: [{ json: '$.status', equals: 'ok' }] },
    {
      outcome: 'down',
      cause: 'assert.body',
      detail: /^json \$\.status equals "ok": expected "ok", got body is not JSON/,
    },
  ],
  [
    'wrong-json',
    { url: t('/wrong-json'), assertions: [{ json: '$.status', equals: 'ok' }] },
    { outcome: 'down', cause: 'assert.body', detail: /expected "ok", got "error"/ },
  ],
  [
    'schema',
    {
      url: t('/wrong-json'),
      assertions: [{ schema: { type: 'object', properties: { count: { type: 'number' } } } }],
    },
    { outcome: 'down', cause: 'assert.body' },
  ],
  [
    'body-text',
    { url: t('/html-error'), assertions: [{ body: { not_contains: 'went wrong' } }] },
    { outcome: 'down', cause: 'assert.body' },
  ],
  [
    'header',
    { url: t('/ok'), assertions: [{ header: 'content-type', contains: 'text/html' }] },
    { outcome: 'down', cause: 'assert.header' },
  ],
  [
    'latency-down',
    { url: t('/delay/300'), assertions: [{ latency: { down: '100ms' } }] },
    { outcome: 'down', cause: 'assert.latency' },
  ],
  [
    'latency-degraded',
    { url: t('/delay/300'), assertions: [{ latency: { degraded: '100ms', down: '2s' } }] },
    { outcome: 'degraded', cause: 'perf.slow' },
  ],
  [
    'auth-not-enforced',
    { url: t('/protected-broken'), headers: auth, requires_auth: true },
    { outcome: 'down', cause: 'security.auth_not_enforced' },
  ],
  [
    'auth-enforced',
    { url: t('/protected', { token: env.TEST_API_TOKEN }), headers: auth, requires_auth: true },
    { outcome: 'up', cause: null },
  ],
  [
    'secret-missing',
    { url: t('/ok'), headers: { 'X-Key': '${{ secrets.NOPE }}' } },
    { outcome: 'down', cause: 'config.secret_missing' },
  ],
  ['tcp-open', { kind: 'tcp', host: '127.0.0.1', port: targetPort }, { outcome: 'up', cause: null }],
  [
    'tcp-refused',
    { kind: 'tcp', host: '127.0.0.1', port: Number(new URL(refusedUrl).port) },
    { outcome: 'down', cause: 'net.refused' },
  ],
  [
    'dns-ok',
    {
      kind: 'dns',
      domain: 'api.lookout.test',
      resolver: t('/dns-query'),
      expect: { values: ['192.0.2.11', '192.0.2.10'] },
    },
    { outcome: 'up', cause: null },
  ],
  [
    'dns-nxdomain',
    { kind: 'dns', domain: 'gone.lookout.test', resolver: t('/dns-query') },
    { outcome: 'down', cause: 'net.dns', detail: 'gone.lookout.test A: NXDOMAIN, expected NOERROR' },
  ],
  [
    'dns-mx',
    {
      kind: 'dns',
      domain: 'mail.lookout.test',
      record_type: 'MX',
      resolver: t('/dns-query'),
      expect: { contains: ['10 mx.lookout.test'] },
    },
    { outcome: 'up', cause: null },
  ],
  [
    'dns-txt',
    {
      kind: 'dns',
      domain: 'txt.lookout.test',
      record_type: 'TXT',
      resolver: t('/dns-query'),
      expect: { values: ['v=spf1 ~all'] },
    },
    {
      outcome: 'down',
      cause: 'assert.body',
      detail: 'TXT records: expected [v=spf1 ~all], got [v=spf1 -all]',
    },
  ],
  [
    'dns-no-records',
    { kind: 'dns', domain: 'api.lookout.test', record_type: 'AAAA', resolver: t('/dns-query') },
    { outcome: 'down', cause: 'net.dns', detail: 'api.lookout.test has no AAAA records' },
  ],
  [
    'dns-wrong-value',
    {
      kind: 'dns',
      domain: 'www.lookout.test',
      record_type: 'CNAME',
      resolver: t('/dns-query'),
      expect: { values: ['edge.lookout.test'] },
    },
    {
      outcome: 'down',
      cause: 'assert.body',
      detail: 'CNAME records: expected [edge.lookout.test], got [api.lookout.test]',
    },
  ],
];

const loginFlow = (ordersPath: string, extra: Record<string, unknown> = {}) => ({
  kind: 'flow',
  steps: [
    {
      name: 'login',
      method: 'POST',
      url: t('/login'),
      json: { user: 'demo' },
      extract: { token: { json: '$.token' } },
    },
    {
      name: 'list orders',
      url: t(ordersPath),
      headers: { Authorization: 'Bearer ${{ vars.token }}' },
      assertions: [{ json: '$.count', gte: 1 }],
      ...extra,
    },
    {
      name: 'cleanup',
      method: 'DELETE',
      url: t('/orders/ord-42'),
      headers: { Authorization: 'Bearer ${{ vars.token }}' },
      expected_status: 204,
      always_run: true,
    },
  ],
});

const FLOWS: Row[] = [
  ['flow-ok', loginFlow('/orders'), { outcome: 'up', cause: null }],
  [
    'flow-failing-step',
    loginFlow('/status/503'),
    { outcome: 'down', cause: 'http.upstream', detail: 'step "list orders": status 503, expected 2xx' },
  ],
  [
    'flow-extract',
    {
      kind: 'flow',
      steps: [
        { name: 'login', method: 'POST', url: t('/login'), extract: { token: { json: '$.access_token' } } },
      ],
    },
    {
      outcome: 'down',
      cause: 'assert.body',
      detail: 'step "login": could not extract token: JSON path $.access_token found nothing',
    },
  ],
  [
    'flow-auth',
    loginFlow('/protected-broken', { requires_auth: true, assertions: [], timeout: '5s' }),
    {
      outcome: 'down',
      cause: 'security.auth_not_enforced',
      detail: /^step "list orders": answered 200 without credentials/,
    },
  ],
  [
    'flow-extract-kinds',
    {
      kind: 'flow',
      steps: [
        {
          name: 'login',
          method: 'POST',
          url: t('/login'),
          extract: { token: { regex: '"token":"([^"]+)"' }, session: { header: 'x-session' } },
        },
        {
          name: 'create order',
          method: 'POST',
          url: t('/orders'),
          query: { session: '${{ vars.session }}' },
          headers: { Authorization: 'Bearer ${{ vars.token }}' },
          expected_status: 201,
          extract: { order: { json: '$.id' } },
        },
        {
          name: 'read order',
          // Written as in YAML: URL() would percent-encode the reference.
          url: `${targetUrl}/orders/\${{ vars.order }}?tag=taxonomy`,
          headers: { Authorization: 'Bearer ${{ vars.token }}' },
        },
      ],
    },
    { outcome: 'up', cause: null },
  ],
];

const FINDINGS: [
  id: string,
  monitor: Record<string, unknown>,
  code: string,
  data?: Record<string, unknown>,
][] = [
  ['deprecated', { url: t('/lifecycle', { deprecated_days: '-10' }) }, 'api.deprecated'],
  [
    'sunset',
    { url: t('/lifecycle', { sunset_days: '20', deprecated_days: '-5' }) },
    'api.sunset_soon',
    { successor_version: 'https://api.example.test/v2/orders' },
  ],
  [
    'sunset-before-deprecation',
    { url: t('/lifecycle', { sunset_days: '5', deprecated_days: '30' }) },
    'api.sunset_invalid',
  ],
  ['sunset-malformed', { url: t('/lifecycle', { raw_sunset: 'next tuesday' }) }, 'api.sunset_invalid'],
  [
    'jwt-expiring',
    { url: t('/ok'), headers: { Authorization: 'Bearer ${{ secrets.TEST_JWT_EXPIRING }}' } },
    'credential.expiring',
  ],
  [
    'jwt-long-lived',
    { url: t('/ok'), headers: { Authorization: 'Bearer ${{ secrets.TEST_JWT_LONG_LIVED }}' } },
    'credential.long_lived',
  ],
  ['plain-http', { url: t('/ok') }, 'security.insecure_transport'],
  ['huge', { url: t('/huge', { mb: '3' }) }, 'perf.large_payload'],
  ['flow-token', loginFlow('/orders'), 'credential.expiring'],
];

async function resultOf(id: string) {
  const rows = await storedResults({ monitorId: id });
  expect(rows, `one result for ${id}`).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
}

beforeAll(async () => {
  await resetDb();
  const monitors = [...CAUSES, ...FLOWS, ...FINDINGS].map(([id, monitor]) => ({ id, ...monitor }));
  await applyConfig({ regions: ['weur'], monitors });
  await tick(T0);
});

describe('causes, end to end through a tick', () => {
  it.each([...CAUSES, ...FLOWS])('%s', async (id, _, expected) => {
    const result = await resultOf(id);
    expect({ outcome: result.outcome, cause: result.cause }, result.detail ?? '').toEqual({
      outcome: expected.outcome,
      cause: expected.cause,
    });
    if (typeof expected.detail === 'string') expect(result.detail).toBe(expected.detail);
    if (expected.detail instanceof RegExp) expect(result.detail).toMatch(expected.detail);
  });
});

describe('findings, end to end through a tick', () => {
  it.each(FINDINGS)('%s -> %s', async (id, _, code, data) => {
    const result = await resultOf(id);
    const finding = result.findings?.find((f) => f.code === code);
    expect(finding, JSON.stringify(result.findings)).toBeDefined();
    if (data) expect(finding?.data).toMatchObject(data);
  });

  it('reads a huge body only up to the cap', async () => {
    const result = await resultOf('huge');
    expect(result.outcome).toBe('up');
    expect(result.findings?.find((f) => f.code === 'perf.large_payload')?.data).toMatchObject({
      bytes: 3 * 1024 * 1024,
    });
  });

  it('never stores the tokens it sent', async () => {
    const stored = JSON.stringify(await storedResults());
    for (const token of [env.TEST_JWT_EXPIRING, env.TEST_JWT_LONG_LIVED, env.TEST_API_TOKEN]) {
      for (const part of token.split('.')) expect(stored).not.toContain(part);
    }
  });
});

describe('flows', () => {
  it('run their cleanup step after a failure, with the token extracted earlier', async () => {
    const requests = await targetRequests('taxonomy');
    const cleanups = requests.filter((r) => r.path === '/orders/ord-42' && r.method === 'DELETE');
    // flow-ok, flow-failing-step, flow-auth and flow-token clean up; flow-extract has no cleanup step.
    expect(cleanups).toHaveLength(4);
    for (const request of cleanups) expect(request.headers.authorization).toMatch(/^Bearer ey/);
  });

  it('pass values extracted by regex, header and JSON path to later steps', async () => {
    const requests = await targetRequests('taxonomy');
    const reads = requests.filter((r) => r.path === '/orders/ord-42' && r.method === 'GET');
    expect(reads).toHaveLength(1);
    const create = requests.find((r) => r.path === '/orders' && r.method === 'POST');
    expect(create?.url).toContain('session=sess-7f3a');
  });

  it('also call an auth-enforced endpoint without credentials', async () => {
    const requests = await targetRequests('taxonomy');
    const anonymous = requests.filter(
      (r) => r.path === '/protected' && r.headers.authorization === undefined,
    );
    expect(anonymous).toHaveLength(1);
  });
});
