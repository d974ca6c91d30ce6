import { clip } from '../lib/clip';
import type { Finding, ProbeResult } from '../probes/result';

/**
 * Bounds on what one stored value may hold. Much of a result comes from the target (headers,
 * links, bodies) and crosses an RPC from a prober: clipped where results enter the tick, no single
 * oversized value can push a statement past D1's limits and void the tick's write.
 */
export const MAX_TEXT = 500;
export const MAX_FINDINGS_JSON = 4_096;

export const clipText = (text: string | null, max = MAX_TEXT): string | null =>
  text === null ? null : clip(text, max);

/** Findings as stored: texts clipped, and no more of them than fit MAX_FINDINGS_JSON. */
export function boundedFindings(findings: readonly Finding[]): Finding[] {
  const kept: Finding[] = [];
  let size = 2;
  for (const finding of findings) {
    const clipped: Finding = {
      code: finding.code.slice(0, 100),
      detail: clipText(finding.detail) ?? '',
      ...(finding.data
        ? {
            data: Object.fromEntries(
              Object.entries(finding.data)
                .slice(0, 20)
                .map(([k, v]) => [k.slice(0, 100), typeof v === 'string' ? clipText(v) : v]),
            ),
          }
        : {}),
    };
    size += JSON.stringify(clipped).length + 1;
    if (size > MAX_FINDINGS_JSON) break;
    kept.push(clipped);
  }
  return kept;
}

/**
 * A result as the tick stores and judges it: its texts and findings bounded. A certificate
 * reading is kept per host:port (src/jobs/certificates.ts), not with every result.
 */
export function boundedResult({ certificate: _, ...result }: ProbeResult): ProbeResult {
  return {
    ...result,
    colo: result.colo.slice(0, 20),
    detail: clipText(result.detail),
    findings: boundedFindings(result.findings),
  };
}
