import type { HttpSpec } from '../config/monitor';
import { MissingSecretError, resolveSecrets, type SecretLookup } from '../config/secrets';
import type { Region } from '../regions/regions';
import { describeExpected, statusAccepted } from './expect-status';
import { classifyNetworkError } from './network-error';
import { readCapped } from './read-body';
import type { ProbeResult } from './result';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const USER_AGENT = 'Lookout/0.1 (synthetic API monitoring)';

export interface ProbeContext {
  fetch: typeof fetch;
  region: Region;
  /** `<region>:<index>`: named in a request header so a target can tell probers apart. */
  shard: string;
  colo: string;
  secrets: SecretLookup;
}

/** One HTTP check: never throws, every failure becomes a classified result. */
export async function probeHttp(monitorId: string, spec: HttpSpec, ctx: ProbeContext): Promise<ProbeResult> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const base = { monitorId, region: ctx.region, colo: ctx.colo, startedAt, findings: [] };
  const down = (cause: string, detail: string, extra: Partial<ProbeResult> = {}): ProbeResult => ({
    ...base,
    ttfbMs: null,
    totalMs: elapsed(),
    httpStatus: null,
    outcome: 'down',
    cause,
    detail,
    ...extra,
  });

  let headers: Headers;
  try {
    headers = buildHeaders(spec, ctx);
  } catch (error) {
    if (error instanceof MissingSecretError)
      return down('config.secret_missing', error.message, { totalMs: 0 });
    throw error;
  }

  const signal = AbortSignal.timeout(spec.timeoutMs);
  let response: Response;
  try {
    response = await ctx.fetch(spec.url, {
      method: spec.method,
      headers,
      ...(spec.body === undefined ? {} : { body: spec.body }),
      redirect: 'follow',
      signal,
    });
  } catch (error) {
    const failure = classifyNetworkError(error, spec.timeoutMs);
    return down(failure.cause, failure.detail);
  }
  const ttfbMs = elapsed();
  try {
    await readCapped(response.body, BODY_LIMIT_BYTES);
  } catch (error) {
    const failure = classifyNetworkError(error, spec.timeoutMs);
    return down(failure.cause, `${failure.detail} while reading the body`, {
      ttfbMs,
      httpStatus: response.status,
    });
  }
  const totalMs = elapsed();
  if (!statusAccepted(spec.expectedStatus, response.status)) {
    return down(
      'http.unexpected_status',
      `status ${response.status}, expected ${describeExpected(spec.expectedStatus)}`,
      {
        ttfbMs,
        totalMs,
        httpStatus: response.status,
      },
    );
  }
  return { ...base, ttfbMs, totalMs, httpStatus: response.status, outcome: 'up', cause: null, detail: null };
}

function buildHeaders(spec: HttpSpec, ctx: ProbeContext): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(spec.headers)) {
    headers.set(name, resolveSecrets(value, ctx.secrets));
  }
  if (!headers.has('user-agent')) headers.set('user-agent', `${USER_AGENT} region=${ctx.region}`);
  headers.set('x-lookout-region', ctx.region);
  headers.set('x-lookout-shard', ctx.shard);
  return headers;
}
