import { env, exports } from 'cloudflare:workers';
import { bundledConfig } from '../../src/config/bundled';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  applyConfig,
  makeToken,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  target,
  targetRequests,
  tick,
} from '../helpers';
import { everyRowOfEveryTable } from '../canaries';

beforeEach(resetDb);

const SECRET = env.TEST_API_TOKEN;
/** A tick after a monitor made through the API now: its history starts at its creation. */
const nextMinute = () => Math.ceil((Date.now() + 1) / MINUTE) * MINUTE;

describe('secrets', () => {
  it('reach the target in a header and appear nowhere in D1, the API or the page', async () => {
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [
        {
          id: 'private-api',
          name: 'Private API',
          url: target('/echo', 'secret'),
          headers: { Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}', 'X-Static': 'visible' },
        },
      ],
    });
    await tick(T0);

    const seen = await targetRequests('secret');
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(request.headers['x-static']).toBe('visible');
    }

    const stored = await everyRowOfEveryTable();
    expect(stored).toContain('private-api');
    expect(stored).toContain('secrets.TEST_API_TOKEN');
    expect(stored).not.toContain(SECRET);

    const api = await exports.default.fetch('http://lookout.test/api/v1/status');
    const apiText = await api.text();
    expect(apiText).toContain('private-api');
    expect(apiText).not.toContain(SECRET);
    expect(apiText).not.toContain('secrets.TEST_API_TOKEN');

    const page = await (await exports.default.fetch('http://lookout.test/')).text();
    expect(page).toContain('Private API');
    expect(page).not.toContain(SECRET);
  });

  it('fails the check, naming the secret, when it is not set', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        {
          id: 'unset',
          url: target('/echo', 'unset-secret'),
          headers: { Authorization: 'Bearer ${{ secrets.NOT_SET_ANYWHERE }}' },
        },
      ],
    });
    await tick(T0);
    const [row] = await storedResults();
    expect(row).toMatchObject({
      outcome: 'down',
      cause: 'config.secret_missing',
      detail: 'secret NOT_SET_ANYWHERE is not set',
    });
    expect(await targetRequests('unset-secret')).toHaveLength(0);
  });
});

describe('redaction through a real tick', () => {
  const ODD = env.TEST_ODD_SECRET;
  const forms = [
    ODD,
    encodeURIComponent(ODD),
    new URLSearchParams({ k: ODD }).toString().slice(2),
    JSON.stringify(ODD).slice(1, -1),
    btoa(ODD),
  ];
  const leaked = (text: string) => forms.filter((f) => text.includes(f) || text.includes('odd "q"'));

  it('a secret sent in a header, the query and the body, reflected into failing details, is nowhere', async () => {
    const never = { body: { contains: 'never-in-this-body' } };
    await applyConfig({
      regions: ['weur'],
      monitors: [
        {
          id: 'reflect-echo',
          url: target('/echo', 'reflect'),
          headers: { 'X-Odd': '${{ secrets.TEST_ODD_SECRET }}' },
          query: { k: '${{ secrets.TEST_ODD_SECRET }}' },
          assertions: [never],
        },
        {
          id: 'reflect-text',
          url: target('/text', 'reflect'),
          query: { body: 'pre ${{ secrets.TEST_ODD_SECRET }} post' },
          assertions: [never],
        },
        {
          id: 'reflect-post',
          url: target('/echo', 'reflect'),
          method: 'POST',
          json: { a: '${{ secrets.TEST_ODD_SECRET }}' },
          headers: { Authorization: 'Bearer ${{ secrets.TEST_ODD_SECRET }}' },
          assertions: [{ status: 201 }],
        },
        {
          id: 'fresh-token',
          kind: 'flow',
          steps: [
            {
              name: 'login',
              url: target('/text', 'flow', { body: 'token=fresh-token-5f3a9c1e77' }),
              extract: { token: { regex: 'token=(\\S+)' } },
            },
            {
              name: 'fails',
              url: target('/text', 'flow', { body: 'echo fresh-token-5f3a9c1e77' }),
              assertions: [never],
            },
          ],
        },
      ],
    });
    await tick(T0);
    const results = await storedResults();
    expect(results.map((r) => r.outcome)).toEqual(['down', 'down', 'down', 'down']);
    expect(JSON.stringify(results)).toContain('[redacted]');
    const fresh = results.find((r) => r.monitorId === 'fresh-token');
    expect(fresh?.detail).toContain('echo [redacted]');

    expect(leaked(await everyRowOfEveryTable())).toEqual([]);
    const read = await makeToken(['read']);
    for (const path of [
      '/api/v1/status',
      '/api/v1/monitors',
      '/api/v1/monitors/reflect-text',
      '/api/v1/incidents',
    ]) {
      for (const headers of [{}, { authorization: `Bearer ${read}` }] as Record<string, string>[]) {
        const text = await (await exports.default.fetch(`http://lookout.test${path}`, { headers })).text();
        expect(leaked(text), path).toEqual([]);
        expect(text, path).not.toContain('fresh-token-5f3a9c1e77 ');
      }
    }
    for (const path of ['/', '/monitors/reflect-text', '/monitors/reflect-echo', '/feed.atom']) {
      const text = await (await exports.default.fetch(`http://lookout.test${path}`)).text();
      expect(leaked(text), path).toEqual([]);
    }
  });

  it('fails a check whose secret is too short to be kept out of results', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        {
          id: 'short',
          url: target('/echo', 'short'),
          headers: { 'X-K': '${{ secrets.TEST_SHORT_SECRET }}' },
        },
      ],
    });
    await tick(T0);
    const [row] = await storedResults();
    expect(row).toMatchObject({
      outcome: 'down',
      cause: 'config.secret_missing',
      detail: 'secret TEST_SHORT_SECRET is too short to be kept out of results (8 characters at least)',
    });
    expect(await targetRequests('short')).toHaveLength(0);
  });
});

describe('monitors created through the API reference only allowed secrets', () => {
  const post = async (token: string, body: unknown, path = '/api/v1/monitors', method = 'POST') =>
    exports.default.fetch(`http://lookout.test${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it('refuses the exploit: a write token sending the signing key and the heartbeat token to its own host', async () => {
    const write = await makeToken(['write']);
    const response = await post(write, {
      id: 'collector',
      url: `${target('/echo', 'exploit')}&k=\${{ secrets.TEST_WEBHOOK_SECRET }}`,
      headers: { 'X-A': '${{secrets.TEST_HEARTBEAT_TOKEN}}' },
      regions: ['weur'],
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { field: string; message: string }[] };
    expect(problem.code).toBe('secret_not_allowed');
    expect(problem.errors.map((e) => e.field)).toEqual(['url', 'headers.X-A']);
    expect(problem.errors[0]?.message).toContain('TEST_WEBHOOK_SECRET is not allowed');
    expect(await env.DB.prepare("SELECT id FROM monitors WHERE id = 'collector'").first()).toBeNull();
    await tick(T0);
    expect(await targetRequests('exploit')).toHaveLength(0);
  });

  it('finds a reference anywhere: query, JSON body, form, flow steps, a heartbeat token; on PUT too', async () => {
    const write = await makeToken(['write']);
    const ref = '${{ secrets.TEST_PD_KEY }}';
    const cases: [unknown, string][] = [
      [{ id: 'q', url: target('/ok', 'x'), query: { k: ref } }, 'query.k'],
      [{ id: 'j', url: target('/ok', 'x'), method: 'POST', json: { a: [{ b: `x${ref}` }] } }, 'json.a.0.b'],
      [{ id: 'f', url: target('/ok', 'x'), method: 'POST', form: { p: ref } }, 'form.p'],
      [{ id: 'b', url: target('/ok', 'x'), method: 'POST', body: ref }, 'body'],
      [
        {
          id: 'fl',
          kind: 'flow',
          steps: [
            { name: 'a', url: target('/ok', 'x') },
            { name: 'b', url: target('/ok', 'x'), headers: { Authorization: `Bearer ${ref}` } },
          ],
        },
        'steps.1.headers.Authorization',
      ],
      [{ id: 'hb', kind: 'heartbeat', token: ref, period: '1h' }, 'token'],
    ];
    for (const [body, field] of cases) {
      const response = await post(write, body);
      expect(response.status, field).toBe(422);
      expect(((await response.json()) as { errors: { field: string }[] }).errors).toEqual([
        expect.objectContaining({ field }),
      ]);
    }
    expect((await post(write, { id: 'plain', url: target('/ok', 'x') })).status).toBe(201);
    const put = await post(write, { url: `${target('/ok', 'x')}&k=${ref}` }, '/api/v1/monitors/plain', 'PUT');
    expect(put.status).toBe(422);
    expect(((await put.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('url');
  });

  it('sends an allowed secret in a real tick', async () => {
    const write = await makeToken(['write']);
    const created = await post(write, {
      id: 'allowed',
      url: target('/echo', 'allowed-secret'),
      headers: { Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}' },
      regions: ['weur'],
    });
    expect(created.status).toBe(201);
    await tick(nextMinute());
    const [seen] = await targetRequests('allowed-secret');
    expect(seen?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(await storedResults({ monitorId: 'allowed' })).toMatchObject([{ outcome: 'up' }]);
  });

  it('checks the allow-list again at probe time: a stored monitor cannot resolve a secret no longer allowed', async () => {
    const write = await makeToken(['write']);
    const created = await post(write, {
      id: 'stored',
      url: target('/echo', 'stored-secret'),
      headers: { Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}' },
      regions: ['weur'],
    });
    expect(created.status).toBe(201);
    // The next config allows nothing (or the row was written before the list existed).
    const config = { ...(await bundledConfig()), apiSecrets: { allowed: [], reserved: new Map() } };
    const summary = await tick(nextMinute(), { config });
    expect(summary.down).toBe(1);
    expect(await targetRequests('stored-secret')).toHaveLength(0);
    const [result] = await storedResults({ monitorId: 'stored' });
    expect(result).toMatchObject({ outcome: 'down', cause: 'config.secret_missing' });
    expect(result?.detail).toContain('TEST_API_TOKEN is not allowed for monitors managed through the API');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
