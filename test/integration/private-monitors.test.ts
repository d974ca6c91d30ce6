import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, makeToken, MINUTE, resetDb, T0, target, tick } from '../helpers';

beforeEach(resetDb);

const ID = 'zq-vault-internal';
const NAME = 'Zanzibar Vault Backend';
const get = (path: string, token?: string) =>
  exports.default.fetch(
    `http://lookout.test${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );

describe('a private monitor', () => {
  it('is named nowhere public: pages, API, feed, summary, maintenance, dependencies, badges', async () => {
    const now = Date.now();
    await applyConfig({
      regions: ['weur'],
      maintenance: [
        {
          id: 'vault-upgrade',
          title: 'Storage upgrade',
          monitors: [ID, 'api'],
          start: new Date(now - 10 * MINUTE).toISOString(),
          end: new Date(now + 3 * 86_400_000).toISOString(),
        },
      ],
      monitors: [
        { id: ID, name: NAME, url: target('/status/503', 'private'), public: false },
        { id: 'api', name: 'Public API', url: target('/status/502', 'private'), depends_on: [ID] },
      ],
    });
    await tick(T0);
    await tick(T0 + MINUTE);
    const incident = await env.DB.prepare('SELECT dependency_of FROM incidents WHERE monitor_id = ?')
      .bind('api')
      .first<{ dependency_of: string | null }>();

    const paths = [
      '/',
      '/incidents',
      '/feed.atom',
      '/monitors/api',
      `/monitors/${ID}`,
      '/api/v1/status',
      '/api/v1/monitors',
      '/api/v1/monitors/api',
      '/api/v1/incidents?monitor=api',
      '/api/v1/maintenance',
      '/api/v1/incidents',
      '/api/v2/summary.json',
      `/badge/${ID}/status.svg`,
      `/badge/${ID}/shields.json`,
    ];
    for (const path of paths) {
      const response = await get(path);
      const text = await response.text();
      expect(text, path).not.toContain(NAME);
      // A 404 may repeat the id it was asked for; every other answer must not know it.
      if (!path.includes(ID)) expect(text, path).not.toContain(ID);
    }
    expect((await get(`/badge/${ID}/status.svg`)).status).toBe(404);

    // A read token still sees what the API is meant to show it.
    const read = await makeToken(['read']);
    const maintenance = await (await get('/api/v1/maintenance', read)).text();
    expect(maintenance).toContain(ID);
    expect(incident?.dependency_of).toBe(ID);
    expect(await (await get('/api/v1/incidents?monitor=api', read)).text()).toContain(ID);
  });
});
