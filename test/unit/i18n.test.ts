import { describe, expect, it } from 'vitest';
import { statusPageSchema } from '../../src/config/schema';
import {
  acceptedRanges,
  chooseLanguage,
  LANGUAGE_TAGS,
  LANGUAGES,
  matchLanguage,
  negotiateLanguage,
  placeholders,
  translator,
  type Plural,
} from '../../src/i18n';
import { CAUSES, FINDINGS } from '../../src/probes/taxonomy';
import { REGIONS } from '../../src/regions/regions';

const english = LANGUAGES.en;
const TRANSLATED = LANGUAGE_TAGS.filter((tag) => tag !== 'en');
/** Inline code spans and numbers of a text, sorted: they must survive translation unchanged. */
const verbatim = (text: string) =>
  [...(text.match(/`[^`]+`/g) ?? []), ...(text.replace(/`[^`]+`/g, '').match(/\d+/g) ?? [])].sort();
/** Header names, query strings, paths and config keys the texts name: never translated. */
const KEPT = [
  'Authorization',
  'Retry-After',
  'RateLimit',
  'Strict-Transport-Security',
  'Deprecation',
  'Sunset',
  'HSTS',
  '?status=fail',
  '/api/v2/summary.json',
  '.dev.vars',
  'tls.*',
  'components',
  'Lookout',
];
const forms = (message: string | Plural): string[] =>
  typeof message === 'string' ? [message] : Object.values(message);

describe('the language files', () => {
  it('are registered under their own tags, English first', () => {
    expect(LANGUAGE_TAGS).toEqual(['en', 'de', 'fr', 'es', 'ja', 'zh-CN']);
    for (const tag of LANGUAGE_TAGS) expect(LANGUAGES[tag].tag).toBe(tag);
  });

  it.each(LANGUAGE_TAGS)('%s has every key of English, no other, and no empty text', (tag) => {
    const { messages, causes, regions } = LANGUAGES[tag];
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english.messages).sort());
    for (const [key, message] of Object.entries(messages)) {
      expect(typeof message, key).toBe(typeof english.messages[key as keyof typeof messages]);
      for (const text of forms(message)) expect(text.trim(), key).not.toBe('');
    }
    // Every cause and finding the taxonomy has, and every region, named.
    expect(Object.keys(causes).sort()).toEqual([...Object.keys(CAUSES), ...Object.keys(FINDINGS)].sort());
    expect(Object.keys(regions).sort()).toEqual([...REGIONS].sort());
    for (const text of [...Object.values(causes), ...Object.values(regions)])
      expect(text.trim()).not.toBe('');
  });

  it.each(LANGUAGE_TAGS)('%s fills the same placeholders as English in every form', (tag) => {
    for (const [key, message] of Object.entries(LANGUAGES[tag].messages)) {
      const reference = placeholders(forms(english.messages[key as keyof typeof english.messages])[0] ?? '');
      for (const text of forms(message)) expect(placeholders(text), `${tag} ${key}`).toEqual(reference);
    }
  });

  it.each(LANGUAGE_TAGS)('%s explains every taxonomy code, no other, with no empty text', (tag) => {
    const { explanations } = LANGUAGES[tag];
    expect(Object.keys(explanations).sort()).toEqual(
      [...Object.keys(CAUSES), ...Object.keys(FINDINGS)].sort(),
    );
    for (const [code, { explanation, hint }] of Object.entries(explanations)) {
      expect(explanation.trim(), code).not.toBe('');
      expect(hint.trim(), code).not.toBe('');
    }
  });

  it('takes English explanations and hints from the taxonomy itself', () => {
    for (const [code, entry] of Object.entries({ ...CAUSES, ...FINDINGS })) {
      expect(translator('en').explanation(code), code).toBe(entry.explanation);
      expect(translator('en').hint(code), code).toBe(entry.hint);
    }
  });

  it.each(TRANSLATED)(
    '%s translates every explanation and hint, keeping what must stay as written',
    (tag) => {
      const tr = translator(tag);
      for (const [code, entry] of Object.entries({ ...CAUSES, ...FINDINGS })) {
        for (const [field, english] of [
          ['explanation', entry.explanation],
          ['hint', entry.hint],
        ] as const) {
          const text = tr[field](code) as string;
          const where = `${tag} ${code} ${field}`;
          expect(text, where).not.toBe(english);
          // Commands, status numbers, key sizes and versions are the same in every language.
          expect(verbatim(text), where).toEqual(verbatim(english));
          for (const word of KEPT) if (english.includes(word)) expect(text, where).toContain(word);
        }
      }
    },
  );

  it.each(LANGUAGE_TAGS)(
    '%s has the plural form Intl.PluralRules picks for every count up to 1000',
    (tag) => {
      const rules = new Intl.PluralRules(tag);
      for (const [key, message] of Object.entries(LANGUAGES[tag].messages)) {
        if (typeof message === 'string') continue;
        for (let n = 0; n <= 1000; n++) {
          const category = rules.select(n);
          // French and Spanish say "many" only of millions; those fall back to `other`.
          if (category !== 'many') expect((message as Plural)[category], `${tag} ${key} ${n}`).toBeDefined();
        }
      }
    },
  );

  it('lets the config name every language, or auto', () => {
    expect(statusPageSchema.parse({}).language).toBe('auto');
    expect(statusPageSchema.parse({}).default_language).toBe('en');
    for (const tag of LANGUAGE_TAGS) expect(statusPageSchema.parse({ language: tag }).language).toBe(tag);
    expect(statusPageSchema.safeParse({ language: 'xx' }).success).toBe(false);
    expect(statusPageSchema.safeParse({ default_language: 'auto' }).success).toBe(false);
  });
});

describe('choosing a language', () => {
  it.each([
    ['de-CH,de;q=0.9,en;q=0.8', 'de'],
    ['en;q=0.8,de-CH,de;q=0.9', 'de'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-SG,en;q=0.1', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['ja-JP', 'ja'],
    ['fr-CA;q=0.7, es-MX;q=0.9', 'es'],
    ['en-GB', 'en'],
    // Traditional Chinese is not Simplified: the next choice, or the fallback.
    ['zh-TW,fr;q=0.5', 'fr'],
    ['zh-Hant', 'en'],
    ['de;q=0, fr;q=0.1', 'fr'],
    ['xx-YY, tlh', 'en'],
    ['*', 'en'],
    ['', 'en'],
    ['de;q=abc, not a tag!!, ja;q=0.2', 'ja'],
  ])('Accept-Language %j reads %s', (header, tag) => {
    expect(negotiateLanguage(header, 'en')).toBe(tag);
  });

  it('falls back to the configured default, not English, when nothing matches', () => {
    expect(negotiateLanguage('pt-BR, it;q=0.5', 'fr')).toBe('fr');
    expect(negotiateLanguage(undefined, 'ja')).toBe('ja');
  });

  it('orders ranges by q, header order breaking ties, and reads only the first 20', () => {
    expect(acceptedRanges('a;q=0.5, b, c;q=0.5, d;q=1.0, e;q=0')).toEqual(['b', 'd', 'a', 'c']);
    const long = [...Array.from({ length: 30 }, (_, i) => `x${i}`), 'de'].join(',');
    expect(negotiateLanguage(long, 'en')).toBe('en');
  });

  it('takes ?lang= first, then a fixed language, then the header', () => {
    const header = 'de';
    expect(chooseLanguage({ setting: 'auto', fallback: 'en', header })).toBe('de');
    expect(chooseLanguage({ setting: 'auto', fallback: 'en', header, query: 'ja' })).toBe('ja');
    expect(chooseLanguage({ setting: 'fr', fallback: 'en', header })).toBe('fr');
    expect(chooseLanguage({ setting: 'fr', fallback: 'en', header, query: 'zh-Hans' })).toBe('zh-CN');
    // An unknown ?lang= is ignored, not an error.
    expect(chooseLanguage({ setting: 'auto', fallback: 'en', header, query: 'klingon' })).toBe('de');
    expect(matchLanguage('not a tag')).toBeNull();
  });
});

describe('formats in the reader’s language (workerd has full ICU data)', () => {
  const at = Date.UTC(2026, 10, 26, 14, 5);
  const NBSP = '\u00a0';
  const NNBSP = '\u202f';

  it('writes dates in each language’s order, in UTC', () => {
    expect(translator('ja').dateTime(at)).toBe('2026年11月26日 14:05 UTC');
    expect(translator('ja').day(at)).toBe('11月26日');
    expect(translator('de').dateTime(at)).toBe('26. Nov. 2026, 14:05 UTC');
    expect(translator('de').weekdayDate(at)).toBe('Donnerstag, 26. Nov. 2026');
    expect(translator('en').day(at)).toBe('Nov 26');
    expect(translator('fr').weekdayDate(at)).toBe('jeudi 26 nov. 2026');
    expect(translator('zh-CN').day(at)).toBe('11月26日');
    expect(translator('es').dayWithYear(at)).toBe('26 nov 2026');
  });

  it('writes percentages and numbers as readers expect, never rounding up to 100', () => {
    expect(translator('en').percent(99.956)).toBe('99.95%');
    expect(translator('de').percent(99.956)).toBe(`99,95${NBSP}%`);
    expect(translator('fr').percent(99.956)).toBe(`99,95${NBSP}%`);
    expect(translator('ja').percent(99.999)).toBe('99.99%');
    expect(translator('de').percent(100)).toBe(`100${NBSP}%`);
    expect(translator('de').percent(null)).toBe('–');
    expect(translator('de').number(12345)).toBe('12.345');
    expect(translator('fr').number(12345)).toBe(`12${NNBSP}345`);
  });

  it('counts with plural rules, relative days and durations', () => {
    expect(translator('en').plural('bars.incidents', 1, { causes: 'x' })).toBe('1 incident (x)');
    expect(translator('en').plural('bars.incidents', 2, { causes: 'x' })).toBe('2 incidents (x)');
    expect(translator('fr').plural('monitor.days', 0)).toBe('0 jour');
    expect(translator('de').plural('monitor.days', 1)).toBe('1 Tag');
    expect(translator('ja').plural('monitor.days', 1)).toBe('1日間');
    expect(translator('de').relativeDays(at + 5 * 86_400_000, at)).toBe('in 5 Tagen');
    expect(translator('ja').relativeDays(at - 3 * 86_400_000, at)).toBe('3 日前');
    expect(translator('en').duration(725)).toBe('12 min 5 s');
    expect(translator('de').duration(3_900)).toBe('1 Std. 5 Min.');
    expect(translator('ja').duration(90_000)).toBe('1日1時間');
    expect(translator('zh-CN').duration(45)).toBe('45秒');
    expect(translator('es').duration(3 * 86_400 + 59)).toBe('3 d');
  });

  it('serves mail texts outside any page: plain functions', () => {
    expect(translator('fr').t('mail.confirm.subject', { page: 'Acme' })).toBe(
      'Confirmez votre abonnement à Acme',
    );
    expect(translator('zh-CN').t('mail.notice.recovered', { name: 'API' })).toBe('API 已恢复');
    expect(translator('de').cause('net.timeout')).toBe('Zeitüberschreitung');
    expect(translator('de').cause('no.such_code')).toBeNull();
    expect(translator('de').explanation('net.timeout')).toBe(
      'Keine Antwort innerhalb des Timeouts: Der Dienst hängt oder ist überlastet.',
    );
    expect(translator('ja').hint('net.dns')).toBe('DNS レコードとモニターのホスト名を確認してください。');
    expect(translator('fr').explanation('no.such_code')).toBeNull();
    // Only the table's own codes: not what every object inherits.
    expect(translator('es').hint('constructor')).toBeNull();
  });
});
