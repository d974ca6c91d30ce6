import type { ProbeResult } from './result';
import type { RequestFailure } from './http-request';
import type { Verdict } from './verdict';

/** What a check of any kind produces, before it is labelled with monitor, region and colo. */
export type CheckOutcome = Omit<ProbeResult, 'monitorId' | 'region' | 'colo'>;

export function fromFailure(startedAt: number, failure: RequestFailure): CheckOutcome {
  return {
    startedAt,
    ttfbMs: failure.ttfbMs,
    totalMs: failure.totalMs,
    httpStatus: failure.status,
    outcome: 'down',
    cause: failure.cause,
    detail: failure.detail,
    findings: [],
  };
}

export function withVerdict(
  outcome: Omit<CheckOutcome, 'outcome' | 'cause' | 'detail'>,
  verdict: Verdict,
): CheckOutcome {
  return { ...outcome, ...verdict };
}
