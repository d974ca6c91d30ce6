import { describe, expect, it } from 'vitest';
import failureCodes from '../../docs/failure-codes.md?raw';
import readme from '../../README.md?raw';
import { CAUSES, causeOfStatus, describeCode, FINDINGS } from '../../src/probes/taxonomy';

describe('the taxonomy', () => {
  it.each([
    [400, 'http.bad_request'],
    [401, 'http.unauthorized'],
    [403, 'http.forbidden'],
    [404, 'http.not_found'],
    [405, 'http.method_not_allowed'],
    [410, 'http.gone'],
    [429, 'http.rate_limited'],
    [500, 'http.server_error'],
    [501, 'http.server_error'],
    [502, 'http.upstream'],
    [503, 'http.upstream'],
    [504, 'http.upstream'],
    [301, 'http.redirect'],
    [418, 'http.unexpected_status'],
    [200, 'http.unexpected_status'],
    [521, 'net.refused'],
    [522, 'net.timeout'],
    [525, 'tls.invalid'],
    [526, 'tls.invalid'],
    [530, 'net.dns'],
  ])('status %d means %s', (status, cause) => {
    expect(causeOfStatus(status)).toBe(cause);
  });

  it('explains every code with a hint, and docs/failure-codes.md documents every code', () => {
    for (const code of [...Object.keys(CAUSES), ...Object.keys(FINDINGS)]) {
      const entry = describeCode(code);
      expect(entry?.explanation.length, code).toBeGreaterThan(10);
      expect(entry?.hint.length, code).toBeGreaterThan(10);
      expect(failureCodes, `docs/failure-codes.md documents ${code}`).toContain(`\`${code}\``);
    }
    expect(describeCode('no.such_code')).toBeNull();
  });

  it('knows every failure code the README names', () => {
    const named = [
      ...readme.matchAll(/`((?:http|net|tls|assert|perf|security|dependency|heartbeat)\.[a-z0-9_]+)`/g),
    ];
    expect(named.length).toBeGreaterThan(0);
    for (const [, code] of named) expect(describeCode(code ?? ''), `README names ${code}`).not.toBeNull();
  });
});
