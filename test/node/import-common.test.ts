import { describe, expect, it } from 'vitest';
import {
  fitInterval,
  interval,
  Mapping,
  safeBody,
  safeHeaders,
  safeUrl,
  statusSet,
  timeout,
} from '../../scripts/import/common';

describe('what every importer shares', () => {
  it('rounds intervals to 10, 15, 20, 30 s or whole minutes and timeouts into 100 ms - 30 s, noting each change', () => {
    const map = new Mapping();
    expect(
      [60_000, 90_000, 10_000, 12_000, 25_000, 45_000, 50_000, 3_600_000].map((ms) =>
        interval(ms, `${ms}`, map),
      ),
    ).toEqual(['1m', '2m', '10s', '10s', '30s', '1m', '1m', '1h']);
    expect([
      timeout(5000, 'd', map),
      timeout(250, 'e', map),
      timeout(60_000, 'f', map),
      timeout(50, 'g', map),
    ]).toEqual(['5s', '250ms', '30s', '100ms']);
    expect(map.notes.map((n) => n.path)).toEqual(['90000', '12000', '25000', '45000', '50000', 'f', 'g']);
  });

  it('lowers the timeout of a sub-minute check to half its interval', () => {
    const map = new Mapping();
    const fast = { id: 'a', url: 'https://a.example', interval: '10s' };
    fitInterval(fast, 'm', map);
    expect(fast).toMatchObject({ timeout: '5s' });
    expect(map.notes).toEqual([
      {
        path: 'm.timeout',
        what: 'timeout 10s became 5s',
        why: 'a check every 10s must end within half its interval',
      },
    ]);
    const slow = { id: 'b', url: 'https://b.example', interval: '30s', timeout: '2s' };
    fitInterval(slow, 'n', map);
    expect(slow.timeout).toBe('2s');
  });

  it('writes status ranges as classes, short ranges as codes, and gives up on long odd ranges', () => {
    expect(statusSet([[200, 299]])).toEqual(['2xx']);
    expect(statusSet([[200, 399]])).toEqual(['2xx', '3xx']);
    expect(
      statusSet([
        [200, 204],
        [301, 301],
      ]),
    ).toEqual([200, 201, 202, 203, 204, 301]);
    expect(statusSet([[200, 250]])).toBeNull();
  });

  it('moves credentials in headers to secrets and keeps the scheme in the file', () => {
    const map = new Mapping();
    expect(
      safeHeaders(
        { Authorization: 'Bearer abc', 'X-API-Key': 'k1', Cookie: 'sid=1', Accept: 'application/json' },
        'orders',
        'h',
        map,
      ),
    ).toEqual({
      Authorization: 'Bearer ${{ secrets.ORDERS_AUTHORIZATION }}',
      'X-API-Key': '${{ secrets.ORDERS_X_API_KEY }}',
      Cookie: '${{ secrets.ORDERS_COOKIE }}',
      Accept: 'application/json',
    });
  });

  it('moves user:password and credential query values out of URLs, leaving other URLs as written', () => {
    const map = new Mapping();
    expect(safeUrl('https://bob:pw@api.example/x?page=2&token=t0k', 'api', 'u', map)).toEqual({
      url: 'https://api.example/x?page=2&token=${{ secrets.API_TOKEN }}',
      headers: { Authorization: 'Basic ${{ secrets.API_BASIC_AUTH }}' },
    });
    expect(map.secrets).toEqual([
      { name: 'API_BASIC_AUTH', path: 'u (user:password in the URL)', value: 'the base64 of user:password' },
      { name: 'API_TOKEN', path: 'u (query token)' },
    ]);
    expect(safeUrl('https://example.com', 'x', 'u', map).url).toBe('https://example.com');
  });

  it('moves credential fields of a JSON body to secrets, and flags a text body that may hold one', () => {
    const map = new Mapping();
    expect(
      safeBody('{"user":"probe","password":"hunter2","nested":{"api_key":"k"}}', 'login', 'b', map),
    ).toEqual({
      json: {
        user: 'probe',
        password: '${{ secrets.LOGIN_PASSWORD }}',
        nested: { api_key: '${{ secrets.LOGIN_API_KEY }}' },
      },
    });
    expect(safeBody('{"probe":true}', 'p', 'b', map)).toEqual({ body: '{"probe":true}' });
    expect(safeBody('user=probe&password=hunter2', 'f', 'form', map)).toEqual({
      body: 'user=probe&password=hunter2',
    });
    expect(map.notes.at(-1)).toMatchObject({ path: 'form', what: 'a body that may hold a credential' });
  });

  it('gives every secret and id its own name', () => {
    const map = new Mapping();
    expect([
      map.secret('slack webhook', 'a'),
      map.secret('SLACK_WEBHOOK', 'b'),
      map.secret('9lives', 'c'),
    ]).toEqual(['${{ secrets.SLACK_WEBHOOK }}', '${{ secrets.SLACK_WEBHOOK_2 }}', '${{ secrets._9LIVES }}']);
    expect([map.id('API Health', 'x'), map.id('api health', 'y'), map.id('Ünïcode ✓', 'z')]).toEqual([
      'api-health',
      'api-health-2',
      'unicode',
    ]);
  });
});
