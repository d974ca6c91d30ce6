import { env, exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { testChannel } from '../../src/alerting/channel-test';
import { channelSchema, type ChannelConfig } from '../../src/config/alerting-schema';
import { emailBindingsFrom } from '../../src/email/providers';
import type { AppEnv } from '../../src/env';
import { ApiError, problem } from '../../src/lib/errors';
import { secretsFromEnv } from '../../src/probes/templates';
import { channelsRoutes } from '../../src/routes/api/channels';
import { formatOutcome, parseAlertTestArgs, parseDevVars } from '../../scripts/alert-test-lib';
import { makeToken, resetDb } from '../helpers';
import { controlReceiver, receivedBy, receiversUrl, uniqueName } from '../receivers-client';

/**
 * `npm run alert:test`: its core (one test alert through one channel, the receiver's answer kept),
 * the arguments and `.dev.vars` it reads, what it prints, and the route `--remote` calls.
 */
beforeEach(resetDb);

const deps = () => ({
  secrets: secretsFromEnv(env),
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  emailBinding: emailBindingsFrom(env),
  now: Date.now(),
  statusPageUrl: 'https://status.example.test',
});

describe('testChannel', () => {
  it("sends a test alert and keeps the receiver's status and answer", async () => {
    const name = uniqueName('alert-test');
    await controlReceiver('telegram', name, { token: env.TEST_TELEGRAM_TOKEN });
    const config = channelSchema.parse({
      id: 'tg',
      kind: 'telegram',
      bot_token: '${{ secrets.TEST_TELEGRAM_TOKEN }}',
      chat_id: 42,
      api_url: `${receiversUrl}/telegram/${name}`,
    });
    const outcome = await testChannel(config, deps());
    expect(outcome).toMatchObject({
      channel: 'tg',
      kind: 'telegram',
      delivered: true,
      status: 200,
      error: null,
    });
    expect(JSON.parse(outcome.answer ?? '{}')).toMatchObject({ ok: true, result: { chat: { id: 42 } } });
    const [request] = await receivedBy('telegram', name);
    expect(String(request?.body.text)).toContain('Test alert from Lookout to channel &quot;tg&quot;');
    expect(String(request?.body.text)).toContain('<code>lookout.test</code>');
  });

  it('says which secret is missing (never a value), and what a refusal answered', async () => {
    const missing = await testChannel(
      channelSchema.parse({ id: 'og', kind: 'opsgenie', api_key: '${{ secrets.NOT_SET_ANYWHERE }}' }),
      deps(),
    );
    expect(missing).toMatchObject({ delivered: false, status: null, answer: null });
    expect(missing.error).toContain('NOT_SET_ANYWHERE');

    const name = uniqueName('alert-test');
    await controlReceiver('matrix', name, { token: 'syt_the_right_one' });
    const refused = await testChannel(
      channelSchema.parse({
        id: 'mx',
        kind: 'matrix',
        homeserver: `${receiversUrl}/matrix/${name}`,
        room_id: '!r:example.org',
        access_token: '${{ secrets.TEST_MATRIX_TOKEN }}',
      }),
      deps(),
    );
    expect(refused).toMatchObject({ delivered: false, status: 401 });
    expect(formatOutcome(refused, 'local')).toContain('"errcode": "M_UNKNOWN_TOKEN"');
    await controlReceiver('matrix', name, null);
  });
});

describe('the alert:test command line', () => {
  it('reads --channel, --remote, --url and --config; LOOKOUT_URL and LOOKOUT_CONFIG from the environment', () => {
    expect(parseAlertTestArgs(['--channel', 'ops'], {})).toEqual({
      channel: 'ops',
      remote: false,
      url: null,
      config: 'lookout.yaml',
    });
    expect(
      parseAlertTestArgs(['--channel', 'ops', '--remote'], {
        LOOKOUT_URL: 'https://lookout.example',
        LOOKOUT_CONFIG: 'x.yaml',
      }),
    ).toEqual({ channel: 'ops', remote: true, url: 'https://lookout.example', config: 'x.yaml' });
    expect(() => parseAlertTestArgs([], {})).toThrow('--channel ID is required');
    expect(() => parseAlertTestArgs(['--channel', 'ops', '--remote'], {})).toThrow(
      '--remote needs the Worker URL',
    );
    expect(() => parseAlertTestArgs(['--channel'], {})).toThrow('--channel needs a value');
  });

  it('reads .dev.vars as wrangler does', () => {
    expect(
      parseDevVars(
        '# local secrets\nTELEGRAM_TOKEN=123:abc\nQUOTED="a \\"b\\" c"\nSINGLE=\'x y\'\nexport LAST=v # note\n\nnot a line',
      ),
    ).toEqual({ TELEGRAM_TOKEN: '123:abc', QUOTED: 'a "b" c', SINGLE: 'x y', LAST: 'v' });
  });

  it('prints the outcome with a hint when an email binding is tried locally', () => {
    const text = formatOutcome(
      {
        channel: 'mail',
        kind: 'email',
        event_id: 'evt_test',
        delivered: false,
        status: null,
        error: 'no send_email binding named EMAIL',
        answer: null,
      },
      'local',
    );
    expect(text).toBe(
      [
        'NOT delivered: test alert evt_test to email channel "mail" (sent from this machine)',
        'status: (no HTTP answer)',
        'error: no send_email binding named EMAIL',
        'hint: email bindings exist only inside the Worker: run again with --remote',
        'answer: (empty)',
      ].join('\n'),
    );
  });
});

describe('POST /api/v1/channels/{id}/test', () => {
  /** The route as the app mounts it, with the given channels instead of the bundled config's. */
  function app(channels: ChannelConfig[]) {
    const routes = new Hono<AppEnv>().route(
      '/api/v1',
      channelsRoutes(async () => ({ channels, statusPageUrl: null })),
    );
    routes.onError((error, c) =>
      error instanceof ApiError ? problem(c, error) : c.text(String(error), 500),
    );
    return routes;
  }

  it("needs a write token, then sends through the Worker's own binding and answers with the outcome", async () => {
    const channels = [
      channelSchema.parse({
        id: 'mail',
        kind: 'email',
        provider: 'cloudflare',
        binding: 'TEST_EMAIL',
        from: 'alerts@example.com',
        to: ['oncall@example.com'],
      }),
    ];
    const url = 'http://lookout.test/api/v1/channels/mail/test';
    expect((await app(channels).request(url, { method: 'POST' }, env)).status).toBe(401);
    const read = await makeToken(['read']);
    expect(
      (
        await app(channels).request(
          url,
          { method: 'POST', headers: { authorization: `Bearer ${read}` } },
          env,
        )
      ).status,
    ).toBe(403);

    const write = await makeToken(['write']);
    const response = await app(channels).request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${write}` } },
      env,
    );
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as Record<string, unknown>;
    expect(outcome).toMatchObject({
      channel: 'mail',
      kind: 'email',
      delivered: true,
      status: null,
      error: null,
    });
    expect(JSON.parse(String(outcome.answer))).toMatchObject({ messageId: expect.any(String) });
  });

  it('is mounted in the app: an unknown channel is 404 channel_not_found', async () => {
    const write = await makeToken(['write']);
    const response = await exports.default.fetch('http://lookout.test/api/v1/channels/nope/test', {
      method: 'POST',
      headers: { authorization: `Bearer ${write}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, code: 'channel_not_found' });
  });
});
