import type { MonitorStatusView } from '../../db/queries/status';

/**
 * What a badge says: a label, a message and one of shields.io's named colours. Pure; the SVG and
 * the shields.io endpoint JSON are both written from this.
 */

/** shields.io's named colours and the hex values its flat style draws them with. */
export const COLORS = {
  brightgreen: '#4c1',
  green: '#97ca00',
  yellowgreen: '#a4a61d',
  yellow: '#dfb317',
  orange: '#fe7d37',
  red: '#e05d44',
  blue: '#007ec6',
  lightgrey: '#9f9f9f',
} as const;

export type BadgeColor = keyof typeof COLORS;

export interface Badge {
  label: string;
  message: string;
  color: BadgeColor;
}

export type BadgeValue = Omit<Badge, 'label'>;

const STATUS: Record<MonitorStatusView['status'], BadgeValue> = {
  up: { message: 'up', color: 'brightgreen' },
  degraded: { message: 'degraded', color: 'yellow' },
  partial: { message: 'partial outage', color: 'orange' },
  down: { message: 'down', color: 'red' },
  unknown: { message: 'unknown', color: 'lightgrey' },
  pending: { message: 'pending', color: 'lightgrey' },
};

const NO_DATA: BadgeValue = { message: 'no data', color: 'lightgrey' };

/** A monitor inside an active maintenance window says so, whatever its checks say. */
export function statusValue(status: MonitorStatusView['status'], inMaintenance: boolean): BadgeValue {
  return inMaintenance ? { message: 'maintenance', color: 'blue' } : STATUS[status];
}

/** Truncated, not rounded, to two decimals: 99.996% shows as 99.99%, never as 100%. */
export function formatUptime(pct: number): string {
  const truncated = Math.floor(pct * 100 + 1e-6) / 100;
  return `${truncated}%`;
}

export function uptimeValue(pct: number | null): BadgeValue {
  if (pct === null) return NO_DATA;
  const color: BadgeColor =
    pct >= 99.9 ? 'brightgreen' : pct >= 99 ? 'green' : pct >= 95 ? 'yellow' : pct >= 90 ? 'orange' : 'red';
  return { message: formatUptime(pct), color };
}

export function latencyValue(ms: number | null): BadgeValue {
  if (ms === null) return NO_DATA;
  return { message: `${ms}ms`, color: ms < 300 ? 'green' : ms < 1000 ? 'yellow' : 'orange' };
}

/** The shields.io endpoint badge schema (https://shields.io/badges/endpoint-badge). */
export function shieldsEndpoint(badge: Badge) {
  return { schemaVersion: 1 as const, label: badge.label, message: badge.message, color: badge.color };
}
