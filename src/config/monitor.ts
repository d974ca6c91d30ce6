import type { Region } from '../regions/regions';
import type { ConfigFile, ExpectedStatus } from './schema';

/** A monitor as Lookout runs it: defaults applied, regions resolved, the request in `spec`. */
export interface MonitorDefinition {
  id: string;
  name: string;
  group: string | null;
  kind: 'http';
  intervalS: number;
  regions: Region[];
  public: boolean;
  spec: HttpSpec;
}

export interface HttpSpec {
  url: string;
  method: string;
  /** Values may hold `${{ secrets.NAME }}` references: resolved only inside the prober. */
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  expectedStatus: ExpectedStatus;
}

export function monitorsOf(file: ConfigFile): MonitorDefinition[] {
  return file.monitors.map((m) => ({
    id: m.id,
    name: m.name ?? m.id,
    group: m.group ?? null,
    kind: m.kind,
    intervalS: m.interval / 1000,
    regions: m.regions ?? file.regions,
    public: m.public,
    spec: {
      url: m.url,
      method: m.method,
      headers: m.headers,
      ...(m.body === undefined ? {} : { body: m.body }),
      timeoutMs: m.timeout,
      expectedStatus: m.expected_status,
    },
  }));
}

/** Content hash of the effective monitors: comments and formatting do not trigger a reconcile. */
export async function hashMonitors(monitors: MonitorDefinition[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(monitors));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
