import { describe, expect, it } from 'vitest';
import { certificateFindings, type CertificateReading } from '../../src/probes/findings/tls';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 12);
const LEADS = [30, 14, 7, 1];

const reading = (extra: Partial<CertificateReading> = {}): CertificateReading => ({
  host: 'api.example.com',
  port: 443,
  source: 'handshake',
  subject: 'CN=api.example.com',
  issuer: "C=US, O=Let's Encrypt, CN=R11",
  subjectAltNames: ['DNS:api.example.com', 'DNS:www.example.com'],
  serial: '0A1B',
  notBefore: NOW - 60 * DAY,
  notAfter: NOW + 60 * DAY,
  hostnameMatches: true,
  trust: { trusted: true },
  weaknesses: [],
  protocol: 'TLS 1.2',
  note: null,
  ...extra,
});

describe('certificate findings', () => {
  it('says nothing of a healthy certificate', () => {
    expect(certificateFindings(reading(), LEADS, NOW)).toEqual([]);
  });

  it.each([
    [31, null],
    [30, 30],
    [20, 30],
    [13.5, 14],
    [5, 7],
    [0.5, 1],
  ])('with %s days left, names the lead time crossed (%s)', (daysLeft, lead) => {
    const findings = certificateFindings(reading({ notAfter: NOW + daysLeft * DAY }), LEADS, NOW);
    expect(findings.map((f) => f.data?.lead_days)).toEqual(lead === null ? [] : [lead]);
    if (lead !== null) expect(findings[0]?.data?.days_left).toBe(Math.floor(daysLeft));
  });

  it('uses the monitor’s own lead times', () => {
    const findings = certificateFindings(reading({ notAfter: NOW + 20 * DAY }), [21, 3], NOW);
    expect(findings[0]?.data?.lead_days).toBe(21);
    expect(certificateFindings(reading({ notAfter: NOW + 20 * DAY }), [10], NOW)).toEqual([]);
  });

  it('reports an expired certificate with issuer, names, serial and dates, not as expiring', () => {
    const [finding, ...rest] = certificateFindings(reading({ notAfter: NOW - 3 * DAY }), LEADS, NOW);
    expect(rest).toEqual([]);
    expect(finding).toEqual({
      code: 'tls.expired',
      detail: 'Certificate of api.example.com expired 3 days ago (2026-11-23)',
      data: {
        host: 'api.example.com',
        port: 443,
        source: 'handshake',
        issuer: "C=US, O=Let's Encrypt, CN=R11",
        subject_alt_names: 'DNS:api.example.com, DNS:www.example.com',
        serial: '0A1B',
        not_before: '2026-09-27T12:00:00.000Z',
        not_after: '2026-11-23T12:00:00.000Z',
        days_left: -3,
      },
    });
  });

  it('reports a wrong name, an untrusted chain and weak crypto, each on its own', () => {
    const findings = certificateFindings(
      reading({
        hostnameMatches: false,
        trust: { trusted: false, reason: 'the certificate is self-signed' },
        weaknesses: ['the certificate has an RSA key of 1024 bits', 'the server negotiated TLS 1.0'],
      }),
      LEADS,
      NOW,
    );
    expect(findings.map((f) => [f.code, f.data?.reason ?? null])).toEqual([
      ['tls.hostname_mismatch', null],
      ['tls.untrusted', 'the certificate is self-signed'],
      ['tls.weak', 'the certificate has an RSA key of 1024 bits; the server negotiated TLS 1.0'],
    ]);
    expect(findings[0]?.detail).toBe(
      'Certificate does not name api.example.com: it is for DNS:api.example.com, DNS:www.example.com',
    );
  });

  it('labels a CT-log reading and does not judge what a log cannot tell (name, chain)', () => {
    const findings = certificateFindings(
      reading({
        source: 'ct-log',
        hostnameMatches: null,
        trust: null,
        notAfter: NOW + 2 * DAY,
        note: 'from the CT logs',
      }),
      LEADS,
      NOW,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'tls.expiring',
        detail: expect.stringMatching(/\(from the CT logs\)$/),
        data: expect.objectContaining({ source: 'ct-log', lead_days: 7 }),
      }),
    ]);
  });
});
