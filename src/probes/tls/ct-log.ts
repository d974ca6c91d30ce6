import { z } from 'zod';

/**
 * The newest certificate logged for a name in certificate-transparency logs, through crt.sh's JSON
 * API (`<base>?q=<name>&output=json`). Used when a Worker cannot open a socket to the host (hosts
 * behind Cloudflare): it says what was issued, not what the host serves.
 */
const entrySchema = z.object({
  issuer_name: z.string(),
  common_name: z.string().nullish(),
  name_value: z.string(),
  serial_number: z.string(),
  not_before: z.string(),
  not_after: z.string(),
});

export interface LoggedCertificate {
  issuer: string;
  names: string[];
  serial: string;
  notBefore: number;
  notAfter: number;
}

export type CtLookup = { ok: true; certificate: LoggedCertificate } | { ok: false; detail: string };

export async function newestLoggedCertificate(
  fetchFn: typeof fetch,
  baseUrl: string,
  name: string,
  timeoutMs: number,
): Promise<CtLookup> {
  const url = new URL(baseUrl);
  url.searchParams.set('q', name);
  url.searchParams.set('output', 'json');
  let body: unknown;
  try {
    const response = await fetchFn(url, {
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    if (!response.ok) return { ok: false, detail: `the CT log search answered ${response.status}` };
    body = await response.json();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      ok: false,
      detail: timedOut
        ? `the CT log search did not answer within ${timeoutMs} ms`
        : 'the CT log search failed',
    };
  }
  const parsed = z.array(entrySchema).safeParse(body);
  if (!parsed.success) return { ok: false, detail: 'the CT log search answered in an unexpected format' };
  const entries = parsed.data
    .map((entry) => ({
      issuer: entry.issuer_name,
      names: [
        ...new Set(
          entry.name_value
            .split('\n')
            .map((n) => n.trim())
            .filter(Boolean),
        ),
      ],
      serial: entry.serial_number.toUpperCase(),
      notBefore: utc(entry.not_before),
      notAfter: utc(entry.not_after),
    }))
    .filter((entry) => Number.isFinite(entry.notBefore) && Number.isFinite(entry.notAfter));
  const newest = entries.sort((a, b) => b.notBefore - a.notBefore || b.notAfter - a.notAfter)[0];
  if (!newest) return { ok: false, detail: `no certificate for ${name} in the CT logs` };
  return { ok: true, certificate: newest };
}

/** crt.sh dates are UTC without a zone: "2026-01-01T00:00:00". */
const utc = (text: string) => Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
