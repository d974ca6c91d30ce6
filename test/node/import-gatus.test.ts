import { describe, expect, it } from 'vitest';
import { importGatus } from '../../scripts/import/gatus';
import { importFixture, noteAt } from './import-helpers';

describe('importing a Gatus config', () => {
  const { result, text, config, monitor } = importFixture('gatus', 'gatus.yaml');

  it('maps an http endpoint: group, interval, status, JSON and latency conditions, certificate lead time', () => {
    expect(monitor('website')).toMatchObject({
      group: 'core',
      kind: 'http',
      url: 'https://acme.example/health',
      interval: 300_000,
      expected_status: 200,
      assertions: [{ json: '$.status', equals: 'UP' }, { latency: { down: 300 } }],
      tls: { lead_times: [2] },
      alerting: { fail_after: 3 },
    });
  });

  it('maps method, headers, body, any(), len(), has(), comparisons, and rounds interval and timeout', () => {
    expect(monitor('orders-api')).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"probe": true}',
      expected_status: [200, 201],
      assertions: [
        { json: '$.items[0]', exists: true },
        { json: '$.errors', exists: false },
        { json: '$.count', gt: 0 },
      ],
      timeout: 30_000,
      interval: 120_000,
    });
    expect(noteAt(result, 'endpoints[1].interval', 'interval 90s became 2m')).toBeDefined();
    expect(noteAt(result, 'endpoints[1].client.timeout', 'timeout 45s became 30s')).toBeDefined();
    expect(noteAt(result, 'endpoints[1].conditions[4]', '[DOMAIN_EXPIRATION]')?.why).toMatch(/RDAP/);
  });

  it('maps graphql to a JSON query body, and status and body patterns', () => {
    expect(monitor('graphql')).toMatchObject({
      method: 'POST',
      json: { query: '{ user(id: 1) { id } }\n' },
      expected_status: '2xx',
      assertions: [{ body: { contains: '"id"' } }],
    });
  });

  it('maps tcp://, tls:// and dns endpoints to tcp, tls and dns monitors', () => {
    expect(monitor('postgres')).toMatchObject({
      kind: 'tcp',
      host: 'db.acme.example',
      port: 5432,
      interval: 30_000, // Lookout checks every 30 s too
      assertions: [{ latency: { down: 150 } }],
    });
    expect(monitor('mail-tls')).toMatchObject({ kind: 'tls', host: 'mail.acme.example', port: 465 });
    expect(monitor('acme-example-a-record')).toMatchObject({
      kind: 'dns',
      name: 'acme.example A record',
      domain: 'acme.example',
      record_type: 'A',
      expect: { rcode: 'NOERROR', contains: ['93.184.216.34'] },
    });
    expect(noteAt(result, 'endpoints[5].url', 'resolver 8.8.8.8')?.why).toMatch(/DNS-over-HTTPS/);
  });

  it('turns an external endpoint into a heartbeat with a new secret token', () => {
    expect(monitor('nightly-backup')).toMatchObject({
      kind: 'heartbeat',
      group: 'jobs',
      token: '${{ secrets.NIGHTLY_BACKUP_HEARTBEAT_TOKEN }}',
      period: 86_400_000,
    });
  });

  it('leaves out what Lookout cannot check, saying why', () => {
    expect(config.monitors.map((m) => m.id)).not.toContain('gateway-ping');
    expect(noteAt(result, 'endpoints[6]', 'gateway-ping')?.why).toMatch(/ICMP/);
    expect(noteAt(result, 'endpoints[7]', 'disabled')).toBeDefined();
    expect(noteAt(result, 'alerting.telegram', 'telegram')).toBeDefined();
    expect(noteAt(result, 'storage', 'storage')).toBeDefined();
    expect(noteAt(result, 'endpoints[0].alerts', 'different thresholds')?.why).toContain('fail_after 3');
    expect(noteAt(result, 'regions', 'weur, enam and apac')?.why).toContain('one machine');
    expect(config.regions).toEqual(['weur', 'enam', 'apac']);
  });

  it('makes channels of Slack, PagerDuty and custom alerts, routed to the endpoints that name them', () => {
    expect(config.channels).toEqual([
      {
        id: 'slack',
        kind: 'slack',
        webhook_url: '${{ secrets.SLACK_WEBHOOK_URL }}',
        route: { monitors: ['website'] },
      },
      {
        id: 'pagerduty',
        kind: 'pagerduty',
        routing_key: '${{ secrets.PAGERDUTY_INTEGRATION_KEY }}',
        events_url: 'https://events.pagerduty.com/v2/enqueue',
        route: { monitors: ['website'] },
      },
      {
        id: 'webhook',
        kind: 'webhook',
        url: '${{ secrets.WEBHOOK_URL }}',
        secret: '${{ secrets.WEBHOOK_SIGNING_SECRET }}',
        route: { monitors: ['orders-api'] },
      },
    ]);
    expect(noteAt(result, 'alerting.pagerduty.integration-key', 'PAGERDUTY_INTEGRATION_KEY')?.why).toContain(
      'environment variable PAGERDUTY_INTEGRATION_KEY',
    );
  });

  it('carries the UI title, logo and links, and the maintenance window as weekly UTC windows', () => {
    expect(config.status_page).toMatchObject({
      title: 'Acme Status',
      logo: 'https://acme.example/logo.png',
      links: [
        { label: 'Home', url: 'https://acme.example' },
        { label: 'Support', url: 'https://acme.example/support' },
      ],
    });
    expect(config.maintenance.map((m) => [m.id, m.weekly])).toEqual([
      ['maintenance-mon', { day: 'mon', at: '23:00', duration: 3_600_000 }],
      ['maintenance-thu', { day: 'thu', at: '23:00', duration: 3_600_000 }],
    ]);
  });

  it('moves every inline secret out of the file and names each one to set', () => {
    for (const value of [
      'xxxxxxxxxxxxxxxxxxxxxxxx',
      'sk_live_51abcdef',
      'eyJhbGciOiJIUzI1NiJ9',
      'abc123secret',
      'potato-secret-token',
      '123456:ABC-DEF',
    ]) {
      expect(text).not.toContain(value);
    }
    expect(monitor('orders-api')).toMatchObject({
      url: 'https://api.acme.example/v1/orders?limit=1&api_key=${{ secrets.ORDERS_API_API_KEY }}',
      headers: { Authorization: 'Bearer ${{ secrets.ORDERS_API_AUTHORIZATION }}' },
    });
    expect(result.secrets.map((s) => s.name)).toEqual([
      'ORDERS_API_API_KEY',
      'ORDERS_API_AUTHORIZATION',
      'NIGHTLY_BACKUP_HEARTBEAT_TOKEN',
      'SLACK_WEBHOOK_URL',
      'PAGERDUTY_INTEGRATION_KEY',
      'WEBHOOK_URL',
      'WEBHOOK_SIGNING_SECRET',
    ]);
    for (const { name } of result.secrets) {
      expect(
        result.notes.some((n) => n.why.includes(`wrangler secret put ${name}`)),
        name,
      ).toBe(true);
      expect(text).toContain(`#   wrangler secret put ${name}`);
    }
  });

  it.each([
    ['not YAML', 'endpoints: [\n  - name: a', /^not valid YAML: /],
    ['a YAML file of another tool', 'monitors:\n  - id: a\n', /^not a Gatus config: it has no endpoints/],
  ])('refuses %s, saying why', (_what, text, message) => {
    expect(() => importGatus(text)).toThrow(message);
  });
});
