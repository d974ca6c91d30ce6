import type { CauseCode } from './taxonomy';

/**
 * The next request of a redirect chain, as browsers and fetch make it, and stricter about
 * credentials: a check's target may redirect anywhere, and what the check was given for that
 * target must not follow it to another origin.
 */

export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | undefined;
}

/** What came from `${{ ... }}` references: header names, and the values substituted. */
export interface Sensitive {
  headers: ReadonlySet<string>;
  values: ReadonlySet<string>;
}

export type Hop = { ok: true; request: OutgoingRequest } | { ok: false; cause: CauseCode; detail: string };

/** Headers that carry credentials whatever their value. */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
/** Headers that describe a body: they go when it goes (fetch's request-body-header names). */
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

export function nextHop(
  current: OutgoingRequest,
  status: number,
  location: string,
  sensitive: Sensitive,
): Hop {
  const from = new URL(current.url);
  const to = new URL(location, from);
  if (from.protocol === 'https:' && to.protocol === 'http:') {
    return {
      ok: false,
      cause: 'http.insecure_redirect',
      detail: `redirected (${status}) from https to plain http: ${to.toString()}; not followed`,
    };
  }
  const crossOrigin = from.origin !== to.origin;
  const headers = new Headers(current.headers);
  let { method, body } = current;
  // fetch turns these into a GET without a body; 307 and 308 keep both, but a body goes only to
  // the origin it was written for.
  if (
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST')
  ) {
    method = 'GET';
    body = undefined;
  } else if (crossOrigin) {
    body = undefined;
  }
  if (body === undefined) for (const name of BODY_HEADERS) headers.delete(name);
  if (crossOrigin) {
    for (const name of [...CREDENTIAL_HEADERS, ...sensitive.headers]) headers.delete(name);
    // A target that copies the query into its Location must not carry a credential elsewhere.
    for (const [name, value] of [...to.searchParams]) {
      if ([...sensitive.values].some((secret) => value.includes(secret))) to.searchParams.delete(name, value);
    }
  }
  return { ok: true, request: { url: to.toString(), method, headers, body } };
}
