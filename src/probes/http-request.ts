import type { HttpRequestSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { USER_AGENT } from './context';
import { classifyNetworkError } from './network-error';
import { readCapped } from './read-body';
import { CREDENTIAL_HEADERS, nextHop, type OutgoingRequest, type Sensitive } from './redirect';
import type { CauseCode } from './taxonomy';
import { hasReference, resolveDeep, resolveTemplate, type TemplateScope } from './templates';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** One completed HTTP exchange (after any redirects the policy allowed). */
export interface Exchange {
  url: string;
  status: number;
  headers: Headers;
  /** What was sent, secrets resolved: for credential findings only, never stored. */
  requestHeaders: Headers;
  bodyText: string;
  bytesRead: number;
  truncated: boolean;
  ttfbMs: number;
  totalMs: number;
  redirects: number;
}

export interface RequestFailure {
  cause: CauseCode;
  detail: string;
  status: number | null;
  ttfbMs: number | null;
  totalMs: number;
}

export type RequestOutcome = { ok: true; exchange: Exchange } | { ok: false; failure: RequestFailure };

/**
 * Sends one request as a check does: references resolved, one timeout for the whole exchange
 * (redirects and body included), redirects followed by hand so hops and loops are seen and
 * credentials stay on their origin (./redirect), the body read up to a cap. `anonymous` drops
 * every credential, to test that the endpoint enforces auth.
 */
export async function sendRequest(
  spec: HttpRequestSpec,
  ctx: ProbeContext,
  scope: TemplateScope,
  { anonymous = false } = {},
): Promise<RequestOutcome> {
  let t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const fail = (cause: CauseCode, detail: string, extra: Partial<RequestFailure> = {}): RequestOutcome => ({
    ok: false,
    failure: { cause, detail, status: null, ttfbMs: null, totalMs: elapsed(), ...extra },
  });

  const requestHeaders = buildHeaders(spec, ctx, scope, anonymous);
  let request: OutgoingRequest = {
    url: buildUrl(spec, scope, anonymous),
    method: spec.method,
    headers: requestHeaders,
    body: buildBody(spec, scope, requestHeaders),
  };
  const sensitive: Sensitive = { headers: referencedHeaders(spec), values: scope.used };
  const signal = AbortSignal.timeout(spec.timeout);
  const visited = [request.url];
  // Timing starts at the request: building it is not the target's latency.
  t0 = performance.now();
  const maxHops = spec.redirects.mode === 'follow' ? spec.redirects.max : 0;

  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      const { url, ...init } = request;
      response = await ctx.fetch(url, { ...init, redirect: 'manual', signal, cache: 'no-store' });
    } catch (error) {
      const failure = classifyNetworkError(error, spec.timeout);
      return fail(failure.cause, failure.detail);
    }
    const location = response.headers.get('location');
    const isRedirect = response.status >= 300 && response.status < 400 && location !== null;
    if (isRedirect && spec.redirects.mode !== 'manual') {
      await response.body?.cancel();
      const status = response.status;
      const next = nextHop(request, status, location, sensitive);
      if (!next.ok) return fail(next.cause, next.detail, { status });
      const to = next.request.url;
      if (spec.redirects.mode === 'error')
        return fail('http.redirect', `redirected (${status}) to ${to}`, { status });
      if (visited.includes(to))
        return fail('http.redirect', `redirect loop: ${[...visited, to].join(' -> ')}`, { status });
      if (hop >= maxHops) {
        return fail('http.redirect', `more than ${maxHops} redirects (last to ${to})`, { status });
      }
      visited.push(to);
      request = next.request;
      continue;
    }
    const ttfbMs = elapsed();
    try {
      const read = await readCapped(response.body, BODY_LIMIT_BYTES);
      return {
        ok: true,
        exchange: {
          url: request.url,
          status: response.status,
          headers: response.headers,
          requestHeaders,
          bodyText: read.text,
          bytesRead: read.bytes,
          truncated: read.truncated,
          ttfbMs,
          totalMs: elapsed(),
          redirects: hop,
        },
      };
    } catch (error) {
      const failure = classifyNetworkError(error, spec.timeout);
      return fail(failure.cause, `${failure.detail} while reading the body`, {
        status: response.status,
        ttfbMs,
      });
    }
  }
}

/** Names of the headers whose values come from references (secrets or extracted values). */
function referencedHeaders(spec: HttpRequestSpec): Set<string> {
  return new Set(
    Object.entries(spec.headers)
      .filter(([, value]) => hasReference(value))
      .map(([name]) => name.toLowerCase()),
  );
}

function buildUrl(spec: HttpRequestSpec, scope: TemplateScope, anonymous: boolean): string {
  const url = new URL(resolveTemplate(spec.url, scope));
  for (const [name, value] of Object.entries(spec.query)) {
    if (anonymous && hasReference(value)) continue;
    url.searchParams.set(name, resolveTemplate(value, scope));
  }
  return url.toString();
}

function buildHeaders(
  spec: HttpRequestSpec,
  ctx: ProbeContext,
  scope: TemplateScope,
  anonymous: boolean,
): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(spec.headers)) {
    if (anonymous && (CREDENTIAL_HEADERS.includes(name.toLowerCase()) || hasReference(value))) continue;
    headers.set(name, resolveTemplate(value, scope));
  }
  if (!headers.has('user-agent')) headers.set('user-agent', `${USER_AGENT} region=${ctx.region}`);
  headers.set('x-lookout-region', ctx.region);
  headers.set('x-lookout-shard', ctx.shard);
  return headers;
}

function buildBody(spec: HttpRequestSpec, scope: TemplateScope, headers: Headers): BodyInit | undefined {
  if (spec.json !== undefined) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return JSON.stringify(resolveDeep(spec.json, scope));
  }
  if (spec.form !== undefined) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(spec.form)) form.set(name, resolveTemplate(value, scope));
    return form;
  }
  return spec.body === undefined ? undefined : resolveTemplate(spec.body, scope);
}
