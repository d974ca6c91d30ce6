/**
 * Refreshes the bundled copy of IANA's RDAP bootstrap registry for domains (RFC 9224), which the
 * domain-expiry checks use to find each TLD's RDAP server: `npm run rdap:bootstrap`, then commit
 * src/probes/domain/rdap-bootstrap.json (its `publication` field dates it).
 */
import { writeFileSync } from 'node:fs';

const SOURCE = 'https://data.iana.org/rdap/dns.json';
const response = await fetch(SOURCE);
if (!response.ok) throw new Error(`${SOURCE} answered ${response.status}`);
const registry = (await response.json()) as { publication?: string; services?: unknown[] };
if (!registry.publication || !Array.isArray(registry.services))
  throw new Error(`${SOURCE} is not a bootstrap registry`);
writeFileSync(
  new URL('../src/probes/domain/rdap-bootstrap.json', import.meta.url),
  `${JSON.stringify(registry, null, 2)}\n`,
);
console.log(`rdap-bootstrap.json: ${registry.services.length} services, published ${registry.publication}`);
