import { windowFromConfig, type MaintenanceWindow } from '../alerting/maintenance';
import type { Retention } from '../jobs/housekeeping';
import type { Region } from '../regions/regions';
import type { ChannelConfig, Policy } from './alerting-schema';
import type { CheckSpec } from './checks';
import type { ConfigFile } from './schema';
import { sha256Hex } from '../lib/hash';
import { reservedSecrets } from './secret-refs';
import { subscriberSettings, type SubscriberSettings } from '../subscribers/config';

/** A monitor as Lookout runs it: defaults applied, regions resolved, what to check in `spec`. */
export interface MonitorDefinition {
  id: string;
  name: string;
  group: string | null;
  kind: CheckSpec['kind'];
  intervalS: number;
  regions: Region[];
  public: boolean;
  /** Monitors whose outage explains this one's (dependency.down). */
  dependsOn: string[];
  /** The file's alerting policy with this monitor's overrides. */
  policy: Policy;
  /** May hold `${{ secrets.NAME }}` references: resolved only inside the prober. */
  spec: CheckSpec;
}

export function monitorsOf(file: Pick<ConfigFile, 'monitors' | 'regions' | 'alerting'>): MonitorDefinition[] {
  return file.monitors.map(
    ({ id, name, group, interval, regions, public: isPublic, depends_on, alerting, ...spec }) => ({
      id,
      name: name ?? id,
      group: group ?? null,
      kind: spec.kind,
      // A heartbeat is judged every minute: its own period says when a ping is late.
      intervalS: spec.kind === 'heartbeat' ? 60 : interval / 1000,
      // Heartbeat results are recorded once, under the first region; a vendor's status page says
      // the same from everywhere, so it is read from the first region only.
      regions:
        spec.kind === 'heartbeat' || spec.kind === 'statuspage'
          ? [(regions ?? file.regions)[0] as Region]
          : (regions ?? file.regions),
      public: isPublic,
      dependsOn: depends_on,
      policy: { ...file.alerting, ...stripUndefined(alerting ?? {}) },
      spec,
    }),
  );
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The config file as the Worker runs it. */
export interface LoadedConfig {
  monitors: MonitorDefinition[];
  maintenance: MaintenanceWindow[];
  channels: ChannelConfig[];
  /** Status page subscriptions (src/subscribers/), or null when the file has none. */
  subscribers: SubscriberSettings | null;
  statusPageUrl: string | null;
  /** Title, logo, links and group order of the public page (not stored in D1). */
  page: ConfigFile['status_page'];
  retention: Retention;
  /** The dead-man's switch pinged after every tick (secret references unresolved). */
  watchdog: { pingUrl: string; failUrl: string | null } | null;
  /** Secrets that monitors created through the API may use, and those no monitor may (name -> use). */
  apiSecrets: { allowed: string[]; reserved: Map<string, string> };
  /** Of what reconcile writes to D1 (monitors and maintenance windows). */
  hash: string;
}

export async function prepareConfig(file: ConfigFile): Promise<LoadedConfig> {
  const monitors = monitorsOf(file);
  const maintenance = file.maintenance.map(windowFromConfig);
  return {
    monitors,
    maintenance,
    channels: file.channels,
    subscribers: subscriberSettings(file),
    statusPageUrl: file.status_page.url ?? null,
    page: file.status_page,
    retention: file.retention,
    watchdog: file.watchdog
      ? { pingUrl: file.watchdog.ping_url, failUrl: file.watchdog.fail_url ?? null }
      : null,
    apiSecrets: { allowed: file.api.allowed_secrets, reserved: reservedSecrets(file) },
    hash: await contentHash({ monitors, maintenance }),
  };
}

/** Content hash of what reconcile writes: comments and formatting do not trigger a reconcile. */
export function contentHash(value: unknown): Promise<string> {
  return sha256Hex(JSON.stringify(value));
}
