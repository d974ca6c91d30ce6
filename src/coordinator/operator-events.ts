import type { AlertEvent } from '../alerting/events';
import { MINUTE_MS } from './minutes';

/** Events about Lookout itself carry this pseudo-monitor (routes by monitor or group skip them). */
export const LOOKOUT_SUBJECT = { id: 'lookout', name: 'Lookout', group: null };

/**
 * `lookout.tick_missed`: the cron did not run a minute and the backstop did. One per silence: its
 * id names the first minute the backstop ran, so asking again within that silence is a no-op.
 */
export function tickMissedEvent(
  minute: number,
  missedMinutes: number,
  silentSince: number,
  statusPageUrl: string | null,
): AlertEvent {
  const since = new Date(silentSince).toISOString();
  return {
    id: `evt_tick_missed_${silentSince.toString(36)}`,
    type: 'lookout.tick_missed',
    occurredAt: minute,
    severity: 'critical',
    summary:
      `Lookout's cron did not run ${missedMinutes === 1 ? 'the minute' : `${missedMinutes} minutes`} ` +
      `up to ${new Date(minute + MINUTE_MS - 1).toISOString().slice(11, 16)}Z (silent since ${since}); ` +
      'the backstop alarm is running the ticks until it fires again',
    monitor: LOOKOUT_SUBJECT,
    incident: null,
    finding: null,
    statusPageUrl,
  };
}
