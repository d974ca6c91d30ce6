import { describe, expect, it } from 'vitest';
import { discordMessage } from '../../src/alerting/channels/discord';
import { discordText, slackText } from '../../src/alerting/channels/markup';
import { slackMessage } from '../../src/alerting/channels/slack';
import { alertEvent, finding } from '../fixtures/alert-events';

/** What a target (or a monitor's author) may put in a name, a detail, a header or finding data. */
const HOSTILE = [
  '<!channel> <!here> <@U024BE7LH> <#C024BE7LH>',
  '<https://evil.example/login|Click to re-authenticate>',
  '[Click here](https://evil.example/phish) ||spoiler|| *bold* _it_ ~~gone~~ `code` ```block```',
  '> quoted\n# Heading\n- item\n1. first\n-# subtext',
  'See https://evil.example/next?x=`a`&y=<b> now',
  '@everyone @here <t:1700000000:R>',
].join('\n');

/** The event every text of which came from outside Lookout. */
function hostileEvent() {
  return alertEvent('finding.raised', {
    monitor: { id: 'm', name: `Orders ${HOSTILE}`, group: `Group ${HOSTILE}` },
    summary: `Orders is down: ${HOSTILE}`,
    finding: finding({
      detail: `Deprecation: ${HOSTILE}`,
      data: { successor: 'https://evil.example/v2', note: HOSTILE },
    }),
  });
}

/** Every text a Slack message renders as mrkdwn, with our own markup (labels, code codes, status link) taken out. */
function slackTexts(): string[] {
  const message = slackMessage(hostileEvent());
  const texts = [message.text];
  for (const block of message.blocks) {
    if (block.type === 'section') texts.push(block.text.text, ...(block.fields ?? []).map((f) => f.text));
    if (block.type === 'context') texts.push(...block.elements.map((e) => e.text));
  }
  return texts.map((t) =>
    t
      .replace(/^\*[A-Z][a-z]+( [a-z]+)?\*\n/, '')
      .replace('`api.sunset_soon`', '')
      .replace(/<https:\/\/status\.example\.test\/[^|>]*\|Open on the status page>/, ''),
  );
}

describe('Slack messages carry target text inert', () => {
  it('no link, mention or formatting survives', () => {
    for (const text of slackTexts()) {
      expect(text).not.toMatch(/<[^>]*>/); // Slack's only link and mention syntax
      expect(text.replace(/`[^`]*`/g, '')).not.toMatch(/[*_~`]/); // outside our URL code spans
      expect(text).not.toMatch(/^\s*(&gt;|>)/m); // no quote
      expect(text.replace(/`[^`]*`/g, '')).not.toMatch(/https?:\/\//); // URLs only inside code spans
    }
  });

  it('turns auto-linking and previews off', () => {
    const message = slackMessage(hostileEvent());
    expect(message).toMatchObject({ unfurl_links: false, unfurl_media: false });
    for (const block of message.blocks) {
      if (block.type === 'section') {
        expect(block.text.verbatim).toBe(true);
        for (const f of block.fields ?? []) expect(f.verbatim).toBe(true);
      }
      if (block.type === 'context') for (const e of block.elements) expect(e.verbatim).toBe(true);
    }
  });

  it('still reads as written', () => {
    expect(slackText('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
    expect(slackText('*bold* _x_')).toBe('∗bold∗ ˍxˍ');
    expect(slackText('> quote')).toBe('› quote');
    expect(slackText('see https://a.example/x?a=1&b=2 ok')).toBe('see `https://a.example/x?a=1&amp;b=2` ok');
  });
});

/** Every text Discord renders as markdown, with our own code spans taken out. */
function discordTexts(): string[] {
  const message = discordMessage(hostileEvent());
  const [embed] = message.embeds;
  return [embed.title, embed.description ?? '', ...embed.fields.flatMap((f) => [f.name, f.value])].map((t) =>
    t.replace('`api.sunset_soon`', ''),
  );
}

/** Markup characters not preceded by a backslash (outside code spans). */
const unescaped = (text: string, chars: string) =>
  new RegExp(`(^|[^\\\\])[${chars}]`).test(text.replace(/`[^`]*`/g, ''));

describe('Discord messages carry target text inert', () => {
  it('no link, mention or formatting survives', () => {
    for (const text of discordTexts()) {
      expect(unescaped(text, '*_~`|\\[\\]<'), text).toBe(false);
      expect(text, text).not.toMatch(/^\s*[>#+-]/m); // block syntax at a line's start, escaped
      expect(text, text).not.toMatch(/^\s*\d+\./m);
      expect(text.replace(/`[^`]*`/g, ''), text).not.toMatch(/https?:\/\//); // URLs only in code spans
    }
  });

  it('pings no one', () => {
    expect(discordMessage(hostileEvent()).allowed_mentions).toEqual({ parse: [] });
  });

  it('still reads as written', () => {
    expect(discordText('[a](b) *c* <@1>')).toBe('\\[a\\](b) \\*c\\* \\<@1>');
    expect(discordText('# h\n- i\n2. j')).toBe('\\# h\n\\- i\n2\\. j');
    expect(discordText('see https://a.example/x_y now')).toBe('see `https://a.example/x_y` now');
    expect(discordText('2026-06-01 (42 days)')).toBe('2026-06-01 (42 days)');
  });
});
