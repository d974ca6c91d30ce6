import {
  duration,
  ImportError,
  isObj,
  isWebUrl,
  Mapping,
  interval,
  fitInterval,
  oneOrList,
  ordered,
  safeBody,
  safeHeaders,
  safeUrl,
  statusSet,
  str,
  timeout,
  type ImportResult,
  type Obj,
} from './common';

/**
 * An Uptime Kuma backup (Settings > Backup > Export: `{ version, notificationList, monitorList }`)
 * as a lookout.yaml: http, keyword, json-query, port, dns and push monitors, group monitors as
 * groups, retries as the alerting policy, Slack, Discord, PagerDuty and webhook notifications as
 * channels. Pure: text in, config and notes out.
 */

const UNSUPPORTED: Record<string, string> = {
  ping: 'Workers cannot send ICMP pings: a port monitor on a port the host listens on checks it is up',
  docker: 'Lookout runs on Cloudflare and cannot reach a Docker socket',
  steam: 'Lookout has no game server query',
  gamedig: 'Lookout has no game server query',
  mqtt: 'Lookout does not speak MQTT (a port monitor checks the broker listens)',
  sqlserver: 'Lookout does not log in to databases (a port monitor checks it listens)',
  postgres: 'Lookout does not log in to databases (a port monitor checks it listens)',
  mysql: 'Lookout does not log in to databases (a port monitor checks it listens)',
  mongodb: 'Lookout does not log in to databases (a port monitor checks it listens)',
  redis: 'Lookout does not log in to databases (a port monitor checks it listens)',
  radius: 'Lookout does not speak RADIUS',
  'grpc-keyword': 'Lookout has no gRPC check',
  'kafka-producer': 'Lookout does not speak Kafka',
  'real-browser': 'Lookout checks APIs with requests, not a browser',
  'tailscale-ping': 'Lookout cannot reach a tailnet',
};

export function importUptimeKuma(text: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isObj(doc) || !Array.isArray(doc.monitorList)) {
    throw new ImportError(
      'not an Uptime Kuma backup: it has no monitorList (export one in Settings > Backup)',
    );
  }
  const map = new Mapping();
  const list = doc.monitorList.filter(isObj);
  const groups = new Map(list.filter((m) => m.type === 'group').map((m) => [m.id, str(m.name) ?? 'Group']));
  const monitors: Obj[] = [];
  /** Kuma notification id -> Lookout monitor ids that use it. */
  const notified = new Map<string, string[]>();
  list.forEach((raw, index) => {
    const path = `monitorList[${index}]`;
    if (raw.type === 'group') return;
    const monitor = monitorOf(raw, path, map, groups);
    if (!monitor) return;
    monitors.push(monitor);
    if (isObj(raw.notificationIDList)) {
      for (const [id, on] of Object.entries(raw.notificationIDList)) {
        if (on) notified.set(id, [...(notified.get(id) ?? []), monitor.id as string]);
      }
    }
  });
  const config: Obj & { monitors: Obj[] } = { monitors };
  if (monitors.some((m) => m.kind !== 'heartbeat')) {
    map.note(
      'regions',
      'checks run from weur, enam and apac',
      "Lookout's default regions, where Uptime Kuma checked from the one machine it runs on: set regions: to change them",
    );
  }
  const channels = channelsOf(
    Array.isArray(doc.notificationList) ? doc.notificationList : [],
    notified,
    monitors.length,
    map,
  );
  if (channels.length > 0) config.channels = channels;
  const page = statusPageOf(doc.statusPageList, map);
  if (page) config.status_page = page;
  for (const key of ['proxyList', 'maintenanceList']) {
    if (Array.isArray(doc[key]) && (doc[key] as unknown[]).length > 0) {
      map.note(
        key,
        `${key} is not carried over`,
        key === 'proxyList'
          ? 'Lookout probes from Cloudflare regions, not through proxies'
          : 'add maintenance windows to lookout.yaml (one-off or weekly)',
      );
    }
  }
  return map.result(ordered(config));
}

function monitorOf(raw: Obj, path: string, map: Mapping, groups: Map<unknown, string>): Obj | null {
  const name = str(raw.name) ?? `monitor ${String(raw.id)}`;
  const type = str(raw.type) ?? 'http';
  if (UNSUPPORTED[type] || !['http', 'keyword', 'json-query', 'port', 'dns', 'push'].includes(type)) {
    map.note(
      path,
      `${type} monitor "${name}" is not imported`,
      UNSUPPORTED[type] ?? `Lookout has no ${type} check`,
    );
    return null;
  }
  if (raw.upsideDown === true) {
    map.note(
      path,
      `upside-down monitor "${name}" is not imported`,
      'Lookout has no inverted check; a requires_auth http monitor covers "must refuse"',
    );
    return null;
  }
  if (raw.active === false || raw.active === 0) {
    map.note(
      path,
      `paused monitor "${name}" is not imported`,
      'a monitor in lookout.yaml runs; add it back when it should',
    );
    return null;
  }
  const id = map.id(name, `${path}.name`);
  const monitor: Obj = { id };
  if (id !== name) monitor.name = name;
  const group = groups.get(raw.parent);
  if (group) monitor.group = group;

  if (type === 'push') {
    monitor.kind = 'heartbeat';
    monitor.token = map.secret(`${id}_push_token`, `${path}.pushToken`, {
      value: 'a new random token of 16+ characters, which the job puts in its ping URL',
      why: 'the push token is a credential',
    });
    monitor.period = duration(Number(raw.interval ?? 60) * 1000);
    map.note(
      path,
      `push monitor "${name}" became a heartbeat`,
      'the job now pings POST /api/v1/heartbeats/<token> (?status=fail on failure) instead of /api/push/<token>',
    );
  } else if (type === 'port') {
    monitor.kind = 'tcp';
    monitor.host = raw.hostname;
    monitor.port = Number(raw.port);
  } else if (type === 'dns') {
    monitor.kind = 'dns';
    monitor.domain = raw.hostname;
    const record = str(raw.dns_resolve_type)?.toUpperCase() ?? 'A';
    if (!['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'].includes(record)) {
      map.note(
        `${path}.dns_resolve_type`,
        `record type ${record}`,
        'Lookout checks A, AAAA, CNAME, MX, TXT and NS records',
      );
      return null;
    }
    if (record !== 'A') monitor.record_type = record;
    if (str(raw.dns_resolve_server)) {
      map.note(
        `${path}.dns_resolve_server`,
        `resolver ${String(raw.dns_resolve_server)}`,
        "Lookout resolves over DNS-over-HTTPS (Cloudflare's by default); set resolver: to another DoH JSON endpoint",
      );
    }
  } else {
    http(raw, type, id, path, monitor, map);
  }

  if (type !== 'push') {
    monitor.interval = interval(Number(raw.interval ?? 60) * 1000, `${path}.interval`, map);
    if (monitor.interval === '1m') delete monitor.interval;
    const seconds = Number(raw.timeout);
    if (seconds > 0) monitor.timeout = timeout(seconds * 1000, `${path}.timeout`, map);
    fitInterval(monitor, path, map);
  }
  // Kuma marks a monitor down after its retries; Lookout opens an incident after fail_after ticks.
  const retries = Number(raw.maxretries ?? 0);
  const failAfter = Math.min(60, Math.max(1, retries + 1));
  if (failAfter !== 2 && type !== 'push') monitor.alerting = { fail_after: failAfter };
  if (raw.ignoreTls === true) {
    map.note(
      `${path}.ignoreTls`,
      'ignore TLS errors',
      'Workers always verify certificates; a self-signed target fails as tls.invalid',
    );
  }
  if (str(raw.description))
    map.note(
      `${path}.description`,
      'the description',
      'Lookout monitors have a name and a group, no description',
    );
  if (Array.isArray(raw.tags) && raw.tags.length > 0)
    map.note(`${path}.tags`, 'tags', 'Lookout groups monitors by group; tags are not kept');
  return monitor;
}

function http(raw: Obj, type: string, id: string, path: string, monitor: Obj, map: Mapping) {
  const { url, headers: urlHeaders } = safeUrl(String(raw.url ?? ''), id, `${path}.url`, map);
  monitor.url = url;
  const method = str(raw.method)?.toUpperCase();
  if (method && method !== 'GET') monitor.method = method;
  let parsed: unknown = {};
  if (str(raw.headers)) {
    try {
      parsed = JSON.parse(raw.headers as string);
    } catch {
      map.note(`${path}.headers`, 'headers that are not JSON', 'not carried over');
    }
  }
  const headers: Record<string, string> = {
    ...urlHeaders,
    ...safeHeaders(
      Object.fromEntries(Object.entries(isObj(parsed) ? parsed : {}).map(([k, v]) => [k, String(v)])),
      id,
      `${path}.headers`,
      map,
    ),
  };
  const auth = str(raw.authMethod);
  if (auth === 'basic' || (!auth && str(raw.basic_auth_user))) {
    headers.Authorization = `Basic ${map.secret(`${id}_basic_auth`, `${path}.basic_auth_pass`, {
      value: 'the base64 of user:password',
    })}`;
  } else if (auth) {
    map.note(
      `${path}.authMethod`,
      `${auth} authentication`,
      'Lookout sends headers: put a token in Authorization with a secret, or use a flow that logs in',
    );
  }
  if (Object.keys(headers).length > 0) monitor.headers = headers;
  if (str(raw.body)) {
    const body = safeBody(String(raw.body), id, `${path}.body`, map);
    const isJson = raw.httpBodyEncoding === 'json' || raw.httpBodyEncoding == null;
    // Kuma sends a JSON-encoded body as application/json: Lookout's json: does the same.
    if ('body' in body && isJson) {
      try {
        monitor.json = JSON.parse(body.body);
      } catch {
        monitor.body = body.body;
      }
    } else Object.assign(monitor, body);
  }
  const codes = Array.isArray(raw.accepted_statuscodes) ? raw.accepted_statuscodes.map(String) : ['200-299'];
  const ranges = codes
    .map((c) => c.split('-').map(Number) as [number, number?])
    .map(([a, b]) => [a, b ?? a] as [number, number]);
  const expected = statusSet(ranges);
  if (expected === null)
    map.note(
      `${path}.accepted_statuscodes`,
      `accepted ${codes.join(', ')}`,
      'only codes, whole classes and short ranges map; 2xx kept',
    );
  else if (!(expected.length === 1 && expected[0] === '2xx')) monitor.expected_status = oneOrList(expected);
  const hops = raw.maxredirects;
  // 10 is Kuma's default: leave Lookout's (5 hops) rather than write it on every monitor.
  if (typeof hops === 'number' && hops !== 10) monitor.redirects = hops === 0 ? 'manual' : Math.min(20, hops);

  if (type === 'keyword' && str(raw.keyword)) {
    monitor.assertions = [
      { body: raw.invertKeyword === true ? { not_contains: raw.keyword } : { contains: raw.keyword } },
    ];
  }
  if (type === 'json-query') {
    const query = str(raw.jsonPath);
    const simple = query && /^\$?\.?[A-Za-z_][\w]*(\.[A-Za-z_]\w*|\[\d+\])*$/.test(query);
    const operator = str(raw.jsonPathOperator) ?? '==';
    const ops: Record<string, string> = {
      '==': 'equals',
      '!=': 'not_equals',
      '<': 'lt',
      '<=': 'lte',
      '>': 'gt',
      '>=': 'gte',
      contains: 'contains',
    };
    if (simple && ops[operator]) {
      const expectedValue = String(raw.expectedValue ?? '');
      const numeric = ['<', '<=', '>', '>='].includes(operator);
      monitor.assertions = [
        {
          json: query.startsWith('$') ? query : `$.${query}`,
          [ops[operator] as string]: numeric ? Number(expectedValue) : expectedValue,
        },
      ];
      if (!numeric && /^-?\d+(\.\d+)?$|^(true|false)$/.test(expectedValue)) {
        map.note(
          `${path}.expectedValue`,
          `expected value "${expectedValue}" kept as text`,
          'Kuma compares as text; Lookout compares JSON values: write it as a number or boolean if the field is one',
        );
      }
    } else {
      map.note(
        `${path}.jsonPath`,
        `JSON query "${query ?? ''}"`,
        'only plain paths (a.b[0].c) map; JSONata expressions do not',
      );
    }
  }
}

/** Kuma notification types Lookout has: type -> its channel kind and the config key of its URL or key. */
const CHANNELS: Record<string, { kind: string; field: string; key: string }> = {
  slack: { kind: 'slack', field: 'webhook_url', key: 'slackwebhookURL' },
  discord: { kind: 'discord', field: 'webhook_url', key: 'discordWebhookUrl' },
  pagerduty: { kind: 'pagerduty', field: 'routing_key', key: 'pagerdutyIntegrationKey' },
  webhook: { kind: 'webhook', field: 'url', key: 'webhookURL' },
};

function channelsOf(
  list: unknown[],
  notified: Map<string, string[]>,
  monitorCount: number,
  map: Mapping,
): Obj[] {
  const channels: Obj[] = [];
  list.forEach((raw, index) => {
    const path = `notificationList[${index}]`;
    if (!isObj(raw)) return;
    let settings: Obj;
    try {
      settings =
        typeof raw.config === 'string'
          ? (JSON.parse(raw.config) as Obj)
          : isObj(raw.config)
            ? raw.config
            : {};
    } catch {
      return map.note(`${path}.config`, 'a notification whose config is not JSON', 'not carried over');
    }
    const name = str(raw.name) ?? str(settings.name) ?? `notification ${String(raw.id)}`;
    const type = (str(settings.type) ?? '').toLowerCase();
    const spec = CHANNELS[type];
    if (!spec) {
      return map.note(
        path,
        `${settings.type ?? 'unknown'} notification "${name}"`,
        'Lookout sends to Slack, Discord, PagerDuty and signed webhooks; a webhook channel can reach a relay for others',
      );
    }
    if (raw.active === false || raw.active === 0)
      return map.note(path, `inactive notification "${name}"`, 'not imported');
    const monitors = [...new Set(notified.get(String(raw.id)) ?? [])];
    if (monitors.length === 0) {
      return map.note(
        path,
        `notification "${name}" is used by no imported monitor`,
        'not imported: it would alert for nothing',
      );
    }
    const id = map.id(name, `${path}.name`);
    const channel: Obj = { id, kind: spec.kind };
    channel[spec.field] = map.secret(`${id}_${spec.field}`, `${path}.config.${spec.key}`);
    if (
      spec.kind === 'pagerduty' &&
      isWebUrl(settings.pagerdutyIntegrationUrl) &&
      !String(settings.pagerdutyIntegrationUrl).includes('events.pagerduty.com/v2/enqueue')
    ) {
      channel.events_url = settings.pagerdutyIntegrationUrl;
    }
    if (spec.kind === 'webhook') {
      channel.secret = map.secret(`${id}_signing_secret`, `${path} (new)`, {
        value: 'a new whsec_<base64> signing secret your receiver verifies',
        why: 'Lookout signs every webhook',
      });
      map.note(
        `${path}.config`,
        'the webhook body format',
        "Lookout sends its own JSON event (Standard Webhooks, signed), not Kuma's",
      );
    }
    if (monitors.length < monitorCount) channel.route = { monitors };
    channels.push(channel);
  });
  return channels;
}

/** Newer backups carry status pages: the first one's title and description. */
function statusPageOf(list: unknown, map: Mapping): Obj | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const first = list[0];
  if (!isObj(first)) return null;
  const source = isObj(first.config) ? first.config : first;
  const page: Obj = {};
  if (str(source.title)) page.title = String(source.title).slice(0, 80);
  if (str(source.description)) page.description = String(source.description).slice(0, 300);
  if (list.length > 1)
    map.note(
      'statusPageList',
      `${list.length} status pages`,
      "Lookout has one status page: the first one's title was kept; monitors show by group",
    );
  return Object.keys(page).length > 0 ? page : null;
}
