import { env } from 'cloudflare:workers';

/**
 * Canary secrets and the scanner that looks for them: each canary (a binding in vitest.config.ts,
 * or a value a target issued at run time) is searched for in every form a request, a response or a
 * store may give it. The forms are computed here on their own, not with src/probes/redaction.ts:
 * a scanner sharing the scrubber's blind spots could not catch them.
 */

export interface Canary {
  /** The binding's name, or what issued it. */
  name: string;
  value: string;
}

/** The canaries a monitor's request carries to the target (headers, query, bodies, auth, path). */
export const TARGET_CANARIES = [
  'CANARY_HEADER',
  'CANARY_QUERY',
  'CANARY_JSON',
  'CANARY_FORM',
  'CANARY_BASIC',
  'CANARY_PATH',
] as const;

/** Every canary binding, by name (the values live in vitest.config.ts). */
export const CANARY_BINDINGS = [
  ...TARGET_CANARIES,
  'CANARY_HOOK',
  'CANARY_WATCHDOG',
  'CANARY_PD_KEY',
  'CANARY_SIGNING',
] as const;
export type CanaryBinding = (typeof CANARY_BINDINGS)[number];

export function bindingCanaries(): Canary[] {
  const canaries: Canary[] = CANARY_BINDINGS.map((name) => ({ name, value: env[name] }));
  // What the encoded bindings carry: the Basic password and the signing key's bytes.
  const basic = atob(env.CANARY_BASIC);
  canaries.push({ name: 'CANARY_BASIC(password)', value: basic.slice(basic.indexOf(':') + 1) });
  const key = new TextDecoder().decode(
    Uint8Array.from(atob(env.CANARY_SIGNING.slice('whsec_'.length)), (c) => c.charCodeAt(0)),
  );
  canaries.push({ name: 'CANARY_SIGNING(key)', value: key });
  return canaries;
}

const bytesOf = (text: string) => new TextEncoder().encode(text);
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const toBase64Url = (text: string) => text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/**
 * The base64 characters that depend on `bytes` alone, for each of the three alignments they may
 * sit at inside a longer encoded text (`user:secret` in Basic auth, a secret inside a JSON blob).
 */
function base64Inner(bytes: Uint8Array): string[] {
  const inner: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const text = toBase64(padded);
    inner.push(text.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6)));
  }
  return inner;
}

/** The canary's unique core (its first run of 8+ letters and digits): finds a leak cut short. */
export function coreOf(value: string): string | null {
  return /[A-Za-z0-9]{8,}/.exec(value)?.[0] ?? null;
}

/** Form name -> text, for one value. */
export function canaryForms(value: string): Record<string, string> {
  const component = encodeURIComponent(value);
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const json = JSON.stringify(value).slice(1, -1);
  const base64 = toBase64(bytesOf(value));
  const forms: Record<string, string> = {
    raw: value,
    'json-escaped': json,
    'json-ascii': json.replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
    'url-encoded': component,
    'url-encoded-lower': lowerHex(component),
    'form-encoded': form,
    'form-encoded-lower': lowerHex(form),
    'uri-encoded': encodeURI(value),
    'html-escaped': value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
    base64,
    base64url: toBase64Url(base64),
  };
  base64Inner(bytesOf(value)).forEach((inner, i) => {
    forms[`base64-inner${i}`] = inner;
    forms[`base64url-inner${i}`] = toBase64Url(inner);
  });
  const core = coreOf(value);
  if (core) {
    forms.core = core;
    base64Inner(bytesOf(core)).forEach((inner, i) => {
      forms[`core-base64-inner${i}`] = inner;
      forms[`core-base64url-inner${i}`] = toBase64Url(inner);
    });
  }
  return forms;
}

export interface Leak {
  canary: string;
  form: string;
  kind: string;
  place: string;
  /** A little text around the hit, the canary itself masked. */
  around: string;
}

/** Scans texts for canaries in every form and tallies what it looked at. */
export class CanaryScanner {
  readonly leaks: Leak[] = [];
  /** Places scanned, by kind (D1 table, API response, page, receiver request, log line). */
  readonly places: Record<string, number> = {};
  private readonly forms: { canary: string; form: string; text: string }[];

  constructor(readonly canaries: Canary[]) {
    this.forms = canaries.flatMap(({ name, value }) =>
      Object.entries(canaryForms(value)).map(([form, text]) => ({ canary: name, form, text })),
    );
  }

  /** Scans one place; `allowed` names canaries that belong there (a receiver's own URL). */
  scan(kind: string, place: string, text: string, allowed: readonly string[] = []): Leak[] {
    this.places[kind] = (this.places[kind] ?? 0) + 1;
    const found: Leak[] = [];
    const seen = new Set<string>();
    for (const { canary, form, text: needle } of this.forms) {
      if (allowed.includes(canary) || seen.has(canary)) continue;
      const at = text.indexOf(needle);
      if (at < 0) continue;
      seen.add(canary);
      const around = `${text.slice(Math.max(0, at - 40), at)}<${canary}>${text.slice(at + needle.length, at + needle.length + 40)}`;
      found.push({ canary, form, kind, place, around });
    }
    this.leaks.push(...found);
    return found;
  }

  get placesScanned(): number {
    return Object.values(this.places).reduce((a, b) => a + b, 0);
  }
}

/** Every row of every table D1 holds (from sqlite_master), one text per table. */
export async function everyTable(): Promise<{ table: string; rows: number; text: string }[]> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
  ).all<{ name: string }>();
  const dumps = await env.DB.batch(
    tables.results.map(({ name }) => env.DB.prepare(`SELECT * FROM "${name}"`)),
  );
  return tables.results.map(({ name }, i) => {
    const rows = dumps[i]?.results ?? [];
    return { table: name, rows: rows.length, text: JSON.stringify(rows) };
  });
}

/** The whole database as one text (tests that look for one value anywhere). */
export async function everyRowOfEveryTable(): Promise<string> {
  return JSON.stringify((await everyTable()).map((t) => t.text));
}

/**
 * What `npm run bench:security` collects: each test that measures something prints one
 * `[security] {...}` line with its figures (bench/security.ts sums them).
 */
export function reportSecurity(row: Record<string, unknown>): void {
  console.info(`[security] ${JSON.stringify(row)}`);
}
