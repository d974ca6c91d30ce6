import { closeIncidents } from '../alerting/close-incidents';
import type { Database } from '../db/client';
import { readMeta, writeMeta } from '../db/queries/meta';
import { bumpPageEpoch } from '../routes/status/edge-cache';
import { runBatch } from '../db/statements';
import {
  deleteMonitors,
  listConfigMonitors,
  listRemovingMonitors,
  pauseMonitors,
  upsertMonitors,
} from '../db/queries/monitors';
import { purgeHistory } from '../db/queries/purge';
import { replaceConfigMaintenance } from '../db/queries/maintenance';
import type { LoadedConfig } from './monitor';
import { planReconcile, type ReconcilePlan } from './reconcile-plan';

const CONFIG_HASH_KEY = 'config_hash';
/** How long one sync may spend deleting removed monitors' history before the tick goes on. */
export const PURGE_BUDGET_MS = 10_000;

export interface ReconcileReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  /** Removed monitors whose history is still being deleted (a later tick goes on with it). */
  removing: number;
}

/**
 * Brings D1 in line with the config file when its content hash changed: adds and updates
 * monitors and replaces the file's maintenance windows in one transaction; a removed monitor is
 * paused at once in that transaction (after closing its open incident, channels told), its history
 * is deleted a chunk at a time within PURGE_BUDGET_MS, and only then is it deleted and the hash
 * recorded. A sync cut short by the budget is taken up by the next tick, so removing hundreds of
 * monitors with years of history never stops monitoring. Monitors created through the API are
 * left alone.
 */
export async function syncConfig(
  db: Database,
  config: Pick<LoadedConfig, 'monitors' | 'maintenance' | 'hash' | 'channels' | 'statusPageUrl'>,
  now: number,
  purgeBudgetMs = PURGE_BUDGET_MS,
): Promise<ReconcileReport | null> {
  if ((await readMeta(db, CONFIG_HASH_KEY)) === config.hash) return null;
  const [stored, removing] = await Promise.all([listConfigMonitors(db), listRemovingMonitors(db)]);
  const plan = planReconcile(stored, config.monitors);
  // A monitor put back while its removal was under way is taken back (the upsert unpauses it).
  const back = config.monitors.filter((m) => removing.has(m.id) && !plan.update.includes(m));
  plan.update.push(...back);
  plan.unchanged -= back.length;
  const upserts = [...plan.add, ...plan.update];
  const { channels, statusPageUrl } = config;
  const closing = await closeIncidents(db, plan.remove, 'removed', { channels, statusPageUrl, now });
  await runBatch(db, [
    // Not the new hash yet: until the removals are done, every tick syncs (whatever file it has).
    writeMeta(db, CONFIG_HASH_KEY, `pending:${config.hash}`, now),
    bumpPageEpoch(db, now),
    ...upsertMonitors(db, upserts, now, 'config'),
    ...closing,
    ...pauseMonitors(db, plan.remove, now),
    ...replaceConfigMaintenance(db, config.maintenance),
  ]);
  const purge = await purgeHistory(db, plan.remove, Date.now() + purgeBudgetMs);
  if (purge.done) {
    await runBatch(db, [
      ...deleteMonitors(db, plan.remove),
      writeMeta(db, CONFIG_HASH_KEY, config.hash, now),
    ]);
  }
  return report(plan, purge.done ? 0 : plan.remove.length);
}

function report(plan: ReconcilePlan, removing: number): ReconcileReport {
  return {
    added: plan.add.map((m) => m.id),
    updated: plan.update.map((m) => m.id),
    removed: plan.remove,
    unchanged: plan.unchanged,
    removing,
  };
}
