import { groupBy as groupInto } from '../../lib/group';
import type { MonitorStatusView } from '../../db/queries/status';
import { translator, type Translator } from '../../i18n/translator';

const english = translator('en');

export const statusLabel = (status: MonitorStatusView['status'], tr: Translator = english) =>
  tr.t(`status.${status}`);

/** The banner over the page: the worst state among the monitors, then maintenance. */
export function overallStatus(
  list: readonly MonitorStatusView[],
  maintenanceActive = false,
  tr: Translator = english,
): { kind: string; text: string } {
  if (list.length === 0) return { kind: 'pending', text: tr.t('banner.empty') };
  const down = list.filter((m) => m.status === 'down').length;
  if (down === list.length) return { kind: 'down', text: tr.t('banner.major') };
  if (down > 0) return { kind: 'partial', text: tr.t('banner.partial') };
  if (maintenanceActive) return { kind: 'maintenance', text: tr.t('banner.maintenance') };
  if (list.some((m) => m.status === 'partial')) return { kind: 'partial', text: tr.t('banner.partial') };
  if (list.some((m) => m.status === 'degraded')) return { kind: 'partial', text: tr.t('banner.degraded') };
  if (list.every((m) => m.status === 'up')) return { kind: 'up', text: tr.t('banner.up') };
  return { kind: 'unknown', text: tr.t('banner.waiting') };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  return [...groupInto(items, key)];
}
