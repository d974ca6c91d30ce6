import { closeIncidents } from '../alerting/close-incidents';
import type { Database } from '../db/client';
import { readMeta, writeMeta } from '../db/queries/meta';
import { bumpPageEpoch } from '../routes/status/edge-cache';
import { runBatch } from '../db/statements';
import { deleteMonitors, listConfigMonitors, upsertMonitors } from '../db/queries/monitors';
import { replaceConfigMaintenance } from '../db/queries/maintenance';
import type { LoadedConfig } from './monitor';
import { planReconcile, type ReconcilePlan } from './reconcile-plan';

const CONFIG_HASH_KEY = 'config_hash';

export interface ReconcileReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
}

/**
 * Brings D1 in line with the config file when its content hash changed: adds, updates and removes
 * monitors, and replaces the file's maintenance windows, in one transaction. Updating keeps a monitor's history; removing deletes it with its
 * results, after closing its open incident (channels are told, with the file's channels, in the same
 * transaction). Monitors created through the API are left alone.
 */
export async function syncConfig(
  db: Database,
  config: Pick<LoadedConfig, 'monitors' | 'maintenance' | 'hash' | 'channels' | 'statusPageUrl'>,
  now: number,
): Promise<ReconcileReport | null> {
  if ((await readMeta(db, CONFIG_HASH_KEY)) === config.hash) return null;
  const plan = planReconcile(await listConfigMonitors(db), config.monitors);
  const { channels, statusPageUrl } = config;
  const closing = await closeIncidents(db, plan.remove, 'removed', { channels, statusPageUrl, now });
  await runBatch(db, [
    writeMeta(db, CONFIG_HASH_KEY, config.hash, now),
    bumpPageEpoch(db, now),
    ...upsertMonitors(db, [...plan.add, ...plan.update], now, 'config'),
    ...closing,
    ...deleteMonitors(db, plan.remove),
    ...replaceConfigMaintenance(db, config.maintenance),
  ]);
  return report(plan);
}

function report(plan: ReconcilePlan): ReconcileReport {
  return {
    added: plan.add.map((m) => m.id),
    updated: plan.update.map((m) => m.id),
    removed: plan.remove,
    unchanged: plan.unchanged,
  };
}
