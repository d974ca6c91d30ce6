import { z } from 'zod';
import bundled from './rdap-bootstrap.json';

/**
 * RDAP (RFC 9083) domain lookups: the server found through IANA's bootstrap registry (RFC 9224),
 * the expiry read from the `events` array, the registrar from the entity with role `registrar`.
 */
/** IANA's bootstrap registry (RFC 9224): each service is [its TLDs, its RDAP base URLs]. */
export const bootstrapSchema = z.object({
  publication: z.string().optional(),
  services: z.array(z.tuple([z.array(z.string()), z.array(z.string())]).rest(z.unknown())),
});
export type Bootstrap = z.infer<typeof bootstrapSchema>;

export const BUNDLED_BOOTSTRAP = bundled as unknown as Bootstrap;

/** The RDAP base URL for a domain's TLD, or null when the registry lists none (never guessed). */
export function rdapBaseUrl(bootstrap: Bootstrap, domain: string): string | null {
  const labels = domain.toLowerCase().split('.');
  // Longest match first: a registry may list `co.uk` apart from `uk`.
  for (let i = 1; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    const service = bootstrap.services.find(([tlds]) => tlds.includes(suffix));
    const url = service?.[1].find((u) => u.startsWith('https://')) ?? service?.[1][0];
    if (url) return url.endsWith('/') ? url : `${url}/`;
  }
  return null;
}

export interface DomainReading {
  domain: string;
  /** Epoch ms of the `expiration` event, null when the registry gives none. */
  expiresAt: number | null;
  registrar: string | null;
  server: string;
}

interface RdapEntity {
  roles?: unknown;
  vcardArray?: unknown;
  entities?: unknown;
}

/** Reads an RFC 9083 domain object; throws on anything that is not one. */
export function parseRdapDomain(domain: string, server: string, body: unknown): DomainReading {
  if (
    typeof body !== 'object' ||
    body === null ||
    (body as { objectClassName?: unknown }).objectClassName !== 'domain'
  ) {
    throw new Error('the answer is not an RDAP domain object');
  }
  const object = body as { events?: unknown; entities?: unknown };
  const events = Array.isArray(object.events) ? object.events : [];
  const expiration = events.find(
    (e): e is { eventDate: string } =>
      typeof e === 'object' &&
      e !== null &&
      e.eventAction === 'expiration' &&
      typeof e.eventDate === 'string',
  );
  const expiresAt = expiration ? Date.parse(expiration.eventDate) : null;
  if (expiresAt !== null && Number.isNaN(expiresAt))
    throw new Error(`unreadable expiration date ${expiration?.eventDate}`);
  return { domain, expiresAt, registrar: registrarOf(object.entities), server };
}

function registrarOf(entities: unknown): string | null {
  if (!Array.isArray(entities)) return null;
  for (const entity of entities as RdapEntity[]) {
    if (!Array.isArray(entity.roles) || !entity.roles.includes('registrar')) continue;
    const [, cards] = Array.isArray(entity.vcardArray) ? entity.vcardArray : [];
    const fn = Array.isArray(cards)
      ? cards.find((p: unknown) => Array.isArray(p) && p[0] === 'fn')
      : undefined;
    if (Array.isArray(fn) && typeof fn[3] === 'string') return fn[3];
  }
  return null;
}

export type DomainLookup =
  { ok: true; reading: DomainReading } | { ok: false; noService: boolean; detail: string };

/** One lookup, time-boxed. `baseUrl` overrides the bootstrap (tests, a private registry). */
export async function lookupDomain(
  domain: string,
  opts: { bootstrap: Bootstrap; baseUrl: string | null; timeoutMs: number; fetcher?: typeof fetch },
): Promise<DomainLookup> {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  const base = opts.baseUrl || rdapBaseUrl(opts.bootstrap, domain);
  if (!base)
    return { ok: false, noService: true, detail: `no RDAP service for .${tld} in IANA's bootstrap registry` };
  const url = `${base.endsWith('/') ? base : `${base}/`}domain/${domain}`;
  try {
    const response = await (opts.fetcher ?? fetch)(url, {
      headers: { accept: 'application/rdap+json' },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, noService: false, detail: `RDAP ${url} answered ${response.status}` };
    }
    const body: unknown = await response.json();
    return { ok: true, reading: parseRdapDomain(domain, base, body) };
  } catch (error) {
    return { ok: false, noService: false, detail: `RDAP ${url} failed: ${(error as Error).message}` };
  }
}
