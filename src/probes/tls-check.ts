import type { TlsSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { certificateFindings, INVALID_CERTIFICATE } from './findings/tls';
import type { CheckOutcome } from './outcome';
import { readHostCertificate } from './tls/certificate';
import { anchorsOf } from './tls/trust';

/**
 * A `kind: tls` check: read the certificate host:port serves (any TLS service, not only HTTPS).
 * Up when it was read and clients would accept it; down with `tls.invalid` when it is expired, for
 * another name or untrusted; unknown when it cannot be read (a TLS 1.3-only server). Expiring and
 * weak certificates are findings on an up check.
 */
export async function probeTls(spec: TlsSpec, ctx: ProbeContext): Promise<CheckOutcome> {
  const startedAt = ctx.now();
  const t0 = performance.now();
  const result = await readHostCertificate(
    { host: spec.host, port: spec.port, serverName: spec.sni, timeoutMs: spec.timeout },
    {
      connect: ctx.connect,
      fetch: ctx.fetch,
      now: ctx.now,
      ctLogUrl: ctx.certificates?.ctLogUrl ?? null,
      anchors: ctx.certificates?.anchors ?? anchorsOf(),
    },
  );
  const totalMs = Math.round(performance.now() - t0);
  const base = { startedAt, ttfbMs: null, totalMs, httpStatus: null };
  if (!result.ok)
    return { ...base, outcome: result.outcome, cause: result.cause, detail: result.detail, findings: [] };
  const findings = certificateFindings(result.reading, spec.lead_times, ctx.now());
  const invalid = findings.find((finding) => INVALID_CERTIFICATE.has(finding.code));
  return {
    ...base,
    ttfbMs: result.reading.source === 'handshake' ? totalMs : null,
    outcome: invalid ? 'down' : 'up',
    cause: invalid ? 'tls.invalid' : null,
    detail: invalid?.detail ?? result.reading.note,
    findings,
    certificate: result.reading,
  };
}
