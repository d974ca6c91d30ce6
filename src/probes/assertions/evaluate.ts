import { bodyChecks, headerChecks, latencyChecks, schemaCheck, shorten, statusCheck } from './checks';
import type { AssertionResponse, Check, Facts, FailureKind, ParsedBody } from './checks';
import { jsonChecks } from './json-checks';
import type { Assertion } from './schema';

export type { AssertionResponse, FailureKind } from './checks';

export interface AssertionFailure {
  kind: FailureKind;
  /** The failed check in words, e.g. `json $.status equals "ok"`. */
  assertion: string;
  expected: string;
  /** What the response had instead, at most 200 characters. */
  actual: string;
}

export interface AssertionResults {
  failures: AssertionFailure[];
  /** The first latency over a `degraded` threshold, unless that assertion's `down` failed too. */
  degraded: AssertionFailure | null;
}

/** Runs every check of every assertion; nothing a response contains makes it throw. */
export function evaluateAssertions(
  assertions: readonly Assertion[],
  response: AssertionResponse,
): AssertionResults {
  const facts = factsOf(response);
  const failures: AssertionFailure[] = [];
  let degraded: AssertionFailure | null = null;
  for (const assertion of assertions) {
    const checks = checksOf(assertion);
    const failed = checks.filter((c) => !c.degraded).flatMap((c) => run(c, facts));
    failures.push(...failed);
    if (failed.length === 0 && degraded === null) {
      degraded = checks.filter((c) => c.degraded).flatMap((c) => run(c, facts))[0] ?? null;
    }
  }
  return { failures, degraded };
}

/** The assertion in words, e.g. `json $.count gte 1 and lte 10`. */
export function describeAssertion(assertion: Assertion): string {
  const checks = checksOf(assertion);
  return `${checks[0]?.subject ?? ''} ${checks.map((c) => c.operator).join(' and ')}`;
}

/** One check per operator, in a fixed order (the order of the operators in the schema). */
function checksOf(assertion: Assertion): Check[] {
  if ('status' in assertion) return [statusCheck(assertion)];
  if ('latency' in assertion) return latencyChecks(assertion);
  if ('header' in assertion) return headerChecks(assertion);
  if ('body' in assertion) return bodyChecks(assertion);
  if ('json' in assertion) return jsonChecks(assertion);
  return [schemaCheck(assertion)];
}

function run(check: Check, facts: Facts): AssertionFailure[] {
  const actual = check.failure(facts);
  if (actual === null) return [];
  const assertion = `${check.subject} ${check.operator}`;
  return [{ kind: check.kind, assertion, expected: shorten(check.expected), actual: shorten(actual) }];
}

function factsOf(response: AssertionResponse): Facts {
  let parsed: ParsedBody | undefined;
  return {
    response,
    json() {
      parsed ??= parseBody(response.bodyText);
      return parsed;
    },
  };
}

function parseBody(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, actual: `body is not JSON: ${shorten(text, 60) || '(empty)'}` };
  }
}
