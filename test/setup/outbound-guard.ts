import { afterEach } from 'vitest';

/**
 * Tests may only reach this machine. Any other outbound request (from a test or from a prober,
 * which run in the same isolate) is refused and fails the test that made it.
 */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const unexpected: string[] = [];
const realFetch = globalThis.fetch;

globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  if (!LOCAL_HOSTS.has(url.hostname)) {
    unexpected.push(url.origin);
    return Promise.reject(new Error(`unexpected outbound request to ${url.origin}`));
  }
  return realFetch(input, init);
};

afterEach(() => {
  const seen = unexpected.splice(0);
  if (seen.length > 0) throw new Error(`unexpected outbound requests: ${[...new Set(seen)].join(', ')}`);
});
