import { bundledConfig } from '../config/bundled';
import { syncConfig } from '../config/reconcile';
import { createDb } from '../db/client';
import { secretsFromEnv } from '../probes/templates';
import { probersFrom } from '../regions/prober-namespace';
import { formatTickLine, runTick, type TickSummary } from './tick';

export const DEFAULT_SHARD_SIZE = 50;

/** The cron entry: sync the bundled config, then run the tick. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<TickSummary> {
  // A tick retried a minute late measures nothing useful.
  controller.noRetry();
  const db = createDb(env.DB);
  const config = await bundledConfig();
  const synced = await syncConfig(db, config, Date.now());
  if (synced) {
    console.log(
      `[lookout] config applied: ${synced.added.length} added, ${synced.updated.length} updated, ${synced.removed.length} removed, ${synced.unchanged} unchanged`,
    );
  }
  const summary = await runTick({
    db,
    tickAt: controller.scheduledTime,
    getProber: probersFrom(env.PROBER),
    shardSize: Number(env.SHARD_SIZE) || DEFAULT_SHARD_SIZE,
    secrets: secretsFromEnv(env),
    retention: config.retention,
    alerting: {
      channels: config.channels,
      statusPageUrl: config.statusPageUrl,
      fetch: (input, init) => fetch(input, init),
    },
  });
  console.log(formatTickLine(summary));
  return summary;
}
