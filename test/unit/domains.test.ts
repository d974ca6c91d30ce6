import { describe, expect, it } from 'vitest';
import { registrableDomain } from '../../src/probes/domain/registrable';
import { BUNDLED_BOOTSTRAP, parseRdapDomain, rdapBaseUrl } from '../../src/probes/domain/rdap';
import { domainFindings } from '../../src/probes/findings/domain';

describe('registrableDomain', () => {
  it.each([
    ['api.example.com', 'example.com'],
    ['www.shop.example.co.uk', 'example.co.uk'],
    ['EXAMPLE.com.', 'example.com'],
    ['a.b.example.com.au', 'example.com.au'],
    ['127.0.0.1', null],
    ['[::1]', null],
    ['localhost', null],
    ['app.localhost', null],
    ['co.uk', null],
  ])('%s -> %s', (host, domain) => expect(registrableDomain(host)).toBe(domain));
});

describe('RDAP', () => {
  it('finds the server for a TLD in the bundled IANA bootstrap, and none for a TLD it lacks', () => {
    expect(rdapBaseUrl(BUNDLED_BOOTSTRAP, 'example.com')).toMatch(
      /^https:\/\/rdap\.verisign\.com\/com\/v1\/$/,
    );
    expect(rdapBaseUrl(BUNDLED_BOOTSTRAP, 'example.norddap')).toBeNull();
  });

  it('reads the expiration event and the registrar vcard fn of an RFC 9083 domain object', () => {
    const reading = parseRdapDomain('example.com', 'https://rdap.test/', {
      objectClassName: 'domain',
      events: [
        { eventAction: 'registration', eventDate: '1995-08-14T04:00:00Z' },
        { eventAction: 'expiration', eventDate: '2027-08-13T04:00:00Z' },
      ],
      entities: [{ roles: ['registrar'], vcardArray: ['vcard', [['fn', {}, 'text', 'RESERVED-IANA']]] }],
    });
    expect(reading).toEqual({
      domain: 'example.com',
      expiresAt: Date.parse('2027-08-13T04:00:00Z'),
      registrar: 'RESERVED-IANA',
      server: 'https://rdap.test/',
    });
  });

  it('refuses what is not a domain object, and reads none without an expiration event', () => {
    expect(() => parseRdapDomain('x.com', 's', { errorCode: 404 })).toThrow(/not an RDAP domain/);
    expect(parseRdapDomain('x.com', 's', { objectClassName: 'domain', events: [] })).toMatchObject({
      expiresAt: null,
      registrar: null,
    });
  });

  it('raises domain.expiring at the lead crossed and domain.expired after', () => {
    const now = Date.UTC(2026, 0, 1);
    const at = (days: number) => ({
      domain: 'x.com',
      expiresAt: now + days * 86_400_000 + 1,
      registrar: 'R',
      server: 's',
    });
    expect(domainFindings(at(40), [30, 7], now)).toEqual([]);
    expect(domainFindings(at(20), [30, 7], now)[0]).toMatchObject({
      code: 'domain.expiring',
      data: { lead_days: 30 },
    });
    expect(domainFindings(at(-2), [30, 7], now)[0]).toMatchObject({
      code: 'domain.expired',
      data: { registrar: 'R' },
    });
  });
});
