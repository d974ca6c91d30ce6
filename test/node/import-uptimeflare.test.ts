import { describe, expect, it } from 'vitest';
import { importUptimeFlare } from '../../scripts/import/uptimeflare';
import { importFixture, noteAt } from './import-helpers';

describe("importing UptimeFlare's uptime.config.ts", () => {
  const { result, text, config, monitor } = importFixture('uptimeflare', 'uptime.config.ts');

  it('maps an http monitor: expected codes, keywords, timeout, a worker:// check proxy as its region', () => {
    expect(monitor('acme_site')).toMatchObject({
      name: 'Website',
      group: '🌐 Public',
      url: 'https://acme.example',
      expected_status: 200,
      assertions: [{ body: { contains: 'Acme' } }, { body: { not_contains: 'bad gateway' } }],
      timeout: 10_000,
      regions: ['weur'],
    });
    expect(noteAt(result, 'workerConfig.monitors[0].tooltip', 'tooltip')).toBeDefined();
  });

  it('maps method, headers and body, with the token moved to a secret', () => {
    expect(monitor('orders_api')).toMatchObject({
      method: 'POST',
      headers: {
        'User-Agent': 'Uptimeflare',
        Authorization: 'Bearer ${{ secrets.ORDERS_API_AUTHORIZATION }}',
      },
      body: '{"probe":true}',
      expected_status: [200, 201],
      timeout: 30_000,
    });
  });

  it('maps TCP_PING to a tcp monitor', () => {
    expect(monitor('ssh_bastion')).toMatchObject({
      kind: 'tcp',
      group: '🔐 Internal',
      host: 'bastion.acme.example',
      port: 22,
      timeout: 5000,
    });
  });

  it('reads literals only, and lists what is not one', () => {
    expect(config.monitors.map((m) => m.id)).toEqual(['acme_site', 'orders_api', 'ssh_bastion']);
    expect(noteAt(result, 'workerConfig.monitors[3].target', 'a template string')).toBeDefined();
    expect(
      noteAt(result, 'workerConfig.monitors[3]', 'monitor "status-v2" has no literal target'),
    ).toBeDefined();
    expect(noteAt(result, 'workerConfig.callbacks.onStatusChange', 'a function')?.why).toMatch(
      /no callbacks/,
    );
    expect(noteAt(result, 'workerConfig.callbacks.onIncident', 'a function')).toBeDefined();
  });

  it('carries the page title, http links and group order; mailto links are noted', () => {
    expect(config.status_page).toMatchObject({
      title: 'Acme Status',
      links: [
        { label: 'Website', url: 'https://acme.example' },
        { label: 'GitHub', url: 'https://github.com/acme' },
      ],
      groups: [{ name: '🌐 Public' }, { name: '🔐 Internal' }],
    });
    expect(noteAt(result, 'pageConfig.links[2]', 'mailto:')).toBeDefined();
  });

  it('turns gracePeriod into fail_after and the webhook into a signed webhook channel without skipped monitors', () => {
    expect(config.alerting.fail_after).toBe(6);
    expect(config.channels).toEqual([
      {
        id: 'webhook',
        kind: 'webhook',
        url: '${{ secrets.WEBHOOK_URL }}',
        secret: '${{ secrets.WEBHOOK_SIGNING_SECRET }}',
        route: { monitors: ['acme_site', 'orders_api'] },
      },
    ]);
  });

  it('carries maintenances with a start and an end; an open-ended one is noted', () => {
    expect(config.maintenance).toEqual([
      {
        id: 'maintenance-database-upgrade',
        title: 'Database upgrade',
        monitors: ['orders_api'],
        start: '2026-12-05T22:00:00+01:00',
        end: '2026-12-06T01:00:00+01:00',
      },
    ]);
    expect(noteAt(result, 'maintenances[1]', 'without a start and an end')).toBeDefined();
  });

  it('copies no secret: tokens, webhook URLs and the page password stay out of the file', () => {
    for (const value of ['sk_live_uptimeflare', 'uptimeflare-secret', 'hunter2'])
      expect(text).not.toContain(value);
    expect(noteAt(result, 'workerConfig.passwordProtection', 'not copied')).toBeDefined();
    expect(result.secrets.map((s) => s.name)).toEqual([
      'ORDERS_API_AUTHORIZATION',
      'WEBHOOK_URL',
      'WEBHOOK_SIGNING_SECRET',
    ]);
  });

  it('notes ids it had to change, since history follows the id', () => {
    const out = importUptimeFlare(
      "const workerConfig = { monitors: [{ id: 'My API', name: 'x', method: 'GET', target: 'https://a.example' }] }",
    );
    expect(out.config.monitors[0]?.id).toBe('my-api');
    expect(noteAt(out, 'workerConfig.monitors[0].id', 'id "My API" became "my-api"')).toBeDefined();
  });

  it.each([
    ['broken TypeScript', 'const workerConfig = { monitors: [ }', /^not valid TypeScript: line 1: /],
    ['a module without workerConfig', 'export const config = {}', /no `const workerConfig = \{ monitors/],
  ])('refuses %s, saying why', (_what, text, message) => {
    expect(() => importUptimeFlare(text)).toThrow(message);
  });
});
