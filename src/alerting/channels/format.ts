/** Text helpers the channel builders share: limits, times, durations and headlines. */
import type { AlertEvent, AlertEventType, AlertIncident } from '../events';
import { REGION_NAMES, type Region } from '../../regions/regions';

export { clip } from '../../lib/clip';

/** "2026-04-20 13:05 UTC": the same for everyone on call, whatever their time zone. */
export function formatUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "45s", "12m 5s", "3h 4m", "2d 3h": two units at most, enough to read at a glance. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const [big, bigUnit, small, smallUnit] =
    s >= 86_400 ? [86_400, 'd', 3_600, 'h'] : s >= 3_600 ? [3_600, 'h', 60, 'm'] : [60, 'm', 1, 's'];
  const major = Math.floor(s / big);
  const minor = Math.floor((s % big) / small);
  return minor > 0 ? `${major}${bigUnit} ${minor}${smallUnit}` : `${major}${bigUnit}`;
}

/** How long an incident lasted (resolved) or has lasted so far, in seconds; null if unknown. */
export function incidentDurationS(incident: AlertIncident): number | null {
  if (incident.durationS !== null) return incident.durationS;
  if (incident.resolvedAt !== null) return Math.round((incident.resolvedAt - incident.startedAt) / 1000);
  return null;
}

export function regionNames(regions: readonly Region[]): string {
  return regions.map((r) => REGION_NAMES[r] ?? r).join(', ');
}

const HEADLINES: Record<AlertEventType, { emoji: string; label: string }> = {
  'incident.opened': { emoji: '🔴', label: 'Down' },
  'incident.updated': { emoji: '🟠', label: 'Cause changed' },
  'incident.resolved': { emoji: '✅', label: 'Recovered' },
  'incident.reminder': { emoji: '🔁', label: 'Still down' },
  'monitor.degraded': { emoji: '🟡', label: 'Degraded' },
  'finding.raised': { emoji: '🔎', label: 'Finding' },
  'heartbeat.missed': { emoji: '💔', label: 'Heartbeat missed' },
  'lookout.tick_missed': { emoji: '⏰', label: 'Lookout missed a tick' },
};

/** "🔴 Down: Orders API". */
export function headline(event: AlertEvent): string {
  const { emoji, label } = HEADLINES[event.type];
  return `${emoji} ${label}: ${event.monitor.name}`;
}

/** "Orders API (payments)". */
export function monitorLabel(event: AlertEvent): string {
  const { name, group } = event.monitor;
  return group ? `${name} (${group})` : name;
}
