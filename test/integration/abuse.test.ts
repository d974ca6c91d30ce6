import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/routes/limits';
import { tokenBits, weakToken } from '../../src/config/token-strength';
import { coordinatorWith } from '../coordinator';
import { makeToken, resetDb, T0, target } from '../helpers';

beforeEach(resetDb);

const url = (path: string) => `http://lookout.test${path}`;

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as {
    status: number;
    code: string;
    errors?: { field: string; message: string }[];
  };
}

/** A body sent as a stream, without Content-Length. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });
}

describe('request bodies are capped at 64 KB', () => {
  const big = JSON.stringify({ id: 'big', url: target('/ok', 'big'), body: 'x'.repeat(MAX_BODY_BYTES) });

  it('refuses a declared Content-Length over the cap with 413, before auth or parsing', async () => {
    const response = await exports.default.fetch(url('/api/v1/monitors'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(await problemOf(response)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('refuses a streamed body without Content-Length once it passes the cap', async () => {
    const write = await makeToken(['write']);
    const request = new Request(url('/api/v1/monitors'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
      body: streamed(big),
    });
    expect(request.headers.get('content-length')).toBeNull();
    const response = await exports.default.fetch(request);
    expect(response.status).toBe(413);
    expect((await problemOf(response)).code).toBe('payload_too_large');
    expect(await env.DB.prepare("SELECT id FROM monitors WHERE id = 'big'").first()).toBeNull();
  });

  it('accepts a streamed body under the cap', async () => {
    const write = await makeToken(['write']);
    const response = await exports.default.fetch(
      new Request(url('/api/v1/monitors'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
        body: streamed(JSON.stringify({ id: 'small', url: target('/ok', 'small') })),
      }),
    );
    expect(response.status).toBe(201);
  });
});

describe('a wrong method on a known path', () => {
  it.each([
    ['PATCH', '/api/v1/monitors/orders', 'GET, HEAD, PUT, DELETE'],
    ['DELETE', '/api/v1/monitors', 'GET, HEAD, POST'],
    ['PUT', '/api/v1/heartbeats/some-token', 'GET, HEAD, POST'],
    ['POST', '/', 'GET, HEAD'],
    ['DELETE', '/api/v1/health', 'GET, HEAD'],
  ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    const response = await exports.default.fetch(url(path), { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual(allow.split(', ').sort());
    expect(await problemOf(response)).toMatchObject({ status: 405, code: 'method_not_allowed' });
  });

  it('an unknown path is still 404, and a known one with its method still answers', async () => {
    expect((await exports.default.fetch(url('/api/v1/nothing'), { method: 'PATCH' })).status).toBe(404);
    expect((await exports.default.fetch(url('/api/v1/monitors'))).status).toBe(200);
  });
});

describe('heartbeat tokens of at least 128 bits', () => {
  it.each([
    ['0123456789abcdef0123456789abcdef', 128],
    ['0123456789abcdef0123456789abcde', 124],
    ['Zm9vYmFyYmF6cXV4cXV1eA', 132],
    ['hb-nightly-2026', 90],
  ])('%s holds %d bits', (token, bits) => {
    expect(tokenBits(token)).toBe(bits);
  });

  it('explains a weak one', () => {
    expect(weakToken('JOB', 'short')).toContain('secret JOB holds about 30 bits (5 characters)');
    expect(weakToken('JOB', 'a'.repeat(32))).toBeNull();
  });

  it('refuses a weak token at config load in the Worker, naming the path and reason', async () => {
    const stub = await coordinatorWith({
      regions: ['weur'],
      monitors: [{ id: 'nightly', kind: 'heartbeat', token: '${{ secrets.TEST_WEAK_TOKEN }}', period: '1h' }],
    });
    await stub.run(T0, 'cron');
    const read = await makeToken(['read']);
    const health = await exports.default.fetch(url('/api/v1/health'), {
      headers: { authorization: `Bearer ${read}` },
    });
    const body = (await health.json()) as { phases: { config: { last_error: string } } };
    expect(body.phases.config.last_error).toContain(
      'monitors[0].token: secret TEST_WEAK_TOKEN holds about 90 bits (15 characters); a heartbeat token needs at least 128',
    );
    // Its pings are refused like an unknown token's.
    const ping = await exports.default.fetch(url(`/api/v1/heartbeats/${env.TEST_WEAK_TOKEN}`));
    expect(ping.status).toBe(404);
  });

  it('reports two secrets holding one token at config load, naming both, and keeps monitoring', async () => {
    const stub = await coordinatorWith({
      regions: ['weur'],
      monitors: [
        { id: 'nightly', kind: 'heartbeat', token: '${{ secrets.TEST_HEARTBEAT_TOKEN }}', period: '1h' },
        { id: 'copy', kind: 'heartbeat', token: '${{ secrets.TEST_HEARTBEAT_TOKEN_COPY }}', period: '1h' },
      ],
    });
    const run = await stub.run(T0, 'cron');
    const read = await makeToken(['read']);
    const health = await exports.default.fetch(url('/api/v1/health'), {
      headers: { authorization: `Bearer ${read}` },
    });
    const body = (await health.json()) as { phases: { config: { last_error: string } } };
    expect(body.phases.config.last_error).toContain(
      'monitors[1].token: secret TEST_HEARTBEAT_TOKEN_COPY holds the same token as secret TEST_HEARTBEAT_TOKEN (monitors[0])',
    );
    expect(run.status === 'ran' && run.summary.errors.map((e) => e.phase)).toEqual(['config']);
    // The first monitor keeps the token: its pings count.
    const ping = await exports.default.fetch(url(`/api/v1/heartbeats/${env.TEST_HEARTBEAT_TOKEN}`));
    expect(ping.status).toBeLessThan(300);
  });

  it('refuses a heartbeat with a weak token through the API', async () => {
    const write = await makeToken(['write']);
    const response = await exports.default.fetch(url('/api/v1/monitors'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
      body: JSON.stringify({
        id: 'hb',
        kind: 'heartbeat',
        token: '${{ secrets.TEST_WEAK_TOKEN }}',
        period: '1h',
      }),
    });
    expect(response.status).toBe(422);
    expect((await problemOf(response)).errors).toEqual([
      { field: 'token', message: expect.stringContaining('TEST_WEAK_TOKEN holds about 90 bits') },
    ]);
  });
});

/**
 * Sends until refused (404s are the allowed answers here), at most two windows' worth: the limiter
 * counts in fixed windows, so a run that crosses a window's end gets up to `limit` more first.
 */
async function untilLimited(send: () => Promise<Response>, limit: number) {
  let allowed = 0;
  let response = await send();
  while (response.status === 404 && allowed < 2 * limit) {
    allowed += 1;
    response = await send();
  }
  return { allowed, limited: response };
}

describe('rate limits (the Rate Limiting binding)', () => {
  it('answers 429 with Retry-After once a heartbeat token has used its pings', async () => {
    const token = `${crypto.randomUUID()}-flood`;
    const { allowed, limited } = await untilLimited(
      () => exports.default.fetch(url(`/api/v1/heartbeats/${token}`)),
      30,
    );
    expect(limited.status).toBe(429);
    expect(allowed).toBeGreaterThanOrEqual(30);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await problemOf(limited)).code).toBe('rate_limited');
  });

  it('answers 429 with Retry-After once an API token has used its writes; reads and other tokens go on', async () => {
    const write = await makeToken(['write']);
    const pause = (token: string) =>
      exports.default.fetch(url('/api/v1/monitors/none/pause'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    const { allowed, limited } = await untilLimited(() => pause(write), 60);
    expect(allowed).toBeGreaterThanOrEqual(60);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await problemOf(limited)).code).toBe('rate_limited');
    expect((await pause(await makeToken(['write']))).status).toBe(404);
    expect((await exports.default.fetch(url('/api/v1/monitors'))).status).toBe(200);
  });

  it('limits nothing when the binding is absent', async () => {
    const { createApp } = await import('../../src/app');
    const app = createApp();
    const token = `${crypto.randomUUID()}-unbound`;
    const bare = { ...env, PING_LIMITER: undefined };
    for (let i = 0; i < 35; i++) {
      expect((await app.fetch(new Request(url(`/api/v1/heartbeats/${token}`)), bare)).status).toBe(404);
    }
  });
});
