/** How long the outbox keeps trying before a delivery is dead. */
export const DELIVERY_TTL_MS = 24 * 3_600_000;
const BASE_MS = 30_000;
const MAX_MS = 3_600_000;

/**
 * When to try again after `attempts` failures: exponential from 30 s up to an hour, with jitter
 * (a stable fraction per delivery, so retries of many deliveries spread out), and never before
 * the receiver's Retry-After. Pure.
 */
export function nextAttemptAt(
  now: number,
  attempts: number,
  jitterKey: string,
  retryAfterS: number | null,
): number {
  const exponential = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential * (0.5 + 0.5 * fraction(`${jitterKey}:${attempts}`));
  return now + Math.max(jittered, (retryAfterS ?? 0) * 1000);
}

/** A stable number in [0, 1) from a string (FNV-1a). */
function fraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 2 ** 32;
}

/**
 * A refusal that retrying will not change: any 4xx except 408 (timeout), 425 (too early) and 429
 * (rate limited). A bad URL (404, 410), a rejected message (400) or credentials (401, 403) need a
 * person, not another attempt. Pure.
 */
export function isPermanentRefusal(status: number | null): boolean {
  return (
    status !== null && status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429
  );
}
