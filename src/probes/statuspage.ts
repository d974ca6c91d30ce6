import type { StatuspageSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { sendRequest } from './http-request';
import type { CheckOutcome } from './outcome';
import { judgeSummary, readSummary, summaryUrl } from './statuspage-summary';
import { causeOfStatus } from './taxonomy';
import type { TemplateScope } from './templates';

/**
 * A `kind: statuspage` check: reads a vendor's public summary.json (Atlassian Statuspage, or an
 * incident.io page, which serves the same document) and reports what it says of the components
 * the monitor follows. When the page itself cannot be read the outcome is `unknown`: that says
 * nothing of the vendor's service, so it neither opens an incident nor marks dependents down.
 */
export async function probeStatuspage(
  spec: StatuspageSpec,
  ctx: ProbeContext,
  scope: TemplateScope,
): Promise<CheckOutcome> {
  const startedAt = ctx.now();
  const sent = await sendRequest(
    {
      url: summaryUrl(spec.url),
      method: 'GET',
      query: {},
      headers: { accept: 'application/json' },
      timeout: spec.timeout,
      redirects: { mode: 'follow', max: 3 },
      assertions: [],
      requires_auth: false,
    },
    ctx,
    scope,
  );
  const unreadable = (cause: CheckOutcome['cause'], detail: string, extra: Partial<CheckOutcome> = {}) => ({
    startedAt,
    ttfbMs: null,
    totalMs: null,
    httpStatus: null,
    outcome: 'unknown' as const,
    cause,
    detail: `status page: ${detail}`,
    findings: [],
    ...extra,
  });
  if (!sent.ok) {
    const { failure } = sent;
    return unreadable(failure.cause, failure.detail, {
      ttfbMs: failure.ttfbMs,
      totalMs: failure.totalMs,
      httpStatus: failure.status,
    });
  }
  const { exchange } = sent;
  const measured = { ttfbMs: exchange.ttfbMs, totalMs: exchange.totalMs, httpStatus: exchange.status };
  if (exchange.status < 200 || exchange.status >= 300)
    return unreadable(causeOfStatus(exchange.status), `answered ${exchange.status}`, measured);
  const read = readSummary(exchange.bodyText);
  if (!read.ok) return unreadable('vendor.unreadable', read.detail, measured);
  return { startedAt, ...measured, ...judgeSummary(read.summary, spec.components) };
}
