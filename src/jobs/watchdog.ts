import type { LoadedConfig } from '../config/monitor';
import type { Database } from '../db/client';
import { resolveTemplate, type SecretLookup } from '../probes/templates';
import type { PhaseLog } from './phases';
import type { TickSummary } from './tick';

const PING_TIMEOUT_MS = 5_000;

/**
 * Pings the dead-man's switch after a tick: `ping_url` when every phase ran, `fail_url` (if set)
 * when one failed. The switch alarms on its own when pings stop, which Lookout cannot do for
 * itself when it is the thing that stopped.
 */
export async function pingWatchdog(
  db: Database,
  log: PhaseLog,
  config: Pick<LoadedConfig, 'watchdog'> | null,
  summary: TickSummary,
  secrets: SecretLookup,
): Promise<void> {
  const watchdog = config?.watchdog;
  if (!watchdog) return;
  const template = summary.errors.length > 0 && watchdog.failUrl ? watchdog.failUrl : watchdog.pingUrl;
  try {
    const url = resolveTemplate(template, { secrets, vars: {}, used: new Set() });
    const response = await fetch(url, {
      signal: AbortSignal.timeout(PING_TIMEOUT_MS),
      headers: { 'user-agent': 'Lookout/0.1 (watchdog)' },
    });
    await response.body?.cancel();
    // The URL may hold a secret: errors name the status, never the URL.
    if (!response.ok) throw new Error(`the watchdog answered ${response.status}`);
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'no answer within 5 s' : String(error);
    log.fail('watchdog', new Error(`ping failed: ${reason.replaceAll(/https?:\/\/\S+/g, '<url>')}`));
    await log.persist(db);
  }
}
