/**
 * The failure taxonomy (../shared/FAILURES.md): every cause and finding code with its explanation
 * and fix hint, in one table. Codes are part of the API and of alert payloads: keep them stable.
 */
export type Severity = 'critical' | 'warning' | 'info';

export interface TaxonomyEntry {
  /** What it means, for the person on call. */
  explanation: string;
  /** Where to look first. */
  hint: string;
  severity: Severity;
}

export const CAUSES = {
  'http.bad_request': {
    explanation:
      'The API rejected the request the check sends (400): it no longer matches what the API accepts.',
    hint: 'Compare the request with the current API contract: parameter names, JSON shape, content type.',
    severity: 'critical',
  },
  'http.unauthorized': {
    explanation: 'Credentials were rejected (401): missing, expired, revoked or sent in the wrong header.',
    hint: 'Check the secret the monitor uses; rotate or regenerate the key; check the Authorization scheme.',
    severity: 'critical',
  },
  'http.forbidden': {
    explanation: 'Authenticated but not allowed (403).',
    hint: 'Review the role, scopes or access rules of the identity the check uses.',
    severity: 'critical',
  },
  'http.not_found': {
    explanation: 'The path or version does not exist (404): moved, renamed, removed or mistyped.',
    hint: 'Check the base URL and version; a moved resource needs a redirect; look for a Sunset notice.',
    severity: 'critical',
  },
  'http.method_not_allowed': {
    explanation: 'The endpoint exists but not for this method (405).',
    hint: 'Check the method in the API contract.',
    severity: 'critical',
  },
  'http.gone': {
    explanation: 'This API version was retired (410).',
    hint: 'Migrate to the successor version.',
    severity: 'critical',
  },
  'http.rate_limited': {
    explanation: 'The API throttled the check (429).',
    hint: 'Lower the check rate or raise the quota; see Retry-After and RateLimit headers.',
    severity: 'warning',
  },
  'http.server_error': {
    explanation: 'The service failed with an unhandled error (5xx).',
    hint: 'Read the server logs around the time of the check.',
    severity: 'critical',
  },
  'http.upstream': {
    explanation: 'A gateway or a dependency behind the service failed (502, 503, 504).',
    hint: "Check the service's own dependencies: database, third-party APIs, upstream hosts.",
    severity: 'critical',
  },
  'http.unexpected_status': {
    explanation: 'The status is outside the accepted set.',
    hint: "Compare the status with the monitor's expected status.",
    severity: 'critical',
  },
  'http.redirect': {
    explanation: 'The URL redirects where it should not, too many times, or in a loop.',
    hint: 'Update the monitored URL to its final location, or fix the redirect chain.',
    severity: 'critical',
  },
  'http.insecure_redirect': {
    explanation:
      'An https URL redirected to plain http: following it would send the request, credentials included, where anyone on the path can read it.',
    hint: 'Make the redirect point at https, or monitor the final https URL directly.',
    severity: 'critical',
  },
  'net.timeout': {
    explanation: 'No response within the timeout: the service is hanging or overloaded.',
    hint: 'Check saturation, slow queries and stuck workers.',
    severity: 'critical',
  },
  'net.dns': {
    explanation: 'The host name does not resolve.',
    hint: "Check the DNS record and the monitor's host name.",
    severity: 'critical',
  },
  'net.refused': {
    explanation: 'The connection was refused or reset: nothing is listening, or the service crashed.',
    hint: 'Check that the process is running and listening on the port.',
    severity: 'critical',
  },
  'net.error': {
    explanation: 'The connection failed in a way the runtime did not name.',
    hint: 'Check the host, the port and any firewall in between.',
    severity: 'critical',
  },
  'tls.invalid': {
    explanation:
      'The certificate is invalid or expired, or the TLS handshake failed: clients cannot establish trust.',
    hint: 'Read the tls.* finding or the detail for which: expired, wrong name, untrusted chain; renew or fix the chain.',
    severity: 'critical',
  },
  'tls.unreadable': {
    explanation:
      'Lookout could not read the certificate (no common TLS 1.3 key exchange, a refused hello): this says nothing of it.',
    hint: 'Read the detail; the service may be fine for clients, only unreadable by Lookout.',
    severity: 'info',
  },
  'assert.body': {
    explanation: 'The API answers, but with the wrong content.',
    hint: 'Compare the response with the contract; look for error pages served with 200.',
    severity: 'critical',
  },
  'assert.header': {
    explanation: 'A response header is missing or wrong.',
    hint: 'Check the response headers: content type, caching, CORS.',
    severity: 'critical',
  },
  'assert.latency': {
    explanation: 'Slower than the down threshold: too slow to be usable.',
    hint: 'Look at saturation, cold caches and heavy endpoints.',
    severity: 'critical',
  },
  'perf.slow': {
    explanation: 'Slower than the degraded threshold: getting slow.',
    hint: 'Look at saturation, cold caches and heavy endpoints before it becomes an outage.',
    severity: 'warning',
  },
  'security.auth_not_enforced': {
    explanation: 'An endpoint that must require credentials answered 2xx without them: data is exposed.',
    hint: 'Restore the auth check and treat it as a security incident.',
    severity: 'critical',
  },
  'dependency.down': {
    explanation: 'A monitor this one depends on is down.',
    hint: 'Look at the named dependency first.',
    severity: 'warning',
  },
  'heartbeat.missed': {
    explanation: 'A push monitor did not ping within its period plus grace.',
    hint: 'Check the scheduled job that should ping.',
    severity: 'critical',
  },
  'heartbeat.failed': {
    explanation: 'A push monitor reported a failure (?status=fail).',
    hint: "Read the job's own logs; the ping carried its message.",
    severity: 'critical',
  },
  'vendor.outage': {
    explanation:
      "The vendor's own status page reports a partial or major outage of a component this monitor follows.",
    hint: "Read the vendor's incident (linked in the finding); switch to a fallback or tell your users, it is not yours to fix.",
    severity: 'critical',
  },
  'vendor.degraded': {
    explanation:
      "The vendor's status page reports degraded performance, or an open incident, on a followed component.",
    hint: 'Watch the vendor incident; expect slower or failing calls to it, and check your retries and timeouts.',
    severity: 'warning',
  },
  'vendor.maintenance': {
    explanation: "The vendor's status page shows a followed component under maintenance.",
    hint: "Check the vendor's maintenance notice for its window; expect the component to be unavailable until then.",
    severity: 'info',
  },
  'vendor.unreadable': {
    explanation:
      "The vendor's status page did not answer a summary Lookout can read (not JSON, or not the Statuspage format): this says nothing of the vendor.",
    hint: "Open the URL: use the page's base URL or its /api/v2/summary.json (Atlassian Statuspage and incident.io serve one).",
    severity: 'info',
  },
  'vendor.unknown_component': {
    explanation:
      "A component the monitor follows is not on the vendor's status page (renamed, removed or mistyped).",
    hint: "Fix the monitor's components: list names or ids the detail says the page has.",
    severity: 'critical',
  },
  'config.secret_missing': {
    explanation: 'A secret the monitor references is not set on the Worker, so the check was not sent.',
    hint: 'Set it with `wrangler secret put NAME` (or in .dev.vars locally).',
    severity: 'critical',
  },
  'lookout.prober_failed': {
    explanation:
      "Lookout's prober for this region failed, so the check did not run: this says nothing of the target.",
    hint: 'Look at the Worker logs (`wrangler tail`) for the prober error.',
    severity: 'info',
  },
  'lookout.deadline_exceeded': {
    explanation:
      "The check was still running, or had not started, when the tick's probing deadline came: this says nothing of the target.",
    hint: "If it repeats, lower the timeouts of the slowest checks (a flow adds up its steps' timeouts).",
    severity: 'info',
  },
} as const satisfies Record<string, TaxonomyEntry>;

export const FINDINGS = {
  'api.deprecated': {
    explanation: 'The API version is or will be deprecated (Deprecation header).',
    hint: 'Plan the migration to the successor version before it sunsets.',
    severity: 'warning',
  },
  'api.sunset_soon': {
    explanation: 'The endpoint announces the date it will stop working (Sunset header).',
    hint: 'Migrate before that date; see the successor link.',
    severity: 'warning',
  },
  'api.sunset_invalid': {
    explanation: "The provider's lifecycle headers are wrong: malformed dates, or Sunset before Deprecation.",
    hint: 'Tell the API provider; do not rely on the announced dates.',
    severity: 'info',
  },
  'credential.expiring': {
    explanation: 'The token the check sends expires soon.',
    hint: 'Renew it before the 401s start.',
    severity: 'warning',
  },
  'credential.long_lived': {
    explanation: 'The token the check sends lives longer than the limit.',
    hint: 'Long-lived tokens widen the blast radius of a leak: issue shorter-lived ones.',
    severity: 'warning',
  },
  'security.insecure_transport': {
    explanation: 'Traffic can be read or altered in transit: plain HTTP, or HTTPS without HSTS.',
    hint: 'Serve HTTPS only and send Strict-Transport-Security.',
    severity: 'warning',
  },
  'tls.expiring': {
    explanation: 'The certificate expires soon.',
    hint: 'Renew it before clients fail; check that automatic renewal runs.',
    severity: 'warning',
  },
  'tls.expired': {
    explanation: 'The certificate has expired: clients already refuse the connection.',
    hint: 'Renew and deploy the certificate now, then find why renewal did not run.',
    severity: 'critical',
  },
  'tls.hostname_mismatch': {
    explanation: 'The certificate does not name this host: clients reject it.',
    hint: 'Reissue it with the host in its subject alternative names, or serve the right one for this SNI.',
    severity: 'critical',
  },
  'tls.untrusted': {
    explanation: 'The certificate chain does not reach a known root: self-signed, incomplete or unknown CA.',
    hint: 'Serve the full chain (leaf and intermediates) from a public CA.',
    severity: 'warning',
  },
  'tls.weak': {
    explanation: 'Weak TLS: an RSA key under 2048 bits, a SHA-1 or MD5 signature, or TLS below 1.2.',
    hint: 'Reissue with RSA 2048+ or ECDSA and SHA-256; turn off TLS 1.0 and 1.1.',
    severity: 'warning',
  },
  'domain.expiring': {
    explanation:
      'The registrable domain expires soon (RDAP expiration event): when it lapses, every name under it stops resolving.',
    hint: 'Renew it with the registrar now, and turn on auto-renew with a payment method that will still work.',
    severity: 'warning',
  },
  'domain.expired': {
    explanation: 'The registrable domain has expired: the registry may already have pulled it from DNS.',
    hint: 'Renew it with the registrar at once: in the grace period it can still be recovered.',
    severity: 'critical',
  },
  'domain.no_rdap': {
    explanation:
      "The domain's TLD has no RDAP service in IANA's bootstrap registry: its expiry cannot be read.",
    hint: "Watch its expiry at the registrar; `npm run rdap:bootstrap` refreshes the registry's bundled copy.",
    severity: 'info',
  },
  'vendor.incident': {
    explanation: "The vendor's status page has an unresolved incident on a component this monitor follows.",
    hint: "Follow the incident's link for the vendor's updates.",
    severity: 'info',
  },
  'perf.large_payload': {
    explanation: 'The response is larger than its size budget.',
    hint: 'Paginate, filter or compress: heavy endpoints are slow and fragile.',
    severity: 'info',
  },
} as const satisfies Record<string, TaxonomyEntry>;

export type CauseCode = keyof typeof CAUSES;
export type FindingCode = keyof typeof FINDINGS;

/** The explanation and hint of any code, or null for a code this version does not know. */
export function describeCode(code: string): (TaxonomyEntry & { code: string }) | null {
  const entry =
    (CAUSES as Record<string, TaxonomyEntry>)[code] ?? (FINDINGS as Record<string, TaxonomyEntry>)[code];
  return entry ? { code, ...entry } : null;
}

/** What Cloudflare's own TLS answers mean, for the detail of a check that got one. */
export const EDGE_TLS_STATUS: Record<number, string> = {
  525: "Cloudflare's TLS handshake with the origin failed (525)",
  526: "Cloudflare found the origin's certificate invalid (526): expired, wrong name or untrusted",
};

/**
 * The cause of an unaccepted status. Cloudflare answers some origin failures itself (52x, 530),
 * and those mean network causes, not server errors.
 */
export function causeOfStatus(status: number): CauseCode {
  if (status >= 300 && status < 400) return 'http.redirect';
  switch (status) {
    case 400:
      return 'http.bad_request';
    case 401:
      return 'http.unauthorized';
    case 403:
      return 'http.forbidden';
    case 404:
      return 'http.not_found';
    case 405:
      return 'http.method_not_allowed';
    case 410:
      return 'http.gone';
    case 429:
      return 'http.rate_limited';
    case 502:
    case 503:
    case 504:
      return 'http.upstream';
    case 521: // web server is down
    case 523: // origin is unreachable
      return 'net.refused';
    case 522: // connection timed out
    case 524: // a timeout occurred
      return 'net.timeout';
    case 525: // SSL handshake failed
    case 526: // invalid SSL certificate
      return 'tls.invalid';
    case 530: // with error 1016: origin DNS error
      return 'net.dns';
  }
  if (status >= 500) return 'http.server_error';
  return 'http.unexpected_status';
}
