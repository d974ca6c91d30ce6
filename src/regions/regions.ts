/**
 * Durable Object location hints: the regions a prober can be placed in. Append-only: stored raw
 * results name a region by its index here (src/db/result-blocks.ts).
 */
export const REGIONS = ['wnam', 'enam', 'sam', 'weur', 'eeur', 'apac', 'oc', 'afr', 'me'] as const;

export type Region = (typeof REGIONS)[number];

/** Every region as an SQL list (`'wnam', 'enam', ...`): naming them all lets a query seek by key. */
export const REGIONS_SQL = REGIONS.map((r) => `'${r}'`).join(', ');

export const REGION_NAMES: Record<Region, string> = {
  wnam: 'Western North America',
  enam: 'Eastern North America',
  sam: 'South America',
  weur: 'Western Europe',
  eeur: 'Eastern Europe',
  apac: 'Asia-Pacific',
  oc: 'Oceania',
  afr: 'Africa',
  me: 'Middle East',
};
