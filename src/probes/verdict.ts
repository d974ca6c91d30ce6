import type { ExpectedStatus } from '../config/checks';
import type { Assertion } from './assertions/schema';
import { evaluateAssertions, type AssertionFailure } from './assertions/evaluate';
import { describeExpected, statusAccepted } from './expect-status';
import type { Outcome } from './result';
import { causeOfStatus, EDGE_TLS_STATUS, type CauseCode } from './taxonomy';

export interface Verdict {
  outcome: Exclude<Outcome, 'unknown'>;
  cause: CauseCode | null;
  detail: string | null;
}

export const UP: Verdict = { outcome: 'up', cause: null, detail: null };

export interface ResponseFacts {
  status: number;
  headers: Headers;
  bodyText: string;
  totalMs: number;
}

export interface Expectations {
  /** Absent: 2xx, unless a status assertion says otherwise. */
  expected_status?: ExpectedStatus | undefined;
  assertions: Assertion[];
}

/**
 * Judges a response: the status first (its cause says what the status means), then header and
 * body assertions, then latency. One cause, the first that applies; the detail says expected and
 * actual. Pure.
 */
export function judgeResponse(response: ResponseFacts, expect: Expectations): Verdict {
  const hasStatusAssertion = expect.assertions.some((a) => 'status' in a);
  const expected = expect.expected_status ?? (hasStatusAssertion ? undefined : '2xx');
  if (expected !== undefined && !statusAccepted(expected, response.status)) {
    return {
      outcome: 'down',
      cause: causeOfStatus(response.status),
      detail: `status ${response.status}, expected ${describeExpected(expected)}${edgeNote(response.status)}`,
    };
  }
  return judgeAssertions(response, expect.assertions);
}

/** Header, body and latency assertions alone (a TCP or DNS check has no HTTP status). */
export function judgeAssertions(response: ResponseFacts, assertions: Assertion[]): Verdict {
  const { failures, degraded } = evaluateAssertions(assertions, response);
  const first = pickFailure(failures);
  if (first) {
    const more = failures.length > 1 ? ` (+${failures.length - 1} more)` : '';
    return { outcome: 'down', cause: causeOf(first, response.status), detail: describeFailure(first) + more };
  }
  if (degraded) return { outcome: 'degraded', cause: 'perf.slow', detail: describeFailure(degraded) };
  return UP;
}

const edgeNote = (status: number) => (EDGE_TLS_STATUS[status] ? `: ${EDGE_TLS_STATUS[status]}` : '');

const ORDER: AssertionFailure['kind'][] = ['status', 'header', 'body', 'latency'];

function pickFailure(failures: AssertionFailure[]): AssertionFailure | undefined {
  return [...failures].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))[0];
}

function causeOf(failure: AssertionFailure, status: number): CauseCode {
  switch (failure.kind) {
    case 'status':
      return causeOfStatus(status);
    case 'header':
      return 'assert.header';
    case 'body':
      return 'assert.body';
    case 'latency':
      return 'assert.latency';
  }
}

export function describeFailure(failure: AssertionFailure): string {
  return `${failure.assertion}: expected ${failure.expected}, got ${failure.actual}`;
}
