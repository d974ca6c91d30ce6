import type { Outcome, ProbeResult, RegionResult } from '../probes/result';
import type { Region } from '../regions/regions';

export type MonitorStatus = Outcome | 'partial';

export interface MonitorTickState {
  monitorId: string;
  status: MonitorStatus;
  regions: Partial<Record<Region, RegionResult>>;
}

/**
 * A monitor's status this tick from its regions: down when a majority of the regions that could
 * check it failed, partial when a minority did. (Confirmation over ticks comes with incidents.)
 */
export function statusOf(results: readonly ProbeResult[]): MonitorStatus {
  const known = results.filter((r) => r.outcome !== 'unknown');
  if (known.length === 0) return 'unknown';
  const down = known.filter((r) => r.outcome === 'down').length;
  if (down === 0) return known.some((r) => r.outcome === 'degraded') ? 'degraded' : 'up';
  return down * 2 > known.length ? 'down' : 'partial';
}

export function monitorStates(results: readonly ProbeResult[]): MonitorTickState[] {
  const byMonitor = new Map<string, ProbeResult[]>();
  for (const result of results) {
    const list = byMonitor.get(result.monitorId) ?? [];
    list.push(result);
    byMonitor.set(result.monitorId, list);
  }
  return [...byMonitor].map(([monitorId, list]) => ({
    monitorId,
    status: statusOf(list),
    regions: Object.fromEntries(list.map(({ monitorId: _, region, ...rest }) => [region, rest])),
  }));
}
