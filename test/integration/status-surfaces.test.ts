import { exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, resetDb, T0, target, tick } from '../helpers';

beforeEach(resetDb);

const REGIONS = ['weur', 'enam', 'apac'];
const CHECKED = [
  { id: 'api', name: 'Public API', group: 'Core', url: target('/ok', 'surf') },
  {
    id: 'payments',
    name: 'Payments',
    group: 'Core',
    url: target('/regional', 'surf', { down: 'weur,enam', status: '502' }),
  },
  { id: 'internal', name: 'Internal admin', url: target('/ok', 'surf'), public: false },
  { id: 'later', name: 'Added later', url: target('/ok', 'surf'), regions: ['weur'] },
];

async function seed() {
  await applyConfig({ regions: REGIONS, monitors: CHECKED });
  await tick(T0);
  // Added after the tick: listed, but not checked yet.
  await applyConfig({
    regions: REGIONS,
    monitors: [...CHECKED, { id: 'brand-new', name: 'Brand new', url: target('/ok', 'surf') }],
  });
}

interface StatusBody {
  monitors: {
    id: string;
    status: string;
    last_checked_at: string | null;
    regions: {
      region: string;
      outcome: string;
      http_status: number | null;
      colo: string | null;
      total_ms: number | null;
    }[];
  }[];
}

describe('GET /api/v1/status', () => {
  it('returns every public monitor with its status and last result per region', async () => {
    await seed();
    const response = await exports.default.fetch('http://lookout.test/api/v1/status');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as StatusBody;
    expect(body.monitors.map((m) => [m.id, m.status])).toEqual([
      ['later', 'up'],
      ['brand-new', 'pending'],
      ['payments', 'down'],
      ['api', 'up'],
    ]);
    const payments = body.monitors.find((m) => m.id === 'payments');
    expect(payments?.last_checked_at).toBe(new Date(T0).toISOString());
    expect(payments?.regions[0]).toMatchObject({
      cause: 'http.upstream',
      detail: 'status 502, expected 2xx',
      explanation: expect.stringContaining('dependency behind the service failed'),
      hint: expect.stringContaining('dependencies'),
      findings: [expect.objectContaining({ code: 'security.insecure_transport' })],
    });
    expect(payments?.regions.map((r) => [r.region, r.outcome, r.http_status, r.colo])).toEqual([
      ['weur', 'down', 502, 'local'],
      ['enam', 'down', 502, 'local'],
      ['apac', 'up', 200, 'local'],
    ]);
    expect(
      body.monitors.find((m) => m.id === 'brand-new')?.regions.every((r) => r.outcome === 'pending'),
    ).toBe(true);
    expect(JSON.stringify(body)).not.toContain('Internal admin');
  });
});

describe('the status page', () => {
  it('shows each public monitor with its status per region', async () => {
    await seed();
    const response = await exports.default.fetch('http://lookout.test/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>/);
    // It reloads each minute through its script, which a footer button pauses (no meta refresh).
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain(
      '<button id="refresh" type="button" hidden="" data-pause="Pause auto-refresh" data-resume="Resume auto-refresh">Pause auto-refresh</button>',
    );
    expect(html).toContain('location.reload()');
    expect(html).toContain('Partial outage');
    expect(html).toMatch(/data-monitor="payments" data-status="down"/);
    expect(html).toMatch(/data-monitor="api" data-status="up"/);
    expect(html).toMatch(/data-region="apac" data-outcome="up"/);
    expect(html).toMatch(/data-region="weur" data-outcome="down"/);
    expect(html).toContain('status 502, expected 2xx');
    expect(html).toMatch(/data-cause="http.upstream"><code>http.upstream<\/code> A gateway or a dependency/);
    expect(html).toContain('(weur, enam)');
    expect(html).toMatch(/data-finding="security.insecure_transport"/);
    expect(html).toMatch(/<h2 id="group-\d+">Core<\/h2>/);
    expect(html).not.toContain('Internal admin');
  });
});

describe('errors', () => {
  it('answers an unknown route with problem+json', async () => {
    const response = await exports.default.fetch('http://lookout.test/api/v1/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'https://lookout.dev/problems/not_found',
      title: 'Not Found',
      status: 404,
      code: 'not_found',
      detail: 'No route for GET /api/v1/nope',
      instance: '/api/v1/nope',
    });
  });
});

describe('maintenance on the status page and in the API', () => {
  it('shows windows in progress and scheduled, and marks the monitors they cover', async () => {
    const now = Date.now();
    await applyConfig({
      regions: REGIONS,
      maintenance: [
        {
          id: 'db-upgrade',
          title: 'Database upgrade',
          monitors: ['payments'],
          start: new Date(now - 600_000).toISOString(),
          end: new Date(now + 3_600_000).toISOString(),
        },
        {
          id: 'weekly',
          title: 'Weekly patching',
          groups: ['Core'],
          weekly: { day: 'sun', at: '02:00', duration: '1h' },
        },
      ],
      monitors: CHECKED.filter((m) => m.id !== 'payments').concat([
        { id: 'payments', name: 'Payments', group: 'Core', url: target('/ok', 'surf') },
      ]),
    });
    await tick(T0);

    const html = await (await exports.default.fetch('http://lookout.test/')).text();
    expect(html).toContain('Scheduled maintenance in progress');
    expect(html).toMatch(/data-maintenance="db-upgrade" data-state="active"/);
    expect(html).toMatch(/data-maintenance="weekly" data-state="scheduled"/);
    expect(html).toMatch(/data-monitor="payments" data-status="up" data-maintenance="active"/);
    expect(html).not.toMatch(/data-monitor="api" data-status="up" data-maintenance/);

    const body = (await (await exports.default.fetch('http://lookout.test/api/v1/status')).json()) as {
      maintenance: { active: { id: string }[]; upcoming: { id: string; starts_at: string }[] };
      monitors: { id: string; in_maintenance: boolean }[];
    };
    expect(body.maintenance.active.map((m) => m.id)).toEqual(['db-upgrade']);
    expect(body.maintenance.upcoming.map((m) => m.id)).toEqual(['weekly']);
    expect(new Date(body.maintenance.upcoming[0]?.starts_at ?? '').getUTCDay()).toBe(0);
    expect(body.monitors.find((m) => m.id === 'payments')?.in_maintenance).toBe(true);
    expect(body.monitors.find((m) => m.id === 'api')?.in_maintenance).toBe(false);
  });
});
