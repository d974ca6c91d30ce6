import type { FlowSpec, FlowStep } from '../config/checks';
import { evaluateJsonPath } from './assertions/json-path';
import { checkAuthEnforced } from './auth-enforcement';
import type { ProbeContext } from './context';
import { findingsOf } from './http';
import { sendRequest, type Exchange } from './http-request';
import type { CheckOutcome } from './outcome';
import { MIN_SECRET_LENGTH } from './redaction';
import type { Finding } from './result';
import type { TemplateScope } from './templates';
import { judgeResponse, UP, type Verdict } from './verdict';

/**
 * A multi-step API check: steps run in order, each with its own assertions; values extracted from
 * one step are `${{ vars.NAME }}` in the next. After a failure only `always_run` steps still run
 * (cleanup). The result carries the first failing step's cause, and names the step.
 */
export async function probeFlow(
  spec: FlowSpec,
  ctx: ProbeContext,
  scope: TemplateScope,
): Promise<CheckOutcome> {
  const startedAt = ctx.now();
  let ttfbMs: number | null = null;
  let totalMs = 0;
  let httpStatus: number | null = null;
  let failed: (Verdict & { step: string }) | null = null;
  let degraded: (Verdict & { step: string }) | null = null;
  const findings = new Map<string, Finding>();

  for (const step of spec.steps) {
    if (failed && !step.always_run) continue;
    ctx.onStep?.(step.name);
    const sent = await sendRequest(step, ctx, scope);
    if (!sent.ok) {
      totalMs += sent.failure.totalMs;
      if (!failed) {
        failed = { outcome: 'down', cause: sent.failure.cause, detail: sent.failure.detail, step: step.name };
        httpStatus = sent.failure.status;
      }
      continue;
    }
    const { exchange } = sent;
    ttfbMs ??= exchange.ttfbMs;
    totalMs += exchange.totalMs;
    for (const finding of findingsOf(exchange, spec.findings, ctx.now()))
      findings.set(`${finding.code} ${finding.detail}`, finding);
    const verdict = await judgeStep(step, exchange, ctx, scope);
    if (failed) continue; // a cleanup step's own result does not replace the failure
    httpStatus = exchange.status;
    if (verdict.outcome === 'down') failed = { ...verdict, step: step.name };
    else if (verdict.outcome === 'degraded') degraded ??= { ...verdict, step: step.name };
  }

  const worst = failed ?? degraded;
  const verdict: Verdict = worst
    ? { outcome: worst.outcome, cause: worst.cause, detail: `step "${worst.step}": ${worst.detail}` }
    : UP;
  return { startedAt, ttfbMs, totalMs, httpStatus, findings: [...findings.values()], ...verdict };
}

async function judgeStep(
  step: FlowStep,
  exchange: Exchange,
  ctx: ProbeContext,
  scope: TemplateScope,
): Promise<Verdict> {
  const verdict = judgeResponse(exchange, step);
  if (verdict.outcome === 'down') return verdict;
  const missing = extractInto(step, exchange, scope.vars, scope.used);
  if (missing) return { outcome: 'down', cause: 'assert.body', detail: missing };
  if (step.requires_auth) return (await checkAuthEnforced(step, ctx, scope)) ?? verdict;
  return verdict;
}

/**
 * Stores the step's extracted values; returns a description of the first that could not be found.
 * A value is secret from the moment it is extracted (a token a later step fails on must not be
 * published); shorter than MIN_SECRET_LENGTH it is an id or a flag, and stays readable.
 */
export function extractInto(
  step: FlowStep,
  exchange: Exchange,
  vars: Record<string, string>,
  secret: Set<string> = new Set(),
): string | null {
  for (const [name, rule] of Object.entries(step.extract)) {
    const value = extractValue(rule, exchange);
    if (value === null) return `could not extract ${name}: ${describeRule(rule)} found nothing`;
    vars[name] = value;
    if (value.length >= MIN_SECRET_LENGTH) secret.add(value);
  }
  return null;
}

type ExtractRule = FlowStep['extract'][string];

function extractValue(rule: ExtractRule, exchange: Exchange): string | null {
  if ('header' in rule) return exchange.headers.get(rule.header);
  if ('regex' in rule) {
    const match = new RegExp(rule.regex).exec(exchange.bodyText);
    return match ? (match[1] ?? match[0]) : null;
  }
  return extractJson(rule.json, exchange.bodyText);
}

function extractJson(path: string, bodyText: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return null;
  }
  const [first] = evaluateJsonPath(body, path);
  if (first === undefined || first === null) return null;
  return typeof first === 'string' ? first : JSON.stringify(first);
}

function describeRule(rule: ExtractRule): string {
  if ('header' in rule) return `header ${rule.header}`;
  if ('regex' in rule) return `regex /${rule.regex}/`;
  return `JSON path ${rule.json}`;
}
