/**
 * The Cloudflare colo a prober runs in, read once per prober instance from /cdn-cgi/trace, because
 * location hints are best effort. An empty URL (local dev and tests) means `local`.
 */
export async function learnColo(
  traceUrl: string | undefined,
  fetcher: typeof fetch = fetch,
): Promise<string> {
  if (!traceUrl) return 'local';
  try {
    const response = await fetcher(traceUrl, { signal: AbortSignal.timeout(2000), cache: 'no-store' });
    const colo = /^colo=([A-Z]{3})$/m.exec(await response.text())?.[1];
    return colo ?? 'unknown';
  } catch {
    // The colo is a label on results; failing to learn it must not cost the checks.
    return 'unknown';
  }
}
