import { describe, expect, it } from 'vitest';
import { clip } from '../../src/lib/clip';
import { shorten } from '../../src/probes/assertions/checks';
import { formsOf, redactOutcome, redactor, REDACTED } from '../../src/probes/redaction';
import type { CheckOutcome } from '../../src/probes/outcome';

const SECRET = 'sk_live "quoted" \\ back/slash é ✓ a+b=c&d';
const TOKEN = 'eyJhbGciOi.payload-Zx9';
const scrub = redactor([SECRET, TOKEN]);
const utf8Base64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
const leaks = (text: string) => formsOf(SECRET).some((f) => text.includes(f)) || text.includes('sk_live');

describe('redaction: the forms of a value, scrubbed everywhere', () => {
  it.each([
    ['raw', SECRET],
    ['encodeURIComponent', encodeURIComponent(SECRET)],
    ['form-urlencoded', new URLSearchParams({ k: SECRET }).toString().slice(2)],
    ['a query set through URL', new URL(`http://h/?k=${encodeURIComponent(SECRET)}`).search.slice(3)],
    [
      'a form-encoded query decoded as a URI component (spaces left as +)',
      decodeURIComponent(new URLSearchParams({ k: SECRET }).toString().slice(2)),
    ],
    [
      'JSON-escaped form of that',
      JSON.stringify(decodeURIComponent(new URLSearchParams({ k: SECRET }).toString().slice(2))).slice(1, -1),
    ],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    [
      'JSON-escaped, ASCII only',
      JSON.stringify(SECRET)
        .slice(1, -1)
        .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ],
    ['base64', utf8Base64(SECRET)],
    ['base64url', utf8Base64(SECRET).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')],
  ])('removes the %s form', (_, form) => {
    const text = `expected 200, got 401: {"echo":"${form}"}`;
    const out = scrub(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(form);
    expect(out).not.toContain('sk_live');
  });

  it('removes a value inside a longer base64 input (Basic auth of user:value), at every alignment', () => {
    for (const user of ['u', 'us', 'use', 'user']) {
      const header = `Basic ${utf8Base64(`${user}:${TOKEN}`)}`;
      const out = scrub(`got authorization ${header}`);
      expect(out, user).toContain(REDACTED);
      // What is left is at most the two characters on each side that mix in the neighbours' bits.
      expect(out.length, user).toBeLessThan(
        `got authorization Basic `.length + 4 + 2 * 4 + REDACTED.length + 4,
      );
    }
  });

  it('removes a value cut by a truncation that ran after it (a piece before or after an ellipsis)', () => {
    const body = `${'x'.repeat(190)}${SECRET} tail`;
    expect(shorten(body, 200)).not.toBe(body);
    expect(leaks(scrub(shorten(body, 200)))).toBe(false);
    expect(scrub(shorten(body, 200)).endsWith(`${REDACTED}…`)).toBe(true);
    const encoded = `${'x'.repeat(195)}${encodeURIComponent(TOKEN)}`;
    expect(scrub(clip(encoded, 200))).not.toContain('eyJh');
    // The excerpt of a body starts with an ellipsis: the end of a value cut at its start.
    expect(scrub(`…${TOKEN.slice(5)} and more`)).toBe(`…${REDACTED} and more`);
  });

  it('leaves text without a value alone, and a cut text that does not end in one', () => {
    expect(scrub('expected 200, got 503 …')).toBe('expected 200, got 503 …');
    expect(redactor([])('anything sk_live')).toBe('anything sk_live');
  });

  it('scrubs every string of every finding, data included (a successor link resolved against ?api_key=)', () => {
    const link = new URL(
      `/v2/items?api_key=${encodeURIComponent(SECRET)}`,
      'https://api.example/',
    ).toString();
    const outcome: CheckOutcome = {
      startedAt: 0,
      ttfbMs: 1,
      totalMs: 2,
      httpStatus: 200,
      outcome: 'down',
      cause: 'assert.body',
      detail: `step "use": expected 200, got ${JSON.stringify({ token: TOKEN })}`,
      findings: [
        {
          code: 'lifecycle.deprecated',
          detail: `successor ${link}`,
          data: { successor: link, days: 3, ok: null },
        },
      ],
    };
    const out = redactOutcome(outcome, [SECRET, TOKEN]);
    const text = JSON.stringify(out);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('sk_live');
    expect(out.findings[0]?.data).toMatchObject({
      days: 3,
      ok: null,
      successor: expect.stringContaining(REDACTED),
    });
  });
});
