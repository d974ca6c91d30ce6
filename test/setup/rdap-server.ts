/**
 * A stand-in RDAP server (RFC 9083 domain objects) and an IANA-style bootstrap registry that maps
 * the test TLD `rdaptest` to it (`norddap` is listed nowhere):
 *
 *   soon.rdaptest     expires in 5 days      gone.rdaptest    expired 3 days ago
 *   far.rdaptest      expires in 400 days    unknown.rdaptest 404
 *   broken.rdaptest   malformed JSON         flaky.rdaptest   5 days, then 503 once /flaky/fail is posted
 */
import { createServer } from 'node:http';
import { listenLocal, type LocalServer } from './listen';

const DAY_MS = 86_400_000;

const domainObject = (name: string, expiresAt: number) => ({
  rdapConformance: ['rdap_level_0'],
  objectClassName: 'domain',
  ldhName: name.toUpperCase(),
  events: [
    { eventAction: 'registration', eventDate: new Date(expiresAt - 3 * 365 * DAY_MS).toISOString() },
    { eventAction: 'expiration', eventDate: new Date(expiresAt).toISOString() },
  ],
  entities: [
    {
      objectClassName: 'entity',
      roles: ['registrant'],
      vcardArray: ['vcard', [['fn', {}, 'text', 'Someone']]],
    },
    {
      objectClassName: 'entity',
      roles: ['registrar'],
      vcardArray: [
        'vcard',
        [
          ['version', {}, 'text', '4.0'],
          ['fn', {}, 'text', 'Test Registrar, Inc.'],
        ],
      ],
    },
  ],
});

export async function startRdapServer(): Promise<{ bootstrapUrl: string; close(): Promise<void> }> {
  let flakyFails = false;
  let local: LocalServer | undefined = undefined;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://rdap').pathname;
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/rdap+json' });
      res.end(body);
    };
    if (path === '/flaky/fail') {
      flakyFails = true;
      return json(200, '{}');
    }
    if (path === '/dns.json') {
      return json(
        200,
        JSON.stringify({
          publication: '2026-01-01T00:00:00Z',
          services: [[['rdaptest'], [`${local?.url}/rdap/`]]],
        }),
      );
    }
    const now = Date.now();
    const answers: Record<string, () => void> = {
      'soon.rdaptest': () =>
        json(200, JSON.stringify(domainObject('soon.rdaptest', now + 5 * DAY_MS + 3_600_000))),
      'gone.rdaptest': () => json(200, JSON.stringify(domainObject('gone.rdaptest', now - 3 * DAY_MS))),
      'far.rdaptest': () => json(200, JSON.stringify(domainObject('far.rdaptest', now + 400 * DAY_MS))),
      'broken.rdaptest': () => json(200, '{"objectClassName": "domain", "events": ['),
      'flaky.rdaptest': () =>
        flakyFails
          ? json(503, '{"errorCode": 503}')
          : json(200, JSON.stringify(domainObject('flaky.rdaptest', now + 5 * DAY_MS + 3_600_000))),
    };
    const name = path.match(/^\/rdap\/domain\/(.+)$/)?.[1] ?? '';
    (answers[name] ?? (() => json(404, '{"errorCode": 404, "title": "Not Found"}')))();
  });
  local = await listenLocal(server);
  return { bootstrapUrl: `${local.url}/dns.json`, close: () => local.close() };
}
