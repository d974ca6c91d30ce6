import { describe, expect, it } from 'vitest';
import { importUptimeKuma } from '../../scripts/import/uptime-kuma';
import { importFixture, noteAt } from './import-helpers';

describe('importing an Uptime Kuma backup', () => {
  const { result, text, config, monitor } = importFixture('uptime-kuma', 'uptime-kuma-backup.json');

  it('maps an http monitor under a group monitor, with retries as fail_after', () => {
    expect(monitor('website')).toMatchObject({
      name: 'Website',
      group: 'Production',
      kind: 'http',
      url: 'https://acme.example',
      interval: 60_000,
      timeout: 30_000,
    });
    // One retry is a second failing check: Lookout's default fail_after (2), so no override.
    expect(monitor('website')?.alerting).toBeUndefined();
    expect(noteAt(result, 'monitorList[1].timeout', 'timeout 48s became 30s')).toBeDefined();
  });

  it('maps a keyword monitor: method, headers, JSON body, accepted status codes, the keyword', () => {
    expect(monitor('orders-api')).toMatchObject({
      method: 'POST',
      headers: { Accept: 'application/json' },
      json: { probe: true },
      expected_status: ['2xx', 304],
      assertions: [{ body: { contains: '"status":"ok"' } }],
      interval: 300_000,
      timeout: 20_000,
      alerting: { fail_after: 3 },
    });
    expect(noteAt(result, 'monitorList[2].tags', 'tags')).toBeDefined();
  });

  it('maps a json-query monitor to a JSON assertion', () => {
    expect(monitor('inventory-json')).toMatchObject({
      url: 'https://api.acme.example/v1/inventory/status',
      assertions: [{ json: '$.data.state', equals: 'ready' }],
      interval: 120_000,
      alerting: { fail_after: 1 },
    });
  });

  it('maps basic auth to an Authorization header whose secret is the base64 of user:password', () => {
    expect(monitor('admin-basic-auth')).toMatchObject({
      headers: { Authorization: 'Basic ${{ secrets.ADMIN_BASIC_AUTH_BASIC_AUTH }}' },
      expected_status: ['2xx', '3xx'],
      interval: 60_000,
    });
    expect(result.secrets).toContainEqual({
      name: 'ADMIN_BASIC_AUTH_BASIC_AUTH',
      path: 'monitorList[4].basic_auth_pass',
      value: 'the base64 of user:password',
    });
    expect(noteAt(result, 'monitorList[4].interval', 'interval 45s became 1m')).toBeDefined();
  });

  it('maps port, dns and push monitors to tcp, dns and heartbeat', () => {
    expect(monitor('postgres')).toMatchObject({ kind: 'tcp', host: 'db.acme.example', port: 5432 });
    expect(monitor('acme-example-mx')).toMatchObject({
      kind: 'dns',
      domain: 'acme.example',
      record_type: 'MX',
    });
    expect(monitor('nightly-backup')).toMatchObject({
      kind: 'heartbeat',
      token: '${{ secrets.NIGHTLY_BACKUP_PUSH_TOKEN }}',
      period: 86_400_000,
    });
    expect(noteAt(result, 'monitorList[7]', 'became a heartbeat')?.why).toContain('/api/v1/heartbeats/');
  });

  it('leaves out ping, paused and upside-down monitors, and notes what a kept one loses', () => {
    expect(config.monitors.map((m) => m.id)).toEqual([
      'website',
      'orders-api',
      'inventory-json',
      'admin-basic-auth',
      'postgres',
      'acme-example-mx',
      'nightly-backup',
      'staging',
    ]);
    expect(noteAt(result, 'monitorList[8]', 'ping monitor "Router"')?.why).toMatch(/ICMP/);
    expect(noteAt(result, 'monitorList[9]', 'paused')).toBeDefined();
    expect(noteAt(result, 'monitorList[10]', 'upside-down')).toBeDefined();
    expect(noteAt(result, 'monitorList[11].ignoreTls', 'ignore TLS')).toBeDefined();
    expect(noteAt(result, 'monitorList[11].description', 'description')).toBeDefined();
  });

  it('makes channels of Slack, PagerDuty and webhook notifications, routed to the monitors using them', () => {
    expect(config.channels).toEqual([
      {
        id: 'ops-slack',
        kind: 'slack',
        webhook_url: '${{ secrets.OPS_SLACK_WEBHOOK_URL }}',
        route: { monitors: ['website', 'orders-api', 'nightly-backup'] },
      },
      {
        id: 'on-call',
        kind: 'pagerduty',
        routing_key: '${{ secrets.ON_CALL_ROUTING_KEY }}',
        events_url: 'https://events.pagerduty.com/v2/enqueue',
        route: { monitors: ['orders-api', 'inventory-json'] },
      },
      {
        id: 'relay',
        kind: 'webhook',
        url: '${{ secrets.RELAY_URL }}',
        secret: '${{ secrets.RELAY_SIGNING_SECRET }}',
        route: { monitors: ['admin-basic-auth'] },
      },
    ]);
    expect(noteAt(result, 'notificationList[2]', 'telegram')).toBeDefined();
    expect(noteAt(result, 'notificationList[4]', 'used by no imported monitor')).toBeDefined();
  });

  it('moves every inline secret out of the file', () => {
    for (const value of [
      'kumaslacksecret',
      'R0123456789abcdef',
      'kuma-telegram-secret',
      'kuma-7f3a9c',
      'kumadiscordsecret',
      'kuma-orders-token',
      'kuma-basic-pass',
      'kumapushtoken',
    ]) {
      expect(text).not.toContain(value);
    }
    expect(result.secrets.map((s) => s.name)).toEqual([
      'ORDERS_API_AUTHORIZATION',
      'ADMIN_BASIC_AUTH_BASIC_AUTH',
      'NIGHTLY_BACKUP_PUSH_TOKEN',
      'OPS_SLACK_WEBHOOK_URL',
      'ON_CALL_ROUTING_KEY',
      'RELAY_URL',
      'RELAY_SIGNING_SECRET',
    ]);
  });

  it.each([
    ['not JSON', '{"monitorList": [', /^not valid JSON: /],
    ['JSON of another tool', '{"monitors": []}', /^not an Uptime Kuma backup: it has no monitorList/],
  ])('refuses %s, saying why', (_what, text, message) => {
    expect(() => importUptimeKuma(text)).toThrow(message);
  });
});
