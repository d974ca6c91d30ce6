import { secretNames } from '../probes/templates';
import type { z } from 'zod';
import type { ChannelConfig, watchdogSchema } from './alerting-schema';
import type { MonitorConfig } from './schema';

/**
 * Which secrets a monitor references, and where, and which secrets the file gives to channels,
 * heartbeats and the watchdog. A monitor sends what it references to its target, so those
 * (alert credentials, signing keys, ping tokens) must never be reachable from one.
 */

export interface SecretUse {
  name: string;
  path: (string | number)[];
}

/** Every `${{ secrets.NAME }}` in a value's strings, with the path to the string. */
export function secretUses(value: unknown, path: (string | number)[] = []): SecretUse[] {
  if (typeof value === 'string') return secretNames(value).map((name) => ({ name, path }));
  if (Array.isArray(value)) return value.flatMap((item, index) => secretUses(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => secretUses(item, [...path, key]));
  }
  return [];
}

/** Secret name -> what it is for (e.g. `the webhook_url of channel "ops"`). */
export interface SecretHolders {
  channels: ChannelConfig[];
  watchdog?: z.output<typeof watchdogSchema> | undefined;
  monitors: MonitorConfig[];
  subscribers?: { key: string } | undefined;
}

export function reservedSecrets(file: SecretHolders): Map<string, string> {
  const reserved = new Map<string, string>();
  const add = (uses: SecretUse[], owner: string) => {
    for (const use of uses) {
      if (!reserved.has(use.name)) reserved.set(use.name, `the ${use.path.join('.')} of ${owner}`);
    }
  };
  for (const { id, kind, route: _route, ...fields } of file.channels)
    add(secretUses(fields), `${kind} channel "${id}"`);
  if (file.watchdog) add(secretUses(file.watchdog), 'the watchdog');
  if (file.subscribers) add(secretUses({ key: file.subscribers.key }), 'subscribers');
  for (const monitor of file.monitors) {
    if (monitor.kind === 'heartbeat') add(secretUses({ token: monitor.token }), `heartbeat "${monitor.id}"`);
  }
  return reserved;
}

/** The secrets a monitor may not use: reserved ones, and for API monitors any not allowed. */
export function forbiddenUses(
  monitor: MonitorConfig,
  reserved: ReadonlyMap<string, string>,
  allowed?: readonly string[],
): (SecretUse & { reason: string })[] {
  const { id: _id, ...fields } = monitor;
  return secretUses(fields).flatMap((use) => {
    const owner = reserved.get(use.name);
    if (owner !== undefined && !(monitor.kind === 'heartbeat' && use.path[0] === 'token')) {
      return [{ ...use, reason: `secret ${use.name} is ${owner}: a monitor would send it to its target` }];
    }
    if (allowed && !allowed.includes(use.name)) {
      const list = allowed.length === 0 ? 'none is' : `allowed: ${allowed.join(', ')}`;
      return [
        {
          ...use,
          reason: `secret ${use.name} is not allowed for monitors managed through the API (${list}; see api.allowed_secrets in lookout.yaml)`,
        },
      ];
    }
    return [];
  });
}
