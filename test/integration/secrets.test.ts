import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, resetDb, storedResults, T0, target, targetRequests, tick } from '../helpers';

beforeEach(resetDb);

const SECRET = env.TEST_API_TOKEN;

async function everyRowOfEveryTable(): Promise<string> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const dumps = await Promise.all(
    tables.results.map(({ name }) => env.DB.prepare(`SELECT * FROM "${name}"`).all()),
  );
  return JSON.stringify(dumps.map((d) => d.results));
}

describe('secrets', () => {
  it('reach the target in a header and appear nowhere in D1, the API or the page', async () => {
    await applyConfig({
      regions: ['weur', 'apac'],
      monitors: [
        {
          id: 'private-api',
          name: 'Private API',
          url: target('/echo', 'secret'),
          headers: { Authorization: 'Bearer ${{ secrets.TEST_API_TOKEN }}', 'X-Static': 'visible' },
        },
      ],
    });
    await tick(T0);

    const seen = await targetRequests('secret');
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(request.headers['x-static']).toBe('visible');
    }

    const stored = await everyRowOfEveryTable();
    expect(stored).toContain('private-api');
    expect(stored).toContain('secrets.TEST_API_TOKEN');
    expect(stored).not.toContain(SECRET);

    const api = await exports.default.fetch('http://lookout.test/api/v1/status');
    const apiText = await api.text();
    expect(apiText).toContain('private-api');
    expect(apiText).not.toContain(SECRET);
    expect(apiText).not.toContain('secrets.TEST_API_TOKEN');

    const page = await (await exports.default.fetch('http://lookout.test/')).text();
    expect(page).toContain('Private API');
    expect(page).not.toContain(SECRET);
  });

  it('fails the check, naming the secret, when it is not set', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        {
          id: 'unset',
          url: target('/echo', 'unset-secret'),
          headers: { Authorization: 'Bearer ${{ secrets.NOT_SET_ANYWHERE }}' },
        },
      ],
    });
    await tick(T0);
    const [row] = await storedResults();
    expect(row).toMatchObject({
      outcome: 'down',
      cause: 'config.secret_missing',
      detail: 'secret NOT_SET_ANYWHERE is not set',
    });
    expect(await targetRequests('unset-secret')).toHaveLength(0);
  });
});
