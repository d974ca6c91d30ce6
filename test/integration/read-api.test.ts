import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { createApp } from '../../src/app';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, makeToken, MINUTE, resetDb, target, tick } from '../helpers';

beforeEach(resetDb);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, checked by the assertions
type Json = any;

const api = async (path: string) => {
  const response = await exports.default.fetch(`http://lookout.test/api/v1${path}`);
  return { status: response.status, body: (await response.json()) as Json };
};

/** Six checks in the last hour from weur: two up, two down, two up (about 40 ms); a private monitor too. */
async function seed() {
  const start = Math.floor(Date.now() / (60 * MINUTE)) * 60 * MINUTE - 60 * MINUTE;
  const file = (url: string) => ({
    regions: ['weur'],
    monitors: [
      { id: 'orders', name: 'Orders', url },
      { id: 'secret-admin', url: target('/ok', 'read'), public: false },
    ],
  });
  const steps: [string, number][] = [
    [target('/ok', 'read'), 0],
    [target('/ok', 'read'), 1],
    [target('/status/503', 'read'), 2],
    [target('/status/503', 'read'), 3],
    // The last check is slow on purpose: /metrics then reports a duration that cannot round to 0.
    [target('/delay/40', 'read'), 4],
    [target('/delay/40', 'read'), 5],
  ];
  for (const [url, minute] of steps) {
    await applyConfig(file(url), start);
    await tick(start + minute * MINUTE);
  }
}

describe('the read API', () => {
  it('reports uptime, downtime and latency percentiles for a window, overall and per region', async () => {
    await seed();
    const { status, body } = await api('/monitors/orders/uptime?window=24h');
    expect(status).toBe(200);
    // In the first hour of a UTC day, the last 24 hours hold yesterday whole: read as one daily row.
    const resolution = new Date().getUTCHours() === 0 ? 'day' : 'hour';
    expect(body).toMatchObject({ monitor_id: 'orders', window: '24h', resolution });
    expect(body.overall).toMatchObject({ checks: 6, up: 4, down: 2, uptime_pct: 66.667, downtime_s: 120 });
    expect(body.overall.p50_ms).toBeGreaterThanOrEqual(0);
    // The target answers after 50 ms; a loaded machine adds its own wait on top, never less.
    expect(body.overall.p95_ms).toBeGreaterThanOrEqual(40);
    expect(body.overall.p95_ms).toBeLessThanOrEqual(500);
    expect(Object.keys(body.regions)).toEqual(['weur']);

    const year = await api('/monitors/orders/uptime?window=365d');
    expect(year.body).toMatchObject({ resolution: 'day', overall: { checks: 6, uptime_pct: 66.667 } });
  });

  it('gives daily bars, lists monitors and incidents, and hides private monitors', async () => {
    await seed();
    const { body } = await api('/monitors/orders/daily?days=3');
    expect(body.days).toHaveLength(3);
    const checked = body.days.filter((d: { checks: number }) => d.checks > 0);
    expect(checked.reduce((n: number, d: { checks: number }) => n + d.checks, 0)).toBe(6);
    expect(body.days.at(-1).date).toBe(new Date().toISOString().slice(0, 10));

    const list = await api('/monitors');
    expect(list.body.monitors.map((m: { id: string }) => m.id)).toEqual(['orders']);
    expect((await api('/monitors/secret-admin/uptime')).status).toBe(404);

    const incidents = await api('/incidents');
    expect(incidents.body.incidents).toHaveLength(1);
    expect(incidents.body.incidents[0]).toMatchObject({
      monitor_id: 'orders',
      cause: 'http.upstream',
      status: 'resolved',
      duration_s: 120,
      events: [expect.objectContaining({ kind: 'opened' }), expect.objectContaining({ kind: 'resolved' })],
    });
    expect((await api('/incidents?status=open')).body.incidents).toEqual([]);
  });

  it('rejects a bad window with a problem naming the field', async () => {
    const { status, body } = await api('/monitors/orders/uptime?window=2w');
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'window' }] });
  });
});

describe('Prometheus metrics', () => {
  it('need a read token and expose the last check and 24-hour uptime per monitor and region', async () => {
    await seed();
    expect((await exports.default.fetch('http://lookout.test/metrics')).status).toBe(401);
    const response = await exports.default.fetch('http://lookout.test/metrics', {
      headers: { authorization: `Bearer ${await makeToken(['read'])}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/openmetrics-text');
    const text = await response.text();
    expect(text).toContain('# TYPE probe_success gauge');
    expect(text).toContain('probe_success{monitor="orders",region="weur"} 1');
    expect(text).toContain('probe_success{monitor="secret-admin",region="weur"} 1');
    expect(text).toMatch(/^# UNIT probe_duration_seconds seconds$/m);
    expect(text).toMatch(/^probe_duration_seconds\{monitor="orders",region="weur"\} 0\.\d+$/m);
    expect(text).toContain('lookout_uptime_ratio{monitor="orders",region="weur",window="24h"} 0.666667');
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
  });
});

describe('the Statuspage-compatible summary', () => {
  it('describes components, open incidents and the overall indicator as Statuspage does', async () => {
    await seed();
    await applyConfig({
      regions: ['weur'],
      monitors: [{ id: 'orders', name: 'Orders', url: target('/status/503', 'read') }],
    });
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    await tick(now + 10 * MINUTE);
    await tick(now + 11 * MINUTE);
    const { status, body } = await (async () => {
      const response = await exports.default.fetch('http://lookout.test/api/v2/summary.json');
      return { status: response.status, body: (await response.json()) as Json };
    })();
    expect(status).toBe(200);
    expect(body.page).toMatchObject({ id: 'lookout', time_zone: 'Etc/UTC' });
    expect(body.components).toEqual([
      expect.objectContaining({ id: 'orders', name: 'Orders', status: 'major_outage' }),
    ]);
    expect(body.incidents).toEqual([
      expect.objectContaining({ name: 'Orders: http.upstream', status: 'investigating', impact: 'major' }),
    ]);
    expect(body.status).toEqual({ indicator: 'major', description: 'Major System Outage' });
  });
});

describe('managing monitors through the API', () => {
  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await exports.default.fetch(`http://lookout.test/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      body: response.status === 204 ? null : ((await response.json()) as Json),
    };
  };

  it('creates, updates, pauses and deletes API monitors, and refuses to touch config monitors', async () => {
    await applyConfig({ regions: ['weur'], monitors: [{ id: 'from-file', url: target('/ok', 'manage') }] });
    const write = await makeToken(['read', 'write']);

    expect((await call('POST', '/monitors', null, { id: 'x', url: target('/ok', 'manage') })).status).toBe(
      401,
    );
    expect(
      (await call('POST', '/monitors', await makeToken(['read']), { id: 'x', url: target('/ok', 'manage') }))
        .status,
    ).toBe(403);
    const invalid = await call('POST', '/monitors', write, { id: 'Bad Id', url: 'ftp://x' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['id', 'url']);

    const created = await call('POST', '/monitors', write, {
      id: 'from-api',
      name: 'From API',
      url: target('/ok', 'manage'),
      regions: ['weur'],
    });
    expect(created).toEqual({ status: 201, body: { id: 'from-api', source: 'api' } });
    expect(
      (await call('POST', '/monitors', write, { id: 'from-api', url: target('/ok', 'manage') })).status,
    ).toBe(409);

    const summary = await tick(Date.now());
    expect(summary.checks).toBe(2);
    const updated = await call('PUT', '/monitors/from-api', write, {
      name: 'Renamed',
      url: target('/status/500', 'manage'),
      regions: ['weur'],
    });
    expect(updated.status).toBe(200);
    expect((await call('GET', '/monitors/from-api', null)).body).toMatchObject({ name: 'Renamed' });

    expect((await call('POST', '/monitors/from-api/pause', write)).body).toEqual({
      id: 'from-api',
      paused: true,
    });
    const refused = await call('DELETE', '/monitors/from-file', write);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'monitor_from_config',
      detail: expect.stringContaining('lookout.yaml'),
    });
    expect((await call('PUT', '/monitors/from-file', write, { url: target('/ok', 'manage') })).status).toBe(
      409,
    );

    expect((await call('DELETE', '/monitors/from-api', write)).status).toBe(204);
    expect((await call('GET', '/monitors/from-api', null)).status).toBe(404);
  });
});

describe('SLA report', () => {
  it('says whether a period met its target, with the downtime allowed and spent', async () => {
    await seed();
    const from = new Date(Date.now() - 2 * 60 * MINUTE).toISOString();
    const to = new Date(Date.now() + 60 * MINUTE).toISOString();
    const { status, body } = await api(`/monitors/orders/sla?from=${from}&to=${to}&target=99`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      target_pct: 99,
      uptime_pct: 66.667,
      met: false,
      downtime_s: 120,
      checks: 6,
      incidents: 1,
    });
    expect(body.allowed_downtime_s).toBe(108);
    expect((await api(`/monitors/orders/sla?from=${to}&to=${from}`)).status).toBe(422);
  });
});

describe('turning public reads off', () => {
  it('makes the read API need a read token, and leaves heartbeat pings alone', async () => {
    await seed();
    const app = createApp();
    const closed = { ...env, PUBLIC_READS: 'false' };
    const get = (path: string, token?: string) =>
      app.fetch(
        new Request(
          `http://lookout.test${path}`,
          token ? { headers: { authorization: `Bearer ${token}` } } : {},
        ),
        closed,
      );
    expect((await get('/api/v1/status')).status).toBe(401);
    expect((await get('/api/v2/summary.json')).status).toBe(401);
    expect((await get('/api/v1/status', await makeToken(['read']))).status).toBe(200);
    expect((await get('/api/v1/heartbeats/unknown-token')).status).toBe(404);
    expect((await app.fetch(new Request('http://lookout.test/api/v1/status'), env)).status).toBe(200);
  });

  it('makes the status pages, feed and badges private too, HEAD included; a browser gets a Basic prompt', async () => {
    await seed();
    const app = createApp();
    const closed = { ...env, PUBLIC_READS: 'false' };
    const token = await makeToken(['read']);
    // The pages go through the edge cache, which needs an execution context.
    const request = async (path: string, init: RequestInit = {}) => {
      const ctx = createExecutionContext();
      const response = await app.fetch(new Request(`http://lookout.test${path}`, init), closed, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    const basic = (password: string) => ({ authorization: `Basic ${btoa(`viewer:${password}`)}` });
    const paths = ['/', '/monitors/orders', '/incidents', '/feed.atom', '/badge/orders/status.svg'];
    // Asked with the token first, so a cached copy exists that an anonymous visitor must not get.
    for (const path of paths) expect((await request(path, { headers: basic(token) })).status, path).toBe(200);
    for (const path of paths) {
      const anonymous = await request(path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers.get('www-authenticate'), path).toContain('Basic realm="Lookout"');
      expect(await anonymous.text(), path).not.toContain('Orders');
      expect((await request(path, { method: 'HEAD' })).status, `HEAD ${path}`).toBe(401);
      expect((await request(path, { headers: basic('not-a-token') })).status, path).toBe(401);
    }
    expect((await request('/api/v1/status', { method: 'HEAD' })).status).toBe(401);
    expect((await request('/api/v1/status', { method: 'HEAD', headers: basic(token) })).status).toBe(200);
    expect((await request('/api/v1/status', { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
  });
});

describe('raw results', () => {
  it('page newest first across regions with an opaque cursor', async () => {
    const start = Math.floor(Date.now() / MINUTE) * MINUTE;
    await applyConfig(
      { regions: ['weur', 'apac'], monitors: [{ id: 'paged', url: target('/ok', 'paged') }] },
      start,
    );
    for (const minute of [0, 1, 2]) await tick(start + minute * MINUTE);

    const first = await api('/monitors/paged/results?limit=4');
    const key = (r: { tick_at: string; region: string }) =>
      `${(Date.parse(r.tick_at) - start) / MINUTE}:${r.region}`;
    expect(first.body.results.map(key)).toEqual(['2:apac', '2:weur', '1:apac', '1:weur']);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api(`/monitors/paged/results?limit=4&cursor=${first.body.next_cursor}`);
    expect(second.body.results.map(key)).toEqual(['0:apac', '0:weur']);
    expect(second.body.next_cursor).toBeNull();

    const weur = await api('/monitors/paged/results?region=weur&limit=10');
    expect(weur.body.results).toHaveLength(3);
    expect((await api('/monitors/paged/results?cursor=not-ours')).body).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
    });
  });
});

describe('maintenance through the API', () => {
  it('adds and removes windows with a write token; windows from lookout.yaml stay', async () => {
    await applyConfig({
      regions: ['weur'],
      maintenance: [
        {
          id: 'from-file',
          title: 'From the file',
          monitors: ['orders'],
          weekly: { day: 'mon', at: '03:00', duration: '30m' },
        },
      ],
      monitors: [{ id: 'orders', url: target('/ok', 'maint-api') }],
    });
    const write = await makeToken(['read', 'write']);
    const now = Date.now();
    const window = {
      id: 'hotfix',
      title: 'Hotfix deploy',
      monitors: ['orders'],
      start: new Date(now - 60_000).toISOString(),
      end: new Date(now + 600_000).toISOString(),
    };
    const post = (body: unknown, token: string | null = write) =>
      exports.default.fetch('http://lookout.test/api/v1/maintenance', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    expect((await post(window, null)).status).toBe(401);
    expect((await post({ ...window, end: window.start })).status).toBe(422);
    expect((await post(window)).status).toBe(201);
    expect((await post(window)).status).toBe(409);

    const listed = await api('/maintenance');
    expect(listed.body.windows.map((w: { id: string }) => w.id).sort()).toEqual(['from-file', 'hotfix']);
    expect(listed.body.active.map((w: { id: string }) => w.id)).toEqual(['hotfix']);
    expect((await api('/status')).body.monitors[0].in_maintenance).toBe(true);

    const remove = (id: string) =>
      exports.default.fetch(`http://lookout.test/api/v1/maintenance/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${write}` },
      });
    expect((await remove('from-file')).status).toBe(409);
    expect((await remove('hotfix')).status).toBe(204);
    expect((await api('/maintenance')).body.windows.map((w: { id: string }) => w.id)).toEqual(['from-file']);
  });
});
