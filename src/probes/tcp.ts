import type { TcpSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { classifyNetworkError } from './network-error';
import type { CheckOutcome } from './outcome';
import { judgeAssertions } from './verdict';

/** A TCP check: time to open a connection to host:port, then close it. */
export async function probeTcp(spec: TcpSpec, ctx: ProbeContext): Promise<CheckOutcome> {
  const startedAt = ctx.now();
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const base = { startedAt, httpStatus: null, findings: [] };
  let timer: number | null = null;
  try {
    const socket = ctx.connect({ hostname: spec.host, port: spec.port });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DOMException('connect timed out', 'TimeoutError')), spec.timeout);
    });
    try {
      await Promise.race([socket.opened, timeout]);
    } finally {
      // Closing is courtesy; a close that fails must not turn a good check bad.
      socket.close().catch(() => undefined);
    }
  } catch (error) {
    const failure = classifyNetworkError(error, spec.timeout);
    return {
      ...base,
      ttfbMs: null,
      totalMs: elapsed(),
      outcome: 'down',
      cause: failure.cause,
      detail: failure.detail,
    };
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
  const openMs = elapsed();
  // Only latency assertions mean anything for a bare connection (the schema allows no others).
  const verdict = judgeAssertions(
    { status: 0, headers: new Headers(), bodyText: '', totalMs: openMs },
    spec.assertions.filter((a) => 'latency' in a),
  );
  return { ...base, ttfbMs: openMs, totalMs: openMs, ...verdict };
}
