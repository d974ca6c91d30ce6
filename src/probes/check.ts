import type { ProbeSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { probeDns } from './dns';
import { probeFlow } from './flow';
import { probeHttp } from './http';
import type { CheckOutcome } from './outcome';
import type { ProbeResult } from './result';
import { probeTcp } from './tcp';
import { probeTls } from './tls-check';
import { MissingValueError, redact, type TemplateScope } from './templates';

/**
 * Runs one check of any kind. Never throws: a missing secret and any bug in a check become a
 * result. Whatever a check substituted (secrets, extracted tokens) is scrubbed from what it says.
 */
export async function runCheck(monitorId: string, spec: ProbeSpec, ctx: ProbeContext): Promise<ProbeResult> {
  const scope: TemplateScope = { secrets: ctx.secrets, vars: {}, used: new Set() };
  const startedAt = ctx.now();
  let outcome: CheckOutcome;
  try {
    outcome = await dispatch(spec, ctx, scope);
  } catch (error) {
    outcome = {
      startedAt,
      ttfbMs: null,
      totalMs: null,
      httpStatus: null,
      outcome: 'down',
      ...(error instanceof MissingValueError && error.source === 'secrets'
        ? { cause: 'config.secret_missing', detail: error.message }
        : {
            cause: 'net.error',
            detail: `check failed: ${error instanceof Error ? error.message : String(error)}`,
          }),
      findings: [],
    };
  }
  return {
    monitorId,
    region: ctx.region,
    colo: ctx.colo,
    ...outcome,
    detail: outcome.detail === null ? null : redact(outcome.detail, scope.used).slice(0, 500),
    findings: outcome.findings.map((f) => ({ ...f, detail: redact(f.detail, scope.used) })),
  };
}

function dispatch(spec: ProbeSpec, ctx: ProbeContext, scope: TemplateScope): Promise<CheckOutcome> {
  switch (spec.kind) {
    case 'http':
      return probeHttp(spec, ctx, scope);
    case 'flow':
      return probeFlow(spec, ctx, scope);
    case 'tcp':
      return probeTcp(spec, ctx);
    case 'dns':
      return probeDns(spec, ctx, scope);
    case 'tls':
      return probeTls(spec, ctx);
  }
}
