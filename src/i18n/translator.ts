import type { Messages } from './en';
import { LANGUAGES, type LanguageTag } from './registry';
import type { CauseText, Language, Plural } from './types';

/**
 * Messages and formats for one language: plain functions, no framework, so that the pages, the
 * feed and mail can all use them. Dates are shown in UTC (the pages say so), in the language's order.
 */

type Vars = Record<string, string | number>;
type StringKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
type PluralKey = Exclude<keyof Messages, StringKey>;

const DAY_MS = 86_400_000;
const UNITS = [
  ['duration.days', 86_400],
  ['duration.hours', 3_600],
  ['duration.minutes', 60],
  ['duration.seconds', 1],
] as const;
const PLACEHOLDER = /\{(\w+)\}/g;

/** Splits a template around its placeholders, each replaced by its value (any type: text or markup). */
export function fill<T>(template: string, vars: Record<string, T>): (string | T)[] {
  const parts: (string | T)[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!(name in vars)) continue;
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(vars[name] as T);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** Placeholders a template uses, for tests that compare languages. */
export const placeholders = (template: string) => [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();

function formats(tag: string) {
  const utc = { timeZone: 'UTC' } as const;
  return {
    number: new Intl.NumberFormat(tag),
    percent: new Intl.NumberFormat(tag, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
    whole: new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }),
    threshold: new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }),
    plural: new Intl.PluralRules(tag),
    relative: new Intl.RelativeTimeFormat(tag, { numeric: 'always' }),
    day: new Intl.DateTimeFormat(tag, { ...utc, month: 'short', day: 'numeric' }),
    dayYear: new Intl.DateTimeFormat(tag, { ...utc, year: 'numeric', month: 'short', day: 'numeric' }),
    weekday: new Intl.DateTimeFormat(tag, {
      ...utc,
      weekday: 'long',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    }),
    dateTime: new Intl.DateTimeFormat(tag, {
      ...utc,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
    time: new Intl.DateTimeFormat(tag, { ...utc, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
}

export function createTranslator(tag: LanguageTag) {
  const language: Language = LANGUAGES[tag];
  const f = formats(tag);
  // The same days head every monitor's bars: each label is formatted once.
  const days = new Map<number, string>();

  const explained = (code: string): CauseText | undefined =>
    Object.hasOwn(language.explanations, code)
      ? (language.explanations as Record<string, CauseText>)[code]
      : undefined;

  const format = (template: string, vars: Vars = {}) =>
    fill(template, vars)
      .map((part) => (typeof part === 'number' ? f.number.format(part) : part))
      .join('');

  const tr = {
    tag,
    language,
    /** A message, its placeholders filled (numbers in the reader's format). */
    t: (key: StringKey, vars?: Vars) => format(language.messages[key], vars),
    /** A message with its placeholders replaced by any values (markup): for components. */
    parts: <T>(key: StringKey, vars: Record<string, T>) => fill(language.messages[key], vars),
    /** The form Intl.PluralRules picks for `n`; `{n}` is the count. */
    plural: (key: PluralKey, n: number, vars?: Vars) => {
      const forms: Plural = language.messages[key];
      return format(forms[f.plural.select(n)] ?? forms.other, { ...vars, n });
    },
    /** The short name of a cause or finding code, when the taxonomy knows it. */
    cause: (code: string): string | null => (language.causes as Record<string, string>)[code] ?? null,
    /** What a cause or finding code means, in the reader's language; null for an unknown code. */
    explanation: (code: string): string | null => explained(code)?.explanation ?? null,
    /** Where to look first about a cause or finding code; null for an unknown code. */
    hint: (code: string): string | null => explained(code)?.hint ?? null,
    /**
     * An internal link as the reader should follow it: pages reached with `?lang=` keep it in their
     * links (pageTranslator sets this per request); otherwise the path as given.
     */
    link: (path: string): string => path,
    region: (region: string): string => (language.regions as Record<string, string>)[region] ?? region,
    list: (items: readonly string[]) => items.join(language.messages['list.separator']),
    number: (n: number) => f.number.format(n),
    /** 99.95 %: two decimals, never rounded up to 100 while anything failed; `–` for no data. */
    percent: (pct: number | null) => {
      if (pct === null) return '–';
      if (pct >= 100) return f.whole.format(1);
      return f.percent.format(Math.min(Math.floor(pct * 100) / 100, 99.99) / 100);
    },
    /** A bound such as 99.9 %, as written (one decimal when it has one). */
    threshold: (pct: number) => f.threshold.format(pct / 100),
    /** "Nov 20", "20. Nov.", "11月20日". */
    day: (ms: number) => {
      let label = days.get(ms);
      if (label === undefined) {
        if (days.size > 1000) days.clear();
        days.set(ms, (label = f.day.format(ms)));
      }
      return label;
    },
    dayWithYear: (ms: number) => f.dayYear.format(ms),
    /** A day heading: weekday and date. */
    weekdayDate: (ms: number) => f.weekday.format(ms),
    dateTime: (ms: number) => `${f.dateTime.format(ms)} UTC`,
    time: (ms: number) => `${f.time.format(ms)} UTC`,
    /** "in 5 days", "3 days ago": whole days from now to `at`, truncated toward the past. */
    relativeDays: (at: number, now: number) => f.relative.format(Math.floor((at - now) / DAY_MS), 'day'),
    /** The two largest units: "45 s", "12 min 5 s", "1 h 5 min", "1 d 1 h". */
    duration: (seconds: number) => {
      let rest = Math.max(0, Math.floor(seconds));
      const amounts = UNITS.map(([key, size]) => {
        const n = Math.floor(rest / size);
        rest -= n * size;
        return { key, n };
      });
      const first = amounts.findIndex((a) => a.n > 0);
      const shown =
        first === -1 ? [{ key: 'duration.seconds' as const, n: 0 }] : amounts.slice(first, first + 2);
      const [a, b] = shown.map(({ key, n }) => format(language.messages[key], { n }));
      return b === undefined || shown[1]?.n === 0
        ? (a as string)
        : format(language.messages['duration.pair'], { a: a as string, b });
    },
  };
  return tr;
}

export type Translator = ReturnType<typeof createTranslator>;

const cache = new Map<LanguageTag, Translator>();

/** One translator per language per isolate: its Intl formatters are built once. */
export function translator(tag: LanguageTag): Translator {
  let tr = cache.get(tag);
  if (!tr) cache.set(tag, (tr = createTranslator(tag)));
  return tr;
}
