import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, loadConfig, MINUTE, resetDb, T0, target, tick } from '../helpers';
import { controlReceiver, receiversUrl, uniqueName } from '../receivers-client';

/**
 * The newer channels end to end: a real tick against a local target opens an incident, the
 * outbox delivers it to Telegram and Opsgenie stand-ins, and the recovery resolves it (Opsgenie
 * closes the alert by the incident id).
 */
beforeEach(resetDb);

interface Received {
  path: string;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
  status: number | null;
}
const received = async (kind: string, name: string) =>
  (await (await fetch(`${receiversUrl}/__received/${kind}/${name}`)).json()) as Received[];

const INCIDENT_EVENTS = ['incident.opened', 'incident.resolved'];

describe('an incident through a tick and the outbox', () => {
  it('reaches Telegram and Opsgenie, opened then resolved', async () => {
    const name = uniqueName('tick');
    await controlReceiver('telegram', name, { token: env.TEST_TELEGRAM_TOKEN });
    await controlReceiver('opsgenie', name, { token: env.TEST_OPSGENIE_KEY });
    const file = (url: string) => ({
      regions: ['weur', 'enam', 'apac'],
      status_page: { url: 'https://status.example.test' },
      channels: [
        {
          id: 'tg',
          kind: 'telegram',
          bot_token: '${{ secrets.TEST_TELEGRAM_TOKEN }}',
          chat_id: -100123,
          api_url: `${receiversUrl}/telegram/${name}`,
          route: { events: INCIDENT_EVENTS },
        },
        {
          id: 'og',
          kind: 'opsgenie',
          api_key: '${{ secrets.TEST_OPSGENIE_KEY }}',
          api_url: `${receiversUrl}/opsgenie/${name}`,
          route: { events: INCIDENT_EVENTS },
        },
      ],
      monitors: [{ id: 'api', name: 'Orders API', url }],
    });
    const down = file(target('/regional', 'chan-tick', { down: 'weur,enam,apac', status: '503' }));
    const up = file(target('/ok', 'chan-tick'));
    for (const [minute, config] of [
      [0, down],
      [1, down],
      [2, up],
      [3, up],
    ] as const) {
      await applyConfig(config, T0 + minute * MINUTE);
      await tick(T0 + minute * MINUTE, { config: await loadConfig(config) });
    }

    const telegram = await received('telegram', name);
    expect(telegram.map((r) => r.status)).toEqual([200, 200]);
    const [openedText, resolvedText] = telegram.map((r) => String(r.body.text));
    expect(openedText).toContain('<b>🔴 Down: Orders API</b>');
    expect(openedText).toContain('<b>Cause:</b> <code>http.upstream</code>');
    expect(openedText).toContain('<a href="https://status.example.test/monitors/api">');
    expect(resolvedText).toContain('<b>✅ Recovered: Orders API</b>');

    const opsgenie = await received('opsgenie', name);
    expect(opsgenie.map((r) => r.status)).toEqual([202, 202]);
    const alias = String(opsgenie[0]?.body.alias);
    expect(alias).toMatch(/^inc_/);
    expect(opsgenie[0]?.body).toMatchObject({
      priority: 'P1',
      tags: ['lookout', 'incident.opened', 'http.upstream'],
    });
    expect(opsgenie[1]?.path).toBe(`/opsgenie/${name}/v2/alerts/${alias}/close?identifierType=alias`);
  });
});
