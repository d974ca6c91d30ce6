import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverToChannel, type ResolvedChannel, type SendResult } from '../../src/alerting/channels';
import type { AlertEvent } from '../../src/alerting/events';
import { resolveChannel } from '../../src/alerting/routing';
import { channelSchema } from '../../src/config/alerting-schema';
import { secretsFromEnv } from '../../src/probes/templates';
import { alertEvent, finding } from '../fixtures/alert-events';
import { controlReceiver, receiversUrl, uniqueName } from '../receivers-client';

/**
 * Each newer channel against a local server speaking its service's API (test/setup/service-receivers.ts):
 * the path, method and credential, the native message with cause, explanation, hint, regions and
 * the link back, outside text made inert, resolution, and the service's own refusals.
 */

interface Received {
  path: string;
  method: string;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
  status: number | null;
  duplicate: boolean;
}

async function received(kind: string, name: string): Promise<Received[]> {
  return (await (await fetch(`${receiversUrl}/__received/${kind}/${name}`)).json()) as Received[];
}

const controlled: [string, string][] = [];
async function control(kind: string, name: string, body: Record<string, unknown>) {
  await controlReceiver(kind, name, body);
  controlled.push([kind, name]);
}
afterEach(async () => {
  for (const [kind, name] of controlled.splice(0)) await controlReceiver(kind, name, null);
});

/** Resolves a lookout.yaml channel entry as the outbox does (secrets from the test Worker's env). */
function channel(entry: Record<string, unknown>): ResolvedChannel {
  return resolveChannel(channelSchema.parse({ id: 'c', ...entry }), secretsFromEnv(env));
}

function deliver(to: ResolvedChannel, event: AlertEvent, keepAnswer = true): Promise<SendResult> {
  return deliverToChannel(
    to,
    event,
    { fetch: (input, init) => fetch(input, init), timeoutMs: 5000, nowS: Math.floor(Date.now() / 1000) },
    keepAnswer,
  );
}

const answerOf = (result: SendResult) => JSON.parse(result.answer ?? 'null') as Record<string, unknown>;

/** What a target may put in a header, a detail or a name: links, mentions and formatting of every kind. */
const HOSTILE =
  'Deprecation: <a href="https://evil.example/phish">click</a> @everyone @room <!channel> [x](https://evil.example/y) *bold* _it_ `code` <b>big</b> &amp; #general';

function hostileEvent(): AlertEvent {
  return alertEvent('finding.raised', {
    monitor: { id: 'orders-api', name: `Orders ${HOSTILE}`, group: 'payments' },
    summary: `Orders: ${HOSTILE}`,
    finding: finding({ detail: HOSTILE, data: { note: HOSTILE } }),
  });
}

const opened = alertEvent('incident.opened');
const resolved = alertEvent('incident.resolved');
const STATUS_LINK = 'https://status.example.test/monitors/orders-api';

describe('Telegram', () => {
  const telegram = (name: string, token = '${{ secrets.TEST_TELEGRAM_TOKEN }}') =>
    channel({
      kind: 'telegram',
      bot_token: token,
      chat_id: -1001234567890,
      api_url: `${receiversUrl}/telegram/${name}`,
    });

  it('sends sendMessage with parse_mode HTML: cause, explanation, hint, regions and the link back', async () => {
    const name = uniqueName('tg');
    await control('telegram', name, { token: env.TEST_TELEGRAM_TOKEN });
    const result = await deliver(telegram(name), opened);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(answerOf(result)).toMatchObject({ ok: true, result: { chat: { id: -1001234567890 } } });
    const [request] = await received('telegram', name);
    expect(request).toMatchObject({
      method: 'POST',
      path: `/telegram/${name}/bot${env.TEST_TELEGRAM_TOKEN}/sendMessage`,
    });
    expect(request?.body).toMatchObject({
      chat_id: -1001234567890,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
    const text = String(request?.body.text);
    expect(text).toContain('<b>🔴 Down: Orders API</b>');
    expect(text).toContain('<b>Cause:</b> <code>http.upstream</code> A gateway or a dependency');
    expect(text).toContain('<b>Hint:</b> Check the service&#39;s own dependencies');
    expect(text).toContain('<b>Regions:</b> Western Europe, Eastern North America');
    expect(text).toContain(`<a href="${STATUS_LINK}">Open on the status page</a>`);
  });

  it('a wrong bot token is refused with 401, as the Bot API does', async () => {
    const name = uniqueName('tg');
    await control('telegram', name, { token: env.TEST_TELEGRAM_TOKEN });
    const result = await deliver(
      channel({
        kind: 'telegram',
        bot_token: '${{ secrets.TEST_TELEGRAM_TOKEN }}',
        chat_id: '@lookout_alerts',
        api_url: `${receiversUrl}/telegram/${name}`,
      }),
      opened,
    );
    expect(result.ok).toBe(true);
    await control('telegram', name, { token: '7100000001:AAE-some-other-bot-token-000000000' });
    const refused = await deliver(telegram(name), opened);
    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(answerOf(refused)).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('outside text parses as text: no tag, link or mention of its own', async () => {
    const name = uniqueName('tg');
    const result = await deliver(telegram(name), hostileEvent());
    // The receiver parses the HTML as Telegram does: it would refuse an unknown tag with 400.
    expect(result).toMatchObject({ ok: true, status: 200 });
    const shown = String((answerOf(result).result as { text: string }).text);
    expect(shown).toContain('Deprecation: <a href="https://evil.example/phish">click</a>');
    expect(shown).toContain('[x](https://evil.example/y) *bold*');
    expect(shown).not.toMatch(/@everyone|@room/); // a word joiner after each @
    const [request] = await received('telegram', name);
    const html = String(request?.body.text);
    expect(html.match(/<a /g)).toHaveLength(1); // our own status link only
    expect(html).not.toContain('<b>big</b>');
    expect(html).toContain('<code>https://evil.example/phish&quot;&gt;click&lt;/a&gt;</code>');
  });
});

describe('Microsoft Teams (workflow webhook)', () => {
  it('posts a message with one Adaptive Card: outside text only in TextRuns, the link as an action', async () => {
    const name = uniqueName('teams');
    const url = `${receiversUrl}/teams/${name}?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sig=abc`;
    const result = await deliver(channel({ kind: 'teams', webhook_url: url }), opened);
    expect(result).toMatchObject({ ok: true, status: 202 });
    const hostile = await deliver(channel({ kind: 'teams', webhook_url: url }), hostileEvent());
    expect(hostile).toMatchObject({ ok: true, status: 202 });

    const [first, second] = await received('teams', name);
    expect(first?.body.type).toBe('message');
    const [attachment] = first?.body.attachments as {
      contentType: string;
      content: Record<string, unknown>;
    }[];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment?.content as {
      type: string;
      version: string;
      body: CardElement[];
      actions: unknown[];
    };
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open on the status page', url: STATUS_LINK },
    ]);
    const lines = card.body.map((e) => e.inlines?.map((r) => r.text).join('') ?? '');
    expect(lines).toEqual(
      expect.arrayContaining([
        '🔴 Down: Orders API',
        expect.stringMatching(/^Cause: http\.upstream A gateway or a dependency/),
        expect.stringMatching(/^Hint: Check the service's own dependencies/),
        'Regions: Western Europe, Eastern North America',
      ]),
    );

    const hostileCard = (second?.body.attachments as { content: { body: CardElement[] } }[])[0]?.content;
    // Markdown is read only in TextBlocks: none carries outside text.
    expect(hostileCard?.body.every((e) => e.type === 'RichTextBlock')).toBe(true);
    const runs = hostileCard?.body.flatMap((e) => e.inlines ?? []).map((r) => r.text) ?? [];
    expect(runs.some((t) => t.includes('[x](https://evil.example/y) *bold*'))).toBe(true);
    expect(runs.join('\n')).not.toMatch(/@everyone|@room/);
  });
});

interface CardElement {
  type: string;
  inlines?: { type: string; text: string }[];
}

describe('Google Chat', () => {
  const chatUrl = (name: string, query = '?key=AIzaSy-test&token=t0ken') =>
    `${receiversUrl}/google_chat/${name}${query}`;

  it('posts a cardsV2 card with the facts and a button back to the status page', async () => {
    const name = uniqueName('gchat');
    const result = await deliver(channel({ kind: 'google_chat', webhook_url: chatUrl(name) }), opened);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(String(answerOf(result).name)).toMatch(new RegExp(`^spaces/${name}/messages/`));
    const [request] = await received('google_chat', name);
    expect(request?.path).toBe(`/google_chat/${name}?key=AIzaSy-test&token=t0ken`);
    expect(request?.body.text).toBe('🔴 Down: Orders API');
    const [card] = request?.body.cardsV2 as { cardId: string; card: GoogleCard }[];
    expect(card?.cardId).toBe(opened.id);
    expect(card?.card.header).toEqual({ title: '🔴 Down: Orders API', subtitle: 'payments' });
    const widgets = card?.card.sections[0]?.widgets ?? [];
    const facts = Object.fromEntries(
      widgets.flatMap((w) => (w.decoratedText ? [[w.decoratedText.topLabel, w.decoratedText.text]] : [])),
    );
    expect(facts.Cause).toMatch(/^<b>http\.upstream<\/b> A gateway or a dependency/);
    expect(facts.Hint).toContain('Check the service&#39;s own dependencies');
    expect(facts.Regions).toBe('Western Europe, Eastern North America');
    expect(widgets).toContainEqual({
      buttonList: {
        buttons: [{ text: 'Open on the status page', onClick: { openLink: { url: STATUS_LINK } } }],
      },
    });
  });

  it('escapes outside text for card HTML and the text field; a webhook URL without its token is refused', async () => {
    const name = uniqueName('gchat');
    const result = await deliver(
      channel({ kind: 'google_chat', webhook_url: chatUrl(name) }),
      hostileEvent(),
    );
    // The receiver refuses card text with tags outside Chat's subset: a raw <a> or an unknown tag.
    expect(result).toMatchObject({ ok: true, status: 200 });
    const [request] = await received('google_chat', name);
    expect(String(request?.body.text)).not.toMatch(/[<>*_`]|@everyone/);
    const [card] = request?.body.cardsV2 as { card: GoogleCard }[];
    // Header titles are plain text in Chat; the sections' text is its HTML subset.
    expect(card?.card.header.title).toBe(`🔎 Finding: Orders ${HOSTILE}`);
    const body = JSON.stringify(card?.card.sections);
    expect(body).not.toContain('<a href');
    expect(body).toContain('&lt;a href=&quot;https:\u2060//evil.example/phish&quot;&gt;');

    const unauthorised = await deliver(
      channel({ kind: 'google_chat', webhook_url: chatUrl(name, '?key=AIzaSy-test') }),
      opened,
    );
    expect(unauthorised).toMatchObject({ ok: false, status: 401 });
    expect(answerOf(unauthorised)).toMatchObject({ error: { status: 'UNAUTHENTICATED' } });
  });
});

interface GoogleCard {
  header: { title: string; subtitle: string };
  sections: { widgets: { decoratedText?: { topLabel: string; text: string }; buttonList?: unknown }[] }[];
}

describe('Mattermost', () => {
  it('posts markdown text and an attachment with the facts; outside text escaped, mentions broken', async () => {
    const name = uniqueName('mm');
    const hook = channel({ kind: 'mattermost', webhook_url: `${receiversUrl}/mattermost/${name}` });
    const result = await deliver(hook, opened);
    expect(result).toMatchObject({ ok: true, status: 200, answer: 'ok' });
    expect(await deliver(hook, hostileEvent())).toMatchObject({ ok: true, status: 200 });

    const [first, second] = await received('mattermost', name);
    const [attachment] = first?.body.attachments as MattermostAttachment[];
    expect(attachment).toMatchObject({
      color: '#d93f3f',
      title: '🔴 Down: Orders API',
      title_link: STATUS_LINK,
    });
    expect(attachment?.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Cause',
          value: expect.stringMatching(/^`http\.upstream` A gateway/),
        }),
        expect.objectContaining({
          title: 'Regions',
          value: 'Western Europe, Eastern North America',
          short: true,
        }),
      ]),
    );
    const hostile = JSON.stringify(second?.body);
    expect(hostile).toContain('\\\\[x\\\\]');
    expect(hostile).toContain('\\\\*bold\\\\*');
    expect(hostile).not.toMatch(/@everyone|@room/);
    expect(hostile).toContain('`https://evil.example/y)`');

    // Mattermost's refusal of an empty message.
    const empty = await fetch(`${receiversUrl}/mattermost/${name}`, { method: 'POST', body: '{}' });
    expect(await empty.json()).toMatchObject({ id: 'web.incoming_webhook.text.app_error', status_code: 400 });
  });
});

interface MattermostAttachment {
  color: string;
  title: string;
  title_link: string;
  fields: { title: string; value: string; short: boolean }[];
}

describe('Opsgenie', () => {
  const opsgenie = (name: string) =>
    channel({
      kind: 'opsgenie',
      api_key: '${{ secrets.TEST_OPSGENIE_KEY }}',
      api_url: `${receiversUrl}/opsgenie/${name}`,
      tags: ['team-payments'],
    });

  it('creates an alert under the incident id and closes it by alias when the incident resolves', async () => {
    const name = uniqueName('og');
    await control('opsgenie', name, { token: env.TEST_OPSGENIE_KEY });
    const created = await deliver(opsgenie(name), opened);
    expect(created).toMatchObject({ ok: true, status: 202 });
    expect(answerOf(created)).toMatchObject({ result: 'Request will be processed' });
    expect(await deliver(opsgenie(name), resolved)).toMatchObject({ ok: true, status: 202 });

    const [create, close] = await received('opsgenie', name);
    expect(create).toMatchObject({ method: 'POST', path: `/opsgenie/${name}/v2/alerts` });
    expect(create?.headers.authorization).toBe(`GenieKey ${env.TEST_OPSGENIE_KEY}`);
    expect(create?.body).toMatchObject({
      message: '🔴 Down: Orders API',
      alias: 'inc_01HZX4',
      source: 'Lookout',
      priority: 'P1',
      entity: 'Orders API',
      tags: ['lookout', 'incident.opened', 'http.upstream', 'team-payments'],
      details: expect.objectContaining({
        cause: 'http.upstream',
        regions: 'weur, enam',
        status_page: STATUS_LINK,
      }),
    });
    expect(String(create?.body.description)).toContain('Hint: Check the service');
    expect(close).toMatchObject({
      method: 'POST',
      path: `/opsgenie/${name}/v2/alerts/inc_01HZX4/close?identifierType=alias`,
      body: { source: 'Lookout', note: resolved.summary },
    });
  });

  it('a wrong key is 401 and an empty message 422, in Opsgenie’s shapes; the EU instance by region', async () => {
    const name = uniqueName('og');
    await control('opsgenie', name, { token: 'another-key' });
    const refused = await deliver(opsgenie(name), opened);
    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(answerOf(refused)).toMatchObject({ message: 'Could not authenticate' });

    const empty = await fetch(`${receiversUrl}/opsgenie/${name}/v2/alerts`, {
      method: 'POST',
      headers: { authorization: 'GenieKey another-key' },
      body: JSON.stringify({ message: '' }),
    });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ errors: { message: 'Message can not be empty.' } });

    expect(
      channel({ kind: 'opsgenie', api_key: '${{ secrets.TEST_OPSGENIE_KEY }}', region: 'eu' }),
    ).toMatchObject({
      apiUrl: 'https://api.eu.opsgenie.com',
    });
  });
});

describe('ntfy', () => {
  it('publishes JSON to the server root with the token; plain text, a click back to the status page', async () => {
    const name = uniqueName('ntfy');
    await control('ntfy', name, { token: env.TEST_NTFY_TOKEN });
    const entry = { kind: 'ntfy', server: `${receiversUrl}/ntfy/${name}`, topic: 'lookout-alerts' };
    const anonymous = await deliver(channel(entry), opened);
    expect(anonymous).toMatchObject({ ok: false, status: 401 });
    expect(answerOf(anonymous)).toEqual({ code: 40101, http: 401, error: 'unauthorized' });

    const result = await deliver(channel({ ...entry, token: '${{ secrets.TEST_NTFY_TOKEN }}' }), opened);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(answerOf(result)).toMatchObject({ event: 'message', topic: 'lookout-alerts' });
    const [, request] = await received('ntfy', name);
    expect(request?.path).toBe(`/ntfy/${name}/`);
    expect(request?.headers.authorization).toBe(`Bearer ${env.TEST_NTFY_TOKEN}`);
    expect(request?.body).toMatchObject({
      topic: 'lookout-alerts',
      title: '🔴 Down: Orders API',
      priority: 5,
      click: STATUS_LINK,
      markdown: false,
    });
    expect(String(request?.body.message)).toMatch(
      /Cause: http\.upstream A gateway[\s\S]*Regions: Western Europe/,
    );
  });
});

describe('Pushover', () => {
  const pushover = (name: string) =>
    channel({
      kind: 'pushover',
      token: '${{ secrets.TEST_PUSHOVER_TOKEN }}',
      user: '${{ secrets.TEST_PUSHOVER_USER }}',
      api_url: `${receiversUrl}/pushover/${name}`,
    });

  it('posts to /1/messages.json with html=1, the status page as the URL, target HTML escaped', async () => {
    const name = uniqueName('po');
    const result = await deliver(pushover(name), opened);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(answerOf(result)).toMatchObject({ status: 1 });
    // The receiver refuses HTML outside Pushover's tags, and messages over 1024 characters.
    expect(await deliver(pushover(name), hostileEvent())).toMatchObject({ ok: true, status: 200 });

    const [request, hostile] = await received('pushover', name);
    expect(request?.path).toBe(`/pushover/${name}/1/messages.json`);
    expect(request?.body).toMatchObject({
      token: env.TEST_PUSHOVER_TOKEN,
      user: env.TEST_PUSHOVER_USER,
      title: '🔴 Down: Orders API',
      html: 1,
      priority: 1,
      url: STATUS_LINK,
      url_title: 'Open on the status page',
    });
    expect(String(request?.body.message)).toContain('<b>Cause:</b> <i>http.upstream</i> A gateway');
    expect(String(hostile?.body.message)).toContain('&lt;b&gt;big&lt;/b&gt;');
  });

  it('an invalid application token is refused with 400 and the reason', async () => {
    const name = uniqueName('po');
    await control('pushover', name, { token: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' });
    const refused = await deliver(pushover(name), opened);
    expect(refused).toMatchObject({ ok: false, status: 400 });
    expect(answerOf(refused)).toMatchObject({ token: 'invalid', status: 0 });
  });
});

describe('Matrix', () => {
  const matrix = (name: string) =>
    channel({
      kind: 'matrix',
      homeserver: `${receiversUrl}/matrix/${name}`,
      room_id: '!ops:example.org',
      access_token: '${{ secrets.TEST_MATRIX_TOKEN }}',
    });

  it('PUTs an m.room.message with the event id as transaction id: a retry is the same event', async () => {
    const name = uniqueName('mx');
    await control('matrix', name, { token: env.TEST_MATRIX_TOKEN });
    const first = await deliver(matrix(name), opened);
    const retry = await deliver(matrix(name), opened);
    expect(first).toMatchObject({ ok: true, status: 200 });
    expect(answerOf(retry).event_id).toBe(answerOf(first).event_id);

    const requests = await received('matrix', name);
    expect(requests.map((r) => [r.method, r.path, r.duplicate])).toEqual([
      [
        'PUT',
        `/matrix/${name}/_matrix/client/v3/rooms/!ops%3Aexample.org/send/m.room.message/${opened.id}`,
        false,
      ],
      [
        'PUT',
        `/matrix/${name}/_matrix/client/v3/rooms/!ops%3Aexample.org/send/m.room.message/${opened.id}`,
        true,
      ],
    ]);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${env.TEST_MATRIX_TOKEN}`);
    expect(requests[0]?.body).toMatchObject({
      msgtype: 'm.notice',
      format: 'org.matrix.custom.html',
      'm.mentions': {},
    });
    expect(String(requests[0]?.body.body)).toMatch(
      /Cause: http\.upstream A gateway[\s\S]*Status page: https/,
    );
    expect(String(requests[0]?.body.formatted_body)).toContain(
      '<strong>Cause:</strong> <code>http.upstream</code>',
    );
    expect(String(requests[0]?.body.formatted_body)).toContain(
      `<a href="${STATUS_LINK}">Open on the status page</a>`,
    );
  });

  it('escapes outside HTML and mentions nobody; a wrong token is M_UNKNOWN_TOKEN', async () => {
    const name = uniqueName('mx');
    expect(await deliver(matrix(name), hostileEvent())).toMatchObject({ ok: true, status: 200 });
    const [request] = await received('matrix', name);
    const html = String(request?.body.formatted_body);
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('&lt;b&gt;big&lt;/b&gt;');
    expect(String(request?.body.body)).not.toMatch(/@room|@everyone/);

    await control('matrix', name, { token: 'syt_someone_else' });
    const refused = await deliver(matrix(name), opened);
    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(answerOf(refused)).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
  });
});

describe('receivers that fail, in their own words', () => {
  it('Telegram 429 with Retry-After and Matrix 503 are not ok and retried', async () => {
    const tg = uniqueName('tg');
    await control('telegram', tg, { failWith: 429, retryAfter: '7' });
    const limited = await deliver(
      channel({
        kind: 'telegram',
        bot_token: '${{ secrets.TEST_TELEGRAM_TOKEN }}',
        chat_id: 1,
        api_url: `${receiversUrl}/telegram/${tg}`,
      }),
      opened,
    );
    expect(limited).toMatchObject({ ok: false, status: 429, retryAfterS: 7 });
    expect(answerOf(limited)).toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });

    const mx = uniqueName('mx');
    await control('matrix', mx, { failWith: 503 });
    const down = await deliver(
      channel({
        kind: 'matrix',
        homeserver: `${receiversUrl}/matrix/${mx}`,
        room_id: '!a:b.c',
        access_token: '${{ secrets.TEST_MATRIX_TOKEN }}',
      }),
      opened,
    );
    expect(down).toMatchObject({ ok: false, status: 503 });
  });
});
