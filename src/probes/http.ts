import type { HttpSpec } from '../config/checks';
import { checkAuthEnforced } from './auth-enforcement';
import type { ProbeContext } from './context';
import { collectFindings } from './findings';
import { sendRequest, type Exchange } from './http-request';
import { fromFailure, withVerdict, type CheckOutcome } from './outcome';
import type { Finding } from './result';
import type { TemplateScope } from './templates';
import { judgeResponse } from './verdict';

/** An HTTP check: one request (and its anonymous twin when auth must be enforced). */
export async function probeHttp(
  spec: HttpSpec,
  ctx: ProbeContext,
  scope: TemplateScope,
): Promise<CheckOutcome> {
  const startedAt = ctx.now();
  const sent = await sendRequest(spec, ctx, scope);
  if (!sent.ok) return fromFailure(startedAt, sent.failure);
  const { exchange } = sent;
  const measured = {
    startedAt,
    ttfbMs: exchange.ttfbMs,
    totalMs: exchange.totalMs,
    httpStatus: exchange.status,
    findings: findingsOf(exchange, spec.findings, ctx.now()),
  };
  const verdict = judgeResponse(exchange, spec);
  const security = spec.requires_auth ? await checkAuthEnforced(spec, ctx, scope) : null;
  return withVerdict(measured, security ?? verdict);
}

export function findingsOf(exchange: Exchange, options: HttpSpec['findings'], now: number): Finding[] {
  return collectFindings(
    {
      url: exchange.url,
      requestHeaders: exchange.requestHeaders,
      response: { headers: exchange.headers },
      body: { bytesRead: exchange.bytesRead, truncated: exchange.truncated },
    },
    options,
    now,
  );
}
