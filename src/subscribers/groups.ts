import type { Database } from '../db/client';
import { statement } from '../db/statements';

/**
 * The groups subscribers can choose: those of public monitors (a private monitor's group is not
 * shown), in the page's configured order, then by name.
 */
export async function publicGroups(db: Database, order: readonly { name: string }[]): Promise<string[]> {
  const { results } = await statement(
    db,
    'SELECT DISTINCT group_name AS name FROM monitors WHERE is_public = 1 AND group_name IS NOT NULL',
  ).all<{ name: string }>();
  const rank = (name: string) => {
    const i = order.findIndex((g) => g.name === name);
    return i === -1 ? order.length : i;
  };
  return results.map((r) => r.name).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
