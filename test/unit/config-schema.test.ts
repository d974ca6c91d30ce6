import { describe, expect, it } from 'vitest';
import example from '../../lookout.example.yaml?raw';
import projectConfig from '../../lookout.yaml?raw';
import demoConfig from '../../lookout.demo.yaml?raw';
import committedSchema from '../../lookout.schema.json';
import { configJsonSchema } from '../../src/config/json-schema';
import { loadConfigText } from '../../src/config/load';
import { monitorsOf } from '../../src/config/monitor';

function problemsOf(text: string) {
  const result = loadConfigText(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.problems;
}

describe('the config schema', () => {
  it('accepts the documented example with every field and applies the defaults', () => {
    const result = loadConfigText(example);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [homepage, orders, search] = monitorsOf(result.config);
    expect(homepage).toEqual({
      id: 'homepage',
      name: 'homepage',
      group: null,
      kind: 'http',
      intervalS: 60,
      regions: ['weur', 'enam', 'apac'],
      public: true,
      dependsOn: [],
      policy: {
        quorum: null,
        fail_after: 2,
        recover_after: 2,
        alert_on_degraded: false,
        recheck: false,
        reminder_every: null,
        finding_reminders: [7 * 86_400_000, 86_400_000],
      },
      spec: {
        kind: 'http',
        url: 'https://example.com/',
        method: 'GET',
        query: {},
        headers: {},
        timeout: 10_000,
        redirects: { mode: 'follow', max: 5 },
        assertions: [],
        requires_auth: false,
        findings: {},
      },
    });
    expect(orders?.spec).toMatchObject({
      headers: { Authorization: 'Bearer ${{ secrets.ORDERS_API_TOKEN }}' },
    });
    expect(orders?.regions).toEqual(['weur', 'enam']);
    expect(search).toMatchObject({
      intervalS: 300,
      public: false,
      spec: { method: 'POST', expected_status: [200, 204] },
    });
  });

  it('accepts the project lookout.yaml and the demo (examples in the docs: docs-examples.test.ts)', () => {
    for (const text of [projectConfig, demoConfig]) {
      const result = loadConfigText(text);
      expect(result.ok ? [] : result.problems, text.slice(0, 80)).toEqual([]);
    }
  });

  it.each([
    [
      'a URL that is not http',
      'monitors:\n  - id: a\n    url: ftp://x.example/\n',
      'monitors[0].url',
      3,
      'http:// or https://',
    ],
    [
      'an interval that is not whole minutes',
      'monitors:\n  - id: a\n    url: https://x.example/\n    interval: 90s\n',
      'monitors[0].interval',
      4,
      'must be 10s, 15s, 20s, 30s or a whole number of minutes',
    ],
    [
      'an interval under a minute that does not divide it',
      'monitors:\n  - id: a\n    url: https://x.example/\n    interval: 45s\n',
      'monitors[0].interval',
      4,
      'must be 10s, 15s, 20s, 30s or a whole number of minutes',
    ],
    [
      'a 10s check that could outlast half its interval',
      'monitors:\n  - id: a\n    url: https://x.example/\n    interval: 10s\n    timeout: 6s\n',
      'monitors[0].timeout',
      5,
      'a check may take up to 6 s (its timeout); half its 10 s interval is 5 s: lower the timeout',
    ],
    [
      'a 20s check sent twice for requires_auth',
      'monitors:\n  - id: a\n    url: https://x.example/\n    interval: 20s\n    timeout: 6s\n    requires_auth: true\n',
      'monitors[0].timeout',
      5,
      'a check may take up to 12 s (2 requests x 6 s: requires_auth also sends it without credentials); half its 20 s interval is 10 s',
    ],
    [
      'an unknown field',
      'monitors:\n  - id: a\n    url: https://x.example/\n    timout: 5s\n',
      'monitors[0]',
      2,
      'unknown field "timout"',
    ],
    ['an unknown region', 'regions: [weur, mars]\n', 'regions[1]', 1, 'expected one of'],
    ['a missing url', 'monitors:\n  - id: a\n', 'monitors[0].url', 2, ''],
    [
      'an id that is not a slug',
      'monitors:\n  - id: Orders API\n    url: https://x.example/\n',
      'monitors[0].id',
      2,
      'expected a slug',
    ],
    [
      'a malformed duration',
      'monitors:\n  - id: a\n    url: https://x.example/\n    timeout: soon\n',
      'monitors[0].timeout',
      4,
      'expected a duration',
    ],
    [
      'a timeout over the limit of one check',
      'monitors:\n  - id: a\n    url: https://x.example/\n    timeout: 31s\n',
      'monitors[0].timeout',
      4,
      'at most 30s: the longest one check may take in a tick',
    ],
    [
      'a bad expected status',
      'monitors:\n  - id: a\n    url: https://x.example/\n    expected_status: 700\n',
      'monitors[0].expected_status',
      4,
      '',
    ],
    [
      'a channel secret in the API allow-list',
      'channels:\n  - id: hooks\n    kind: webhook\n    url: https://h.example/\n    secret: ${{ secrets.HOOK_KEY }}\napi:\n  allowed_secrets: [API_KEY, HOOK_KEY]\n',
      'api.allowed_secrets[1]',
      7,
      'HOOK_KEY is the secret of webhook channel "hooks": monitors created through the API could send it to any host',
    ],
    [
      'a heartbeat token in the API allow-list',
      'api: { allowed_secrets: [HB] }\nmonitors:\n  - id: nightly\n    kind: heartbeat\n    token: ${{ secrets.HB }}\n    period: 1d\n',
      'api.allowed_secrets[0]',
      1,
      'HB is the token of heartbeat "nightly"',
    ],
    [
      'a watchdog secret used by a monitor',
      'watchdog: { ping_url: "${{ secrets.HC_URL }}" }\nmonitors:\n  - id: a\n    url: https://x.example/\n    headers: { X-Ping: "${{ secrets.HC_URL }}" }\n',
      'monitors[0].headers.X-Ping',
      5,
      'secret HC_URL is the ping_url of the watchdog: a monitor would send it to its target',
    ],
    [
      'a channel secret used in a flow step',
      'channels:\n  - id: ops\n    kind: slack\n    webhook_url: ${{ secrets.SLACK }}\nmonitors:\n  - id: f\n    kind: flow\n    steps:\n      - name: s\n        url: https://x.example/?k=${{ secrets.SLACK }}\n',
      'monitors[0].steps[0].url',
      10,
      'secret SLACK is the webhook_url of slack channel "ops"',
    ],
    [
      'a secret name that is not one',
      'api: { allowed_secrets: [bad-name] }\n',
      'api.allowed_secrets[0]',
      1,
      'expected a secret name',
    ],
  ])('rejects %s, naming the path, line and reason', (_, text, path, line, reason) => {
    const problems = problemsOf(text);
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem?.line).toBe(line);
    expect(problem?.message).toContain(reason);
  });

  it('rejects a flow step that uses a value no earlier step extracts', () => {
    const problems = problemsOf(
      [
        'monitors:',
        '  - id: f',
        '    kind: flow',
        '    steps:',
        '      - name: a',
        '        url: https://x.example/',
        "        headers: { Authorization: 'Bearer ${{ vars.token }}' }",
        '        extract: { token: { json: $.token } }',
      ].join('\n'),
    );
    expect(problems).toEqual([
      { path: 'monitors[0].steps[0]', line: 5, message: 'uses vars.token, which no earlier step extracts' },
    ]);
  });

  it('rejects a kind it does not know', () => {
    const problems = problemsOf('monitors:\n  - id: a\n    kind: ftp\n    url: ftp://x.example/\n');
    expect(problems[0]).toMatchObject({
      path: 'monitors[0].kind',
      message: 'expected kind http (the default), flow, tcp, dns, tls, heartbeat or statuspage',
    });
  });

  it('reads kind: tls with its defaults, and the tls: option of https monitors', () => {
    const result = loadConfigText(
      [
        'monitors:',
        '  - { id: mail, kind: tls, host: mail.example.com, port: 465 }',
        '  - { id: api, kind: tls, host: 10.0.0.1, sni: api.example.com, lead_times: [21d, 3d] }',
        '  - { id: web, url: https://x.example/, tls: false }',
        '  - { id: web2, url: https://y.example/, tls: { lead_times: [12h] } }',
      ].join('\n'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const specs = monitorsOf(result.config).map((m) => m.spec);
    expect(specs[0]).toEqual({
      kind: 'tls',
      host: 'mail.example.com',
      port: 465,
      timeout: 10_000,
      lead_times: [30, 14, 7, 1],
    });
    expect(specs[1]).toMatchObject({ port: 443, sni: 'api.example.com', lead_times: [21, 3] });
    expect(specs[2]).toMatchObject({ tls: false });
    expect(specs[3]).toMatchObject({ tls: { lead_times: [0.5] } });
    expect(
      problemsOf('monitors:\n  - { id: a, kind: tls, host: x.example, lead_times: [soon] }\n')[0],
    ).toMatchObject({
      path: 'monitors[0].lead_times[0]',
      message: 'expected a duration such as "30d" or "12h"',
    });
  });

  it('rejects duplicate ids at the second one', () => {
    const problems = problemsOf(
      'monitors:\n  - id: a\n    url: https://x.example/\n  - id: a\n    url: https://y.example/\n',
    );
    expect(problems).toEqual([{ path: 'monitors[1].id', line: 4, message: 'duplicate monitor id "a"' }]);
  });

  it('rejects a flow whose steps together could outlast the tick, with the figures', () => {
    const step = (name: string) =>
      [`      - name: ${name}`, '        url: https://x.example/', '        timeout: 10s'].join('\n');
    const problems = problemsOf(
      [
        'monitors:',
        '  - id: ok',
        '    url: https://x.example/',
        '  - id: long',
        '    kind: flow',
        '    steps:',
      ]
        .concat(['a', 'b', 'c', 'd'].map(step))
        .join('\n'),
    );
    expect(problems).toEqual([
      {
        path: 'monitors[1].steps',
        line: 7,
        message:
          "a check may take up to 40 s (4 steps x 10 s); the tick's limit for one check is 30 s: lower the steps' timeouts or split the flow",
      },
    ]);
  });

  it.each([
    [
      'steps with different timeouts',
      [
        '      - { name: a, url: https://x.example/, timeout: 20s }',
        '      - { name: b, url: https://x.example/, requires_auth: true }',
      ],
      "up to 40 s (the steps' timeouts add up: 20 s + 2 x 10 s)",
    ],
    [
      'requires_auth steps sending twice',
      [
        '      - { name: a, url: https://x.example/, requires_auth: true }',
        '      - { name: b, url: https://x.example/, requires_auth: true }',
      ],
      'up to 40 s (4 requests x 10 s: 2 steps, 2 sent twice for requires_auth)',
    ],
  ])('explains a flow over the limit by %s', (_, steps, reason) => {
    const problems = problemsOf(
      ['monitors:', '  - id: f', '    kind: flow', '    steps:', ...steps].join('\n'),
    );
    expect(problems.map((p) => p.path)).toEqual(['monitors[0].steps']);
    expect(problems[0]?.message).toContain(reason);
  });

  it('accepts a flow that uses exactly the limit of one check', () => {
    const steps = ['a', 'b', 'c'].map((name) => `      - { name: ${name}, url: https://x.example/ }`);
    const result = loadConfigText(
      ['monitors:', '  - id: f', '    kind: flow', '    steps:', ...steps].join('\n'),
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('rejects an http check whose anonymous re-send would outlast the tick, at its timeout', () => {
    const problems = problemsOf(
      'monitors:\n  - id: a\n    url: https://x.example/\n    requires_auth: true\n    timeout: 20s\n',
    );
    expect(problems).toEqual([
      {
        path: 'monitors[0].timeout',
        line: 5,
        message:
          "a check may take up to 40 s (2 requests x 20 s: requires_auth also sends it without credentials); the tick's limit for one check is 30 s: lower the timeout",
      },
    ]);
  });

  it('rejects two heartbeats on the same token secret at the second one', () => {
    const problems = problemsOf(
      [
        'monitors:',
        '  - { id: a, kind: heartbeat, token: "${{ secrets.JOB_TOKEN }}", period: 1h }',
        '  - { id: b, kind: heartbeat, token: "${{secrets.JOB_TOKEN}}", period: 1d }',
        '  - { id: c, kind: heartbeat, token: "${{ secrets.OTHER_TOKEN }}", period: 1d }',
      ].join('\n'),
    );
    expect(problems).toEqual([
      {
        path: 'monitors[1].token',
        line: 3,
        message:
          'heartbeat "a" already uses secrets.JOB_TOKEN: each heartbeat needs its own token, since pings are told apart by it',
      },
    ]);
  });

  it('rejects a region listed twice and a repeated maintenance window id', () => {
    const problems = problemsOf(
      [
        'regions: [weur, enam, weur]',
        'maintenance:',
        '  - { id: w, title: one, monitors: [a], weekly: { day: mon, at: "02:00", duration: 1h } }',
        '  - { id: w, title: two, monitors: [a], weekly: { day: tue, at: "02:00", duration: 1h } }',
        'monitors:',
        '  - { id: a, url: "https://x.example/", regions: [apac, apac] }',
      ].join('\n'),
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['regions[2]', 'region "weur" is listed twice'],
      ['monitors[0].regions[1]', 'region "apac" is listed twice'],
      ['maintenance[1].id', 'duplicate maintenance window id "w"'],
    ]);
  });

  it('applies the check limit to monitors sent to the API too', async () => {
    const { monitorSchema } = await import('../../src/config/schema');
    const parsed = monitorSchema.safeParse({
      id: 'f',
      kind: 'flow',
      steps: ['a', 'b', 'c', 'd'].map((name) => ({ name, url: 'https://x.example/' })),
    });
    expect(parsed.error?.issues.map((i) => [i.path, i.message.slice(0, 40)])).toEqual([
      [['steps'], 'a check may take up to 40 s (4 steps x 1'],
    ]);
  });

  it('rejects broken YAML with its line', () => {
    const problems = problemsOf('monitors:\n  - id: a\n   url: [unclosed\n');
    expect(problems[0]?.path).toBe('(yaml)');
    expect(problems[0]?.line).toBeGreaterThan(0);
  });

  it('exports a JSON Schema that matches the committed lookout.schema.json', () => {
    expect(committedSchema).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
    expect(Object.keys((committedSchema as { properties: object }).properties)).toEqual([
      '$schema',
      'regions',
      'status_page',
      'alerting',
      'channels',
      'watchdog',
      'maintenance',
      'subscribers',
      'retention',
      'api',
      'monitors',
    ]);
  });
});
