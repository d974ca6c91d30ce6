/**
 * Text from outside Lookout (monitor names, check details, a target's headers and links, finding
 * data) made inert for each chat's markup: it reads as written, and no link, mention or
 * formatting can be smuggled in. Our own labels and code spans are added around it, never through it.
 */

/** URLs are shown in code spans: readable, never clickable, never previewed. */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s`]+/gi;

/** Runs `plain` over the text between URLs and `url` over each URL. */
export function splitUrls(text: string, plain: (s: string) => string, url: (s: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += plain(text.slice(last, match.index)) + url(match[0]);
    last = match.index + match[0].length;
  }
  return out + plain(text.slice(last));
}

/** Slack mrkdwn's entities: `<...>` is its only link and mention syntax. */
export const slackEntities = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Slack mrkdwn has no escape for `*_~\``, so they become look-alikes; a line-leading `>` (a quote)
 * too. Links and mentions are also off through `verbatim: true` on every text object.
 */
const SLACK_LOOKALIKES: Record<string, string> = { '*': '∗', _: 'ˍ', '~': '∼', '`': 'ˋ' };

export function slackText(text: string): string {
  return splitUrls(
    text,
    (s) => slackEntities(s.replace(/[*_~`]/g, (c) => SLACK_LOOKALIKES[c] ?? c).replace(/^(\s*)>/gm, '$1›')),
    (url) => `\`${slackEntities(url)}\``,
  );
}

/**
 * Discord markdown: every markup character backslash-escaped (emphasis, code, spoilers, masked
 * links `[text](url)`, `<@mentions>` and `<t:...>`; quotes, headings and lists at a line's start);
 * mentions are also kept from pinging by `allowed_mentions: { parse: [] }`.
 */
export function discordText(text: string): string {
  return splitUrls(
    text,
    (s) =>
      s
        .replace(/([\\*_~`|[\]<])/g, '\\$1')
        // Block syntax counts only at a line's start: quotes, headings, lists, subtext.
        .replace(/^(\s*)([>#+-])/gm, '$1\\$2')
        .replace(/^(\s*\d+)\./gm, '$1\\.'),
    (url) => `\`${url}\``,
  );
}

/** HTML text and attribute values: the five characters that could open a tag, an entity or leave a quote. */
export const htmlEscape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * A WORD JOINER after `@` and `#`: still read as written, but no chat parses "@everyone",
 * "@room", "@channel", "@user" or a "#hashtag" out of it any more.
 */
const breakMentions = (s: string) => s.replace(/([@#])/g, '$1\u2060');

/**
 * HTML for Telegram (parse_mode HTML), Matrix's formatted_body and email: escaped, mentions
 * broken, URLs in `<code>` (shown, never linked or previewed).
 */
export function htmlText(text: string): string {
  return splitUrls(
    text,
    (s) => htmlEscape(breakMentions(s)),
    (url) => `<code>${htmlEscape(url)}</code>`,
  );
}

/**
 * HTML for receivers without `<code>` (Google Chat cards, Pushover): escaped and mentions broken;
 * a URL's scheme separator is split so it is neither a tag attribute nor auto-linked.
 */
export function htmlTextNoCode(text: string): string {
  return splitUrls(
    text,
    (s) => htmlEscape(breakMentions(s)),
    (url) => htmlEscape(url.replace('://', ':\u2060//')),
  );
}

/**
 * Mattermost markdown (CommonMark): every markup character backslash-escaped, block syntax at a
 * line's start too, mentions broken (a backslash does not stop "@channel"), URLs in code spans.
 */
export function mattermostText(text: string): string {
  return splitUrls(
    text,
    (s) =>
      breakMentions(s)
        .replace(/([\\*_~`|[\]<>!])/g, '\\$1')
        .replace(/^(\s*)([>#+=-])/gm, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/gm, '$1\\$2'),
    (url) => `\`${url}\``,
  );
}

/** Plain text with mentions broken: for receivers that render no markup but still ping (Matrix body, Teams). */
export const plainText = breakMentions;
