import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';

interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters: { name: string; in: string; schema: { enum?: string[] } }[];
        requestBody?: { content: Record<string, { schema: { properties?: object } }> };
        security?: object[];
      }
    >
  >;
}

describe('the OpenAPI document', () => {
  it('is served, 3.1, and documents every API route the app has, with the request schemas it validates', async () => {
    const response = await exports.default.fetch('http://lookout.test/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');

    const routes = createApp()
      .routes.filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/metrics'))
      .filter(
        (r) => r.path !== '/api/v1/openapi.json' && !(r.path.includes('heartbeats') && r.method === 'GET'),
      )
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) expect(documented, route).toContain(route);

    const uptime = doc.paths['/api/v1/monitors/{id}/uptime']?.get;
    expect(uptime?.parameters.find((p) => p.name === 'window')?.schema.enum).toEqual([
      '24h',
      '7d',
      '30d',
      '90d',
      '365d',
    ]);
    const create = doc.paths['/api/v1/monitors']?.post;
    expect(create?.security).toEqual([{ token: ['write'] }]);
    expect(JSON.stringify(create?.requestBody?.content['application/json']?.schema)).toContain('"url"');
  });
});
