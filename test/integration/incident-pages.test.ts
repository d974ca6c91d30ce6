import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema';
import { formatUptime } from '../../src/routes/status/badge';
import { applyConfig, db, makeToken, MINUTE, resetDb, target, tick } from '../helpers';
import { child, childrenNamed, parseXml, type XmlElement } from '../xml';

/**
 * The public history surfaces end to end: incidents opened and resolved by real ticks against the
 * local target, then read back through the Worker as the page, the Atom feed and the badges.
 */
beforeEach(resetDb);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, checked by the assertions
type Json = any;

const get = (path: string) => exports.default.fetch(`http://lookout.test${path}`);
const html = async (path: string) => {
  const response = await get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/html');
  return response.text();
};
/** The markup of one incident's article. */
const article = (page: string, id: string) =>
  new RegExp(`<article id="incident-${id}"[\\s\\S]*?</article>`).exec(page)?.[0] ?? '';
const articleIds = (page: string) => [...page.matchAll(/data-incident="([^"]+)"/g)].map((m) => m[1]);

/** Minute-aligned ticks in the recent past: each test starts at its own offset, so runs never share a tick. */
const recent = (minutesAgo: number) => Math.floor(Date.now() / MINUTE) * MINUTE - minutesAgo * MINUTE;

const DOWN = (tag: string) => target('/status/503', tag);
const UP = (tag: string) => target('/ok', tag);

/** Each step applies the file at that minute and ticks once. */
async function steps(file: (minute: number) => object, start: number, minutes: number[]) {
  for (const minute of minutes) {
    await applyConfig(file(minute), start + minute * MINUTE);
    await tick(start + minute * MINUTE);
  }
}

/** Orders API fails for two ticks and recovers (one incident); a private monitor fails alongside. */
async function outage(start: number) {
  await steps(
    (minute) => ({
      regions: ['weur'],
      monitors: [
        { id: 'orders', name: 'Orders API', url: minute < 2 ? DOWN('hist') : UP('hist') },
        { id: 'secret-admin', name: 'Internal admin', url: DOWN('hist'), public: false },
      ],
    }),
    start,
    [0, 1, 2, 3],
  );
  const [orders] = await db.select().from(incidents).where(eq(incidents.monitorId, 'orders'));
  const [secret] = await db.select().from(incidents).where(eq(incidents.monitorId, 'secret-admin'));
  if (!orders || !secret) throw new Error('the outage opened no incidents');
  return { orders: orders.id, secret: secret.id };
}

async function postUpdate(id: string, status: string, message: string) {
  const response = await exports.default.fetch(`http://lookout.test/api/v1/incidents/${id}/updates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await makeToken(['write'])}` },
    body: JSON.stringify({ status, message }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { at: string }).at;
}

const NASTY = '<b>&"';

describe('the incident history page', () => {
  it('lists a resolved incident with its cause, times and timeline, a manual update escaped, and no private monitor', async () => {
    const start = recent(30);
    const ids = await outage(start);
    await postUpdate(ids.orders, 'identified', `Database failover ${NASTY}`);

    const page = await html('/incidents');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>Incidents · Status</title>');
    expect(page).toMatch(/<a href="\/incidents" aria-current="page">/);
    expect(page).toContain('<h1>Incidents</h1>');

    const orders = article(page, ids.orders);
    expect(orders).toMatch(new RegExp(`data-incident="${ids.orders}" data-state="resolved"`));
    expect(orders).toContain('<a href="/monitors/orders">Orders API</a>');
    expect(orders).toContain(
      '<code>http.upstream</code> A gateway or a dependency behind the service failed (502, 503, 504).',
    );
    expect(orders).toContain('Check the service&#39;s own dependencies');
    expect(orders).toContain(`<time datetime="${new Date(start).toISOString()}">`);
    expect(orders).toContain(`<time datetime="${new Date(start + 2 * MINUTE).toISOString()}">`);
    expect(orders).toMatch(/<dt>Duration<\/dt><dd>2 min<\/dd>/);
    expect(orders).toMatch(/<dt>Regions<\/dt><dd>weur<\/dd>/);
    expect(orders).not.toContain('During scheduled maintenance');

    const timeline = /<ol class="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(orders)?.[1] ?? '';
    expect(
      [...timeline.matchAll(/<li data-kind="(\w+)" data-source="(\w+)">/g)].map((m) => `${m[1]}/${m[2]}`),
    ).toEqual(['opened/auto', 'resolved/auto', 'identified/manual']);
    expect(timeline).toContain('<strong>Detected</strong>');
    expect(timeline).toContain('<strong>Resolved</strong><span class="auto"> checks pass again');
    expect(timeline).toContain(
      '<strong>Identified</strong><p class="message">Database failover &lt;b&gt;&amp;&quot;</p>',
    );
    expect(page).not.toContain(NASTY);

    // The day heading, and the page says where the feed is.
    const day = new Date(start).toISOString().slice(0, 10);
    expect(page).toContain(`<h3 id="day-${day}"><time datetime="${day}">`);
    expect(page).toContain('href="/feed.atom"');

    expect(page).not.toContain('Internal admin');
    expect(page).not.toContain(ids.secret);
    expect(page).not.toContain('Older incidents</a>');
  });

  it('shows an open incident as ongoing under its latest manual status, and maintenance in progress and ahead', async () => {
    const start = recent(40);
    const now = Date.now();
    await steps(
      () => ({
        regions: ['weur'],
        maintenance: maintenanceWindows(now, 'Database upgrade'),
        monitors: [{ id: 'orders', name: 'Orders API', url: DOWN('open') }],
      }),
      start,
      [0, 1],
    );
    const [open] = await db.select().from(incidents);
    await postUpdate(open!.id, 'investigating', 'Looking into it');

    const page = await html('/incidents');
    expect(page).toMatch(/data-maintenance="db-upgrade" data-state="active"/);
    expect(page).toMatch(/data-maintenance="later" data-state="scheduled"/);
    const orders = article(page, open!.id);
    expect(orders).toMatch(/data-state="open"/);
    expect(orders).toContain('<span class="state open">Investigating</span>');
    expect(orders).toMatch(/<dt>Resolved<\/dt><dd>ongoing<\/dd>/);
    expect(orders).toMatch(/<dd>(\d+ min( \d+ s)?|\d+ s) so far<\/dd>/);
  });

  it('pages through incidents 25 at a time without splitting one tick’s incidents, back 90 days only', async () => {
    const start = recent(50);
    const ids = Array.from({ length: 13 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    const file = (down: boolean) => ({
      regions: ['weur'],
      alerting: { fail_after: 1, recover_after: 1 },
      monitors: ids.map((id) => ({ id, url: down ? DOWN('pages') : UP('pages') })),
    });
    // An incident older than the page's 90 days: never listed.
    await steps((m) => file(m === 0), start - 100 * 86_400_000, [0, 1]);
    // 13 monitors fail together at minutes 0, 2 and 4: 39 incidents, 13 per start time.
    await steps((m) => file(m % 2 === 0), start, [0, 1, 2, 3, 4, 5]);
    expect(await db.$count(incidents)).toBe(13 * 4);

    const first = await html('/incidents');
    const firstIds = articleIds(first);
    // 25 would cut the minute-2 group: the page takes all of it.
    expect(firstIds).toHaveLength(26);
    expect(first).toContain(
      `<a href="/incidents?before=${start + 2 * MINUTE}" rel="next">Older incidents</a>`,
    );
    expect(first).not.toContain('Newest incidents');

    const second = await html(`/incidents?before=${start + 2 * MINUTE}`);
    const secondIds = articleIds(second);
    expect(secondIds).toHaveLength(13);
    expect(second).toContain('<a href="/incidents">Newest incidents</a>');
    expect(second).not.toContain('rel="next"');
    expect(new Set([...firstIds, ...secondIds]).size).toBe(39);
    const recentIds = (await db.select().from(incidents))
      .filter((i) => i.startedAt >= start)
      .map((i) => i.id)
      .sort();
    expect([...firstIds, ...secondIds].sort()).toEqual(recentIds);

    const bad = await get('/incidents?before=yesterday');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
  });
});

/** A window on `orders` in progress (titled `title`) and one two days ahead. */
function maintenanceWindows(now: number, title: string) {
  const at = (ms: number) => new Date(ms).toISOString();
  return [
    {
      id: 'db-upgrade',
      title,
      monitors: ['orders'],
      start: at(now - 5 * MINUTE),
      end: at(now + 60 * MINUTE),
    },
    {
      id: 'later',
      title: 'Network work',
      monitors: ['orders'],
      start: at(now + 2 * 86_400_000),
      end: at(now + 2 * 86_400_000 + 60 * MINUTE),
    },
  ];
}

describe('the Atom feed', () => {
  const text = (entry: XmlElement, name: string) => child(entry, name).text;

  it('is well-formed Atom with an entry per incident and maintenance occurrence, escaped exactly once', async () => {
    const start = recent(60);
    const ids = await outage(start);
    const at = await postUpdate(ids.orders, 'resolved', `All clear ${NASTY}`);
    const now = Date.now();
    const maintenance = maintenanceWindows(now, 'DB & cache <upgrade>');
    const write = await makeToken(['write']);
    for (const window of maintenance) {
      const response = await exports.default.fetch('http://lookout.test/api/v1/maintenance', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
        body: JSON.stringify(window),
      });
      expect(response.status).toBe(201);
    }

    const response = await get('/feed.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    const feed = parseXml(xml);
    expect(feed.name).toBe('feed');
    expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(text(feed, 'id')).toBe('tag:lookout.test,2026:incidents');
    expect(text(feed, 'title')).toBe('Status');
    expect(childrenNamed(feed, 'link').map((l) => [l.attrs.rel, l.attrs.href])).toEqual([
      ['self', 'http://lookout.test/feed.atom'],
      ['alternate', 'http://lookout.test/incidents'],
    ]);

    const entries = childrenNamed(feed, 'entry');
    expect(entries.map((e) => text(e, 'id')).sort()).toEqual(
      [
        `tag:lookout.test,2026:incident/${ids.orders}`,
        `tag:lookout.test,2026:maintenance/db-upgrade/${Date.parse(maintenance[0]!.start)}`,
        `tag:lookout.test,2026:maintenance/later/${Date.parse(maintenance[1]!.start)}`,
      ].sort(),
    );
    // Newest first, and the feed is as new as its newest entry.
    const updated = entries.map((e) => Date.parse(text(e, 'updated')));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    expect(text(feed, 'updated')).toBe(new Date(Math.max(...updated)).toISOString());

    const incident = entries.find((e) => text(e, 'id').endsWith(ids.orders))!;
    expect(text(incident, 'title')).toBe(
      'Orders API: A gateway or a dependency behind the service failed (502, 503, 504) (resolved)',
    );
    expect(text(incident, 'updated')).toBe(at);
    expect(text(incident, 'published')).toBe(new Date(start).toISOString());
    expect(child(incident, 'link').attrs.href).toBe(
      `http://lookout.test/incidents?before=${start + 1}#incident-${ids.orders}`,
    );
    const content = child(incident, 'content');
    expect(content.attrs.type).toBe('html');
    // Read as XML, the content is HTML in which the message is escaped once.
    expect(content.text).toContain('<code>http.upstream</code> A gateway or a dependency');
    expect(content.text).toContain('<ol class="timeline" aria-label="Timeline">');
    expect(content.text).toContain('All clear &lt;b&gt;&amp;&quot;');
    expect(content.text).not.toContain(NASTY);
    expect(content.text).not.toContain('&amp;lt;');
    expect(xml).toContain('All clear &amp;lt;b&amp;gt;&amp;amp;&amp;quot;');

    const active = entries.find((e) => text(e, 'id').includes('db-upgrade'))!;
    expect(text(active, 'title')).toBe('Maintenance: DB & cache <upgrade> (in progress)');
    expect(xml).toContain(
      '<title type="text">Maintenance: DB &amp; cache &lt;upgrade&gt; (in progress)</title>',
    );
    const later = entries.find((e) => text(e, 'id').includes('later'))!;
    expect(text(later, 'title')).toBe('Maintenance: Network work (scheduled)');

    expect(xml).not.toContain('Internal admin');
    expect(xml).not.toContain(ids.secret);
  });
});

describe('badges', () => {
  const shields = async (path: string) => {
    const response = await get(`/badge/${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Json,
    };
  };

  it('show up, down and maintenance in the right colours, as SVG and shields.io JSON', async () => {
    const start = recent(70);
    await steps(
      () => ({
        regions: ['weur'],
        monitors: [
          { id: 'orders', name: 'Orders API', url: UP('badge') },
          { id: 'billing', name: 'Billing', url: DOWN('badge') },
        ],
      }),
      start,
      [0],
    );
    expect((await shields('orders/shields.json')).body).toEqual({
      schemaVersion: 1,
      label: 'Orders API',
      message: 'up',
      color: 'brightgreen',
    });
    expect((await shields('billing/shields.json?metric=status&label=billing')).body).toEqual({
      schemaVersion: 1,
      label: 'billing',
      message: 'down',
      color: 'red',
    });

    const response = await get('/badge/billing/status.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = parseXml(await response.text());
    expect(svg.attrs).toMatchObject({ role: 'img', 'aria-label': 'Billing: down' });
    expect(child(svg, 'title').text).toBe('Billing: down');
    expect(childrenNamed(childrenNamed(svg, 'g')[0]!, 'rect')[1]?.attrs.fill).toBe('#e05d44');

    // A window in progress over the failing monitor: it reads "maintenance", in blue.
    const now = Date.now();
    const added = await exports.default.fetch('http://lookout.test/api/v1/maintenance', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await makeToken(['write'])}` },
      body: JSON.stringify({
        id: 'billing-move',
        title: 'Billing move',
        monitors: ['billing'],
        start: new Date(now - MINUTE).toISOString(),
        end: new Date(now + 60 * MINUTE).toISOString(),
      }),
    });
    expect(added.status).toBe(201);
    expect((await shields('billing/shields.json')).body).toMatchObject({
      message: 'maintenance',
      color: 'blue',
    });
    expect(await (await get('/badge/billing/status.svg?label=Billing%20%26%20co')).text()).toContain(
      'aria-label="Billing &amp; co: maintenance"',
    );
    expect((await shields('orders/shields.json')).body).toMatchObject({ message: 'up' });
  });

  it('give the uptime and median latency the read API reports for the same window', async () => {
    const start = recent(80);
    // Two checks at about 40 ms, two down, two fast: 66.667% up.
    const paths = ['/delay/40', '/delay/40', '/status/503', '/status/503', '/ok', '/ok'];
    await steps(
      (m) => ({
        regions: ['weur'],
        monitors: [{ id: 'orders', name: 'Orders API', url: target(paths[m]!, 'badge') }],
      }),
      start,
      [0, 1, 2, 3, 4, 5],
    );
    for (const window of ['24h', '30d', '365d']) {
      const api = (await (await get(`/api/v1/monitors/orders/uptime?window=${window}`)).json()) as Json;
      expect(api.overall.uptime_pct).toBe(66.667);
      const badge = await shields(`orders/shields.json?metric=uptime&window=${window}`);
      expect(badge.body).toEqual({
        schemaVersion: 1,
        label: `uptime ${window}`,
        message: formatUptime(api.overall.uptime_pct),
        color: 'red',
      });
      const latency = await shields(`orders/shields.json?metric=latency&window=${window}`);
      expect(latency.body).toMatchObject({ label: `latency ${window}`, message: `${api.overall.p50_ms}ms` });
      expect(latency.body.color).toBe(api.overall.p50_ms < 300 ? 'green' : 'yellow');
    }
    expect((await shields('orders/shields.json?metric=uptime')).body.label).toBe('uptime 30d');
    expect((await shields('orders/shields.json?metric=latency')).body.label).toBe('latency 24h');
    expect(await (await get('/badge/orders/uptime.svg')).text()).toContain('aria-label="uptime 30d: 66.66%"');
    expect(await (await get('/badge/orders/latency.svg?window=7d')).text()).toMatch(
      /aria-label="latency 7d: \d+ms"/,
    );

    // A monitor that has not been checked in the window: no data, in grey.
    await applyConfig({ regions: ['weur'], monitors: [{ id: 'fresh', url: UP('badge') }] }, start);
    expect((await shields('fresh/shields.json?metric=uptime')).body).toMatchObject({
      message: 'no data',
      color: 'lightgrey',
    });
    expect((await shields('fresh/shields.json')).body).toMatchObject({
      message: 'pending',
      color: 'lightgrey',
    });
  });

  it('answer unknown or private monitors with 404, and a bad window or metric with 422, as problem+json', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        { id: 'orders', url: UP('badge') },
        { id: 'secret-admin', url: UP('badge'), public: false },
      ],
    });
    for (const path of [
      'secret-admin/status.svg',
      'nope/uptime.svg',
      'secret-admin/shields.json?metric=latency',
    ]) {
      const { status, type, body } = await shields(path);
      expect(status, path).toBe(404);
      expect(type).toBe('application/problem+json');
      expect(body).toMatchObject({ code: 'monitor_not_found' });
    }
    for (const [path, field] of [
      ['orders/uptime.svg?window=2w', 'window'],
      ['orders/latency.svg?window=1y', 'window'],
      ['orders/shields.json?metric=errors', 'metric'],
    ] as const) {
      const { status, type, body } = await shields(path);
      expect(status, path).toBe(422);
      expect(type).toBe('application/problem+json');
      expect(body).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
    }
  });
});
