import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema';
import {
  applyConfig,
  db,
  makeToken,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  targetUrl,
  tick,
  type StoredResult,
} from '../helpers';

/** A vendor's status page on the local target (test/setup/statuspage-docs.ts). */
const vendor = (scenario: string) => new URL(`/vendor/${scenario}`, targetUrl).toString();
const REGIONS = ['weur', 'enam', 'apac'];

describe('kind: statuspage, through a real tick against vendor summaries', () => {
  let results: StoredResult[];
  const of = (id: string) => results.filter((r) => r.monitorId === id);

  beforeAll(async () => {
    await resetDb();
    const page = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
      id,
      kind: 'statuspage',
      url,
      timeout: '5s',
      ...extra,
    });
    await applyConfig({
      regions: REGIONS,
      monitors: [
        ...['operational', 'degraded', 'partial', 'major', 'maintenance', 'incident'].map((s) =>
          page(`v-${s}`, vendor(s)),
        ),
        page('v-summary-url', `${vendor('major')}/api/v2/summary.json`),
        page('v-only-dashboard', vendor('major'), { components: ['Dashboard'] }),
        page('v-card-group', vendor('partial'), { components: ['card networks'] }),
        page('v-unknown-component', vendor('operational'), { components: ['API', 'Payouts'] }),
        page('v-html', vendor('html')),
        page('v-cut', vendor('cut')),
        page('v-not-summary', vendor('not-summary')),
        page('v-missing', vendor('no-such-page')),
      ],
    });
    await tick(T0);
    results = await storedResults();
  });

  it('reads a vendor page from one region, not from every region of the monitor', () => {
    for (const id of ['v-operational', 'v-major', 'v-html']) {
      expect(
        of(id).map((r) => r.region),
        id,
      ).toEqual(['weur']);
    }
  });

  it.each([
    ['v-operational', 'up', null, null],
    ['v-degraded', 'degraded', 'vendor.degraded', 'Dashboard: degraded performance'],
    ['v-partial', 'down', 'vendor.outage', 'Mastercard: partial outage'],
    ['v-major', 'down', 'vendor.outage', 'API: major outage; incident "Elevated API errors" (critical)'],
    ['v-summary-url', 'down', 'vendor.outage', 'API: major outage'],
    ['v-maintenance', 'degraded', 'vendor.maintenance', 'Dashboard: under maintenance'],
    ['v-incident', 'degraded', 'vendor.degraded', 'incident "Webhook deliveries delayed" (minor)'],
    ['v-only-dashboard', 'up', null, null],
    ['v-card-group', 'down', 'vendor.outage', 'Mastercard: partial outage'],
  ])('%s is %s (%s)', (id, outcome, cause, detail) => {
    const [result] = of(id);
    expect(result).toMatchObject({ outcome, cause, httpStatus: 200 });
    if (detail === null) expect(result?.detail).toBeNull();
    else expect(result?.detail).toContain(detail);
  });

  it('fails a monitor that follows a component the page does not have, naming what it has', () => {
    expect(of('v-unknown-component')[0]).toMatchObject({
      outcome: 'down',
      cause: 'vendor.unknown_component',
      detail: 'the status page has no component "Payouts"; it has: API, Dashboard, Card networks',
    });
  });

  it('reports a page it cannot read as unknown, saying why', () => {
    expect(of('v-html')[0]).toMatchObject({
      outcome: 'unknown',
      cause: 'vendor.unreadable',
      detail: expect.stringMatching(/^status page: not JSON \(it starts "<!DOCTYPE html>/),
    });
    expect(of('v-cut')[0]).toMatchObject({
      outcome: 'unknown',
      cause: 'vendor.unreadable',
      detail: expect.stringMatching(/^status page: not JSON/),
    });
    expect(of('v-not-summary')[0]).toMatchObject({
      outcome: 'unknown',
      cause: 'vendor.unreadable',
      detail: expect.stringMatching(/^status page: not a Statuspage summary: components: /),
    });
    expect(of('v-missing')[0]).toMatchObject({
      outcome: 'unknown',
      cause: 'http.not_found',
      httpStatus: 404,
      detail: 'status page: answered 404',
    });
  });

  it("keeps the vendor's open incidents as findings, with impact and link", () => {
    expect(of('v-major')[0]?.findings).toEqual([
      {
        code: 'vendor.incident',
        detail: 'Elevated API errors (identified)',
        data: expect.objectContaining({ impact: 'critical', shortlink: 'https://stspg.io/p31zjtct2jer' }),
      },
    ]);
  });
});

describe('a vendor outage end to end', () => {
  const page = (path: string, init?: RequestInit) =>
    exports.default.fetch(`http://lookout.test${path}`, init);
  const setVendor = (scenario: string) =>
    fetch(new URL(`/vendor/switch:e2e?scenario=${scenario}`, targetUrl), { method: 'POST' });

  it('opens an incident on the vendor, makes its dependents dependency.down, and shows on the page and API', async () => {
    await resetDb();
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    await applyConfig(
      {
        regions: REGIONS,
        alerting: { fail_after: 1, recover_after: 1 },
        monitors: [
          {
            id: 'acme',
            name: 'Acme Payments',
            group: 'Vendors',
            kind: 'statuspage',
            url: vendor('switch:e2e'),
            components: ['API'],
          },
          {
            id: 'checkout',
            name: 'Checkout',
            url: new URL('/status/502', targetUrl).toString(),
            depends_on: ['acme'],
          },
        ],
      },
      now,
    );
    await setVendor('major');
    await tick(now);

    const opened = await db.select().from(incidents);
    expect(opened.find((i) => i.monitorId === 'acme')).toMatchObject({
      cause: 'vendor.outage',
      dependencyOf: null,
    });
    expect(opened.find((i) => i.monitorId === 'checkout')).toMatchObject({
      cause: 'dependency.down',
      dependencyOf: 'acme',
    });

    const home = await (await page('/')).text();
    expect(home).toMatch(
      /data-monitor="acme"[^>]*data-status="down"|data-status="down"[^>]*data-monitor="acme"/,
    );
    const detail = await (await page('/monitors/acme')).text();
    expect(detail).toContain('data-finding="vendor.incident"');
    expect(detail).toContain('Elevated API errors');

    const token = await makeToken(['read']);
    const api = await page('/api/v1/monitors/acme/results', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { results: Record<string, unknown>[] };
    expect(body.results).toEqual([
      expect.objectContaining({
        region: 'weur',
        outcome: 'down',
        cause: 'vendor.outage',
        detail: 'API: major outage; incident "Elevated API errors" (critical)',
      }),
    ]);

    await setVendor('operational');
    await tick(now + MINUTE);
    const acme = await db.select().from(incidents).where(eq(incidents.monitorId, 'acme')).get();
    expect(acme?.resolvedAt).toBe(now + MINUTE);
    expect((await storedResults({ monitorId: 'acme' })).at(-1)).toMatchObject({
      outcome: 'up',
      findings: [],
    });
  });
});
