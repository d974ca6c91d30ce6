import type { Finding } from '../result';

export const DEFAULT_PAYLOAD_BUDGET_BYTES = 512 * 1024;

export interface BodySize {
  bytesRead: number;
  /** The read stopped at the body cap: the body is at least `bytesRead` long. */
  truncated: boolean;
  /** From the Content-Length header, null when absent or unreadable. */
  contentLength: number | null;
}

export function detectLargePayload(
  body: BodySize,
  budgetBytes = DEFAULT_PAYLOAD_BUDGET_BYTES,
): Finding | null {
  // Content-Length wins when larger: it sees past a truncated read (and a compressed transfer may differ).
  const bytes = Math.max(body.bytesRead, body.contentLength ?? 0);
  if (bytes <= budgetBytes) return null;
  // A truncated read with no larger Content-Length only gives a lower bound.
  const atLeast = body.truncated && bytes === body.bytesRead;
  return {
    code: 'perf.large_payload',
    detail: `Response is ${atLeast ? 'at least ' : ''}${formatBytes(bytes)}, budget ${formatBytes(budgetBytes)}`,
    data: { bytes, budget_bytes: budgetBytes, truncated: body.truncated },
  };
}

/** Binary units (1 KB = 1024 bytes), as in the config's `payload_budget`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${round(bytes / 1024)} KB`;
  return `${round(bytes / (1024 * 1024))} MB`;
}

const round = (n: number) => Math.round(n * 10) / 10;
