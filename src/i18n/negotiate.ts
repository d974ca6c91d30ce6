import { LANGUAGE_TAGS, type LanguageTag } from './registry';

/** Accept-Language may be long; the first entries are the ones anyone means. */
const MAX_RANGES = 20;

/** `zh-CN` -> `zh-Hans`: language and likely script, so that zh, zh-CN and zh-Hans-SG meet. */
function languageAndScript(tag: string): string | null {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return `${locale.language}-${locale.script ?? ''}`;
  } catch {
    return null; // not a well-formed tag
  }
}

const SUPPORTED = LANGUAGE_TAGS.map((tag) => ({ tag, key: languageAndScript(tag) }));

/**
 * The supported language a tag asks for: the same tag, else the same language in the same script
 * (de-CH -> de, zh-Hans-CN and zh -> zh-CN, but zh-TW, Traditional, matches nothing). Pure.
 */
export function matchLanguage(requested: string): LanguageTag | null {
  const wanted = requested.trim();
  const exact = LANGUAGE_TAGS.find((tag) => tag.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  const key = languageAndScript(wanted);
  return key === null ? null : (SUPPORTED.find((s) => s.key === key)?.tag ?? null);
}

/** Accept-Language's ranges, most wanted first (q descending, header order among equals); q=0 dropped. */
export function acceptedRanges(header: string): string[] {
  return header
    .split(',')
    .slice(0, MAX_RANGES)
    .flatMap((part, order) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      if (range === '' || !Number.isFinite(weight) || weight <= 0 || weight > 1) return [];
      return [{ range, weight, order }];
    })
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .map((r) => r.range);
}

/** The first accepted range a supported language matches; `*` or nothing takes the fallback. Pure. */
export function negotiateLanguage(header: string | null | undefined, fallback: LanguageTag): LanguageTag {
  for (const range of acceptedRanges(header ?? '')) {
    if (range === '*') return fallback;
    const match = matchLanguage(range);
    if (match) return match;
  }
  return fallback;
}

export interface LanguageChoice {
  /** The configured language, or `auto` to follow the reader's Accept-Language. */
  setting: LanguageTag | 'auto';
  /** What `auto` falls back to. */
  fallback: LanguageTag;
  /** A `?lang=` override, when the URL has one. */
  query?: string | undefined;
  header?: string | null | undefined;
}

/** `?lang=` first (when it names a supported language), then the setting, then negotiation. Pure. */
export function chooseLanguage({ setting, fallback, query, header }: LanguageChoice): LanguageTag {
  const asked = query ? matchLanguage(query) : null;
  if (asked) return asked;
  return setting === 'auto' ? negotiateLanguage(header, fallback) : setting;
}
