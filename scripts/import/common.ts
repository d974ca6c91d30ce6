import { maxSubminuteCheckMs, SUBMINUTE_INTERVALS_MS } from '../../src/jobs/slots';

/**
 * What every importer shares: the result shape, notes, secrets moved out of the file, ids,
 * intervals and timeouts rounded to what Lookout runs. Pure: no file or network access.
 */

/** Something not carried over as it was: where in the source, what, and why. */
export interface ImportNote {
  path: string;
  what: string;
  why: string;
}

/** A secret found inline in the source, replaced by a reference: set it on the Worker. */
export interface SecretToSet {
  name: string;
  /** Where it was found in the source. */
  path: string;
  /** What to set it to, when that is not simply the value found (e.g. base64 of user:password). */
  value?: string;
}

/** A lookout.yaml as plain data, ready to be written as YAML. */
export type LookoutDraft = Record<string, unknown> & { monitors: Record<string, unknown>[] };

export interface ImportResult {
  config: LookoutDraft;
  notes: ImportNote[];
  secrets: SecretToSet[];
}

export class ImportError extends Error {
  override name = 'ImportError';
}

/** Collects notes and secret references while a source is mapped. */
export class Mapping {
  readonly notes: ImportNote[] = [];
  readonly secrets: SecretToSet[] = [];
  private readonly ids = new Set<string>();
  private readonly secretNames = new Set<string>();

  note(path: string, what: string, why: string): void {
    this.notes.push({ path, what, why });
  }

  /**
   * Replaces a secret value by `${{ secrets.NAME }}`, NAME derived from `hint` and unique. The
   * value itself is never kept: only where it was and, when needed, what to set instead.
   */
  secret(hint: string, path: string, options: { value?: string; why?: string } = {}): string {
    const base =
      hint
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .replace(/^(\d)/, '_$1') || 'SECRET';
    let name = base;
    for (let n = 2; this.secretNames.has(name); n++) name = `${base}_${n}`;
    this.secretNames.add(name);
    const { value } = options;
    this.secrets.push(value === undefined ? { name, path } : { name, path, value });
    const why = options.why ?? 'found inline, not copied into the file';
    this.note(
      path,
      `secret ${name}`,
      `${why}: set it with \`wrangler secret put ${name}\`${value ? ` to ${value}` : ''}`,
    );
    return `\${{ secrets.${name} }}`;
  }

  /** A Lookout id (slug) for a source name or id, unique within the file. */
  id(source: string, path: string, { noteChange = false } = {}): string {
    const base =
      source
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '') // accents off: "Ü" -> "u", not "u-"
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^[-_]+|[-_]+$/g, '')
        .slice(0, 56) || 'monitor';
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    if (noteChange && id !== source) {
      this.note(
        path,
        `id "${source}" became "${id}"`,
        'Lookout ids are slugs (a-z, 0-9, - and _); history follows the id',
      );
    }
    return id;
  }

  result(config: LookoutDraft): ImportResult {
    return { config, notes: this.notes, secrets: this.secrets };
  }
}

/** The intervals Lookout runs: 10, 15, 20 or 30 s, or whole minutes. */
const SUBMINUTE = SUBMINUTE_INTERVALS_MS as readonly number[];

/**
 * An interval in ms as Lookout runs it: the nearest of 10, 15, 20, 30 s and whole minutes (a tie
 * goes to the longer: gentler on the target), with a note when it changed.
 */
export function interval(ms: number, path: string, map: Mapping): string {
  const kept =
    ms >= 60_000
      ? Math.round(ms / 60_000) * 60_000
      : [...SUBMINUTE, 60_000].reduce((best, c) => (Math.abs(c - ms) <= Math.abs(best - ms) ? c : best));
  if (kept !== ms) {
    map.note(
      path,
      `interval ${duration(ms)} became ${duration(kept)}`,
      'Lookout checks every 10s, 15s, 20s or 30s, or a whole number of minutes',
    );
  }
  return duration(kept);
}

/**
 * A check run more often than once a minute must end within half its interval: a longer timeout
 * (given, or Lookout's default 10 s) is lowered, with a note.
 */
export function fitInterval(monitor: Obj, path: string, map: Mapping): void {
  const every = typeof monitor.interval === 'string' ? parseDuration(monitor.interval) : 60_000;
  if (every >= 60_000 || monitor.kind === 'heartbeat') return;
  const limit = maxSubminuteCheckMs(every);
  const given = typeof monitor.timeout === 'string' ? parseDuration(monitor.timeout) : 10_000;
  if (given <= limit) return;
  monitor.timeout = duration(limit);
  map.note(
    `${path}.timeout`,
    `timeout ${duration(given)} became ${duration(limit)}`,
    `a check every ${duration(every)} must end within half its interval`,
  );
}

function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m?.[2] ?? 's') as 'ms'];
  return Number(m?.[1] ?? 0) * unit;
}

/** A timeout in ms as Lookout takes it: 100 ms to 30 s. */
export function timeout(ms: number, path: string, map: Mapping): string {
  const kept = Math.min(30_000, Math.max(100, Math.round(ms)));
  if (kept !== ms)
    map.note(
      path,
      `timeout ${seconds(ms)} became ${seconds(kept)}`,
      'a check may take 100 ms to 30 s in Lookout',
    );
  return kept % 1000 === 0 ? `${kept / 1000}s` : `${kept}ms`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Headers that carry credentials, by name. */
const SECRET_HEADER = /authorization|cookie|token|secret|passw|api[-_]?key|x-key|signature|session/i;
/** Query parameters that carry credentials, by name. */
const SECRET_PARAM =
  /^(token|access_token|api[-_]?key|apikey|key|secret|password|pass|pwd|sig|signature|auth|code)$/i;

/** Request headers with every credential moved to a secret (named after the monitor and header). */
export function safeHeaders(
  headers: Record<string, string>,
  monitorId: string,
  path: string,
  map: Mapping,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!SECRET_HEADER.test(name) || value.trim() === '') return [name, value];
      // Keep the scheme in the file (Bearer, Basic, Token): only the credential is secret.
      const scheme = /^(Bearer|Basic|Token|Bot|ApiKey)\s+(.+)$/i.exec(value);
      const ref = map.secret(`${monitorId}_${name}`, `${path}.${name}`);
      return [name, scheme ? `${scheme[1]} ${ref}` : ref];
    }),
  );
}

/** JSON keys whose values are credentials. */
const SECRET_KEY = /passw|secret|token|api[-_]?key|apikey|credential|private[-_]?key/i;

/**
 * A request body with credentials moved out: a JSON body's credential-like fields become secret
 * references (Lookout sends `json:` with references resolved); a text body that only looks like it
 * holds one is kept, with a note.
 */
export function safeBody(
  text: string,
  monitorId: string,
  path: string,
  map: Mapping,
): { body: string } | { json: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (SECRET_KEY.test(text)) {
      map.note(
        path,
        'a body that may hold a credential',
        'check it, and move any credential to a ${{ secrets.NAME }} reference',
      );
    }
    return { body: text };
  }
  let replaced = false;
  const walk = (value: unknown, at: string, key: string | null): unknown => {
    if (typeof value === 'string' && key !== null && SECRET_KEY.test(key) && value !== '') {
      replaced = true;
      return map.secret(`${monitorId}_${key}`, at);
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${at}[${i}]`, key));
    if (isObj(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, `${at}.${k}`, k)]));
    return value;
  };
  const safe = walk(parsed, path, null);
  return replaced ? { json: safe } : { body: text };
}

/**
 * A URL with credentials moved out: user:password in it becomes an Authorization header (its
 * secret is the base64 of user:password), a credential-like query value a secret reference.
 */
export function safeUrl(
  raw: string,
  monitorId: string,
  path: string,
  map: Mapping,
): { url: string; headers: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: raw, headers: {} };
  }
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const ref = map.secret(`${monitorId}_basic_auth`, `${path} (user:password in the URL)`, {
      value: 'the base64 of user:password',
    });
    headers.Authorization = `Basic ${ref}`;
    url.username = '';
    url.password = '';
  }
  if (!url.username && !url.password && ![...url.searchParams.keys()].some((n) => SECRET_PARAM.test(n))) {
    return { url: raw, headers };
  }
  const refs: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    if (SECRET_PARAM.test(name) && value !== '')
      refs.push([name, map.secret(`${monitorId}_${name}`, `${path} (query ${name})`)]);
  }
  let text = url.toString();
  // URLSearchParams would percent-encode the reference's braces: put it in by hand.
  for (const [name, ref] of refs) {
    const current = new URL(text);
    current.searchParams.set(name, '__REF__');
    text = current.toString().replace('__REF__', ref);
  }
  return { url: text, headers };
}

/** Expected statuses as Lookout writes them, from codes and ranges: classes where a range is one. */
export function statusSet(ranges: [number, number][]): (number | string)[] | null {
  const out: (number | string)[] = [];
  for (const [from, to] of ranges) {
    if (from === to) out.push(from);
    else if (from % 100 === 0 && to % 100 === 99 && from >= 100 && to <= 599) {
      for (let c = from; c < to; c += 100) out.push(`${c / 100}xx`);
    } else if (to - from < 20) {
      for (let c = from; c <= to; c++) out.push(c);
    } else return null;
  }
  return out;
}

/** One value or a list, as the schema takes `expected_status`. */
export function oneOrList<T>(list: T[]): T | T[] {
  return list.length === 1 ? (list[0] as T) : list;
}

/** A duration in ms as Lookout writes it, in the largest whole unit: 86400000 -> "1d". */
export function duration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Top-level keys in the order lookout.example.yaml uses. */
export function ordered(config: Obj & { monitors: Obj[] }): LookoutDraft {
  const { status_page, alerting, channels, maintenance, monitors, ...rest } = config;
  return {
    ...rest,
    ...(status_page ? { status_page } : {}),
    ...(alerting ? { alerting } : {}),
    ...(channels ? { channels } : {}),
    ...(maintenance ? { maintenance } : {}),
    monitors,
  };
}

/** Whether a URL is http(s), for links and logos. */
export function isWebUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value) && URL.canParse(value);
}
