import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyConfig,
  makeToken,
  MINUTE,
  resetDb,
  storedResults,
  targetUrl,
  tick,
  type StoredResult,
} from '../helpers';

const DAY = 86_400_000;
const rdap = { bootstrapUrl: env.RDAP_BOOTSTRAP_URL, baseUrl: null };
// Real time: the stand-in RDAP server dates its answers from now.
const start = Math.floor(Date.now() / MINUTE) * MINUTE;
const monitor = (id: string, host: string) => ({ id, kind: 'tcp', host, port: 9, timeout: '1s' });

async function byMonitor(): Promise<Map<string, StoredResult>> {
  const results = await storedResults();
  const latest = new Map<string, StoredResult>();
  for (const r of results)
    if ((latest.get(r.monitorId)?.startedAt ?? -1) <= r.startedAt) latest.set(r.monitorId, r);
  return latest;
}

const domainFindings = (r: StoredResult | undefined) =>
  r?.findings.filter((f) => f.code.startsWith('domain.'));

describe('domain expiry over RDAP, through real ticks against a local RDAP server', () => {
  let first: Map<string, StoredResult>;

  beforeAll(async () => {
    await resetDb();
    await applyConfig(
      {
        regions: ['weur'],
        monitors: [
          monitor('soon', 'www.soon.rdaptest'),
          monitor('soon-api', 'api.soon.rdaptest'),
          monitor('gone', 'gone.rdaptest'),
          monitor('far', 'far.rdaptest'),
          monitor('unknown', 'unknown.rdaptest'),
          monitor('broken', 'broken.rdaptest'),
          monitor('flaky', 'flaky.rdaptest'),
          monitor('no-rdap', 'shop.example.norddap'),
          monitor('loopback', '127.0.0.1'),
        ],
      },
      start,
    );
    await tick(start, { rdap });
    first = await byMonitor();
  });

  it('warns of a domain expiring in 5 days at the 7-day lead, with registrar and expiry date, on every monitor of the domain', () => {
    for (const id of ['soon', 'soon-api']) {
      expect(domainFindings(first.get(id)), id).toEqual([
        {
          code: 'domain.expiring',
          detail: expect.stringMatching(
            /soon\.rdaptest expires in 5 days .*7-day lead time, registrar Test Registrar, Inc\./,
          ),
          data: expect.objectContaining({
            domain: 'soon.rdaptest',
            registrar: 'Test Registrar, Inc.',
            lead_days: 7,
            days_left: 5,
            expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          }),
        },
      ]);
    }
  });

  it('reports an expired domain, and nothing for one far from expiry, unknown, malformed or on loopback', () => {
    expect(domainFindings(first.get('gone'))?.map((f) => f.code)).toEqual(['domain.expired']);
    for (const id of ['far', 'unknown', 'broken', 'loopback'])
      expect(domainFindings(first.get(id)), id).toEqual([]);
  });

  it('says a TLD has no RDAP service in the bootstrap registry instead of guessing one', () => {
    expect(domainFindings(first.get('no-rdap'))).toEqual([
      expect.objectContaining({
        code: 'domain.no_rdap',
        detail: expect.stringMatching(/example\.norddap: no RDAP service for \.norddap/),
      }),
    ]);
  });

  it('stores failed lookups with why, and reads each domain at most once a day', async () => {
    const rows = await env.DB.prepare('SELECT domain, ok, detail FROM domains ORDER BY domain').all<{
      domain: string;
      ok: number;
      detail: string | null;
    }>();
    expect(rows.results.map((r) => r.domain)).toEqual([
      'broken.rdaptest',
      'example.norddap',
      'far.rdaptest',
      'flaky.rdaptest',
      'gone.rdaptest',
      'soon.rdaptest',
      'unknown.rdaptest',
    ]);
    expect(rows.results.find((r) => r.domain === 'unknown.rdaptest')?.detail).toMatch(/answered 404/);
    expect(rows.results.find((r) => r.domain === 'broken.rdaptest')?.detail).toMatch(/failed/);
    const before = await env.DB.prepare('SELECT max(checked_at) AS at FROM domains').first<{ at: number }>();
    await tick(start + MINUTE, { rdap });
    const after = await env.DB.prepare('SELECT max(checked_at) AS at FROM domains').first<{ at: number }>();
    expect(after?.at).toBe(before?.at);
    // Steady between readings: the next minute's results carry the same finding.
    expect(domainFindings((await byMonitor()).get('soon'))?.map((f) => f.code)).toEqual(['domain.expiring']);
  });

  it('keeps the last reading when a later daily lookup fails', async () => {
    await fetch(new URL('/flaky/fail', env.RDAP_BOOTSTRAP_URL), { method: 'POST' });
    await tick(start + DAY, { rdap });
    const row = await env.DB.prepare(
      "SELECT ok, detail, reading FROM domains WHERE domain = 'flaky.rdaptest'",
    ).first<{
      ok: number;
      detail: string;
      reading: string | null;
    }>();
    expect(row).toMatchObject({ ok: 0, detail: expect.stringMatching(/answered 503/) });
    expect(JSON.parse(row?.reading ?? 'null')).toMatchObject({ registrar: 'Test Registrar, Inc.' });
    expect(domainFindings((await byMonitor()).get('flaky'))).toEqual([
      expect.objectContaining({ code: 'domain.expiring', data: expect.objectContaining({ days_left: 4 }) }),
    ]);
  });
});

describe('expiry countdowns in /metrics', () => {
  it('exports each monitor domain expiry as an epoch-seconds gauge', async () => {
    const response = await exports.default.fetch('http://lookout.test/metrics', {
      headers: { authorization: `Bearer ${await makeToken(['read'])}` },
    });
    const text = await response.text();
    expect(text).toContain('# TYPE lookout_domain_expiry_timestamp_seconds gauge');
    expect(text).toContain('# TYPE lookout_tls_cert_not_after_timestamp_seconds gauge');
    expect(text).toMatch(
      /^lookout_domain_expiry_timestamp_seconds\{monitor="soon",domain="soon\.rdaptest"\} \d{10}$/m,
    );
    expect(text).not.toMatch(/domain="unknown\.rdaptest"/);
  });
});

describe('expiry countdowns in the monitor API', () => {
  it('gives the domain expiry, days left and registrar of a monitor, and null when unknown', async () => {
    const soon = await (await exports.default.fetch('http://lookout.test/api/v1/monitors/soon')).json();
    expect(soon).toMatchObject({
      id: 'soon',
      certificate: null,
      domain: {
        name: 'soon.rdaptest',
        expires_at: expect.any(String),
        days_left: 5,
        registrar: 'Test Registrar, Inc.',
      },
    });
    const unknown = await (await exports.default.fetch('http://lookout.test/api/v1/monitors/unknown')).json();
    expect(unknown).toMatchObject({ id: 'unknown', domain: null });
  });
});

describe('expiry countdowns on the public monitor page', () => {
  it('says when the domain expires', async () => {
    const body = await (await exports.default.fetch('http://lookout.test/monitors/soon')).text();
    expect(body).toContain('domain expires in 5 days');
    expect(body).not.toContain('certificate expires in');
  });
});

describe('a bootstrap registry that cannot be read', () => {
  it('falls back to the bundled copy (which lists no server for the test TLD), never failing the tick', async () => {
    await resetDb();
    await applyConfig({ regions: ['weur'], monitors: [monitor('soon', 'www.soon.rdaptest')] }, start);
    // JSON, but not a registry: as a captive portal or a moved file would answer.
    const notARegistry = { bootstrapUrl: new URL('/ok', targetUrl).toString(), baseUrl: null };
    const summary = await tick(start, { rdap: notARegistry });
    expect(summary.errors).toEqual([]);
    expect(domainFindings((await byMonitor()).get('soon'))?.map((f) => f.code)).toEqual(['domain.no_rdap']);
  });
});
