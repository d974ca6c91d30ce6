import type { Finding } from '../result';

/** API lifecycle findings from response headers: Deprecation (RFC 9745), Sunset (RFC 8594), Link (RFC 8288). */

export const DEFAULT_SUNSET_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
// Outside this range Date cannot represent the instant (toISOString would throw).
const MAX_DATE_MS = 8.64e15;

export interface LifecycleOptions {
  sunsetWarningDays?: number;
  /** The request URL, to resolve relative Link targets (RFC 8288 §3.1). */
  baseUrl?: string;
}

export interface Link {
  href: string;
  /** Lowercased relation types; `rel` may hold several, space-separated. */
  rels: string[];
  params: Record<string, string>;
}

/** Parses a Link header value: comma-separated `<uri>; param=value` entries; commas may sit in quotes or in the URI. */
export function parseLinkHeader(value: string): Link[] {
  const links: Link[] = [];
  let i = 0;
  const skip = (chars: string) => {
    while (i < value.length && chars.includes(value.charAt(i))) i++;
  };
  while (i < value.length) {
    skip(' \t,');
    if (value[i] !== '<') {
      // Not a link: drop everything up to the next comma outside quotes.
      i = nextComma(value, i);
      continue;
    }
    const end = value.indexOf('>', i);
    if (end < 0) break;
    const link: Link = { href: value.slice(i + 1, end).trim(), rels: [], params: {} };
    i = end + 1;
    for (;;) {
      skip(' \t');
      if (value[i] !== ';') break;
      i++;
      skip(' \t');
      const name = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(value.slice(i))?.[0].toLowerCase();
      if (!name) break;
      i += name.length;
      skip(' \t');
      let param = '';
      if (value[i] === '=') {
        i++;
        skip(' \t');
        if (value[i] === '"') {
          for (i++; i < value.length && value[i] !== '"'; i++) {
            if (value[i] === '\\') i++;
            param += value.charAt(i);
          }
          i++;
        } else {
          while (i < value.length && !';, \t'.includes(value.charAt(i))) param += value[i++];
        }
      }
      // RFC 8288 §3: occurrences after the first of a parameter are ignored.
      if (!(name in link.params)) link.params[name] = param;
    }
    link.rels = (link.params.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    links.push(link);
    i = nextComma(value, i);
  }
  return links;
}

function nextComma(value: string, from: number): number {
  let quoted = false;
  for (let i = from; i < value.length; i++) {
    if (value[i] === '"') quoted = !quoted;
    else if (value[i] === '\\' && quoted) i++;
    else if (value[i] === ',' && !quoted) return i + 1;
  }
  return value.length;
}

/** `@<epoch seconds>` (an RFC 9651 Date), to epoch ms; null when malformed. */
export function parseDeprecation(value: string): number | null {
  const match = /^@(-?\d{1,15})$/.exec(value.trim());
  if (!match) return null;
  const ms = Number(match[1]) * 1000;
  return Math.abs(ms) <= MAX_DATE_MS ? ms : null;
}

const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)$/;

/**
 * An IMF-fixdate (`Thu, 31 Dec 2026 23:59:59 GMT`), to epoch ms; null when malformed or not a real
 * date. The weekday is not checked: RFC 8594's own example has a wrong one and gets copied.
 */
export function parseHttpDate(value: string): number | null {
  const date = IMF_FIXDATE.exec(value.trim())?.[1];
  if (date === undefined) return null;
  const ms = Date.parse(`Thu, ${date}`);
  // Round-tripping rejects dates Date.parse would roll over (31 Feb, 24:00:00) or a bad month name.
  return Number.isFinite(ms) && new Date(ms).toUTCString().slice(5) === date ? ms : null;
}

export function detectLifecycle(headers: Headers, options: LifecycleOptions, now: number): Finding[] {
  const deprecation = headers.get('deprecation');
  const sunset = headers.get('sunset');
  if (deprecation === null && sunset === null) return [];

  const links = lifecycleLinks(headers.get('link'), options.baseUrl);
  const successor = links.successor_version ? `; successor: ${links.successor_version}` : '';
  const findings: Finding[] = [];
  const invalid = (detail: string) =>
    findings.push({ code: 'api.sunset_invalid', detail, data: { ...links } });

  const deprecatedAt = deprecation === null ? null : parseDeprecation(deprecation);
  if (deprecation !== null) {
    // Any Deprecation header means the provider says the API is (or will be) deprecated, even a malformed one.
    if (deprecatedAt === null) {
      findings.push({
        code: 'api.deprecated',
        detail: `Deprecated (date unreadable)${successor}`,
        data: { deprecated_at: null, ...links },
      });
      invalid(`Deprecation header is not @<epoch seconds>: ${quote(deprecation)}`);
    } else {
      const days = Math.floor((deprecatedAt - now) / DAY_MS);
      const when = days < 0 ? `since ${day(deprecatedAt)}` : `from ${day(deprecatedAt)} (${inDays(days)})`;
      findings.push({
        code: 'api.deprecated',
        detail: `Deprecated ${when}${successor}`,
        data: {
          deprecated_at: new Date(deprecatedAt).toISOString(),
          ...(days < 0 ? { days_since: Math.floor((now - deprecatedAt) / DAY_MS) } : { days_until: days }),
          ...links,
        },
      });
    }
  }

  if (sunset !== null) {
    const sunsetAt = parseHttpDate(sunset);
    if (sunsetAt === null) {
      invalid(`Sunset header is not an HTTP date (like "Thu, 31 Dec 2026 23:59:59 GMT"): ${quote(sunset)}`);
      return findings;
    }
    if (deprecatedAt !== null && sunsetAt < deprecatedAt) {
      invalid(`Sunset (${day(sunsetAt)}) is before Deprecation (${day(deprecatedAt)})`);
    }
    const windowDays = options.sunsetWarningDays ?? DEFAULT_SUNSET_WARNING_DAYS;
    if (sunsetAt - now <= windowDays * DAY_MS) {
      // Floor: any instant already past gives a negative count.
      const daysLeft = Math.floor((sunsetAt - now) / DAY_MS);
      const when =
        daysLeft < 0 ? `Sunset passed ${plural(-daysLeft, 'day')} ago` : `Sunset ${inDays(daysLeft)}`;
      findings.push({
        code: 'api.sunset_soon',
        detail: `${when} (${day(sunsetAt)})${successor}`,
        data: { sunset_at: new Date(sunsetAt).toISOString(), days_left: daysLeft, ...links },
      });
    }
  }
  return findings;
}

/** The Link targets an owner needs to migrate, under the data keys the findings use. */
function lifecycleLinks(header: string | null, baseUrl: string | undefined): Record<string, string> {
  const keys: Record<string, string> = {
    'successor-version': 'successor_version',
    deprecation: 'deprecation_link',
    sunset: 'sunset_link',
  };
  const out: Record<string, string> = {};
  for (const link of parseLinkHeader(header ?? '')) {
    for (const rel of link.rels) {
      const key = keys[rel];
      if (key && !(key in out)) out[key] = resolve(link.href, baseUrl);
    }
  }
  return out;
}

function resolve(href: string, base: string | undefined): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const inDays = (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`);
// Provider-sent values are echoed for diagnosis, cut short so a junk header cannot flood an alert.
const quote = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
