import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { HttpSpec } from '../../src/config/checks';
import { runCheck } from '../../src/probes/check';
import { secretsFromEnv } from '../../src/probes/templates';
import { applyConfig, monitorsFrom, resetDb, T0, target, targetRequests, tick } from '../helpers';

beforeEach(resetDb);

const SECRET = env.TEST_API_TOKEN;
const KEY = env.TEST_PD_KEY;
const otherOrigin = inject('otherOriginUrl');

/** A URL on the target's other origin (another port), tagged like `target()`. */
function elsewhere(path: string, tag: string): string {
  const url = new URL(path, otherOrigin);
  url.searchParams.set('tag', tag);
  return url.toString();
}

/** A POST carrying credentials every way a check can: headers, a cookie, a JSON body. */
function credentialed(id: string, url: string) {
  return {
    id,
    url,
    method: 'POST',
    headers: {
      Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}',
      Cookie: 'session=s3ss10n-cookie',
      'Proxy-Authorization': 'Basic cHJveHk6cHc=',
      'X-Api-Key': '${{ secrets.TEST_PD_KEY }}',
      'X-Static': 'visible',
    },
    json: { password: '${{ secrets.TEST_API_TOKEN }}' },
  };
}

/** What the second request of a redirect (the one the hop made) carried. */
async function hopOf(tag: string) {
  const requests = await targetRequests(tag);
  expect(requests.map((r) => r.path)).toEqual(['/redirect-to', '/echo']);
  return requests[1] as (typeof requests)[number] & { body: string };
}

async function run(monitor: object) {
  await applyConfig({ regions: ['weur'], monitors: [monitor] });
  await tick(T0);
}

describe('redirects as browsers follow them', () => {
  it('a 307 to another origin keeps the method but drops credentials, secret headers and the body', async () => {
    await run(
      credentialed(
        'cross',
        target('/redirect-to', 'cross-307', { code: '307', to: elsewhere('/echo', 'cross-307') }),
      ),
    );
    const hop = await hopOf('cross-307');
    expect(hop.url).not.toContain(inject('targetUrl'));
    expect(hop.method).toBe('POST');
    expect(hop.headers).not.toHaveProperty('authorization');
    expect(hop.headers).not.toHaveProperty('cookie');
    expect(hop.headers).not.toHaveProperty('proxy-authorization');
    expect(hop.headers).not.toHaveProperty('x-api-key');
    expect(hop.headers).not.toHaveProperty('content-type');
    expect(hop.headers['x-static']).toBe('visible');
    expect(hop.body).toBe('');
    expect(JSON.stringify(hop)).not.toContain(SECRET);
    expect(JSON.stringify(hop)).not.toContain(KEY);
  });

  it('a 307 on the same origin keeps everything: credentials, method and body', async () => {
    await run(
      credentialed(
        'same',
        target('/redirect-to', 'same-307', { code: '307', to: target('/echo', 'same-307') }),
      ),
    );
    const hop = await hopOf('same-307');
    expect(hop.method).toBe('POST');
    expect(hop.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(hop.headers.cookie).toBe('session=s3ss10n-cookie');
    expect(hop.headers['x-api-key']).toBe(KEY);
    expect(hop.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hop.body)).toEqual({ password: SECRET });
  });

  it('a 302 after a POST becomes a GET without body or body headers, same origin or not', async () => {
    await run(
      credentialed(
        'same-302',
        target('/redirect-to', 'same-302', { code: '302', to: target('/echo', 'same-302') }),
      ),
    );
    const same = await hopOf('same-302');
    expect([same.method, same.body, same.headers['content-type']]).toEqual(['GET', '', undefined]);
    expect(same.headers.authorization).toBe(`Bearer ${SECRET}`);

    await resetDb();
    await run(
      credentialed(
        'cross-303',
        target('/redirect-to', 'cross-303', { code: '303', to: elsewhere('/echo', 'cross-303') }),
      ),
    );
    const cross = await hopOf('cross-303');
    expect([cross.method, cross.body, cross.headers.authorization]).toEqual(['GET', '', undefined]);
  });

  it('a secret in the query does not follow a Location that copies it to another origin', async () => {
    await run({
      id: 'query',
      url: target('/redirect-to', 'query-copy', { copy: '1', to: elsewhere('/echo', 'query-copy') }),
      query: { api_key: '${{ secrets.TEST_API_TOKEN }}', page: '2' },
    });
    const requests = await targetRequests('query-copy');
    expect(requests[0]?.url).toContain(`api_key=${SECRET}`);
    const hop = await hopOf('query-copy');
    expect(hop.url).toContain('page=2');
    expect(hop.url).not.toContain(SECRET);
  });

  it('refuses an https to http hop with its own cause, sending nothing to the http URL', async () => {
    const [monitor] = monitorsFrom({
      monitors: [
        {
          id: 'downgrade',
          url: 'https://secure.lookout.test/login',
          headers: { Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}' },
        },
      ],
    });
    const insecure = target('/echo', 'downgrade');
    const result = await runCheck('downgrade', monitor?.spec as HttpSpec, {
      // The https origin is played here (the local target speaks http only); the hop would reach the real one.
      fetch: (input, init) =>
        String(input).startsWith('https://secure.lookout.test/')
          ? Promise.resolve(new Response(null, { status: 301, headers: { location: insecure } }))
          : fetch(input, init),
      connect: () => {
        throw new Error('no sockets here');
      },
      region: 'weur',
      shard: 'weur:0',
      colo: 'local',
      secrets: secretsFromEnv(env),
      now: Date.now,
    });
    expect(result).toMatchObject({
      outcome: 'down',
      cause: 'http.insecure_redirect',
      httpStatus: 301,
      detail: expect.stringContaining('from https to plain http'),
    });
    expect(await targetRequests('downgrade')).toHaveLength(0);
  });
});
