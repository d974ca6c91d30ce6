import { parse } from 'yaml';
import { applyCondition, emptyTarget } from './conditions';
import {
  duration,
  ImportError,
  isObj,
  isWebUrl,
  ordered,
  str,
  type Obj,
  Mapping,
  interval,
  fitInterval,
  oneOrList,
  safeBody,
  safeHeaders,
  safeUrl,
  timeout,
  type ImportResult,
} from './common';

/**
 * A Gatus config (TwiN/gatus `config.yaml`) as a lookout.yaml: endpoints (http, tcp, tls, dns) with
 * their conditions, external endpoints as heartbeats, alerting providers Lookout has as channels,
 * the UI's title and links, the maintenance window. Pure: text in, config and notes out.
 */

const ENDPOINT_KEYS = new Set([
  'name',
  'group',
  'url',
  'method',
  'headers',
  'body',
  'graphql',
  'interval',
  'conditions',
  'alerts',
  'enabled',
  'dns',
  'client',
  'ui',
]);

/** Gatus providers Lookout has a channel for: provider -> how its settings map. */
const CHANNELS = ['slack', 'discord', 'pagerduty', 'custom'] as const;
type ChannelProvider = (typeof CHANNELS)[number];

const DEFAULT_FAILURE_THRESHOLD = 3;
const DEFAULT_SUCCESS_THRESHOLD = 2;

export function importGatus(text: string): ImportResult {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ImportError(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc) || (!Array.isArray(doc.endpoints) && !Array.isArray(doc['external-endpoints']))) {
    throw new ImportError('not a Gatus config: it has no endpoints or external-endpoints list');
  }
  const map = new Mapping();
  const alerting = isObj(doc.alerting) ? doc.alerting : {};
  const monitors: Obj[] = [];
  /** provider -> ids of the monitors whose alerts name it. */
  const alerted = new Map<string, string[]>();

  (doc.endpoints as unknown[]).forEach((raw, index) => {
    const path = `endpoints[${index}]`;
    if (!isObj(raw)) return map.note(path, 'an endpoint that is not a mapping', 'skipped');
    const monitor = endpoint(raw, path, map, alerting, alerted);
    if (monitor) monitors.push(monitor);
  });
  ((doc['external-endpoints'] as unknown[] | undefined) ?? []).forEach((raw, index) => {
    const path = `external-endpoints[${index}]`;
    if (!isObj(raw)) return;
    monitors.push(externalEndpoint(raw, path, map));
  });

  const config: Obj & { monitors: Obj[] } = { monitors };
  if (monitors.some((m) => m.kind !== 'heartbeat')) {
    map.note(
      'regions',
      'checks run from weur, enam and apac',
      "Lookout's default regions, where Gatus checked from the one machine it runs on: set regions: to change them",
    );
  }
  const page = statusPage(doc.ui, map);
  if (page) config.status_page = page;
  const channels = channelsOf(alerting, alerted, monitors.length, map);
  if (channels.length > 0) config.channels = channels;
  const windows = maintenanceOf(doc.maintenance, monitors, map);
  if (windows.length > 0) config.maintenance = windows;
  for (const key of Object.keys(doc)) {
    if (!['endpoints', 'external-endpoints', 'alerting', 'ui', 'maintenance'].includes(key)) {
      map.note(key, `${key} is not carried over`, WHY_TOP_LEVEL[key] ?? 'Lookout has no equivalent setting');
    }
  }
  return map.result({ ...ordered(config) });
}

const WHY_TOP_LEVEL: Record<string, string> = {
  storage: 'Lookout keeps results in D1; Gatus history is not imported',
  web: 'Lookout is served by the Worker (wrangler.toml routes)',
  security: "Lookout's status page is public; hide monitors with public: false, and the API uses tokens",
  metrics: 'Lookout serves /metrics (OpenMetrics) with a read token',
  connectivity: 'Lookout probes from Cloudflare regions; there is no connectivity checker',
  'skip-invalid-config-update': 'Lookout keeps the last good config when an edit is invalid, always',
  debug: 'not a monitoring setting',
  'disable-monitoring-lock': 'not a monitoring setting',
};

function endpoint(
  raw: Obj,
  path: string,
  map: Mapping,
  alerting: Obj,
  alerted: Map<string, string[]>,
): Obj | null {
  const name = str(raw.name) ?? `endpoint-${path}`;
  if (raw.enabled === false) {
    map.note(
      path,
      `endpoint "${name}" is disabled`,
      'not imported: Lookout has no disabled monitors in the file',
    );
    return null;
  }
  const rawUrl = str(raw.url) ?? '';
  const scheme = /^([a-z0-9+]+):\/\//i.exec(rawUrl)?.[1]?.toLowerCase() ?? (isObj(raw.dns) ? 'dns' : '');
  const unsupported = UNSUPPORTED_SCHEMES[scheme];
  if (unsupported || !['http', 'https', 'tcp', 'tls', 'dns'].includes(scheme)) {
    map.note(
      path,
      `endpoint "${name}" (${rawUrl || 'no url'}) is not imported`,
      unsupported ?? `Lookout has no ${scheme || 'such'} check`,
    );
    return null;
  }
  const id = map.id(name, `${path}.name`);
  const monitor: Obj = { id };
  if (id !== name) monitor.name = name;
  if (str(raw.group)) monitor.group = raw.group;
  const conditions = (Array.isArray(raw.conditions) ? raw.conditions : []).map(String);
  const target = emptyTarget();
  conditions.forEach((condition, i) => {
    const applied = applyCondition(condition, target, scheme === 'dns');
    if (!applied.ok)
      map.note(`${path}.conditions[${i}]`, `condition "${condition}" is not carried over`, applied.why);
  });

  if (scheme === 'http' || scheme === 'https') {
    const { url, headers: urlHeaders } = safeUrl(rawUrl, id, `${path}.url`, map);
    monitor.url = url;
    const method = str(raw.method)?.toUpperCase();
    if (method && method !== 'GET') monitor.method = method;
    const headers = {
      ...urlHeaders,
      ...safeHeaders(stringRecord(raw.headers), id, `${path}.headers`, map),
    };
    if (Object.keys(headers).length > 0) monitor.headers = headers;
    if (raw.graphql === true && str(raw.body)) {
      monitor.method = 'POST';
      monitor.json = { query: raw.body };
    } else if (str(raw.body)) Object.assign(monitor, safeBody(String(raw.body), id, `${path}.body`, map));
    if (target.expectedStatus.length > 0) monitor.expected_status = oneOrList(target.expectedStatus);
    if (target.certificateHours !== null) {
      monitor.tls = { lead_times: [`${Math.ceil(target.certificateHours / 24)}d`] };
      map.note(
        `${path}.conditions`,
        'the certificate expiration condition became a warning lead time',
        'Lookout warns (tls.expiring) before a certificate expires instead of failing the check',
      );
    }
  } else if (scheme === 'tcp' || scheme === 'tls') {
    const { hostname, port } = new URL(rawUrl.replace(/^[a-z]+:/i, 'http:'));
    monitor.kind = scheme;
    monitor.host = hostname.replace(/^\[|\]$/g, '');
    if (port) monitor.port = Number(port);
    else if (scheme === 'tcp') {
      map.note(`${path}.url`, `endpoint "${name}" has no port`, 'a tcp check needs one');
      return null;
    }
  } else {
    const dns = isObj(raw.dns) ? raw.dns : {};
    monitor.kind = 'dns';
    monitor.domain = str(dns['query-name']);
    const type = str(dns['query-type'])?.toUpperCase() ?? 'A';
    if (!['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'].includes(type)) {
      map.note(
        `${path}.dns.query-type`,
        `record type ${type}`,
        'Lookout checks A, AAAA, CNAME, MX, TXT and NS records',
      );
      return null;
    }
    if (type !== 'A') monitor.record_type = type;
    if (rawUrl) {
      map.note(
        `${path}.url`,
        `resolver ${rawUrl}`,
        "Lookout resolves over DNS-over-HTTPS (Cloudflare's by default); set resolver: to another DoH JSON endpoint",
      );
    }
    const expect: Obj = {};
    if (target.dns.rcode) expect.rcode = target.dns.rcode;
    if (target.dns.contains.length > 0) expect.contains = target.dns.contains;
    if (Object.keys(expect).length > 0) monitor.expect = expect;
  }

  if (target.assertions.length > 0 && monitor.kind === undefined) monitor.assertions = target.assertions;
  if (target.latencyDownMs !== null) {
    const latency = { latency: { down: `${target.latencyDownMs}ms` } };
    monitor.assertions = [...((monitor.assertions as Obj[] | undefined) ?? []), latency];
  }
  if (target.assertions.length > 0 && monitor.kind !== undefined) {
    map.note(
      `${path}.conditions`,
      'body conditions on a non-http endpoint',
      'only http monitors check a body',
    );
  }
  const client = isObj(raw.client) ? raw.client : {};
  if (client.timeout !== undefined)
    monitor.timeout = timeout(goDurationMs(client.timeout) ?? 10_000, `${path}.client.timeout`, map);
  if (client.insecure === true) {
    map.note(
      `${path}.client.insecure`,
      'insecure: true is not carried over',
      'Workers always verify certificates; a self-signed target fails as tls.invalid',
    );
  }
  for (const key of Object.keys(client)) {
    if (key !== 'timeout' && key !== 'insecure')
      map.note(`${path}.client.${key}`, `client.${key}`, 'Lookout has no such client setting');
  }
  monitor.interval = interval(goDurationMs(raw.interval) ?? 60_000, `${path}.interval`, map);
  if (monitor.interval === '1m') delete monitor.interval;
  fitInterval(monitor, path, map);
  alertsOf(raw.alerts, alerting, id, path, monitor, alerted, map);
  for (const key of Object.keys(raw)) {
    if (!ENDPOINT_KEYS.has(key))
      map.note(`${path}.${key}`, `${key} is not carried over`, 'Lookout has no equivalent');
  }
  if (isObj(raw.ui) && Object.keys(raw.ui).length > 0) {
    map.note(`${path}.ui`, 'endpoint UI options', "Lookout's page never shows a monitor's URL or host");
  }
  return monitor;
}

const UNSUPPORTED_SCHEMES: Record<string, string> = {
  icmp: 'Workers cannot send ICMP pings: use a tcp monitor on a port the host listens on',
  udp: 'Workers can open TCP sockets only',
  sctp: 'Workers can open TCP sockets only',
  ssh: 'Lookout does not speak SSH: a tcp monitor on port 22 checks that it listens',
  starttls: 'Lookout reads certificates of TLS-first services only (kind: tls); STARTTLS is not negotiated',
  ws: 'Lookout has no WebSocket check',
  wss: 'Lookout has no WebSocket check',
  grpc: 'Lookout has no gRPC check',
};

/** Per-endpoint alerts: thresholds become the monitor's alerting policy; providers route channels. */
function alertsOf(
  raw: unknown,
  alerting: Obj,
  id: string,
  path: string,
  monitor: Obj,
  alerted: Map<string, string[]>,
  map: Mapping,
) {
  if (!Array.isArray(raw)) return;
  const failAfter: number[] = [];
  const recoverAfter: number[] = [];
  raw.forEach((alert, i) => {
    if (!isObj(alert) || alert.enabled === false) return;
    const type = str(alert.type) ?? '';
    const provider = isObj(alerting[type]) ? alerting[type] : {};
    const defaults = isObj(provider['default-alert']) ? provider['default-alert'] : {};
    const setting = (key: string) => alert[key] ?? defaults[key];
    failAfter.push(Number(setting('failure-threshold') ?? DEFAULT_FAILURE_THRESHOLD));
    recoverAfter.push(Number(setting('success-threshold') ?? DEFAULT_SUCCESS_THRESHOLD));
    if (setting('send-on-resolved') === false) {
      map.note(
        `${path}.alerts[${i}].send-on-resolved`,
        'send-on-resolved: false',
        'Lookout always tells a channel when an incident resolves',
      );
    }
    alerted.set(type, [...(alerted.get(type) ?? []), id]);
  });
  if (failAfter.length === 0) return;
  const policy: Obj = {};
  const fail = Math.min(60, ...failAfter);
  const recover = Math.min(60, ...recoverAfter);
  if (fail !== 2) policy.fail_after = fail;
  if (recover !== 2) policy.recover_after = recover;
  if (new Set(failAfter).size > 1 || new Set(recoverAfter).size > 1) {
    map.note(
      `${path}.alerts`,
      'alerts with different thresholds',
      `Lookout has one policy per monitor: the lowest was kept (fail_after ${fail}, recover_after ${recover})`,
    );
  }
  if (Object.keys(policy).length > 0) monitor.alerting = policy;
}

function externalEndpoint(raw: Obj, path: string, map: Mapping): Obj {
  const name = str(raw.name) ?? 'external';
  const id = map.id(name, `${path}.name`);
  const monitor: Obj = { id, kind: 'heartbeat' };
  if (id !== name) monitor.name = name;
  if (str(raw.group)) monitor.group = raw.group;
  monitor.token = map.secret(`${id}_heartbeat_token`, `${path}.token`, {
    value: 'a new random token of 16+ characters, which the job puts in its ping URL',
    why: 'Gatus took this token in a header; a Lookout heartbeat takes one in its URL',
  });
  const every = isObj(raw.heartbeat) ? goDurationMs(raw.heartbeat.interval) : null;
  monitor.period = every ? duration(every) : '1h';
  if (!every) {
    map.note(
      `${path}.heartbeat`,
      'no heartbeat interval: period 1h',
      'a Lookout heartbeat needs the period its job pings in; adjust it',
    );
  }
  map.note(
    path,
    `external endpoint "${name}" became a heartbeat`,
    `the job now pings POST /api/v1/heartbeats/<token> (?status=fail on failure) instead of Gatus' /api/v1/endpoints/<key>/external`,
  );
  return monitor;
}

function channelsOf(
  alerting: Obj,
  alerted: Map<string, string[]>,
  monitorCount: number,
  map: Mapping,
): Obj[] {
  const channels: Obj[] = [];
  for (const [provider, settings] of Object.entries(alerting)) {
    const path = `alerting.${provider}`;
    if (!isObj(settings)) continue;
    if (!CHANNELS.includes(provider as ChannelProvider)) {
      map.note(
        path,
        `${provider} alerts`,
        'Lookout sends to Slack, Discord, PagerDuty and signed webhooks; a webhook channel can reach a relay for others',
      );
      continue;
    }
    const monitors = [...new Set(alerted.get(provider) ?? [])];
    if (monitors.length === 0) {
      map.note(
        path,
        `${provider} is configured but no endpoint alerts to it`,
        'not imported: it would alert for nothing',
      );
      continue;
    }
    const channel: Obj = {
      id: provider === 'custom' ? 'webhook' : provider,
      kind: provider === 'custom' ? 'webhook' : provider,
    };
    if (provider === 'slack' || provider === 'discord') {
      channel.webhook_url = secretOf(
        settings['webhook-url'],
        `${provider}_webhook_url`,
        `${path}.webhook-url`,
        map,
      );
    } else if (provider === 'pagerduty') {
      channel.routing_key = secretOf(
        settings['integration-key'],
        'pagerduty_routing_key',
        `${path}.integration-key`,
        map,
      );
    } else {
      channel.url = secretOf(settings.url, 'webhook_url', `${path}.url`, map);
      channel.secret = map.secret('webhook_signing_secret', `${path} (new)`, {
        value: 'a new whsec_<base64> signing secret your receiver verifies',
        why: 'Lookout signs every webhook',
      });
      map.note(
        path,
        'the custom alert body, method and headers',
        'Lookout sends its own JSON event (Standard Webhooks, signed), not a template',
      );
    }
    if (isObj(settings.overrides) || Array.isArray(settings.overrides)) {
      map.note(
        `${path}.overrides`,
        'per-group overrides',
        'one channel per destination in Lookout: add a channel with route.groups',
      );
    }
    if (monitors.length < monitorCount) channel.route = { monitors };
    channels.push(channel);
  }
  return channels;
}

/** A secret setting: a Gatus `${ENV}` keeps its name, an inline value gets one. */
function secretOf(value: unknown, hint: string, path: string, map: Mapping): string {
  const env = typeof value === 'string' ? /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(value)?.[1] : undefined;
  return map.secret(
    env ?? hint,
    path,
    env ? { why: `Gatus read it from the environment variable ${env}` } : {},
  );
}

function statusPage(ui: unknown, map: Mapping): Obj | null {
  if (!isObj(ui)) return null;
  const page: Obj = {};
  const title = str(ui.header) ?? str(ui.title);
  if (title) page.title = title.slice(0, 80);
  if (str(ui.description)) page.description = String(ui.description).slice(0, 300);
  if (isWebUrl(ui.logo)) page.logo = ui.logo;
  const links: Obj[] = [];
  if (isWebUrl(ui.link)) links.push({ label: 'Home', url: ui.link });
  if (Array.isArray(ui.buttons)) {
    ui.buttons.forEach((b, i) => {
      if (isObj(b) && str(b.name) && isWebUrl(b.link))
        links.push({ label: String(b.name).slice(0, 40), url: b.link });
      else map.note(`ui.buttons[${i}]`, 'a button without an http(s) link', 'page links are http(s) URLs');
    });
  }
  if (links.length > 0) page.links = links.slice(0, 8);
  for (const key of Object.keys(ui)) {
    if (!['title', 'header', 'description', 'logo', 'link', 'buttons'].includes(key)) {
      map.note(`ui.${key}`, `ui.${key}`, "Lookout's page has a title, description, logo and links");
    }
  }
  return Object.keys(page).length > 0 ? page : null;
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const LOOKOUT_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Gatus' one maintenance window (start, duration, days, time zone) as weekly windows in UTC. */
function maintenanceOf(raw: unknown, monitors: Obj[], map: Mapping): Obj[] {
  if (!isObj(raw) || raw.enabled === false || monitors.length === 0) return [];
  const start = /^(\d{1,2}):(\d{2})$/.exec(str(raw.start) ?? '');
  const length = goDurationMs(raw.duration);
  if (!start || !length) {
    map.note('maintenance', 'the maintenance window', 'it needs a start (hh:mm) and a duration');
    return [];
  }
  const zone = str(raw.timezone) ?? 'UTC';
  const offset = offsetMinutes(zone);
  if (offset === null) {
    map.note('maintenance.timezone', `time zone ${zone}`, 'unknown time zone: the window was not imported');
    return [];
  }
  if (offset !== 0) {
    map.note(
      'maintenance.timezone',
      `${zone} became UTC (offset ${offset / 60}h today)`,
      'Lookout windows are in UTC; adjust when daylight saving time changes the offset',
    );
  }
  const every =
    Array.isArray(raw.every) && raw.every.length > 0 ? raw.every.map((d) => String(d).toLowerCase()) : DAYS;
  const localMinutes = Number(start[1]) * 60 + Number(start[2]);
  return every.flatMap((day) => {
    const index = DAYS.indexOf(day);
    if (index < 0) {
      map.note('maintenance.every', `day "${day}"`, 'not a day of the week');
      return [];
    }
    let utc = localMinutes - offset;
    const shift = Math.floor(utc / 1440);
    utc -= shift * 1440;
    const weekday = LOOKOUT_DAYS[(index + shift + 7) % 7] as string;
    const at = `${String(Math.floor(utc / 60)).padStart(2, '0')}:${String(utc % 60).padStart(2, '0')}`;
    return [
      {
        id: `maintenance-${weekday}`,
        title: 'Scheduled maintenance',
        monitors: monitors.map((m) => m.id),
        weekly: { day: weekday, at, duration: duration(length) },
      },
    ];
  });
}

/** The zone's offset from UTC now, in minutes (east positive), or null for an unknown zone. */
function offsetMinutes(zone: string): number | null {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
    if (!m) return 0;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  } catch {
    return null;
  }
}

/** A Go duration ("1m30s", "300ms", "2h") in ms; a bare number is seconds. */
export function goDurationMs(value: unknown): number | null {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string' || value === '') return null;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = value.trim();
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * (units[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return total;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isObj(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
