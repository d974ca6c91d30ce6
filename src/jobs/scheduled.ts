import { COORDINATOR_NAME, type CoordinatedRun } from '../coordinator/tick-coordinator';

/**
 * The cron entry: asks the coordinator to run this minute. The coordinator runs each minute once
 * and in order, whoever asks (a duplicate cron is a no-op), and its alarm covers a silent cron.
 */
export async function scheduled(controller: ScheduledController, env: Env): Promise<CoordinatedRun> {
  // A tick retried a minute late measures nothing useful; the backstop covers a lost one.
  controller.noRetry();
  return coordinator(env).run(controller.scheduledTime, 'cron');
}

export function coordinator(env: Env, name = COORDINATOR_NAME) {
  return env.TICKER.get(env.TICKER.idFromName(name));
}
