import { clip } from '../lib/clip';

/**
 * Turns what fetch throws into a taxonomy cause. Local workerd and the edge fail differently
 * (PLATFORM.md): an unresolvable host throws an opaque "internal error"; a refused or reset
 * connection throws "Network connection lost."; an abort timeout throws a TimeoutError.
 */
export interface NetworkFailure {
  cause: 'net.timeout' | 'net.refused' | 'net.dns' | 'net.error';
  detail: string;
}

export function classifyNetworkError(error: unknown, timeoutMs: number): NetworkFailure {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { cause: 'net.timeout', detail: `no response within ${timeoutMs} ms` };
  }
  if (/connection lost|connection refused|reset|cannot connect|ECONNREFUSED|ECONNRESET/i.test(message)) {
    return { cause: 'net.refused', detail: 'connection refused or reset' };
  }
  if (/internal error|dns|name not resolved|ENOTFOUND|resolve/i.test(message)) {
    return {
      cause: 'net.dns',
      detail: 'the host name did not resolve (or the connection could not be set up)',
    };
  }
  return { cause: 'net.error', detail: `network error: ${clip(message, 200)}` };
}
