import type { ProbeSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { probeDns } from './dns';
import { probeFlow } from './flow';
import { probeHttp } from './http';
import type { CheckOutcome } from './outcome';
import type { ProbeResult } from './result';
import { probeTcp } from './tcp';
import { probeTls } from './tls-check';
import { probeStatuspage } from './statuspage';
import { clip } from '../lib/clip';
import { MIN_SECRET_LENGTH, redactOutcome } from './redaction';
import { MissingValueError, type SecretLookup, type TemplateScope } from './templates';

/**
 * Runs one check of any kind. Never throws: a missing secret and any bug in a check become a
 * result. Whatever a check substituted or extracted (secrets, tokens) is scrubbed from what it says,
 * in every form (src/probes/redaction.ts).
 */
export async function runCheck(monitorId: string, spec: ProbeSpec, ctx: ProbeContext): Promise<ProbeResult> {
  const scope: TemplateScope = { secrets: longEnough(ctx.secrets), vars: {}, used: new Set() };
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
  // Scrubbed before anything here is cut: a cut could split a value and hide it from the scrub.
  const scrubbed = redactOutcome(outcome, scope.used);
  return {
    monitorId,
    region: ctx.region,
    colo: ctx.colo,
    ...scrubbed,
    detail: scrubbed.detail === null ? null : clip(scrubbed.detail, 500),
  };
}

/**
 * A secret shorter than MIN_SECRET_LENGTH cannot be kept out of results without mangling every
 * text it happens to match: the check fails instead, naming it (never its value).
 */
function longEnough(lookup: SecretLookup): SecretLookup {
  return (name) => {
    const value = lookup(name);
    if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
      throw new MissingValueError(
        'secrets',
        name,
        `is too short to be kept out of results (${MIN_SECRET_LENGTH} characters at least)`,
      );
    }
    return value;
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
    case 'statuspage':
      return probeStatuspage(spec, ctx, scope);
  }
}
