/**
 * Gatus conditions (`[STATUS] == 200`, `[RESPONSE_TIME] < 300`, `[BODY].status == UP`,
 * `len([BODY].items) == 3`, `[BODY] == pat(*ok*)`...) as Lookout expectations. Pure.
 */

export interface ConditionTarget {
  expectedStatus: (number | string)[];
  assertions: Record<string, unknown>[];
  latencyDownMs: number | null;
  /** Certificate lead time in hours ([CERTIFICATE_EXPIRATION] > 48h). */
  certificateHours: number | null;
  dns: { rcode?: string; contains: string[] };
}

export type ConditionOutcome = { ok: true } | { ok: false; why: string };

const CONDITION = /^\s*(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*$/;

export function emptyTarget(): ConditionTarget {
  return {
    expectedStatus: [],
    assertions: [],
    latencyDownMs: null,
    certificateHours: null,
    dns: { contains: [] },
  };
}

/** Adds what one condition means to `target`, or says why Lookout cannot check it. */
export function applyCondition(text: string, target: ConditionTarget, isDns: boolean): ConditionOutcome {
  const m = CONDITION.exec(text);
  if (!m) return { ok: false, why: 'not a condition Lookout can read' };
  const [, left = '', op = '', right = ''] = m;
  if (left === '[STATUS]') return status(op, right, target);
  if (left === '[RESPONSE_TIME]') {
    const ms = Number(right);
    if ((op === '<' || op === '<=') && ms > 0) {
      target.latencyDownMs = Math.min(target.latencyDownMs ?? Infinity, ms);
      return { ok: true };
    }
    return { ok: false, why: 'only an upper bound on the response time maps (a latency assertion)' };
  }
  if (left === '[CONNECTED]') {
    return op === '==' && right === 'true'
      ? { ok: true }
      : { ok: false, why: 'a tcp check is up when it connects' };
  }
  if (left === '[CERTIFICATE_EXPIRATION]') {
    const hours = durationHours(right);
    if ((op === '>' || op === '>=') && hours !== null) {
      target.certificateHours = Math.max(target.certificateHours ?? 0, hours);
      return { ok: true };
    }
    return { ok: false, why: 'only "> duration" maps (a certificate lead time)' };
  }
  if (left === '[DOMAIN_EXPIRATION]') {
    return {
      ok: false,
      why: "Lookout checks every monitor's domain expiry by itself (RDAP, warnings 30, 14, 7 and 1 days ahead)",
    };
  }
  if (left === '[DNS_RCODE]' && op === '==') {
    target.dns.rcode = right;
    return { ok: true };
  }
  if (left === '[BODY]' && isDns) {
    if (op !== '==') return { ok: false, why: 'a dns monitor checks that the answer has a value' };
    target.dns.contains.push(...listOf(right));
    return { ok: true };
  }
  if (left === '[BODY]') return wholeBody(op, right, target);
  const fn = /^(len|has)\((\[BODY\].*)\)$/.exec(left);
  if (fn) return bodyFunction(fn[1] as 'len' | 'has', jsonPath(fn[2] ?? ''), op, right, target);
  if (left.startsWith('[BODY]')) return jsonField(jsonPath(left), op, right, target);
  return { ok: false, why: `Lookout has no equivalent of ${left}` };
}

function status(op: string, right: string, target: ConditionTarget): ConditionOutcome {
  if (op === '==') {
    const codes = listOf(right).map(Number);
    if (codes.every((c) => Number.isInteger(c) && c >= 100 && c <= 599)) {
      target.expectedStatus.push(...codes);
      return { ok: true };
    }
  }
  const bound = Number(right);
  if ((op === '<' || op === '<=') && bound % 100 === (op === '<' ? 0 : 99) && bound >= 300 && bound <= 600) {
    const top = op === '<' ? bound / 100 - 1 : Math.floor(bound / 100);
    for (let c = 2; c <= top; c++) target.expectedStatus.push(`${c}xx`);
    return { ok: true };
  }
  return { ok: false, why: 'only a status, a list (any(...)) or an upper bound at a class edge maps' };
}

function wholeBody(op: string, right: string, target: ConditionTarget): ConditionOutcome {
  const glob = /^pat\((.*)\)$/.exec(right)?.[1];
  const inner = glob === undefined ? null : /^\*([^*]+)\*$/.exec(glob)?.[1];
  if (op === '==' || op === '!=') {
    if (inner) {
      target.assertions.push({ body: op === '==' ? { contains: inner } : { not_contains: inner } });
      return { ok: true };
    }
    if (op === '==') {
      target.assertions.push({ body: { matches: `^${globRegex(glob ?? right, glob !== undefined)}$` } });
      return { ok: true };
    }
  }
  return { ok: false, why: 'only ==, or != with pat(*text*), map for the whole body' };
}

function bodyFunction(
  fn: 'len' | 'has',
  path: string,
  op: string,
  right: string,
  target: ConditionTarget,
): ConditionOutcome {
  if (fn === 'has' && op === '==' && (right === 'true' || right === 'false')) {
    target.assertions.push({ json: path, exists: right === 'true' });
    return { ok: true };
  }
  if (fn === 'len' && op === '==' && /^\d+$/.test(right)) {
    target.assertions.push({ json: path, length: Number(right) });
    return { ok: true };
  }
  if (fn === 'len' && (op === '>' || op === '>=') && Number(right) === (op === '>' ? 0 : 1)) {
    // A non-empty list has a first item.
    target.assertions.push({ json: `${path}[0]`, exists: true });
    return { ok: true };
  }
  return { ok: false, why: `Lookout checks ${fn}() only as == (a length, or exists), or len() > 0` };
}

const COMPARE: Record<string, string> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

function jsonField(path: string, op: string, right: string, target: ConditionTarget): ConditionOutcome {
  if (COMPARE[op]) {
    const n = Number(right);
    if (!Number.isFinite(n)) return { ok: false, why: 'a comparison needs a number' };
    target.assertions.push({ json: path, [COMPARE[op] as string]: n });
    return { ok: true };
  }
  if (right.startsWith('any(')) return { ok: false, why: 'Lookout has no "one of" for a JSON value' };
  const glob = /^pat\((.*)\)$/.exec(right)?.[1];
  if (glob !== undefined) {
    const inner = /^\*([^*]+)\*$/.exec(glob)?.[1];
    if (inner && op === '==') {
      target.assertions.push({ json: path, contains: inner });
      return { ok: true };
    }
    return { ok: false, why: 'a pattern on a JSON value maps only as pat(*text*) (contains)' };
  }
  target.assertions.push({ json: path, [op === '==' ? 'equals' : 'not_equals']: scalar(right) });
  return { ok: true };
}

/** `[BODY].data[0].id` -> `$.data[0].id`; `[BODY][0]` -> `$[0]`. */
export function jsonPath(left: string): string {
  return `$${left.slice('[BODY]'.length)}`;
}

/** Gatus compares text; a number or boolean in the config most likely means one in the JSON. */
function scalar(text: string): string | number | boolean | null {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text.replace(/^"(.*)"$/, '$1');
}

function listOf(right: string): string[] {
  const any = /^any\((.*)\)$/.exec(right)?.[1];
  return (any === undefined ? [right] : any.split(',')).map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
}

function globRegex(text: string, isGlob: boolean): string {
  const escaped = text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return isGlob ? escaped.replace(/\*/g, '[\\s\\S]*') : escaped.replace(/\*/g, '\\*');
}

function durationHours(text: string): number | null {
  const m = /^(\d+)(h|d|m)$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'd' ? n * 24 : m[2] === 'h' ? n : n / 60;
}
