import type { Region } from '../regions/regions';
import type { CheckSpec } from './checks';
import type { ConfigFile } from './schema';

/** A monitor as Lookout runs it: defaults applied, regions resolved, what to check in `spec`. */
export interface MonitorDefinition {
  id: string;
  name: string;
  group: string | null;
  kind: CheckSpec['kind'];
  intervalS: number;
  regions: Region[];
  public: boolean;
  /** May hold `${{ secrets.NAME }}` references: resolved only inside the prober. */
  spec: CheckSpec;
}

export function monitorsOf(file: ConfigFile): MonitorDefinition[] {
  return file.monitors.map(({ id, name, group, interval, regions, public: isPublic, ...spec }) => ({
    id,
    name: name ?? id,
    group: group ?? null,
    kind: spec.kind,
    intervalS: interval / 1000,
    regions: regions ?? file.regions,
    public: isPublic,
    spec,
  }));
}

/** Content hash of the effective monitors: comments and formatting do not trigger a reconcile. */
export async function hashMonitors(monitors: MonitorDefinition[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(monitors));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
