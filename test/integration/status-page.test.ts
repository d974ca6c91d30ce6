import { exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, makeToken, MINUTE, resetDb, target, tick } from '../helpers';

beforeEach(resetDb);

const DAY = 86_400_000;
/** Ticks run at real minutes around now, since the pages read the clock. */
const thisMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const page = async (path: string, init?: RequestInit) =>
  exports.default.fetch(`http://lookout.test${path}`, init);
const html = async (path: string) => {
  const response = await page(path);
  expect(response.status).toBe(200);
  return response.text();
};

/** The `<li>` of one day's bar in a monitor's list. */
function bar(body: string, monitor: string, day: string): string {
  const start = body.indexOf(`data-monitor="${monitor}"`);
  const next = body.indexOf('<li class="monitor"', start);
  const item = body.slice(start, next === -1 ? undefined : next);
  const match = new RegExp(`<li class="(\\w+)" tabindex="0" data-day="${day}"><span>([^<]*)</span>`).exec(
    item,
  );
  return match ? `${match[1]}: ${match[2]}` : 'missing';
}

const REGIONS = ['weur', 'enam', 'apac'];
const ok = target('/ok', 'page');
const failing = target('/status/503', 'page');
const file = (flakyUrl: string) => ({
  regions: REGIONS,
  alerting: { fail_after: 1, recover_after: 1 },
  monitors: [
    { id: 'steady', name: 'Steady API', group: 'Core', url: ok },
    { id: 'flaky', name: 'Flaky API', group: 'Core', url: flakyUrl },
    { id: 'hidden', name: 'Internal admin', url: ok, public: false },
  ],
});

/** Three days ago up, two days ago down everywhere, then up again: through real ticks. */
async function seedHistory(now: number) {
  await applyConfig(file(ok), now - 3 * DAY);
  await tick(now - 3 * DAY);
  await applyConfig(file(failing), now - 2 * DAY);
  await tick(now - 2 * DAY);
  await applyConfig(file(ok), now - DAY);
  await tick(now - DAY);
  await tick(now);
}

describe('the status page', () => {
  it('draws 90 days of bars from the rollups, coloured by uptime and naming the incidents', async () => {
    const now = thisMinute();
    await seedHistory(now);
    const body = await html('/');

    expect(bar(body, 'flaky', dayOf(now - 3 * DAY))).toBe(`up: ${label(now - 3 * DAY)}: 100% uptime`);
    expect(bar(body, 'flaky', dayOf(now - 2 * DAY))).toBe(
      `major: ${label(now - 2 * DAY)}: 0.00% uptime, down 1 min, 1 incident (http.upstream)`,
    );
    // The incident resolved the next day: that day names it too.
    expect(bar(body, 'flaky', dayOf(now - DAY))).toMatch(
      /^up: .*100% uptime, 1 incident \(http\.upstream\)$/,
    );
    expect(bar(body, 'steady', dayOf(now - 2 * DAY))).toBe(`up: ${label(now - 2 * DAY)}: 100% uptime`);
    // 86 days before the first check fold into one element.
    expect(body).toMatch(
      /<li class="none" tabindex="0" style="flex-grow:86"><span>[^<]+: no data<\/span><\/li>/,
    );
    const flaky = body.slice(body.indexOf('data-monitor="flaky"'), body.indexOf('data-monitor="steady"'));
    expect(flaky.match(/data-day=/g)).toHaveLength(4);
    // The axis starts at the oldest day shown: 90 days, or on a phone the 4 checked ones.
    expect(flaky).toContain(
      `<span class="wide">${label(now - 89 * DAY)}</span><span class="narrow">${label(now - 3 * DAY)}</span>`,
    );
    // 9 of 12 checks up over 7, 30 and 90 days; the last 24 hours had only the up tick.
    expect(flaky).toContain('<dt>24h</dt><dd>100%</dd>');
    expect(flaky).toContain('<dt>7d</dt><dd>75.00%</dd>');
    expect(flaky).toContain('<dt>90d</dt><dd>75.00%</dd>');
    expect(body).not.toContain('Internal admin');
    // The bars take one tab stop each without script; the script makes them one per list.
    expect(body).toContain("addEventListener('keydown'");
  });

  it('keeps ended days from a daily cache, and forgets them for a monitor removed and added again', async () => {
    const now = thisMinute();
    await seedHistory(now);
    expect(bar(await html('/'), 'flaky', dayOf(now - 2 * DAY))).toMatch(/^major: /);
    // Removed (its history goes with it), then added again under the same id.
    await applyConfig(
      { ...file(ok), monitors: file(ok).monitors.filter((m) => m.id !== 'flaky') },
      now + MINUTE,
    );
    await applyConfig(file(ok), now + 2 * MINUTE);
    await tick(now + 2 * MINUTE);
    const body = await html('/');
    expect(bar(body, 'flaky', dayOf(now - 2 * DAY))).toBe('missing');
    expect(bar(body, 'flaky', dayOf(now))).toMatch(/^up: /);
    expect(bar(body, 'steady', dayOf(now - 2 * DAY))).toMatch(/^up: /);
  });

  it('shows current latency per region, and the groups in order', async () => {
    await applyConfig({ regions: REGIONS, monitors: [...file(ok).monitors, { id: 'lone', url: ok }] });
    await tick(thisMinute());
    const body = await html('/');
    for (const region of REGIONS)
      expect(body).toMatch(
        new RegExp(`data-region="${region}" data-outcome="up">.*?<span class="meta">\\d+ ms</span>`),
      );
    expect(body.indexOf('>Core</h2>')).toBeGreaterThan(0);
    expect(body.indexOf('>Other services</h2>')).toBeGreaterThan(body.indexOf('>Core</h2>'));
  });
});

const label = (ms: number) =>
  new Date(ms).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

describe('the monitor page', () => {
  it('charts p50 and p95 per region, and lists incidents with their causes explained', async () => {
    const now = thisMinute();
    await seedHistory(now);
    await tick(now - 30 * MINUTE);
    const body = await html('/monitors/flaky');
    expect(body).toContain('<h1>Flaky API</h1>');
    for (const chart of ['latency-24h', 'latency-90d']) {
      const svg = body.slice(
        body.indexOf(`data-window="${chart}"`),
        body.indexOf('</svg>', body.indexOf(chart)),
      );
      for (const region of REGIONS) {
        const series = svg.slice(svg.indexOf(`data-region="${region}"`));
        expect(series).toMatch(/class="p50" data-quantile="p50" d="M[\d.]+ [\d.]+/);
        expect(series).toMatch(/class="p95" data-quantile="p95" d="M[\d.]+ [\d.]+/);
      }
    }
    // Two hourly points in the last day (this hour and 30 min ago may share one): at least one segment.
    expect(body).toMatch(
      /<title id="latency-24h-title">Flaky API: p50 and p95 latency per hour, last 24 hours<\/title>/,
    );
    expect(body).toMatch(
      /<desc id="latency-24h-desc">Western Europe: p50 \d+ ms to \d+ ms, p95 up to \d+ ms;/,
    );
    expect(body).toContain('Figures as a table');
    expect(body).toMatch(/data-incident="[^"]+" data-state="resolved"/);
    expect(body).toContain('A gateway or a dependency behind the service failed');
    // The 365-day calendar: a cell per day, the failing day in red.
    expect(body).toContain('class="bars calendar"');
    expect((body.match(/data-day=/g) ?? []).length).toBe(365);
    expect(body).toMatch(new RegExp(`<li class="major" tabindex="0" data-day="${dayOf(now - 2 * DAY)}"`));
  });

  it('counts down to a sunset date the API announced', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [{ id: 'orders-v1', url: target('/lifecycle', 'page', { sunset_days: '20' }) }],
    });
    await tick(thisMinute());
    const body = await html('/monitors/orders-v1');
    expect(body).toMatch(
      /data-finding="api.sunset_soon"[\s\S]*?<strong class="countdown">Sunset in (19|20) days \([A-Z][a-z]{2} \d{1,2}, \d{4}\)<\/strong>/,
    );
  });

  it('answers 404 with a page for unknown and private monitors', async () => {
    await applyConfig(file(ok));
    for (const id of ['nope', 'hidden']) {
      const response = await page(`/monitors/${id}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('No such monitor');
    }
  });
});

describe('edge caching', () => {
  it('serves a cached copy until a tick or a write changes the state, and answers 304 to its ETag', async () => {
    await applyConfig(file(ok));
    const now = thisMinute();
    await tick(now);
    const first = await page('/');
    expect(first.headers.get('x-lookout-cache')).toBe('miss');
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    const etag = first.headers.get('etag') as string;
    await first.text();
    // The cache is written after the response; wait for it like the runtime would.
    await expect.poll(async () => (await page('/')).headers.get('x-lookout-cache')).toBe('hit');
    expect((await page('/', { headers: { 'if-none-match': etag } })).status).toBe(304);

    await tick(now + MINUTE);
    const afterTick = await page('/');
    expect(afterTick.headers.get('x-lookout-cache')).toBe('miss');
    expect(afterTick.headers.get('etag')).not.toBe(etag);
    expect((await page('/', { headers: { 'if-none-match': etag } })).status).toBe(200);

    // A maintenance window made through the API shows at once.
    const token = await makeToken(['write']);
    const created = await page('/api/v1/maintenance', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'db-upgrade',
        title: 'Database upgrade',
        monitors: ['steady'],
        start: new Date(Date.now() - MINUTE).toISOString(),
        end: new Date(Date.now() + 60 * MINUTE).toISOString(),
      }),
    });
    expect(created.status).toBe(201);
    const afterWrite = await page('/');
    expect(afterWrite.headers.get('x-lookout-cache')).toBe('miss');
    expect(await afterWrite.text()).toContain('Database upgrade');
  });
});
