import { groupBy as groupInto } from '../../lib/group';
import type { MonitorStatusView } from '../../db/queries/status';

export const STATUS_LABEL: Record<MonitorStatusView['status'], string> = {
  up: 'Operational',
  degraded: 'Degraded',
  partial: 'Partial outage',
  down: 'Down',
  unknown: 'Unknown',
  pending: 'Waiting for first check',
};

/** The banner over the page: the worst state among the monitors, then maintenance. */
export function overallStatus(
  list: readonly MonitorStatusView[],
  maintenanceActive = false,
): { kind: string; text: string } {
  if (list.length === 0) return { kind: 'pending', text: 'No monitors configured yet' };
  const down = list.filter((m) => m.status === 'down').length;
  if (down === list.length) return { kind: 'down', text: 'Major outage' };
  if (down > 0) return { kind: 'partial', text: 'Partial outage' };
  if (maintenanceActive) return { kind: 'maintenance', text: 'Scheduled maintenance in progress' };
  if (list.some((m) => m.status === 'partial')) return { kind: 'partial', text: 'Partial outage' };
  if (list.some((m) => m.status === 'degraded')) return { kind: 'partial', text: 'Degraded performance' };
  if (list.every((m) => m.status === 'up')) return { kind: 'up', text: 'All systems operational' };
  return { kind: 'unknown', text: 'Waiting for checks' };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  return [...groupInto(items, key)];
}
