import { schemaErrors } from './json-schema';
import type {
  BodyAssertion,
  HeaderAssertion,
  LatencyAssertion,
  SchemaAssertion,
  StatusAssertion,
  StatusRule,
} from './schema';

/**
 * Assertions become checks: one per operator, each with its description and a test. Splitting them
 * this way gives every failure its own expected/actual, and keeps describing and evaluating in step.
 */

/** What the assertions see of a response: the body already read (and capped) by the probe. */
export interface AssertionResponse {
  status: number;
  headers: Headers;
  bodyText: string;
  /** Time to the end of the body. */
  totalMs: number;
}

/** The taxonomy cause follows from the kind: json and schema assertions are 'body' (assert.body). */
export type FailureKind = 'status' | 'header' | 'body' | 'latency';

/** The body parsed as JSON, or why it could not be, as a failure's `actual`. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; actual: string };

export interface Facts {
  response: AssertionResponse;
  /** Parsed on first use only: most monitors never look inside the body. */
  json(): ParsedBody;
}

/** One check of one operator; `failure` returns the actual value when it fails, null when it holds. */
export interface Check {
  kind: FailureKind;
  subject: string;
  operator: string;
  expected: string;
  /** A latency `degraded` threshold: over it degrades the result instead of failing it. */
  degraded?: boolean;
  failure(facts: Facts): string | null;
}

export function statusCheck({ status }: StatusAssertion): Check {
  const rules = Array.isArray(status) ? status : [status];
  const text = rules.map(statusRuleText).join(', ');
  return {
    kind: 'status',
    subject: 'status',
    operator: text,
    expected: text,
    failure: ({ response }) =>
      rules.some((r) => statusMatches(r, response.status)) ? null : String(response.status),
  };
}

function statusRuleText(rule: StatusRule): string {
  return typeof rule === 'object' ? `${rule.range[0]}-${rule.range[1]}` : String(rule);
}

function statusMatches(rule: StatusRule, status: number): boolean {
  if (typeof rule === 'number') return rule === status;
  if (typeof rule === 'string') return Math.floor(status / 100) === Number(rule[0]);
  return status >= rule.range[0] && status <= rule.range[1];
}

export function latencyChecks({ latency }: LatencyAssertion): Check[] {
  const limits = [
    { ms: latency.degraded, level: 'degraded' },
    { ms: latency.down, level: 'down' },
  ] as const;
  return limits.flatMap(({ ms, level }) => {
    if (ms === undefined) return [];
    const check: Check = {
      kind: 'latency',
      subject: 'latency',
      operator: `<= ${formatMs(ms)} (${level})`,
      expected: `<= ${formatMs(ms)}`,
      failure: ({ response }) => (response.totalMs > ms ? `${response.totalMs}ms` : null),
    };
    return [level === 'degraded' ? { ...check, degraded: true } : check];
  });
}

export function headerChecks(assertion: HeaderAssertion): Check[] {
  const { header: name, exists, equals, contains, matches } = assertion;
  const subject = `header ${name}`;
  const check = (operator: string, expected: string, holds: (value: string) => boolean): Check => ({
    kind: 'header',
    subject,
    operator,
    expected,
    failure: ({ response }) => {
      const value = response.headers.get(name);
      if (value === null) return 'header missing';
      return holds(value) ? null : JSON.stringify(value);
    },
  });
  const checks: Check[] = [];
  if (exists === true) checks.push(check('exists', 'present', () => true));
  if (exists === false) {
    checks.push({
      kind: 'header',
      subject,
      operator: 'is absent',
      expected: 'absent',
      failure: ({ response }) => jsonOrNull(response.headers.get(name)),
    });
  }
  if (equals !== undefined) checks.push(check(`equals ${q(equals)}`, q(equals), (v) => v === equals));
  if (contains !== undefined) {
    checks.push(check(`contains ${q(contains)}`, `contains ${q(contains)}`, (v) => v.includes(contains)));
  }
  if (matches !== undefined) {
    checks.push(check(`matches /${matches}/`, `matches /${matches}/`, (v) => new RegExp(matches).test(v)));
  }
  return checks;
}

export function bodyChecks({ body }: BodyAssertion): Check[] {
  const check = (operator: string, failure: (text: string) => string | null): Check => ({
    kind: 'body',
    subject: 'body',
    operator,
    expected: operator,
    failure: ({ response }) => failure(response.bodyText),
  });
  const checks: Check[] = [];
  const { contains, not_contains: notContains, matches } = body;
  if (contains !== undefined) {
    checks.push(check(`contains ${q(contains)}`, (t) => (t.includes(contains) ? null : excerpt(t, 0))));
  }
  if (notContains !== undefined) {
    checks.push(
      check(`does not contain ${q(notContains)}`, (t) =>
        t.includes(notContains) ? excerpt(t, t.indexOf(notContains)) : null,
      ),
    );
  }
  if (matches !== undefined) {
    checks.push(check(`matches /${matches}/`, (t) => (new RegExp(matches).test(t) ? null : excerpt(t, 0))));
  }
  return checks;
}

export function schemaCheck({ schema }: SchemaAssertion): Check {
  return {
    kind: 'body',
    subject: 'schema',
    operator: shorten(JSON.stringify(schema), 80),
    expected: 'a body valid against the schema',
    failure: (facts) => {
      const body = facts.json();
      if (!body.ok) return body.actual;
      const { shown, total } = schemaErrors(schema, body.value);
      if (total === 0) return null;
      return shown.join('; ') + (total > shown.length ? ` (+${total - shown.length} more)` : '');
    },
  };
}

/** The body from `at` (with a little context before it), marked when cut. */
function excerpt(text: string, at: number): string {
  if (text === '') return '(empty body)';
  const start = Math.max(0, at - 40);
  return (start > 0 ? '…' : '') + text.slice(start);
}

function jsonOrNull(value: string | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

/** A string as written in the description: JSON-quoted, so spaces and quotes stay visible. */
export const q = (value: string): string => JSON.stringify(value);

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Cuts `text` to `max` characters, the last being an ellipsis when cut. */
export function shorten(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
