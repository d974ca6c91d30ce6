import { describe, expect, it } from 'vitest';
import {
  detectCredentials,
  readJwtDates,
  type CredentialOptions,
} from '../../src/probes/findings/credentials';
import {
  collectFindings,
  findingOptionsSchema,
  parseDurationDays,
  parseSizeBytes,
  type FindingInput,
} from '../../src/probes/findings/index';
import {
  detectLifecycle,
  parseDeprecation,
  parseHttpDate,
  parseLinkHeader,
} from '../../src/probes/findings/lifecycle';
import { detectLargePayload, formatBytes } from '../../src/probes/findings/payload';
import { detectInsecureTransport } from '../../src/probes/findings/transport';
import type { Finding } from '../../src/probes/result';

/** A fixed clock: Thu, 26 Nov 2026 12:00:00 GMT. */
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const epochS = (ms: number) => Math.floor(ms / 1000);
const httpDate = (ms: number) => new Date(ms).toUTCString();
const codes = (findings: Finding[]) => findings.map((f) => f.code);

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A compact JWT with any signature: the detectors never verify. */
function jwt(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
) {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.c2lnLW5vdC1jaGVja2VkLTk0MjE`;
}

describe('parseDeprecation (RFC 9745 @epoch-seconds)', () => {
  it.each([
    ['@1688169599', 1_688_169_599_000],
    [' @0 ', 0],
    ['@-86400', -86_400_000],
    ['true', null],
    ['1688169599', null],
    ['@1688169599.5', null],
    ['@', null],
    ['Sat, 31 Dec 2026 23:59:59 GMT', null],
    ['@999999999999999', null], // beyond what Date can hold
    ['@1688169599, @1688169600', null], // the header sent twice
  ])('%j -> %j', (value, expected) => {
    expect(parseDeprecation(value)).toBe(expected);
  });
});

describe('parseHttpDate (IMF-fixdate)', () => {
  it.each([
    ['  Thu, 26 Nov 2026 12:00:00 GMT ', NOW],
    ['Sat, 31 Dec 2026 23:59:59 GMT', Date.UTC(2026, 11, 31, 23, 59, 59)], // wrong weekday, as in RFC 8594's example
    ['Thu, 31 Dec 2026 23:59:59 GMT', Date.UTC(2026, 11, 31, 23, 59, 59)],
    ['Sun, 31 Feb 2026 00:00:00 GMT', null], // no such day
    ['Thu, 31 Dec 2026 24:00:00 GMT', null],
    ['Thu, 31 Foo 2026 23:59:59 GMT', null],
    ['Thu, 31 Dec 26 23:59:59 GMT', null],
    ['Xyz, 31 Dec 2026 23:59:59 GMT', null],
    ['Sat, 31 Dec 2026 23:59:59 UTC', null],
    ['Saturday, 31-Dec-26 23:59:59 GMT', null], // obsolete RFC 850 form
    ['2026-12-31T23:59:59Z', null],
    ['@1798761599', null],
    ['', null],
  ])('%j -> %j', (value, expected) => {
    expect(parseHttpDate(value)).toBe(expected);
  });
});

describe('parseLinkHeader (RFC 8288)', () => {
  it('reads several links, quoted params, multi-value rels and commas inside quotes and URIs', () => {
    const links = parseLinkHeader(
      '<https://api.example.com/v2>; rel="successor-version", ' +
        '<https://docs.example.com/a,b>; rel="Deprecation alternate"; title="old, retired", ' +
        'garbage, <https://example.com/sunset>;rel=sunset;type=text/html;rel=ignored',
    );
    expect(links.map((l) => [l.href, l.rels])).toEqual([
      ['https://api.example.com/v2', ['successor-version']],
      ['https://docs.example.com/a,b', ['deprecation', 'alternate']],
      ['https://example.com/sunset', ['sunset']],
    ]);
    expect(links[1]?.params.title).toBe('old, retired');
    expect(links[2]?.params.type).toBe('text/html');
  });

  it('handles escapes in quoted strings and empty input', () => {
    expect(parseLinkHeader('<x>; title="a \\"quoted\\" word"; rel=next')[0]).toEqual({
      href: 'x',
      rels: ['next'],
      params: { title: 'a "quoted" word', rel: 'next' },
    });
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader('not a link')).toEqual([]);
  });
});

describe('detectLifecycle', () => {
  const successor = '<https://api.example.com/v2>; rel="successor-version"';
  const lifecycle = (headers: Record<string, string>, days?: number) =>
    detectLifecycle(new Headers(headers), days === undefined ? {} : { sunsetWarningDays: days }, NOW);

  it('says nothing without lifecycle headers', () => {
    expect(lifecycle({ link: successor, 'content-type': 'application/json' })).toEqual([]);
  });

  it('reports a past Deprecation with days since and the links', () => {
    expect(lifecycle({ deprecation: `@${epochS(NOW - 10 * DAY)}`, link: successor })).toEqual([
      {
        code: 'api.deprecated',
        detail: 'Deprecated since 2026-11-16; successor: https://api.example.com/v2',
        data: {
          deprecated_at: '2026-11-16T12:00:00.000Z',
          days_since: 10,
          successor_version: 'https://api.example.com/v2',
        },
      },
    ]);
  });

  it('reports a future Deprecation with days until, whatever the window', () => {
    const [finding] = lifecycle({ deprecation: `@${epochS(NOW + 100 * DAY)}` });
    expect(finding).toEqual({
      code: 'api.deprecated',
      detail: 'Deprecated from 2027-03-06 (in 100 days)',
      data: { deprecated_at: '2027-03-06T12:00:00.000Z', days_until: 100 },
    });
  });

  it.each([
    ['20 days ahead, default window', 20 * DAY, undefined, 20, 'Sunset in 20 days (2026-12-16)'],
    ['exactly at the window edge', 30 * DAY, undefined, 30, 'Sunset in 30 days (2026-12-26)'],
    ['later the same day', 6 * HOUR, undefined, 0, 'Sunset today (2026-11-26)'],
    ['tomorrow', DAY + HOUR, undefined, 1, 'Sunset tomorrow (2026-11-27)'],
    ['45 days ahead, 60-day window', 45 * DAY, 60, 45, 'Sunset in 45 days (2027-01-10)'],
    ['3 days ago', -3 * DAY, undefined, -3, 'Sunset passed 3 days ago (2026-11-23)'],
    ['an hour ago', -HOUR, undefined, -1, 'Sunset passed 1 day ago (2026-11-26)'],
  ])('Sunset %s -> api.sunset_soon', (_name, offset, days, daysLeft, detail) => {
    const findings = lifecycle({ sunset: httpDate(NOW + offset) }, days);
    expect(findings).toEqual([
      {
        code: 'api.sunset_soon',
        detail,
        data: { sunset_at: new Date(NOW + offset).toISOString(), days_left: daysLeft },
      },
    ]);
  });

  it.each([
    ['31 days ahead, default window', 31 * DAY, undefined],
    ['45 days ahead, default window', 45 * DAY, undefined],
    ['8 days ahead, 7-day window', 8 * DAY, 7],
  ])('Sunset %s -> nothing', (_name, offset, days) => {
    expect(lifecycle({ sunset: httpDate(NOW + offset) }, days)).toEqual([]);
  });

  it('matches the on-call wording with a successor link', () => {
    const [finding] = lifecycle({
      sunset: 'Wed, 16 Dec 2026 12:00:00 GMT',
      link: '<https://api.example.com/v2>; rel="successor-version"',
    });
    expect(finding?.detail).toBe('Sunset in 20 days (2026-12-16); successor: https://api.example.com/v2');
  });

  it('attaches successor, deprecation and sunset links from several Link headers to every lifecycle finding', () => {
    const headers = new Headers({
      deprecation: `@${epochS(NOW - DAY)}`,
      sunset: httpDate(NOW + 5 * DAY),
    });
    headers.append('link', '</v2/orders>; rel="successor-version latest-version"');
    headers.append('link', '<https://docs.example.com/deprecation>; rel="deprecation"; type="text/html"');
    headers.append('link', '<https://docs.example.com/sunset>; rel=sunset, <https://x.example/>; rel=next');
    const findings = detectLifecycle(headers, { baseUrl: 'https://api.example.com/v1/orders?page=1' }, NOW);
    expect(codes(findings)).toEqual(['api.deprecated', 'api.sunset_soon']);
    for (const finding of findings) {
      expect(finding.data).toMatchObject({
        successor_version: 'https://api.example.com/v2/orders',
        deprecation_link: 'https://docs.example.com/deprecation',
        sunset_link: 'https://docs.example.com/sunset',
      });
    }
  });

  it('flags a Sunset earlier than the Deprecation, and still reports both dates', () => {
    const findings = lifecycle({
      deprecation: `@${epochS(NOW + 10 * DAY)}`,
      sunset: httpDate(NOW + 5 * DAY),
    });
    expect(codes(findings)).toEqual(['api.deprecated', 'api.sunset_invalid', 'api.sunset_soon']);
    expect(findings[1]?.detail).toBe('Sunset (2026-12-01) is before Deprecation (2026-12-06)');
  });

  it.each([
    ['an ISO date', '2026-12-31'],
    ['an impossible date', 'Mon, 30 Feb 2026 23:59:59 GMT'],
    ['an epoch', '@1798761599'],
  ])('flags a malformed Sunset (%s)', (_name, sunset) => {
    const findings = lifecycle({ sunset, link: successor });
    expect(findings).toEqual([
      {
        code: 'api.sunset_invalid',
        detail: `Sunset header is not an HTTP date (like "Thu, 31 Dec 2026 23:59:59 GMT"): "${sunset}"`,
        data: { successor_version: 'https://api.example.com/v2' },
      },
    ]);
  });

  it.each(['true', 'Sat, 31 Dec 2026 23:59:59 GMT', '@soon'])(
    'flags a malformed Deprecation %j but still reports the deprecation',
    (deprecation) => {
      const findings = lifecycle({ deprecation, sunset: httpDate(NOW + 2 * DAY) });
      expect(codes(findings)).toEqual(['api.deprecated', 'api.sunset_invalid', 'api.sunset_soon']);
      expect(findings[0]).toEqual({
        code: 'api.deprecated',
        detail: 'Deprecated (date unreadable)',
        data: { deprecated_at: null },
      });
      expect(findings[1]?.detail).toBe(`Deprecation header is not @<epoch seconds>: "${deprecation}"`);
    },
  );

  it('cuts a long malformed value short in the detail', () => {
    const [finding] = lifecycle({ sunset: 'x'.repeat(500) });
    expect(finding?.detail.length).toBeLessThan(150);
  });
});

describe('readJwtDates', () => {
  it.each([
    ['a JWT with exp and iat', jwt({ exp: 2_000_000_000, iat: 1_900_000_000 }), { exp: 2e9, iat: 1.9e9 }],
    ['a JWT without exp', jwt({ sub: 'x' }), { exp: null, iat: null }],
    [
      'an unsecured JWT (empty signature)',
      jwt({ exp: 5 }, { alg: 'none' }).replace(/[^.]+$/, ''),
      { exp: 5, iat: null },
    ],
    ['a string exp', jwt({ exp: '2000000000' }), { exp: null, iat: null }],
    ['a header without alg', jwt({ exp: 5 }, { typ: 'JWT' }), null],
    ['a payload that is not JSON', `${base64url('{"alg":"HS256"}')}.${base64url('not json')}.sig`, null],
    ['an opaque token', 'lk_live_9f8e7d6c5b4a3f2e1d', null],
    ['two segments', `${base64url('{"alg":"HS256"}')}.${base64url('{"exp":5}')}`, null],
    ['a dotted version string', '1.2.3', null],
  ])('%s', (_name, token, expected) => {
    expect(readJwtDates(token)).toEqual(expected);
  });
});

describe('detectCredentials', () => {
  const sent = (headers: Record<string, string>, options: CredentialOptions = {}) =>
    detectCredentials(new Headers(headers), options, NOW);

  it('warns on a Bearer JWT expiring within the window', () => {
    const token = jwt({ exp: epochS(NOW + 3 * DAY), iat: epochS(NOW - DAY) });
    expect(sent({ Authorization: `Bearer ${token}` })).toEqual([
      {
        code: 'credential.expiring',
        detail: 'Token in authorization expires in 3 days (2026-11-29)',
        data: { header: 'authorization', expires_at: '2026-11-29T12:00:00.000Z', days_left: 3 },
      },
    ]);
  });

  it('finds a JWT that is a whole header value', () => {
    const token = jwt({ exp: epochS(NOW + 2 * HOUR) });
    expect(sent({ 'X-Api-Token': token, Accept: 'application/json' })).toEqual([
      {
        code: 'credential.expiring',
        detail: 'Token in x-api-token expires today (2026-11-26)',
        data: { header: 'x-api-token', expires_at: '2026-11-26T14:00:00.000Z', days_left: 0 },
      },
    ]);
  });

  it.each([
    ['expired 2 days ago', -2 * DAY, {}, -2, 'expired 2 days ago'],
    ['expired a minute ago', -60_000, {}, -1, 'expired 1 day ago'],
    ['at the 7-day edge', 7 * DAY, {}, 7, 'expires in 7 days'],
    ['in 10 days with a 14-day window', 10 * DAY, { credentialWarningDays: 14 }, 10, 'expires in 10 days'],
  ])('credential.expiring when %s', (_name, offset, options, daysLeft, phrase) => {
    const findings = sent({ authorization: `Bearer ${jwt({ exp: epochS(NOW + offset) })}` }, options);
    expect(codes(findings)).toEqual(['credential.expiring']);
    expect(findings[0]?.data?.days_left).toBe(daysLeft);
    expect(findings[0]?.detail).toContain(phrase);
  });

  it.each([
    ['expiring after the window', { exp: epochS(NOW + 8 * DAY), iat: epochS(NOW - DAY) }],
    ['without exp (nothing to say)', { iat: epochS(NOW - 400 * DAY), sub: 'svc' }],
    ['at exactly the lifetime limit', { exp: epochS(NOW + 20 * DAY), iat: epochS(NOW - 10 * DAY) }],
  ])('no finding for a JWT %s', (_name, claims) => {
    expect(sent({ authorization: `Bearer ${jwt(claims)}` })).toEqual([]);
  });

  it.each([
    ['an opaque bearer token', 'Bearer lk_live_9f8e7d6c5b4a3f2e1d'],
    ['a Basic credential', `Basic ${btoa('user:pass')}`],
    ['a JWT-shaped value without alg', `Bearer ${jwt({ exp: epochS(NOW) }, { typ: 'JWT' })}`],
    ['a JWT followed by more text', `${jwt({ exp: epochS(NOW) })} extra`],
  ])('no finding for %s', (_name, value) => {
    expect(sent({ authorization: value })).toEqual([]);
  });

  it('flags a long-lived token, with a configurable limit', () => {
    const token = jwt({ exp: epochS(NOW + 300 * DAY), iat: epochS(NOW - 65 * DAY - 12 * HOUR) });
    expect(sent({ authorization: `Bearer ${token}` })).toEqual([
      {
        code: 'credential.long_lived',
        detail: 'Token in authorization is valid for 365.5 days (limit 30 days)',
        data: {
          header: 'authorization',
          issued_at: '2026-09-22T00:00:00.000Z',
          expires_at: '2027-09-22T12:00:00.000Z',
          lifetime_days: 365.5,
          max_lifetime_days: 30,
        },
      },
    ]);
    expect(sent({ authorization: `Bearer ${token}` }, { credentialMaxLifetimeDays: 400 })).toEqual([]);
  });

  it('reports both findings for an expiring long-lived token, per header', () => {
    const token = jwt({ exp: epochS(NOW + DAY), iat: epochS(NOW - 90 * DAY) });
    const findings = sent({ authorization: `bearer ${token}`, 'x-upstream-token': token });
    expect(findings.map((f) => [f.code, f.data?.header])).toEqual([
      ['credential.expiring', 'authorization'],
      ['credential.long_lived', 'authorization'],
      ['credential.expiring', 'x-upstream-token'],
      ['credential.long_lived', 'x-upstream-token'],
    ]);
  });

  it('never leaks the token, its segments or identity claims', () => {
    const token = jwt({
      exp: epochS(NOW - DAY),
      iat: epochS(NOW - 100 * DAY),
      sub: 'alice@example.com',
      iss: 'https://idp.internal.example',
      scope: 'orders:write',
    });
    const findings = sent({ authorization: `Bearer ${token}`, 'x-token': token });
    expect(codes(findings)).toEqual([
      'credential.expiring',
      'credential.long_lived',
      'credential.expiring',
      'credential.long_lived',
    ]);
    const text = JSON.stringify(findings);
    for (const secret of [token, ...token.split('.'), 'alice@example.com', 'idp.internal', 'orders:write']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('detectInsecureTransport', () => {
  const hsts = { 'strict-transport-security': 'max-age=31536000; includeSubDomains' };
  it.each([
    ['plain http', 'http://api.example.com/health', {}, 'plain_http'],
    ['plain http, even with HSTS', 'HTTP://api.example.com/', hsts, 'plain_http'],
    ['https without HSTS', 'https://api.example.com/health', {}, 'no_hsts'],
    ['https with HSTS', 'https://api.example.com/health', hsts, null],
    ['not a URL', 'nope', {}, null],
  ])('%s', (_name, url, headers, reason) => {
    const finding = detectInsecureTransport(url, new Headers(headers));
    if (reason === null) expect(finding).toBeNull();
    else expect(finding).toMatchObject({ code: 'security.insecure_transport', data: { reason } });
  });

  it('says why in the detail', () => {
    expect(detectInsecureTransport('http://a.example/', new Headers())?.detail).toMatch(/plain HTTP/i);
    expect(detectInsecureTransport('https://a.example/', new Headers())?.detail).toMatch(/HSTS/);
  });
});

describe('detectLargePayload', () => {
  const KB = 1024;
  it.each([
    ['under budget', { bytesRead: 100 * KB, truncated: false, contentLength: null }, undefined, null],
    [
      'exactly the budget',
      { bytesRead: 512 * KB, truncated: false, contentLength: 512 * KB },
      undefined,
      null,
    ],
    [
      'one byte over',
      { bytesRead: 512 * KB + 1, truncated: false, contentLength: null },
      undefined,
      'Response is 512 KB, budget 512 KB',
    ],
    [
      'over a custom budget',
      { bytesRead: 3000, truncated: false, contentLength: 3000 },
      2000,
      'Response is 2.9 KB, budget 2 KB',
    ],
    [
      'truncated read: at least the bytes read',
      { bytesRead: 1024 * KB, truncated: true, contentLength: null },
      undefined,
      'Response is at least 1 MB, budget 512 KB',
    ],
    [
      'truncated read, larger Content-Length wins',
      { bytesRead: 1024 * KB, truncated: true, contentLength: 5 * 1024 * KB },
      undefined,
      'Response is 5 MB, budget 512 KB',
    ],
    [
      'small read but a large Content-Length (compressed)',
      { bytesRead: 10 * KB, truncated: false, contentLength: 600 * KB },
      undefined,
      'Response is 600 KB, budget 512 KB',
    ],
    [
      'larger read than Content-Length (decompressed)',
      { bytesRead: 700 * KB, truncated: false, contentLength: 100 * KB },
      undefined,
      'Response is 700 KB, budget 512 KB',
    ],
  ])('%s', (_name, body, budget, detail) => {
    const finding = detectLargePayload(body, budget);
    if (detail === null) {
      expect(finding).toBeNull();
      return;
    }
    expect(finding?.code).toBe('perf.large_payload');
    expect(finding?.detail).toBe(detail);
    expect(finding?.data).toEqual({
      bytes: Math.max(body.bytesRead, body.contentLength ?? 0),
      budget_bytes: budget ?? 512 * KB,
      truncated: body.truncated,
    });
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [1024 * 1024, '1 MB'],
  ])('formatBytes(%i) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('the findings options', () => {
  it.each([
    ['30d', 30],
    ['12h', 0.5],
    ['1.5d', 1.5],
    [' 7 d ', 7],
    ['0d', 0],
    ['30', null],
    ['30m', null],
    ['-1d', null],
    ['1w', null],
  ])('parseDurationDays(%j) = %j', (text, days) => {
    expect(parseDurationDays(text)).toBe(days);
  });

  it.each([
    ['2000B', 2000],
    ['512KB', 524_288],
    ['512KiB', 524_288],
    ['512 kb', 524_288],
    ['1MB', 1_048_576],
    ['1.5MiB', 1_572_864],
    ['512', null],
    ['1GB', null],
    ['KB', null],
  ])('parseSizeBytes(%j) = %j', (text, bytes) => {
    expect(parseSizeBytes(text)).toBe(bytes);
  });

  it('parses the YAML keys into FindingOptions', () => {
    expect(
      findingOptionsSchema.parse({
        sunset_warning: '30d',
        credential_warning: '36h',
        credential_max_lifetime: '90d',
        payload_budget: '1MB',
      }),
    ).toEqual({
      sunsetWarningDays: 30,
      credentialWarningDays: 1.5,
      credentialMaxLifetimeDays: 90,
      payloadBudgetBytes: 1_048_576,
    });
  });

  it('leaves absent keys absent so the defaults apply', () => {
    const parsed = findingOptionsSchema.parse({ payload_budget: '2000B' });
    expect(Object.keys(parsed)).toEqual(['payloadBudgetBytes']);
    expect(findingOptionsSchema.parse({})).toEqual({});
  });

  it.each([
    [{ sunset_warning: '30' }, 'sunset_warning'],
    [{ sunset_warning: 30 }, 'sunset_warning'],
    [{ credential_max_lifetime: '0d' }, 'credential_max_lifetime'],
    [{ payload_budget: '0KB' }, 'payload_budget'],
    [{ payload_budget: '1GB' }, 'payload_budget'],
    [{ sunsetWarning: '30d' }, ''],
  ])('rejects %j', (input, path) => {
    const result = findingOptionsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});

describe('collectFindings', () => {
  const input = (overrides: Partial<FindingInput> = {}): FindingInput => ({
    url: 'https://api.example.com/v1/orders',
    requestHeaders: new Headers(),
    response: { headers: new Headers({ 'strict-transport-security': 'max-age=63072000' }) },
    body: { bytesRead: 1000, truncated: false },
    ...overrides,
  });

  it('returns nothing for a healthy check', () => {
    expect(collectFindings(input(), {}, NOW)).toEqual([]);
  });

  it('combines every detector, in a stable order, with the clock it is given', () => {
    const token = jwt({ exp: epochS(NOW + 2 * DAY), iat: epochS(NOW - 58 * DAY) });
    const findings = collectFindings(
      input({
        url: 'http://api.example.com/v1/orders',
        requestHeaders: new Headers({ authorization: `Bearer ${token}` }),
        response: {
          headers: new Headers({
            deprecation: `@${epochS(NOW - 30 * DAY)}`,
            sunset: 'Wed, 16 Dec 2026 12:00:00 GMT',
            link: '</v2/orders>; rel="successor-version"',
            'content-length': '900000',
          }),
        },
      }),
      {},
      NOW,
    );
    expect(codes(findings)).toEqual([
      'api.deprecated',
      'api.sunset_soon',
      'credential.expiring',
      'credential.long_lived',
      'security.insecure_transport',
      'perf.large_payload',
    ]);
    expect(findings[1]?.detail).toBe(
      'Sunset in 20 days (2026-12-16); successor: http://api.example.com/v2/orders',
    );
    expect(findings[5]?.data?.bytes).toBe(900_000);
    expect(JSON.stringify(findings)).not.toContain(token.split('.')[1]);
  });

  it('passes the options to the detectors', () => {
    const token = jwt({ exp: epochS(NOW + 10 * DAY), iat: epochS(NOW - 10 * DAY) });
    const check = input({
      requestHeaders: new Headers({ authorization: `Bearer ${token}` }),
      response: {
        headers: new Headers({
          'strict-transport-security': 'max-age=1',
          sunset: httpDate(NOW + 50 * DAY),
        }),
      },
      body: { bytesRead: 5000, truncated: false },
    });
    expect(collectFindings(check, {}, NOW)).toEqual([]);
    const options = findingOptionsSchema.parse({
      sunset_warning: '60d',
      credential_warning: '14d',
      credential_max_lifetime: '12h',
      payload_budget: '2000B',
    });
    expect(codes(collectFindings(check, options, NOW))).toEqual([
      'api.sunset_soon',
      'credential.expiring',
      'credential.long_lived',
      'perf.large_payload',
    ]);
  });

  it('ignores an unreadable Content-Length', () => {
    const check = input({
      response: {
        headers: new Headers({ 'strict-transport-security': 'max-age=1', 'content-length': 'lots' }),
      },
    });
    expect(collectFindings(check, { payloadBudgetBytes: 2000 }, NOW)).toEqual([]);
  });
});
