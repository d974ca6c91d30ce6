import { parse } from 'tldts';

/**
 * The registrable domain of a monitor's host (public-suffix aware, from tldts's bundled list):
 * `api.shop.example.co.uk` -> `example.co.uk`. Null for IP addresses, localhost and names that are
 * themselves a public suffix: nothing to look up.
 */
export function registrableDomain(host: string): string | null {
  const name = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return null;
  const parsed = parse(name, { allowPrivateDomains: false });
  if (parsed.isIp || !parsed.domain) return null;
  return parsed.domain;
}

/** The host of a monitor spec's URL or host field, or null when templated or absent. */
export function hostOf(spec: { kind: string; url?: string; host?: string }): string | null {
  if (spec.kind === 'http' && spec.url) {
    try {
      return new URL(spec.url).hostname;
    } catch {
      return null; // A templated host is only known when the check runs.
    }
  }
  if ((spec.kind === 'tcp' || spec.kind === 'tls') && spec.host && !spec.host.includes('${{'))
    return spec.host;
  return null;
}
