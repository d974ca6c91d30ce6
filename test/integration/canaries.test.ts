import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { floorMinute } from '../../src/coordinator/minutes';
import {
  bindingCanaries,
  CANARY_BINDINGS,
  canaryForms,
  CanaryScanner,
  everyTable,
  reportSecurity,
  TARGET_CANARIES,
  type Canary,
} from '../canaries';
import { coordinatorWith } from '../coordinator';
import { controlReceiver, receivedBy, uniqueName } from '../receivers-client';
import {
  applyConfig,
  makeToken,
  MINUTE,
  resetDb,
  storedResults,
  target,
  targetRequests,
  targetUrl,
} from '../helpers';

/**
 * Canary secrets planted everywhere a secret can live (headers, query, JSON and form bodies, the
 * URL path, Basic auth, a token a flow extracts, a channel's URL and a webhook signing key), sent
 * to a target that reflects them in every encoding, redirects with them and fails with them. After
 * real ticks that open incidents and alert four kinds of receiver, every place Lookout writes is
 * scanned for every canary in every form: D1, the API, the pages, the receivers' requests, the log.
 */
beforeEach(resetDb);
afterEach(() => vi.restoreAllMocks());

const receiversUrl = inject('receiversUrl');
const otherOrigin = inject('otherOriginUrl');
const TAG = 'canary';
const FLOW_TAG = 'canary-flow';
const LOG_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

const elsewhere = (path: string) => new URL(path, otherOrigin).toString();
const watchdogUrl = `${new URL('/reflect/', targetUrl).toString()}\${{ secrets.CANARY_WATCHDOG }}?tag=canary-watchdog&status=500`;
const header = { Authorization: 'Bearer ${{ secrets.CANARY_HEADER }}' };

/** Every way a monitor from the config file can carry a secret, against reflecting targets. */
function configMonitors() {
  return [
    {
      id: 'header-query-json',
      name: 'Header, query and JSON body',
      url: target('/reflect', TAG, { status: '500', as: 'text' }),
      method: 'POST',
      headers: { 'X-Api-Key': '${{ secrets.CANARY_HEADER }}' },
      query: { k: '${{ secrets.CANARY_QUERY }}' },
      json: { password: '${{ secrets.CANARY_JSON }}', nested: [{ token: 'x ${{ secrets.CANARY_JSON }} y' }] },
    },
    {
      id: 'form-basic',
      url: target('/reflect', TAG, { status: '403' }),
      method: 'POST',
      headers: { Authorization: 'Basic ${{ secrets.CANARY_BASIC }}' },
      form: { secret: '${{ secrets.CANARY_FORM }}', other: 'visible' },
    },
    {
      id: 'url-path',
      url: `${new URL('/reflect/', targetUrl).toString()}\${{ secrets.CANARY_PATH }}?tag=${TAG}&status=404`,
    },
    {
      id: 'body-assertion',
      url: target('/reflect', TAG),
      headers: header,
      query: { k: '${{ secrets.CANARY_QUERY }}' },
      assertions: [{ body: { contains: 'never-in-this-body' } }],
    },
    {
      id: 'header-assertion',
      url: target('/reflect', TAG),
      headers: header,
      assertions: [
        { header: 'x-reflect-auth', equals: 'not-this' },
        { header: 'www-authenticate', contains: 'nope' },
      ],
    },
    {
      id: 'redirect-same-origin',
      url: target('/reflect-redirect', TAG, { to: `/reflect?status=500&tag=${TAG}` }),
      headers: header,
      query: { k: '${{ secrets.CANARY_QUERY }}' },
    },
    {
      id: 'redirect-cross-origin',
      url: target('/reflect-redirect', TAG, { to: elsewhere(`/reflect?status=502&tag=${TAG}`) }),
      headers: header,
      query: { k: '${{ secrets.CANARY_QUERY }}' },
    },
    {
      id: 'redirect-refused',
      url: target('/reflect-redirect', TAG, { to: `/reflect?tag=${TAG}` }),
      headers: header,
      redirects: 'error',
    },
    {
      id: 'private-reflect',
      public: false,
      url: target('/reflect', TAG, { status: '503' }),
      headers: header,
      query: { k: '${{ secrets.CANARY_QUERY }}' },
    },
    {
      id: 'flow-token',
      kind: 'flow',
      steps: [
        {
          name: 'login',
          url: target('/issue', FLOW_TAG),
          method: 'POST',
          json: { password: '${{ secrets.CANARY_JSON }}' },
          extract: { token: { json: '$.token' } },
        },
        {
          name: 'use the token',
          url: target('/reflect', FLOW_TAG, { status: '401' }),
          headers: { Authorization: 'Bearer ${{ vars.token }}' },
          query: { t: '${{ vars.token }}' },
        },
      ],
    },
    { id: 'healthy', url: target('/ok', TAG) },
    { id: 'nightly', kind: 'heartbeat', token: '${{ secrets.TEST_HEARTBEAT_TOKEN }}', period: '1h' },
  ];
}

/** Slack, Discord and a signed webhook on URLs holding CANARY_HOOK, PagerDuty keyed with CANARY_PD_KEY. */
async function channels() {
  const names = {
    slack: uniqueName('canary-slack'),
    discord: uniqueName('canary-discord'),
    webhook: uniqueName('canary-hook'),
    pagerduty: uniqueName('canary-pd'),
    failing: uniqueName('canary-failing'),
  };
  await controlReceiver('webhook', names.webhook, { secret: env.CANARY_SIGNING });
  // A receiver that keeps failing: its error is stored and retried.
  await controlReceiver('slack', names.failing, { failWith: 500 });
  const hooked = (kind: string, name: string) =>
    `${receiversUrl}/${kind}/${name}/\${{ secrets.CANARY_HOOK }}`;
  return {
    names,
    list: [
      { id: 'slack', kind: 'slack', webhook_url: hooked('slack', names.slack) },
      { id: 'discord', kind: 'discord', webhook_url: hooked('discord', names.discord) },
      {
        id: 'hook',
        kind: 'webhook',
        url: hooked('webhook', names.webhook),
        secret: '${{ secrets.CANARY_SIGNING }}',
      },
      {
        id: 'pager',
        kind: 'pagerduty',
        routing_key: '${{ secrets.CANARY_PD_KEY }}',
        events_url: `${receiversUrl}/pagerduty/${names.pagerduty}/v2/enqueue`,
      },
      { id: 'slack-failing', kind: 'slack', webhook_url: hooked('slack', names.failing) },
    ],
  };
}

/** A monitor made through the API with the one secret the API may use, in a header and the query. */
async function createApiMonitor(write: string) {
  const response = await exports.default.fetch('http://lookout.test/api/v1/monitors', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
    body: JSON.stringify({
      id: 'api-reflect',
      url: target('/reflect', TAG, { status: '500' }),
      headers: { Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}' },
      query: { k: '${{ secrets.TEST_API_TOKEN }}' },
      regions: ['weur'],
    }),
  });
  expect(response.status).toBe(201);
  return response;
}

/** Monitors through the API that reference every canary: each refused (422), naming the secret only. */
async function refusedApiWrites(write: string) {
  const answers: { place: string; text: string }[] = [];
  for (const name of CANARY_BINDINGS) {
    const ref = `\${{ secrets.${name} }}`;
    const response = await exports.default.fetch('http://lookout.test/api/v1/monitors', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
      body: JSON.stringify({
        id: `refused-${name.toLowerCase().replace(/_/g, '-')}`,
        url: target('/reflect', TAG),
        headers: { 'X-K': ref },
        json: { k: ref },
      }),
    });
    const text = await responseText(response);
    expect(response.status, text).toBe(422);
    expect(text).toContain('secret_not_allowed');
    expect(text).toContain(name);
    answers.push({ place: `POST /api/v1/monitors referencing ${name} (refused)`, text });
  }
  return answers;
}

/** A heartbeat ping: its token is a secret in the URL. */
async function pingHeartbeat() {
  const ping = await exports.default.fetch(
    `http://lookout.test/api/v1/heartbeats/${env.TEST_HEARTBEAT_TOKEN}?status=fail&msg=nightly%20job%20failed`,
    { method: 'POST' },
  );
  expect(ping.status).toBe(200);
}

/** Console output while `fn` runs, one text per call (console.* still prints). */
async function capturingLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const spies = LOG_METHODS.map((method) => vi.spyOn(console, method));
  try {
    const result = await fn();
    const lines = spies.flatMap((spy) =>
      spy.mock.calls.map((args) =>
        args
          .map((a: unknown) =>
            a instanceof Error
              ? `${a.name}: ${a.message}\n${a.stack ?? ''}`
              : typeof a === 'string'
                ? a
                : JSON.stringify(a),
          )
          .join(' '),
      ),
    );
    return { result, lines };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

async function responseText(response: Response): Promise<string> {
  const headers = JSON.stringify([...response.headers]);
  return `${response.status} ${headers}\n${await response.text()}`;
}

/** GET `path` as the public, with a read token and with a write token. */
async function getAs(path: string, tokens: Record<string, string | null>) {
  const answers: { who: string; status: number; text: string }[] = [];
  for (const [who, token] of Object.entries(tokens)) {
    const response = await exports.default.fetch(`http://lookout.test${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    answers.push({ who, status: response.status, text: await responseText(response) });
  }
  return answers;
}

/** Every GET route the OpenAPI document lists, ids filled in with every monitor and incident. */
async function apiPaths(monitorIds: string[]): Promise<string[]> {
  const doc = (await (await exports.default.fetch('http://lookout.test/api/v1/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>
    >;
  };
  const now = Date.now();
  const dates = {
    from: new Date(now - 86_400_000).toISOString(),
    to: new Date(now + 3_600_000).toISOString(),
  };
  const paths: string[] = ['/api/v1/openapi.json'];
  for (const [path, operations] of Object.entries(doc.paths)) {
    const get = operations.get;
    if (!get || path.includes('{token}')) continue; // a heartbeat GET is a ping (a write), not a read
    const required = (get.parameters ?? []).filter((p) => p.in === 'query' && p.required);
    const query = new URLSearchParams(
      required.map((p) => [p.name, dates[p.name as keyof typeof dates] ?? '1'] as [string, string]),
    ).toString();
    const filled = path.includes('{id}') ? monitorIds.map((id) => path.replace('{id}', id)) : [path];
    for (const one of filled) paths.push(query ? `${one}?${query}` : one);
  }
  return paths;
}

describe('canary secrets', () => {
  it('planted everywhere a secret lives, reflected, redirected and failed with, leak nowhere Lookout writes', async () => {
    const { names, list } = await channels();
    const write = await makeToken(['write']);
    const read = await makeToken(['read']);
    const apiCreate = await createApiMonitor(write);
    const stub = await coordinatorWith({
      regions: ['weur'],
      alerting: { fail_after: 1, recover_after: 1 },
      api: { allowed_secrets: ['TEST_API_TOKEN'] },
      // The dead-man's switch, its secret in the URL path, answering 500: a failed ping is recorded.
      watchdog: { ping_url: watchdogUrl, fail_url: watchdogUrl },
      channels: list,
      monitors: configMonitors(),
    });

    // Real minutes through the coordinator (sync, probe, write, evaluate, alert, deliver), logs captured.
    const start = floorMinute(Date.now()) + MINUTE;
    const { result: runs, lines } = await capturingLogs(async () => {
      const out = [];
      for (let m = 0; m < 3; m++) {
        out.push(await stub.run(start + m * MINUTE, 'cron'));
        if (m === 0) await pingHeartbeat(); // the first minute created its monitor
      }
      return out;
    });
    expect(runs.map((r) => r.status)).toEqual(['ran', 'ran', 'ran']);
    // The capture sees the ticks' own lines, so a secret logged by a tick would be seen too.
    expect(lines.some((l) => l.startsWith('[lookout] tick ') && l.includes(' checks · '))).toBe(true);

    // The canaries really went out: to the target (every request part) and to the receivers.
    const flowTokens: string[] = (await (
      await fetch(new URL(`/__issued?tag=${FLOW_TAG}`, targetUrl))
    ).json()) as string[];
    expect(flowTokens.length).toBeGreaterThan(0);
    const apiCanary: Canary = { name: 'TEST_API_TOKEN(api-allowed)', value: env.TEST_API_TOKEN };
    const canaries: Canary[] = [
      ...bindingCanaries(),
      apiCanary,
      { name: 'TEST_HEARTBEAT_TOKEN', value: env.TEST_HEARTBEAT_TOKEN },
      // Lookout's own API tokens, sent with every scan request below.
      { name: 'read token', value: read },
      { name: 'write token', value: write },
      ...flowTokens.map((value, i) => ({ name: `flow-token-${i}`, value })),
    ];
    const sentToTarget = JSON.stringify([
      ...(await targetRequests(TAG)),
      ...(await targetRequests(FLOW_TAG)),
    ]);
    const atTarget = new CanaryScanner(canaries).scan('target', 'requests the target received', sentToTarget);
    const planted = new Set(atTarget.map((l) => l.canary));
    for (const name of TARGET_CANARIES) expect(planted, name).toContain(name);
    expect(planted).toContain(apiCanary.name);
    for (const token of canaries.filter((c) => c.name.startsWith('flow-token')))
      expect(planted).toContain(token.name);

    const received = {
      slack: await receivedBy('slack', names.slack),
      discord: await receivedBy('discord', names.discord),
      webhook: await receivedBy('webhook', names.webhook),
      pagerduty: await receivedBy('pagerduty', names.pagerduty),
      failing: await receivedBy('slack', names.failing),
    };
    for (const [kind, requests] of Object.entries(received)) expect(requests.length, kind).toBeGreaterThan(0);
    for (const r of received.webhook) expect(r.verified).toBe(true); // signed with CANARY_SIGNING
    for (const r of received.pagerduty) expect(r.body.routing_key).toBe(env.CANARY_PD_KEY);
    const hookPaths = [received.slack, received.discord, received.webhook, received.failing]
      .flat()
      .map((r) => (r as unknown as { path: string }).path);
    for (const path of hookPaths) expect(decodeURIComponent(path)).toContain(env.CANARY_HOOK);
    const watchdogPings = await targetRequests('canary-watchdog');
    expect(watchdogPings.length).toBeGreaterThan(0);
    for (const p of watchdogPings) expect(decodeURIComponent(p.path)).toContain(env.CANARY_WATCHDOG);
    for (const name of [
      'CANARY_HOOK',
      'CANARY_PD_KEY',
      'CANARY_SIGNING',
      'TEST_HEARTBEAT_TOKEN',
      'read token',
      'write token',
    ])
      planted.add(name);

    // The reflections reached Lookout: results say [redacted] where the canaries were.
    const results = await storedResults();
    expect(results.filter((r) => r.outcome === 'down').length).toBeGreaterThanOrEqual(9);
    expect(JSON.stringify(results)).toContain('[redacted]');
    const incidents = await env.DB.prepare('SELECT count(*) AS n FROM incidents').first<{ n: number }>();
    expect(incidents?.n).toBeGreaterThanOrEqual(9);

    // Now look everywhere.
    const scanner = new CanaryScanner(canaries);
    const tables = await everyTable();
    for (const table of tables) scanner.scan('d1_table', table.table, table.text);
    expect(tables.find((t) => t.table === 'deliveries')?.rows).toBeGreaterThan(0);

    scanner.scan('api_response', 'POST /api/v1/monitors', await responseText(apiCreate));
    // Writes refused for referencing secrets the API may not use: the problem names them, never their values.
    for (const answer of await refusedApiWrites(write))
      scanner.scan('api_response', answer.place, answer.text);
    const monitorIds = (await env.DB.prepare('SELECT id FROM monitors').all<{ id: string }>()).results.map(
      (r) => r.id,
    );
    const tokens = { public: null, read, write };
    for (const path of await apiPaths(monitorIds)) {
      for (const answer of await getAs(path, tokens)) {
        expect(answer.status, `${path} as ${answer.who}`).toBeLessThan(500);
        scanner.scan('api_response', `GET ${path} (${answer.who})`, answer.text);
      }
    }
    const pages = [
      '/',
      '/incidents',
      '/feed.atom',
      '/api/v2/summary.json',
      '/metrics',
      '/api/v1/health',
      ...monitorIds.flatMap((id) => [
        `/monitors/${id}`,
        `/badge/${id}/status.svg`,
        `/badge/${id}/uptime.svg`,
        `/badge/${id}/latency.svg`,
        `/badge/${id}/shields.json`,
      ]),
    ];
    for (const path of pages) {
      for (const answer of await getAs(path, tokens)) {
        expect(answer.status, `${path} as ${answer.who}`).toBeLessThan(500);
        scanner.scan('page', `${path} (${answer.who})`, answer.text);
      }
    }

    // Receivers: the channel URL's canary only in the URL called, the routing key only where
    // PagerDuty takes it; nothing else anywhere.
    for (const [kind, requests] of Object.entries(received)) {
      requests.forEach((request, i) => {
        const { path, body, headers } = request as unknown as {
          path: string;
          body: unknown;
          headers: object;
        };
        const place = `${kind} request ${i}`;
        scanner.scan('receiver_url', place, path, ['CANARY_HOOK']);
        const rest =
          kind === 'pagerduty' && typeof body === 'object' && body !== null
            ? { ...(body as object), routing_key: undefined }
            : body;
        scanner.scan('receiver_request', place, JSON.stringify({ headers, body: rest }));
      });
    }
    lines.forEach((line, i) => scanner.scan('log_line', `console line ${i}`, line));

    const row = {
      test: 'canaries',
      canaries_planted: planted.size,
      canary_values: canaries.length,
      forms_per_canary: Object.keys(canaryForms(env.CANARY_HEADER)).length,
      places_scanned: scanner.placesScanned,
      places_by_kind: scanner.places,
      d1_tables: tables.length,
      log_lines: lines.length,
      receiver_requests: Object.values(received).reduce((n, r) => n + r.length, 0),
      leaks: scanner.leaks.length,
      leak_details: scanner.leaks.slice(0, 20),
    };
    reportSecurity(row);
    expect(scanner.leaks).toEqual([]);
  }, 120_000);

  it('the scanner finds a canary planted in each form, in D1, in a page and in the log', async () => {
    const [canary] = bindingCanaries();
    const scanner = new CanaryScanner([canary as Canary]);
    const forms = canaryForms((canary as Canary).value);
    for (const [form, text] of Object.entries(forms)) {
      expect(scanner.scan('self_test', form, `before ${text} after`), form).toHaveLength(1);
    }
    // Cut short: its unique core still gives it away.
    expect(scanner.scan('self_test', 'cut', `…${(canary as Canary).value.slice(0, 12)}…`)).toHaveLength(1);
    expect(scanner.scan('self_test', 'clean', 'nothing secret [redacted] here')).toEqual([]);

    // Planted in real places, the same scans as above find it.
    await env.DB.prepare("INSERT INTO meta (key, value) VALUES ('planted', ?)")
      .bind(JSON.stringify({ b64: forms.base64 }))
      .run();
    const tables = await everyTable();
    const inD1 = tables.flatMap((t) => scanner.scan('self_test_d1', t.table, t.text));
    expect(inD1.map((l) => l.place)).toEqual(['meta']);

    await applyConfig({
      regions: ['weur'],
      monitors: [
        { id: 'planted', name: `Planted ${(canary as Canary).value}`, url: target('/ok', 'planted') },
      ],
    });
    const page = await responseText(await exports.default.fetch('http://lookout.test/'));
    expect(scanner.scan('self_test_page', '/', page)).toHaveLength(1);
    const { lines } = await capturingLogs(async () => console.log(`[lookout] oops ${forms['json-escaped']}`));
    expect(lines.flatMap((l) => scanner.scan('self_test_log', 'line', l))).toHaveLength(1);
    reportSecurity({ test: 'scanner-self-test', forms_checked: Object.keys(forms).length + 1, found: true });
  });
});
