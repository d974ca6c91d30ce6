import { deepCompareStrict } from '@cfworker/json-schema';
import type { Check } from './checks';
import { shorten } from './checks';
import { evaluateJsonPath, parseJsonPath } from './json-path';
import { JSON_OPERATORS, type JsonAssertion, type JsonOperator, type JsonType } from './schema';

/**
 * The json assertion: a path into the parsed body and operators on what it selects. A wildcard
 * path can select several values; a check holds only if it holds for every one of them, and fails
 * when the path selects nothing (except `exists: false`, whose point is that nothing is there).
 */

/** Tests one selected value: null when it passes, else the actual value as the failure shows it. */
type ValueTest = (value: unknown) => string | null;

interface Operator {
  text: string;
  expected: string;
  test: ValueTest;
}

export function jsonChecks(assertion: JsonAssertion): Check[] {
  const path = parseJsonPath(assertion.json);
  return JSON_OPERATORS.flatMap((op) => {
    const value = assertion[op];
    if (value === undefined) return [];
    const operator = operatorOf(op, value);
    const check: Check = {
      kind: 'body',
      subject: `json ${assertion.json}`,
      operator: operator.text,
      expected: operator.expected,
      failure: (facts) => {
        const body = facts.json();
        if (!body.ok) return body.actual;
        const matches = evaluateJsonPath(body.value, path);
        if (op === 'exists') return existsFailure(value === true, matches);
        return matches.length === 0 ? 'no match' : everyFailure(matches, operator.test);
      },
    };
    return [check];
  });
}

function existsFailure(expected: boolean, matches: unknown[]): string | null {
  if (expected) return matches.length > 0 ? null : 'no match';
  return matches.length === 0 ? null : matches.map((m) => show(m)).join(', ');
}

/** Null when every match passes; else the first failure, with a count when there were several. */
function everyFailure(matches: unknown[], test: ValueTest): string | null {
  const failures = matches.map(test).filter((f): f is string => f !== null);
  const [first] = failures;
  if (first === undefined) return null;
  return matches.length === 1 ? first : `${first} (${failures.length} of ${matches.length} matches fail)`;
}

/** The description and the test of one operator; `value` is what the YAML gave it. */
function operatorOf(op: JsonOperator, value: unknown): Operator {
  const shown = show(value);
  switch (op) {
    case 'equals':
      return {
        text: `equals ${shown}`,
        expected: shown,
        test: (v) => (deepCompareStrict(v, value) ? null : show(v)),
      };
    case 'not_equals':
      return {
        text: `not_equals ${shown}`,
        expected: `not ${shown}`,
        test: (v) => (deepCompareStrict(v, value) ? show(v) : null),
      };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return compare(op, value as number);
    case 'contains':
      return {
        text: `contains ${shown}`,
        expected: `contains ${shown}`,
        test: (v) => containsFailure(v, value),
      };
    case 'exists':
      return {
        text: value ? 'exists' : 'does not exist',
        expected: value ? 'a match' : 'no match',
        test: () => null,
      };
    case 'length':
      return {
        text: `length ${shown}`,
        expected: `length ${shown}`,
        test: (v) => lengthFailure(v, value as number),
      };
    case 'type':
      return {
        text: `type ${String(value)}`,
        expected: String(value),
        test: (v) => typeFailure(v, value as JsonType),
      };
  }
}

const COMPARISONS = {
  lt: { sign: '<', holds: (a: number, b: number) => a < b },
  lte: { sign: '<=', holds: (a: number, b: number) => a <= b },
  gt: { sign: '>', holds: (a: number, b: number) => a > b },
  gte: { sign: '>=', holds: (a: number, b: number) => a >= b },
} as const;

/** Numbers only: "10" in a body is a string, and saying so beats comparing it as one. */
function compare(op: keyof typeof COMPARISONS, limit: number): Operator {
  const { sign, holds } = COMPARISONS[op];
  return {
    text: `${op} ${limit}`,
    expected: `${sign} ${limit}`,
    test: (v) => {
      if (typeof v !== 'number') return `${show(v, 120)} (${typeOf(v)}, not a number)`;
      return holds(v, limit) ? null : show(v);
    },
  };
}

/** A string contains a substring; a list contains an element deep-equal to the value. */
function containsFailure(actual: unknown, expected: unknown): string | null {
  if (typeof actual === 'string') {
    const needle = typeof expected === 'string' ? expected : JSON.stringify(expected);
    return actual.includes(needle) ? null : show(actual);
  }
  if (Array.isArray(actual)) return actual.some((e) => deepCompareStrict(e, expected)) ? null : show(actual);
  return `${show(actual, 120)} (${typeOf(actual)}, not a string or list)`;
}

function lengthFailure(actual: unknown, expected: number): string | null {
  if (typeof actual !== 'string' && !Array.isArray(actual)) {
    return `${show(actual, 120)} (${typeOf(actual)}, has no length)`;
  }
  return actual.length === expected ? null : `length ${actual.length}: ${show(actual, 120)}`;
}

function typeFailure(actual: unknown, expected: JsonType): string | null {
  const holds = expected === 'integer' ? Number.isInteger(actual) : typeOf(actual) === expected;
  return holds ? null : `${typeOf(actual)} ${show(actual, 120)}`;
}

/** The JSON type name of a parsed value (every number is a 'number'). */
function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

function show(value: unknown, max?: number): string {
  return shorten(JSON.stringify(value) ?? String(value), max);
}
