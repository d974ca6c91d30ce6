import { describe, expect, it } from 'vitest';
import {
  alertEmail,
  googleChatMessage,
  matrixMessage,
  mattermostMessage,
  ntfyMessage,
  opsgenieRequest,
  pushoverMessage,
  teamsMessage,
  telegramMessage,
} from '../../src/alerting/channels';
import { htmlText, htmlTextNoCode, mattermostText } from '../../src/alerting/channels/markup';
import { OPSGENIE_LIMITS } from '../../src/alerting/channels/opsgenie';
import { PUSHOVER_LIMITS } from '../../src/alerting/channels/pushover';
import { TELEGRAM_TEXT_MAX } from '../../src/alerting/channels/telegram';
import type { AlertEvent } from '../../src/alerting/events';
import { parseAddress, subjectLine } from '../../src/email/message';
import { channelSchema } from '../../src/config/alerting-schema';
import { EVENT_TYPES, alertEvent } from '../fixtures/alert-events';

/** The pure builders at their limits, and the escaping rules each markup relies on. */

const LONG = '<&>'.repeat(4000);

function oversized(type: (typeof EVENT_TYPES)[number]): AlertEvent {
  const event = alertEvent(type);
  return {
    ...event,
    summary: LONG,
    monitor: { id: 'm', name: LONG, group: LONG },
    incident: event.incident && {
      ...event.incident,
      explanation: LONG,
      hint: LONG,
      dependents: [LONG, LONG],
    },
    finding: event.finding && {
      ...event.finding,
      detail: LONG,
      hint: LONG,
      data: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, LONG])),
    },
  };
}

describe('every builder stays within its service’s limits', () => {
  for (const type of EVENT_TYPES) {
    it(type, () => {
      const event = oversized(type);
      const telegram = telegramMessage(event, 1);
      expect(telegram.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_MAX);
      expect(telegram.text).toContain('<i>Lookout · '); // the footer always stays

      const pushover = pushoverMessage(event, 't', 'u');
      expect(pushover.message.length).toBeGreaterThan(0);
      expect(pushover.message.length).toBeLessThanOrEqual(PUSHOVER_LIMITS.message);
      expect(pushover.title.length).toBeLessThanOrEqual(PUSHOVER_LIMITS.title);

      const ops = opsgenieRequest(event);
      if (ops.action === 'create') {
        expect(ops.body.message.length).toBeLessThanOrEqual(OPSGENIE_LIMITS.message);
        expect(ops.body.description.length).toBeLessThanOrEqual(OPSGENIE_LIMITS.description);
      }
      expect(ntfyMessage(event, 'topic').message.length).toBeLessThanOrEqual(4000);
      expect(JSON.stringify(mattermostMessage(event)).length).toBeLessThan(16_383);
      expect(JSON.stringify(teamsMessage(event)).length).toBeLessThan(28_000); // Teams' message size
      expect(JSON.stringify(googleChatMessage(event)).length).toBeLessThan(32_000); // Chat's message size
      expect(matrixMessage(event).formatted_body.length).toBeLessThan(65_536); // Matrix's event size
      expect(alertEmail(event, 'a@example.com', ['b@example.com']).subject.length).toBeLessThanOrEqual(998);
    });
  }
});

describe('markup', () => {
  it('HTML: escaped, mentions broken, URLs in code', () => {
    expect(htmlText('a <b> & "c" @room https://x.example/?a=1&b=<2>')).toBe(
      'a &lt;b&gt; &amp; &quot;c&quot; @\u2060room <code>https://x.example/?a=1&amp;b=&lt;2&gt;</code>',
    );
    expect(htmlTextNoCode('see https://x.example/a')).toBe('see https:\u2060//x.example/a');
  });

  it('Mattermost markdown: markup characters escaped, block syntax at a line start, mentions broken', () => {
    expect(mattermostText('[x](y) *b* _i_ ~s~ `c` <u> |t| !img @channel')).toBe(
      '\\[x\\](y) \\*b\\* \\_i\\_ \\~s\\~ \\`c\\` \\<u\\> \\|t\\| \\!img @\u2060channel',
    );
    expect(mattermostText('# heading\n- item\n1. first')).toBe('\\#\u2060 heading\n\\- item\n1\\. first');
  });

  it('email: a subject is one line; an address splits into name and email', () => {
    expect(subjectLine('Down:\r\nBcc: x@example.com')).toBe('Down: Bcc: x@example.com');
    expect(parseAddress('Lookout <alerts@example.com>')).toEqual({
      email: 'alerts@example.com',
      name: 'Lookout',
    });
    expect(parseAddress('"Ops, Inc" <ops@example.com>')).toEqual({
      email: 'ops@example.com',
      name: 'Ops, Inc',
    });
    expect(parseAddress('alerts@example.com')).toEqual({ email: 'alerts@example.com', name: null });
  });
});

describe('channel config', () => {
  const problems = (entry: Record<string, unknown>) => {
    const parsed = channelSchema.safeParse({ id: 'c', ...entry });
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes credentials only as secret references', () => {
    expect(problems({ kind: 'telegram', bot_token: '123:abc', chat_id: 1 })).toEqual([
      'bot_token: expected a secret reference such as ${{ secrets.NAME }}',
    ]);
    expect(problems({ kind: 'opsgenie', api_key: 'plain-key' })).toHaveLength(1);
    expect(
      problems({ kind: 'pushover', token: '${{ secrets.T }}', user: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG' }),
    ).toHaveLength(1);
    expect(
      problems({
        kind: 'matrix',
        homeserver: 'https://m.example.org',
        room_id: '!r:m.example.org',
        access_token: 'syt_x',
      }),
    ).toHaveLength(1);
    expect(
      problems({
        kind: 'email',
        provider: 'resend',
        api_key: 're_x',
        from: 'a@example.com',
        to: ['b@example.com'],
      }),
    ).toHaveLength(1);
  });

  it('says which kinds and email providers there are, and fills the services’ default URLs', () => {
    expect(problems({ kind: 'sms' })[0]).toMatch(/^kind: expected kind slack, .*, matrix or email$/);
    expect(
      problems({ kind: 'email', provider: 'smtp', from: 'a@example.com', to: ['b@example.com'] }),
    ).toEqual(['provider: expected provider cloudflare (a send_email binding) or resend']);
    expect(problems({ kind: 'email', provider: 'cloudflare', from: 'not an address', to: [] })).toEqual([
      'from: expected an email address',
      'to: Too small: expected array to have >=1 items',
    ]);
    expect(channelSchema.parse({ id: 'n', kind: 'ntfy', topic: 'alerts' })).toMatchObject({
      server: 'https://ntfy.sh',
    });
    expect(
      channelSchema.parse({
        id: 't',
        kind: 'telegram',
        bot_token: '${{ secrets.T }}',
        chat_id: '@ops_channel',
      }),
    ).toMatchObject({ api_url: 'https://api.telegram.org' });
    expect(
      channelSchema.parse({
        id: 'e',
        kind: 'email',
        provider: 'cloudflare',
        from: 'a@example.com',
        to: ['b@example.com'],
      }),
    ).toMatchObject({ binding: 'EMAIL' });
  });
});
