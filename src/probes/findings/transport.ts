import type { Finding } from '../result';

/** Plain HTTP, or HTTPS without HSTS (the first request, or any after a downgrade, can be intercepted). */
export function detectInsecureTransport(url: string, responseHeaders: Headers): Finding | null {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return null; // The config schema rejects bad URLs; nothing to say here.
  }
  if (protocol === 'http:') {
    return {
      code: 'security.insecure_transport',
      detail: 'Plain HTTP: requests and responses travel unencrypted',
      data: { reason: 'plain_http' },
    };
  }
  if (protocol === 'https:' && !responseHeaders.has('strict-transport-security')) {
    return {
      code: 'security.insecure_transport',
      detail: 'HTTPS without HSTS: no Strict-Transport-Security header',
      data: { reason: 'no_hsts' },
    };
  }
  return null;
}
