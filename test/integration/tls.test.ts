import { connect } from 'cloudflare:sockets';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { GetProber } from '../../src/jobs/dispatch';
import { readHostCertificate } from '../../src/probes/tls/certificate';
import { probersFrom } from '../../src/regions/prober-namespace';
import { anchorsFromPem } from '../../src/probes/tls/anchors';
import { anchorsOf } from '../../src/probes/tls/trust';
import {
  applyConfig,
  makeToken,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  tick,
  type StoredResult,
} from '../helpers';
import type { TlsServerName } from '../setup/tls-names';

const ports = inject('tlsPorts');
const server = (name: TlsServerName, extra: Record<string, unknown> = {}) => ({
  id: `tls-${name}`,
  kind: 'tls',
  host: '127.0.0.1',
  port: ports[name],
  timeout: '5s',
  ...extra,
});

describe('kind: tls, through a real tick against local HTTPS servers', () => {
  let results: Map<string, StoredResult>;

  beforeAll(async () => {
    await resetDb();
    await applyConfig({
      regions: ['weur'],
      monitors: [
        server('good', { sni: 'localhost' }),
        { ...server('good'), id: 'tls-good-ip' },
        server('tls12'),
        server('tls13'),
        server('tls13p384'),
        server('expiring'),
        server('expired'),
        server('wronghost'),
        server('selfsigned'),
        server('weak'),
        server('mislinked', { sni: 'localhost' }),
        // Nothing listens on 443 here, and workerd refuses such a socket to a web port just as it
        // refuses Cloudflare's addresses: the check falls back to the (stand-in) CT log.
        { id: 'tls-behind-cloudflare', kind: 'tls', host: 'localhost', timeout: '5s' },
      ],
    });
    await tick(T0);
    results = new Map((await storedResults()).map((r) => [r.monitorId, r]));
  });

  const codes = (id: string) => results.get(id)?.findings.map((f) => f.code);

  it('passes a certificate from a trusted CA, named for the SNI or the IP, over TLS 1.2', () => {
    for (const id of ['tls-good', 'tls-good-ip', 'tls-tls12']) {
      expect(results.get(id), id).toMatchObject({ outcome: 'up', cause: null, findings: [] });
      expect(results.get(id)?.ttfbMs, id).toBeGreaterThanOrEqual(0);
    }
  });

  it('reads the certificate of a TLS 1.3-only server by completing enough of a TLS 1.3 handshake', () => {
    expect(results.get('tls-tls13')).toMatchObject({ outcome: 'up', cause: null, findings: [] });
  });

  it('reports a TLS 1.3-only server it cannot agree a key with as unknown, saying why', () => {
    expect(results.get('tls-tls13p384')).toMatchObject({
      outcome: 'unknown',
      cause: 'tls.unreadable',
      detail: expect.stringMatching(
        /only TLS 1\.3.*cannot be read in clear.*reading it over TLS 1\.3 failed: the server ended the handshake with handshake_failure/,
      ),
      findings: [],
    });
  });

  it('warns of a certificate expiring in 5 days at the 7-day lead, with its issuer, names, serial and dates', () => {
    const result = results.get('tls-expiring');
    expect(result).toMatchObject({ outcome: 'up', cause: null });
    expect(result?.findings).toEqual([
      {
        code: 'tls.expiring',
        detail: expect.stringMatching(/expires in 5 days .*within the 7 days lead time/),
        data: expect.objectContaining({
          lead_days: 7,
          days_left: 5,
          source: 'handshake',
          issuer: 'CN=Lookout Test Root CA',
          subject_alt_names: 'DNS:localhost, IP Address:127.0.0.1',
          serial: expect.stringMatching(/^[0-9A-F]+$/),
          not_before: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          not_after: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        }),
      },
    ]);
  });

  it('fails expired, wrongly named and self-signed certificates as tls.invalid, naming the finding', () => {
    expect(results.get('tls-expired')).toMatchObject({
      outcome: 'down',
      cause: 'tls.invalid',
      detail: expect.stringMatching(/expired/),
    });
    expect(codes('tls-expired')).toEqual(['tls.expired']);
    expect(results.get('tls-wronghost')).toMatchObject({ outcome: 'down', cause: 'tls.invalid' });
    expect(codes('tls-wronghost')).toEqual(['tls.hostname_mismatch']);
    expect(results.get('tls-wronghost')?.findings[0]?.detail).toMatch(
      /does not name 127\.0\.0\.1.*DNS:wrong\.example/,
    );
    expect(results.get('tls-selfsigned')).toMatchObject({ outcome: 'down', cause: 'tls.invalid' });
    expect(results.get('tls-selfsigned')?.findings).toEqual([
      expect.objectContaining({
        code: 'tls.untrusted',
        data: expect.objectContaining({ reason: 'the certificate is self-signed' }),
      }),
    ]);
  });

  it('fails a chain whose certificates do not link as tls.untrusted', () => {
    expect(results.get('tls-mislinked')).toMatchObject({ outcome: 'down', cause: 'tls.invalid' });
    expect(results.get('tls-mislinked')?.findings).toEqual([
      expect.objectContaining({
        code: 'tls.untrusted',
        detail: expect.stringMatching(
          /the chain does not link: certificate 1 \(localhost\) is not issued by the next one/,
        ),
      }),
    ]);
  });

  it('flags an RSA 1024 key and a SHA-1 signature as tls.weak without failing the check', () => {
    expect(results.get('tls-weak')).toMatchObject({ outcome: 'up', cause: null });
    expect(results.get('tls-weak')?.findings).toEqual([
      expect.objectContaining({
        code: 'tls.weak',
        detail: expect.stringMatching(/RSA key of 1024 bits.*sha1WithRSAEncryption/),
      }),
    ]);
  });

  it('falls back to the CT log when the socket is refused, labelling the finding ct-log', () => {
    const result = results.get('tls-behind-cloudflare');
    expect(result).toMatchObject({
      outcome: 'up',
      detail: expect.stringMatching(/Worker sockets cannot reach localhost:443.*CT logs/),
    });
    expect(result?.findings).toEqual([
      expect.objectContaining({
        code: 'tls.expiring',
        detail: expect.stringMatching(/expires in 2 days.*CT logs, not the one served/),
        data: expect.objectContaining({
          source: 'ct-log',
          lead_days: 7,
          issuer: "C=US, O=Let's Encrypt, CN=R11",
          serial: '0A1B2C3D4E2',
          subject_alt_names: 'DNS:localhost, DNS:www.localhost',
        }),
      }),
    ]);
  });
});

describe('trust anchors', () => {
  const read = (anchors: ReturnType<typeof anchorsOf>) =>
    readHostCertificate(
      { host: '127.0.0.1', port: ports.good, serverName: 'localhost', timeoutMs: 5_000 },
      { connect, fetch, now: Date.now, ctLogUrl: null, anchors },
    );

  it('reads the same certificate over TLS 1.3 as over TLS 1.2', async () => {
    const anchors = anchorsFromPem(env.TLS_TRUST_ANCHORS);
    const over = (port: number) =>
      readHostCertificate(
        { host: '127.0.0.1', port, serverName: 'localhost', timeoutMs: 5_000 },
        { connect, fetch, now: Date.now, ctLogUrl: null, anchors },
      );
    const [tls12, tls13] = [await over(ports.tls12), await over(ports.tls13)];
    if (!tls12.ok || !tls13.ok) throw new Error('expected both readings');
    expect(tls12.reading.protocol).toBe('TLS 1.2');
    expect(tls13.reading.protocol).toBe('TLS 1.3');
    expect({ ...tls13.reading, protocol: null, port: 0 }).toEqual({
      ...tls12.reading,
      protocol: null,
      port: 0,
    });
  });

  it('trusts the test CA only when it is given as an anchor', async () => {
    const withAnchor = await read(anchorsFromPem(env.TLS_TRUST_ANCHORS));
    expect(withAnchor.ok && withAnchor.reading.trust).toEqual({ trusted: true });
    const publicOnly = await read(anchorsOf());
    expect(publicOnly.ok && publicOnly.reading.trust).toEqual({
      trusted: false,
      reason:
        'the chain is incomplete or its root unknown: the last certificate served is issued by Lookout Test Root CA',
    });
  });
});

describe('the hourly certificate check of https monitors', () => {
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const https = (name: TlsServerName, path: string) => `https://127.0.0.1:${ports[name]}${path}`;
  const storedCertificates = async () =>
    (
      await env.DB.prepare(
        'SELECT host, port, checked_at, outcome, reading FROM certificates ORDER BY port',
      ).all<{
        host: string;
        port: number;
        checked_at: number;
        outcome: string;
        reading: string | null;
      }>()
    ).results;
  const tlsFindings = async (monitorId: string, tickAt: number) =>
    (await storedResults({ monitorId }))
      .filter((r) => r.tickAt === tickAt)
      .flatMap((r) => r.findings.filter((f) => f.code.startsWith('tls.')));
  const findingsUpdatedAt = async (monitorId: string) =>
    await env.DB.prepare('SELECT updated_at FROM monitor_findings WHERE monitor_id = ?')
      .bind(monitorId)
      .first<number>('updated_at');

  beforeAll(async () => {
    await resetDb();
    await env.DB.prepare('DELETE FROM certificates').run();
    await applyConfig(
      {
        regions: ['weur', 'enam'],
        monitors: [
          { id: 'https-a', url: https('expiring', '/a'), timeout: '2s' },
          { id: 'https-b', url: https('expiring', '/b'), timeout: '2s', tls: { lead_times: ['10d'] } },
          { id: 'https-off', url: https('expired', '/'), timeout: '2s', tls: false },
        ],
      },
      now - 2 * MINUTE,
    );
  });

  it('keeps no reading from a failed prober, and tries again the next tick', async () => {
    const real = probersFrom(env.PROBER);
    const failing: GetProber = (job) =>
      job.prober?.endsWith('#tls') ? { probe: () => Promise.reject(new Error('prober lost')) } : real(job);
    await tick(now - MINUTE, { getProber: failing });
    expect(await storedCertificates()).toEqual([]);
    expect(await tlsFindings('https-a', now - MINUTE)).toEqual([]);
  });

  it('reads each host:port once, from one region, and adds its findings to every result of its monitors', async () => {
    await tick(now);
    const rows = await storedCertificates();
    expect(rows).toEqual([
      expect.objectContaining({ host: '127.0.0.1', port: ports.expiring, checked_at: now, outcome: 'up' }),
    ]);
    expect(JSON.parse(rows[0]?.reading ?? '{}')).toMatchObject({ source: 'handshake', protocol: 'TLS 1.2' });
    const a = await tlsFindings('https-a', now);
    expect(a.map((f) => [f.code, f.data?.lead_days])).toEqual([
      ['tls.expiring', 7],
      ['tls.expiring', 7],
    ]);
    // Each monitor with its own lead times.
    expect((await tlsFindings('https-b', now)).map((f) => f.data?.lead_days)).toEqual([10, 10]);
    expect(await tlsFindings('https-off', now)).toEqual([]);
  });

  it('keeps the findings steady between readings and reads again after an hour', async () => {
    const updatedAt = await findingsUpdatedAt('https-a');
    await tick(now + MINUTE);
    expect((await storedCertificates())[0]?.checked_at).toBe(now);
    expect(await tlsFindings('https-a', now + MINUTE)).toHaveLength(2);
    // monitor_findings is written when findings change: they did not.
    expect(await findingsUpdatedAt('https-a')).toBe(updatedAt);
    await tick(now + 60 * MINUTE);
    expect((await storedCertificates())[0]?.checked_at).toBe(now + 60 * MINUTE);
  });

  it('shows the certificate countdown in the monitor API and /metrics', async () => {
    const body = await (await exports.default.fetch('http://lookout.test/api/v1/monitors/https-a')).json();
    expect(body).toMatchObject({
      certificate: { not_after: expect.any(String), days_left: 5, issuer: 'CN=Lookout Test Root CA' },
      domain: null,
    });
    const page = await (await exports.default.fetch('http://lookout.test/monitors/https-a')).text();
    expect(page).toContain('certificate expires in 5 days');
    const metrics = await exports.default.fetch('http://lookout.test/metrics', {
      headers: { authorization: `Bearer ${await makeToken(['read'])}` },
    });
    expect(await metrics.text()).toMatch(
      new RegExp(
        `^lookout_tls_cert_not_after_timestamp_seconds\\{monitor="https-a",host="127\\.0\\.0\\.1",port="${ports.expiring}"\\} \\d{10}$`,
        'm',
      ),
    );
  });
});
