import { describe, expect, it } from 'vitest';
import {
  buildChannelRequest,
  discordMessage,
  pagerDutyEvent,
  parseRetryAfter,
  sendChannelRequest,
  signWebhook,
  slackMessage,
  webhookPayload,
  type ChannelRequest,
} from '../../src/alerting/channels';
import { DISCORD_COLORS, DISCORD_LIMITS, type DiscordEmbed } from '../../src/alerting/channels/discord';
import { clip, formatDuration } from '../../src/alerting/channels/format';
import type { PagerDutyTrigger } from '../../src/alerting/channels/pagerduty';
import { SLACK_LIMITS, type SlackBlock } from '../../src/alerting/channels/slack';
import type { AlertEvent } from '../../src/alerting/events';
import { EVENT_TYPES, OCCURRED_AT, alertEvent } from '../fixtures/alert-events';

const LONG = 'x'.repeat(10_000);

/** An event with every text far over every limit. */
function oversized(type: (typeof EVENT_TYPES)[number]): AlertEvent {
  const event = alertEvent(type);
  return {
    ...event,
    summary: `<${LONG}>`,
    monitor: { id: 'm'.repeat(2000), name: `N&${LONG}`, group: LONG },
    incident: event.incident && {
      ...event.incident,
      explanation: LONG,
      hint: `&${LONG}`,
      dependents: Array.from({ length: 500 }, (_, i) => `dependent-${i}`),
    },
    finding: event.finding && {
      ...event.finding,
      detail: LONG,
      explanation: LONG,
      hint: LONG,
      data: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, LONG])),
    },
  };
}

function sectionOf(blocks: SlackBlock[]) {
  const section = blocks.find((b) => b.type === 'section');
  if (!section || section.type !== 'section') throw new Error('no section');
  return section;
}

function fieldTexts(event: AlertEvent): string[] {
  return (sectionOf(slackMessage(event).blocks).fields ?? []).map((f) => f.text);
}

describe('slackMessage', () => {
  it('opens with a header, the summary and the incident in fields', () => {
    const event = alertEvent('incident.opened');
    const message = slackMessage(event);
    expect(message.text).toBe(event.summary);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '🔴 Down: Orders API', emoji: true },
    });
    expect(sectionOf(message.blocks).text.text).toBe(event.summary);
    expect(fieldTexts(event)).toEqual([
      '*Monitor*\nOrders API (payments)',
      `*Cause*\n\`http.upstream\`\n${event.incident?.explanation}`,
      `*Hint*\n${event.incident?.hint}`,
      '*Regions*\nWestern Europe, Eastern North America',
      '*Since*\n2026-04-20 12:53 UTC (12m)',
    ]);
  });

  it('links to the status page only when there is one', () => {
    const linked = slackMessage(alertEvent('incident.opened'));
    const context = linked.blocks.at(-1);
    expect(context?.type).toBe('context');
    expect(JSON.stringify(context)).toContain(
      '<https://status.example.test/monitors/orders-api|Open on the status page>',
    );
    const unlinked = slackMessage(alertEvent('incident.opened', { statusPageUrl: null }));
    expect(JSON.stringify(unlinked)).not.toContain('status page');
  });

  it('shows the duration when resolved and the cause change when updated', () => {
    expect(fieldTexts(alertEvent('incident.resolved'))).toContain(
      '*Duration*\n1h 5m, since 2026-04-20 12:53 UTC',
    );
    expect(slackMessage(alertEvent('incident.resolved')).blocks[0]).toMatchObject({
      text: { text: '✅ Recovered: Orders API' },
    });
    expect(fieldTexts(alertEvent('incident.updated'))[1]).toMatch(
      /^\*Cause\*\n`http.upstream` → `net.timeout`\n/,
    );
  });

  it('shows a finding with its code, detail, explanation and hint', () => {
    const event = alertEvent('finding.raised');
    expect(fieldTexts(event)).toEqual([
      '*Monitor*\nOrders API (payments)',
      `*Finding*\n\`api.sunset_soon\`\n${event.finding?.explanation}`,
      `*Detail*\n${event.finding?.detail}`,
      `*Hint*\n${event.finding?.hint}`,
      '*Data*\nsunset: 2026-06-01\ndays: 42',
      '*At*\n2026-04-20 13:05 UTC',
    ]);
    expect(slackMessage(event).blocks[0]).toMatchObject({ text: { text: '🔎 Finding: Orders API' } });
  });

  it("escapes Slack's control characters in names and details", () => {
    const event = alertEvent('incident.opened', {
      monitor: { id: 'm', name: 'A <b> & <!channel>', group: null },
    });
    expect(fieldTexts(event)[0]).toBe('*Monitor*\nA &lt;b&gt; &amp; &lt;!channel&gt;');
    const loud = slackMessage(alertEvent('incident.opened', { summary: '<!channel> is down' }));
    expect(loud.text).toBe('&lt;!channel&gt; is down');
    expect(sectionOf(loud.blocks).text.text).toBe('&lt;!channel&gt; is down');
  });

  it.each(EVENT_TYPES)('keeps %s within Slack limits', (type) => {
    const message = slackMessage(oversized(type));
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
    const [header] = message.blocks;
    expect(header?.type === 'header' && header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    const section = sectionOf(message.blocks);
    expect(section.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(section.fields?.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    for (const f of section.fields ?? []) {
      expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.field);
      expect(f.text).not.toMatch(/&[a-z]*…/); // no entity cut in half
    }
  });
});

function embedOf(event: AlertEvent): DiscordEmbed {
  return discordMessage(event).embeds[0];
}

describe('discordMessage', () => {
  it('is one embed with title, description, fields, time and link', () => {
    const event = alertEvent('incident.opened');
    const embed = embedOf(event);
    expect(embed).toMatchObject({
      title: '🔴 Down: Orders API',
      description: event.summary,
      color: DISCORD_COLORS.red,
      timestamp: '2026-04-20T13:05:00.000Z',
      url: 'https://status.example.test/monitors/orders-api',
    });
    expect(embed.fields.map((f) => f.name)).toEqual([
      'Monitor',
      'Group',
      'Severity',
      'Cause',
      'Hint',
      'Regions',
      'Since',
    ]);
    expect(embed.fields.find((f) => f.name === 'Cause')?.value).toBe(
      `\`http.upstream\`\n${event.incident?.explanation}`,
    );
    expect(discordMessage(event).allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(alertEvent('incident.opened', { statusPageUrl: null })).url).toBeUndefined();
  });

  it('colours by type: red when down, orange when changing or warning, green when resolved', () => {
    const colors = Object.fromEntries(EVENT_TYPES.map((t) => [t, embedOf(alertEvent(t)).color]));
    expect(colors).toEqual({
      'incident.opened': DISCORD_COLORS.red,
      'incident.reminder': DISCORD_COLORS.red,
      'heartbeat.missed': DISCORD_COLORS.red,
      'incident.updated': DISCORD_COLORS.orange,
      'monitor.degraded': DISCORD_COLORS.orange,
      'finding.raised': DISCORD_COLORS.orange,
      'incident.resolved': DISCORD_COLORS.green,
    });
  });

  it('shows a finding and its data', () => {
    const fields = embedOf(alertEvent('finding.raised')).fields;
    expect(fields.find((f) => f.name === 'Finding')?.value).toMatch(/^`api\.sunset_soon`\n/);
    expect(fields.find((f) => f.name === 'Detail')?.value).toBe('Sunset on 2026-06-01 (42 days)');
    expect(fields.find((f) => f.name === 'days')).toEqual({ name: 'days', value: '42', inline: true });
    expect(embedOf(alertEvent('incident.resolved')).fields.find((f) => f.name === 'Duration')?.value).toBe(
      '1h 5m',
    );
  });

  it.each(EVENT_TYPES)('keeps %s within Discord limits', (type) => {
    const embed = embedOf(oversized(type));
    expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.description?.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const f of embed.fields) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    const total =
      embed.title.length +
      (embed.description?.length ?? 0) +
      embed.footer.text.length +
      embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
  });
});

describe('pagerDutyEvent', () => {
  it.each(['incident.opened', 'incident.updated', 'incident.reminder'] as const)(
    '%s triggers under the incident id',
    (type) => {
      const event = alertEvent(type);
      const pd = pagerDutyEvent(event, 'R0UTINGKEY') as PagerDutyTrigger;
      expect(pd).toMatchObject({
        routing_key: 'R0UTINGKEY',
        event_action: 'trigger',
        dedup_key: 'inc_01HZX4',
        payload: {
          summary: event.summary,
          source: 'orders-api',
          severity: 'critical',
          component: 'Orders API',
          group: 'payments',
          timestamp: '2026-04-20T13:05:00.000Z',
          class: event.incident?.cause,
          custom_details: {
            event_id: event.id,
            cause: event.incident?.cause,
            explanation: event.incident?.explanation,
            hint: event.incident?.hint,
            regions: ['weur', 'enam'],
          },
        },
        links: [{ href: 'https://status.example.test/monitors/orders-api', text: 'Status page' }],
      });
    },
  );

  it('resolves with nothing but the routing key, the action and the incident id', () => {
    expect(pagerDutyEvent(alertEvent('incident.resolved'), 'K')).toEqual({
      routing_key: 'K',
      event_action: 'resolve',
      dedup_key: 'inc_01HZX4',
    });
  });

  it('keys events without an incident by type and monitor (and finding code)', () => {
    const degraded = pagerDutyEvent(alertEvent('monitor.degraded'), 'K') as PagerDutyTrigger;
    expect(degraded).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'monitor.degraded:orders-api',
      payload: { severity: 'warning' },
    });
    const raised = pagerDutyEvent(alertEvent('finding.raised'), 'K') as PagerDutyTrigger;
    expect(raised.dedup_key).toBe('finding.raised:orders-api:api.sunset_soon');
    expect(raised.payload.custom_details).toMatchObject({
      finding: 'api.sunset_soon',
      detail: 'Sunset on 2026-06-01 (42 days)',
      data: { days: 42 },
    });
    expect(pagerDutyEvent(alertEvent('heartbeat.missed'), 'K').dedup_key).toBe('inc_01HZX4');
    expect(pagerDutyEvent(alertEvent('heartbeat.missed', { incident: null }), 'K')).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'heartbeat.missed:orders-api',
    });
  });

  it('pairs incident events that lack their incident on one per-monitor key', () => {
    const opened = pagerDutyEvent(alertEvent('incident.opened', { incident: null }), 'K');
    const resolved = pagerDutyEvent(alertEvent('incident.resolved', { incident: null }), 'K');
    expect(opened.dedup_key).toBe('incident:orders-api');
    expect(resolved).toEqual({ routing_key: 'K', event_action: 'resolve', dedup_key: 'incident:orders-api' });
  });

  it('maps severity, omits an absent group and link, and cuts the summary to 1024', () => {
    const pd = pagerDutyEvent(
      alertEvent('incident.opened', {
        severity: 'info',
        summary: LONG,
        monitor: { id: 'm', name: 'M', group: null },
        statusPageUrl: null,
      }),
      'K',
    ) as PagerDutyTrigger;
    expect(pd.payload.severity).toBe('info');
    expect(pd.payload.summary.length).toBe(1024);
    expect(pd.payload).not.toHaveProperty('group');
    expect(pd).not.toHaveProperty('links');
  });
});

/** HMAC-SHA256 computed here, independently of the code under test. */
async function hmacBase64(keyBytes: Uint8Array<ArrayBuffer>, content: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
  return btoa(String.fromCharCode(...mac));
}

describe('signWebhook', () => {
  it("reproduces the Standard Webhooks specification's test vector", async () => {
    const signature = await signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('matches an independent HMAC over "id.timestamp.body" with the decoded key', async () => {
    const keyBytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
    const secret = `whsec_${btoa(String.fromCharCode(...keyBytes))}`;
    const body = JSON.stringify({ type: 'incident.opened', data: { name: 'Zoë ✓' } });
    const expected = `v1,${await hmacBase64(keyBytes, `evt_1.1700000000.${body}`)}`;
    expect(await signWebhook(secret, 'evt_1', 1700000000, body)).toBe(expected);
    // Every part is signed.
    expect(await signWebhook(secret, 'evt_2', 1700000000, body)).not.toBe(expected);
    expect(await signWebhook(secret, 'evt_1', 1700000001, body)).not.toBe(expected);
    expect(await signWebhook(secret, 'evt_1', 1700000000, `${body} `)).not.toBe(expected);
  });

  it('rejects a secret that is not base64', async () => {
    await expect(signWebhook('whsec_not base64!', 'evt_1', 1, '{}')).rejects.toThrow(/base64/);
  });
});

describe('webhookPayload', () => {
  it('wraps the whole event with its type and time', () => {
    const event = alertEvent('finding.raised');
    expect(webhookPayload(event)).toEqual({
      type: 'finding.raised',
      timestamp: '2026-04-20T13:05:00.000Z',
      data: event,
    });
  });
});

describe('buildChannelRequest', () => {
  const event = alertEvent('incident.opened');
  const nowS = Math.floor(OCCURRED_AT / 1000) + 3;

  it('posts JSON to each channel', async () => {
    const requests: ChannelRequest[] = await Promise.all([
      buildChannelRequest({ kind: 'slack', id: 's', webhookUrl: 'https://hooks.slack.test/x' }, event, nowS),
      buildChannelRequest({ kind: 'discord', id: 'd', webhookUrl: 'https://discord.test/w' }, event, nowS),
      buildChannelRequest(
        { kind: 'pagerduty', id: 'p', routingKey: 'K', eventsUrl: 'https://events.pd.test/v2/enqueue' },
        event,
        nowS,
      ),
    ]);
    expect(requests.map((r) => [r.url, r.method, r.headers['content-type']])).toEqual([
      ['https://hooks.slack.test/x', 'POST', 'application/json'],
      ['https://discord.test/w', 'POST', 'application/json'],
      ['https://events.pd.test/v2/enqueue', 'POST', 'application/json'],
    ]);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(slackMessage(event));
    expect(JSON.parse(requests[1]?.body ?? '')).toEqual(discordMessage(event));
    expect(JSON.parse(requests[2]?.body ?? '')).toEqual(pagerDutyEvent(event, 'K'));
  });

  it('signs webhooks over the exact body sent, with the event id and the send time', async () => {
    const keyBytes = new Uint8Array(24).fill(7);
    const secret = `whsec_${btoa(String.fromCharCode(...keyBytes))}`;
    const request = await buildChannelRequest(
      { kind: 'webhook', id: 'w', url: 'https://hooks.example.test/lookout', secret },
      event,
      nowS + 0.9,
    );
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Lookout/0.1',
      'webhook-id': event.id,
      'webhook-timestamp': String(nowS),
    });
    expect(JSON.parse(request.body)).toEqual(webhookPayload(event));
    expect(request.headers['webhook-signature']).toBe(
      `v1,${await hmacBase64(keyBytes, `${event.id}.${nowS}.${request.body}`)}`,
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 3, 20, 13, 0, 0);
  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 20 Apr 2026 13:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Mon, 20 Apr 2026 12:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('sendChannelRequest (with stand-in fetchers)', () => {
  const request: ChannelRequest = { url: 'http://127.0.0.1:9/x', method: 'POST', headers: {}, body: '{}' };
  const answering = (response: () => Response): typeof fetch => (async () => response()) as typeof fetch;

  it('is ok only for 2xx, and does not follow redirects', async () => {
    expect(
      await sendChannelRequest(
        answering(() => new Response(null, { status: 204 })),
        request,
        1000,
      ),
    ).toEqual({
      ok: true,
      status: 204,
      retryAfterS: null,
      error: null,
    });
    const redirected = answering(
      () => new Response(null, { status: 302, headers: { location: '/elsewhere' } }),
    );
    expect(await sendChannelRequest(redirected, request, 1000)).toMatchObject({ ok: false, status: 302 });
    let init: RequestInit | undefined;
    const spy = (async (_url: string, i?: RequestInit) => {
      init = i;
      return new Response('ok');
    }) as typeof fetch;
    await sendChannelRequest(spy, request, 1000);
    expect(init?.redirect).toBe('manual');
  });

  it('never throws: what fetch throws becomes a short error', async () => {
    const throwing = (error: unknown): typeof fetch =>
      (() => {
        throw error;
      }) as typeof fetch;
    const result = (error: unknown) => sendChannelRequest(throwing(error), request, 1000);
    expect(await result(new Error('Network connection lost.'))).toEqual({
      ok: false,
      status: null,
      retryAfterS: null,
      error: 'connection refused',
    });
    expect((await result(new DOMException('late', 'TimeoutError'))).error).toBe('timeout');
    expect((await result(new TypeError('something odd'))).error).toBe('network error: something odd');
    expect((await result('not even an error')).ok).toBe(false);
  });
});

describe('format helpers', () => {
  it('clips without splitting a surrogate pair', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcd', 3)).toBe('ab…');
    expect(clip('a🔴b', 3)).toBe('a…');
    expect(clip('a🔴bc', 4)).toBe('a🔴…');
  });
  it('formats durations in at most two units', () => {
    expect([0, 45, 60, 725, 3_600, 3_900, 90_000, 86_400 * 3 + 59].map(formatDuration)).toEqual([
      '0s',
      '45s',
      '1m',
      '12m 5s',
      '1h',
      '1h 5m',
      '1d 1h',
      '3d',
    ]);
  });
});
