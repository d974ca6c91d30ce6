/**
 * Keeping values out of results: the forms a value takes once a request or a response has carried
 * it (raw, URL-encoded, JSON-escaped, base64), and a scrub of everything a result says. Texts are
 * cut in many places before they reach a result; every cut ends (or starts) with an ellipsis, so
 * a piece of a form next to an ellipsis is removed too, whatever its length.
 */

/** Secrets shorter than this fail the check: removing them would mangle every text they match. */
export const MIN_SECRET_LENGTH = 8;
export const REDACTED = '[redacted]';
const CUT = '…';

const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The base64 text that encodes `bytes` wherever they sit in a longer input (e.g. `user:secret` in
 * Basic auth): for each of the three alignments, the characters that depend on these bytes only.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const text = base64(padded);
    const core = text.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** Every form of `value` a result may carry, longest first. */
export function formsOf(value: string): string[] {
  const bytes = new TextEncoder().encode(value);
  const json = JSON.stringify(value).slice(1, -1);
  const asciiJson = json.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const component = encodeURIComponent(value);
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const full = base64(bytes);
  const forms = [
    value,
    json,
    asciiJson,
    asciiJson.replace(/\\u[0-9a-f]{4}/g, (m) => m.toUpperCase().replace('\\U', '\\u')),
    component,
    lowerHex(component),
    form,
    lowerHex(form),
    encodeURI(value),
    // A form-encoded query decoded as a URI component, as servers echoing their URL often do.
    value.replace(/ /g, '+'),
    full,
    full.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
    ...base64Cores(bytes),
  ];
  // Any form may come back inside a JSON string (a JSON body echoing what it was sent).
  const inJson = forms.map((f) => JSON.stringify(f).slice(1, -1));
  return [...new Set([...forms, ...inJson].filter((f) => f.length > 0))].sort((a, b) => b.length - a.length);
}

/** A scrubber for texts that may hold any of `values` in any of their forms. */
export function redactor(values: Iterable<string>): (text: string) => string {
  const forms = [...new Set([...values].flatMap(formsOf))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of forms) out = out.split(form).join(REDACTED);
    return out.includes(CUT) ? scrubCutEdges(out, forms) : out;
  };
}

/** A form's beginning just before an ellipsis, or its end just after one: a value cut in two. */
function scrubCutEdges(text: string, forms: readonly string[]): string {
  const pieces = text.split(CUT);
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i] as string;
    if (i < pieces.length - 1) piece = trimEdge(piece, forms, 'end');
    if (i > 0) piece = trimEdge(piece, forms, 'start');
    pieces[i] = piece;
  }
  return pieces.join(CUT);
}

function trimEdge(piece: string, forms: readonly string[], edge: 'start' | 'end'): string {
  let longest = 0;
  for (const form of forms) {
    for (let k = Math.min(form.length - 1, piece.length); k > longest; k--) {
      const hit = edge === 'end' ? piece.endsWith(form.slice(0, k)) : piece.startsWith(form.slice(-k));
      if (hit) {
        longest = k;
        break;
      }
    }
  }
  if (longest === 0) return piece;
  return edge === 'end' ? piece.slice(0, -longest) + REDACTED : REDACTED + piece.slice(longest);
}

/** Every string inside a JSON-like value, scrubbed (keys included). */
export function redactDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, scrub)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), redactDeep(v, scrub)])) as T;
  }
  return value;
}

/** Everything a check's outcome says, scrubbed of `values`: detail, findings' detail and data. */
// Structural, so this module imports nothing: the config loader (Node) reaches it through templates.
export function redactOutcome<T extends { detail: string | null; findings: object[] }>(
  outcome: T,
  values: Iterable<string>,
): T {
  const scrub = redactor(values);
  return {
    ...outcome,
    detail: outcome.detail === null ? null : scrub(outcome.detail),
    findings: outcome.findings.map((f) => redactDeep(f, scrub)),
  };
}
