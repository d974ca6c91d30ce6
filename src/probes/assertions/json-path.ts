/**
 * A small JSONPath subset for assertions: `$`, `.key`, `['key']` / `["key"]`, `[0]`, `[-1]`, and the
 * wildcard `[*]` / `.*`. Enough to point at a field of an API response; filters, slices and recursive
 * descent are refused at config time rather than half supported.
 */

export type JsonPathSegment =
  { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** Characters allowed in a dot-notation key; anything else needs the bracket form. */
const DOT_KEY = /^[A-Za-z0-9_$-]+/;
const INDEX = /^-?\d+/;

/** Parses a path into segments; throws an Error whose message says what is wrong and where. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  if (!path.startsWith('$')) throw pathError(path, 0, 'a JSON path starts with "$"');
  const segments: JsonPathSegment[] = [];
  let at = 1;
  while (at < path.length) {
    const char = path[at];
    if (char === '.') {
      if (path[at + 1] === '.') throw pathError(path, at, 'recursive descent ("..") is not supported');
      if (path[at + 1] === '*') {
        segments.push({ kind: 'wildcard' });
        at += 2;
        continue;
      }
      const key = DOT_KEY.exec(path.slice(at + 1))?.[0];
      if (!key)
        throw pathError(path, at + 1, 'expected a key after "." (use [\'...\'] for other characters)');
      segments.push({ kind: 'key', key });
      at += 1 + key.length;
    } else if (char === '[') {
      at = parseBracket(path, at, segments);
    } else {
      throw pathError(path, at, `unexpected "${char}", expected "." or "["`);
    }
  }
  return segments;
}

/** Parses `[...]` starting at `start`; returns the position after the closing bracket. */
function parseBracket(path: string, start: number, segments: JsonPathSegment[]): number {
  const inner = path.slice(start + 1);
  let length: number;
  if (inner.startsWith('*')) {
    segments.push({ kind: 'wildcard' });
    length = 1;
  } else if (inner.startsWith("'") || inner.startsWith('"')) {
    const quoted = readQuoted(path, start + 1);
    segments.push({ kind: 'key', key: quoted.key });
    length = quoted.length;
  } else if (INDEX.test(inner)) {
    const digits = (INDEX.exec(inner) as RegExpExecArray)[0];
    segments.push({ kind: 'index', index: Number(digits) });
    length = digits.length;
  } else {
    const what = inner.startsWith('?')
      ? 'filters ([?...]) are not supported'
      : 'expected a quoted key, an index or *';
    throw pathError(path, start + 1, what);
  }
  const close = start + 1 + length;
  if (path[close] === ']') return close + 1;
  if (path[close] === ':') throw pathError(path, close, 'slices ([a:b]) are not supported');
  if (path[close] === ',') throw pathError(path, close, 'unions ([a,b]) are not supported');
  throw pathError(path, close, 'expected "]"');
}

/** Reads a quoted key with backslash escapes; `length` counts the quotes. */
function readQuoted(path: string, start: number): { key: string; length: number } {
  const quote = path[start];
  let key = '';
  for (let at = start + 1; at < path.length; at++) {
    const char = path[at] as string;
    if (char === quote) return { key, length: at - start + 1 };
    if (char === '\\') {
      at++;
      if (at >= path.length) break;
    }
    key += path[at];
  }
  throw pathError(path, start, `unterminated quoted key (missing ${quote})`);
}

function pathError(path: string, at: number, reason: string): Error {
  return new Error(`invalid JSON path "${path}": ${reason} at position ${at}`);
}

/**
 * The values `path` selects in `document`, in document order; empty when nothing matches. Keys match
 * own properties only, so a path cannot reach `__proto__` or other inherited members. A string path
 * is parsed on each call (it throws like parseJsonPath); pass parsed segments to reuse them.
 */
export function evaluateJsonPath(document: unknown, path: string | readonly JsonPathSegment[]): unknown[] {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  let current: unknown[] = [document];
  for (const segment of segments) {
    current = current.flatMap((value) => step(segment, value));
  }
  return current;
}

function step(segment: JsonPathSegment, value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  if (segment.kind === 'wildcard') return Array.isArray(value) ? value : Object.values(value);
  if (segment.kind === 'index') {
    if (!Array.isArray(value)) return [];
    const index = segment.index < 0 ? value.length + segment.index : segment.index;
    return index >= 0 && index < value.length ? [value[index]] : [];
  }
  if (Array.isArray(value) || !Object.hasOwn(value, segment.key)) return [];
  return [(value as Record<string, unknown>)[segment.key]];
}
