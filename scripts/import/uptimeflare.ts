import {
  ImportError,
  isObj,
  isWebUrl,
  Mapping,
  oneOrList,
  ordered,
  safeBody,
  safeHeaders,
  safeUrl,
  str,
  timeout,
  type ImportResult,
  type Obj,
} from './common';
import { readConstants, syntaxError } from './ts-literals';

/**
 * UptimeFlare's `uptime.config.ts` (lyc8503/UptimeFlare) as a lookout.yaml. The module is parsed
 * with the TypeScript compiler, never run: `pageConfig`, `workerConfig` and `maintenances` are read
 * from their object literals, and whatever is not a literal (callbacks, variables, calls) is listed
 * in the notes. Pure: text in, config and notes out.
 */

const REGIONS = new Set(['wnam', 'enam', 'sam', 'weur', 'eeur', 'apac', 'oc', 'afr', 'me']);

const MONITOR_KEYS = new Set([
  'id',
  'name',
  'method',
  'target',
  'expectedCodes',
  'timeout',
  'headers',
  'body',
  'responseKeyword',
  'responseForbiddenKeyword',
  'checkProxy',
  'checkProxyFallback',
  'tooltip',
  'statusPageLink',
  'hideLatencyChart',
]);

export function importUptimeFlare(text: string): ImportResult {
  const syntax = syntaxError(text, 'uptime.config.ts');
  if (!syntax.ok) throw new ImportError(`not valid TypeScript: line ${syntax.line}: ${syntax.message}`);
  const { values, skipped } = readConstants(text, 'uptime.config.ts', [
    'pageConfig',
    'workerConfig',
    'maintenances',
  ]);
  const worker = values.workerConfig;
  if (!isObj(worker) || !Array.isArray(worker.monitors)) {
    throw new ImportError(
      'not an UptimeFlare config: no `const workerConfig = { monitors: [...] }` object literal',
    );
  }
  const map = new Mapping();
  for (const s of skipped) {
    map.note(
      s.path,
      `${s.kind} (not a literal)`,
      s.path.startsWith('workerConfig.callbacks')
        ? 'the file is read, not run; Lookout has no callbacks: a webhook channel receives every alert'
        : 'the file is read, not run: only literal values are imported',
    );
  }
  const page = isObj(values.pageConfig) ? values.pageConfig : {};
  const groupOf = groupsOf(page.group);
  const ids = new Map<string, string>();
  const monitors: Obj[] = [];
  worker.monitors.forEach((raw, index) => {
    const path = `workerConfig.monitors[${index}]`;
    if (!isObj(raw)) return;
    const monitor = monitorOf(raw, path, map, groupOf);
    if (!monitor) return;
    ids.set(String(raw.id), monitor.id as string);
    monitors.push(monitor);
  });
  const config: Obj & { monitors: Obj[] } = { monitors };
  const statusPage = statusPageOf(page, map);
  if (statusPage) config.status_page = statusPage;
  const { alerting, channels } = notificationsOf(worker.notification, ids, map);
  if (alerting) config.alerting = alerting;
  if (channels.length > 0) config.channels = channels;
  const windows = maintenancesOf(values.maintenances, ids, map);
  if (windows.length > 0) config.maintenance = windows;
  if (str(worker.passwordProtection)) {
    map.note(
      'workerConfig.passwordProtection',
      'the password on the status page (not copied)',
      "Lookout's status page is public: mark monitors public: false to keep them off it; the API takes tokens (npm run token:create)",
    );
  }
  for (const key of Object.keys(worker)) {
    if (
      !['monitors', 'notification', 'callbacks', 'passwordProtection', 'kvWriteCooldownMinutes'].includes(key)
    ) {
      map.note(`workerConfig.${key}`, `${key} is not carried over`, 'Lookout has no equivalent setting');
    }
  }
  return map.result(ordered(config));
}

/** pageConfig.group: { "Group name": ["monitor id", ...] } -> monitor id -> group name. */
function groupsOf(raw: unknown): Map<string, string> | null {
  if (!isObj(raw)) return null;
  const groups = new Map<string, string>();
  for (const [name, ids] of Object.entries(raw)) {
    if (Array.isArray(ids)) for (const id of ids) if (!groups.has(String(id))) groups.set(String(id), name);
  }
  return groups;
}

function monitorOf(raw: Obj, path: string, map: Mapping, groupOf: Map<string, string> | null): Obj | null {
  const sourceId = str(raw.id);
  const target = str(raw.target);
  if (!sourceId || !target) {
    const what = sourceId ? `monitor "${sourceId}" has no literal target` : 'a monitor without an id';
    map.note(path, what, 'not imported: a monitor needs an id and a target written as a literal');
    return null;
  }
  const id = map.id(sourceId, `${path}.id`, { noteChange: true });
  const monitor: Obj = { id };
  if (str(raw.name) && raw.name !== id) monitor.name = String(raw.name).slice(0, 120);
  const group = groupOf?.get(sourceId);
  if (group) monitor.group = group.slice(0, 80);
  else if (groupOf) {
    // UptimeFlare hides monitors that no group lists (still checked): Lookout's public: false.
    monitor.public = false;
    map.note(
      `${path}.id`,
      `"${sourceId}" is in no pageConfig group`,
      'UptimeFlare hid it from the page: it is public: false',
    );
  }
  const method = (str(raw.method) ?? 'GET').toUpperCase();
  if (method === 'TCP_PING') {
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!m) {
      map.note(`${path}.target`, `tcp target "${target}"`, 'expected host:port; not imported');
      return null;
    }
    monitor.kind = 'tcp';
    monitor.host = m[1];
    monitor.port = Number(m[2]);
  } else {
    const { url, headers: urlHeaders } = safeUrl(target, id, `${path}.target`, map);
    monitor.url = url;
    if (method !== 'GET') monitor.method = method;
    const headers = {
      ...urlHeaders,
      ...safeHeaders(
        Object.fromEntries(
          Object.entries(isObj(raw.headers) ? raw.headers : {}).map(([k, v]) => [k, String(v)]),
        ),
        id,
        `${path}.headers`,
        map,
      ),
    };
    if (Object.keys(headers).length > 0) monitor.headers = headers;
    if (str(raw.body)) Object.assign(monitor, safeBody(String(raw.body), id, `${path}.body`, map));
    if (Array.isArray(raw.expectedCodes) && raw.expectedCodes.length > 0) {
      monitor.expected_status = oneOrList(raw.expectedCodes.map(Number));
    }
    const assertions: Obj[] = [];
    if (str(raw.responseKeyword)) assertions.push({ body: { contains: raw.responseKeyword } });
    if (str(raw.responseForbiddenKeyword))
      assertions.push({ body: { not_contains: raw.responseForbiddenKeyword } });
    if (assertions.length > 0) monitor.assertions = assertions;
  }
  if (typeof raw.timeout === 'number') monitor.timeout = timeout(raw.timeout, `${path}.timeout`, map);
  const proxy = str(raw.checkProxy);
  if (proxy) {
    const region = /^worker:\/\/([a-z]+)$/.exec(proxy)?.[1];
    if (region && REGIONS.has(region)) monitor.regions = [region];
    else {
      map.note(
        `${path}.checkProxy`,
        `check proxy ${proxy}`,
        'Lookout checks from Cloudflare regions (regions:), not through a proxy',
      );
    }
  }
  for (const key of ['tooltip', 'statusPageLink', 'hideLatencyChart'] as const) {
    if (raw[key] !== undefined && raw[key] !== false) {
      map.note(
        `${path}.${key}`,
        key,
        "Lookout's page shows each monitor's name, status, bars and latency; it has no per-monitor text or link",
      );
    }
  }
  for (const key of Object.keys(raw)) {
    if (!MONITOR_KEYS.has(key))
      map.note(`${path}.${key}`, `${key} is not carried over`, 'Lookout has no equivalent');
  }
  return monitor;
}

function statusPageOf(page: Obj, map: Mapping): Obj | null {
  const out: Obj = {};
  if (str(page.title)) out.title = String(page.title).slice(0, 80);
  const links: Obj[] = [];
  if (Array.isArray(page.links)) {
    page.links.forEach((link, i) => {
      if (!isObj(link)) return;
      if (isWebUrl(link.link) && str(link.label))
        links.push({ label: String(link.label).slice(0, 40), url: link.link });
      else
        map.note(
          `pageConfig.links[${i}]`,
          `link ${String(link.link)}`,
          'page links are http(s) URLs (a mailto: link is not)',
        );
    });
  }
  if (links.length > 0) out.links = links.slice(0, 8);
  if (isObj(page.group)) out.groups = Object.keys(page.group).map((name) => ({ name: name.slice(0, 80) }));
  return Object.keys(out).length > 0 ? out : null;
}

/** Apprise and a generic webhook: only the webhook has a Lookout channel; gracePeriod is fail_after. */
function notificationsOf(
  raw: unknown,
  ids: Map<string, string>,
  map: Mapping,
): { alerting: Obj | null; channels: Obj[] } {
  if (!isObj(raw)) return { alerting: null, channels: [] };
  const channels: Obj[] = [];
  let alerting: Obj | null = null;
  if (typeof raw.gracePeriod === 'number') {
    // Notified after the first failure plus gracePeriod more failing minutes.
    alerting = { fail_after: Math.min(60, Math.max(1, raw.gracePeriod + 1)) };
  }
  if (str(raw.appriseApiServer) || str(raw.recipientUrl)) {
    map.note(
      'workerConfig.notification.recipientUrl',
      'Apprise notifications (the recipient URL is not copied: it holds credentials)',
      'Lookout sends to Slack, Discord, PagerDuty and signed webhooks: add a channel for each destination',
    );
  }
  if (isObj(raw.webhook) && str(raw.webhook.url)) {
    const url = map.secret('webhook_url', 'workerConfig.notification.webhook.url');
    const secret = map.secret('webhook_signing_secret', 'workerConfig.notification.webhook (new)', {
      value: 'a new whsec_<base64> signing secret your receiver verifies',
      why: 'Lookout signs every webhook',
    });
    channels.push({ id: 'webhook', kind: 'webhook', url, secret });
    map.note(
      'workerConfig.notification.webhook',
      'the payload template, method and headers',
      'Lookout sends its own JSON event (Standard Webhooks, signed)',
    );
  }
  const skip = Array.isArray(raw.skipNotificationIds) ? raw.skipNotificationIds.map(String) : [];
  if (skip.length > 0) {
    const others = [...ids].filter(([source]) => !skip.includes(source)).map(([, id]) => id);
    if (channels.length > 0 && others.length > 0)
      for (const channel of channels) channel.route = { monitors: others };
    map.note(
      'workerConfig.notification.skipNotificationIds',
      `no alerts for ${skip.join(', ')}`,
      channels.length > 0
        ? "channels route by monitor: the others are listed in each channel's route"
        : 'no channel was imported to route',
    );
  }
  if (str(raw.timeZone))
    map.note(
      'workerConfig.notification.timeZone',
      `time zone ${String(raw.timeZone)}`,
      'Lookout alerts carry UTC times',
    );
  return { alerting, channels };
}

function maintenancesOf(raw: unknown, ids: Map<string, string>, map: Mapping): Obj[] {
  if (!Array.isArray(raw)) return [];
  const windows: Obj[] = [];
  raw.forEach((m, index) => {
    const path = `maintenances[${index}]`;
    if (!isObj(m)) return;
    const start = isoOf(m.start);
    const end = isoOf(m.end);
    if (!start || !end) {
      map.note(
        path,
        'a maintenance without a start and an end',
        'a Lookout window needs both (open-ended ones are not imported)',
      );
      return;
    }
    const covered = (Array.isArray(m.monitors) ? m.monitors.map(String) : [...ids.keys()]).flatMap((id) => {
      const mapped = ids.get(id);
      if (!mapped) map.note(`${path}.monitors`, `"${id}"`, 'no imported monitor has this id');
      return mapped ? [mapped] : [];
    });
    if (covered.length === 0) return;
    const title = str(m.title) ?? 'Scheduled Maintenance';
    windows.push({
      id: map.id(`maintenance-${title}`, `${path}.title`),
      title: title.slice(0, 200),
      monitors: covered,
      start,
      end,
    });
    if (str(m.body)) map.note(`${path}.body`, 'the maintenance text', 'a Lookout window has a title only');
  });
  return windows;
}

/** An ISO time with an offset, or a UNIX timestamp (seconds or ms), as ISO; null otherwise. */
function isoOf(value: unknown): string | null {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null;
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : new Date(value).toISOString();
}
