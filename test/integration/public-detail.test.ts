import { exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, makeToken, resetDb, T0, target, tick } from '../helpers';

/**
 * A failed body assertion records what the response held ("got ..."): the team may read it with a
 * token; public views (the pages, the API without one) end the detail before it.
 */
beforeEach(resetDb);

const CONTENT = 'account-4242-balance';

async function get(path: string, token?: string) {
  const response = await exports.default.fetch(`http://lookout.test${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return response.text();
}

describe('response content in public views', () => {
  it('is left out of the pages and the API without a token, and shown with a read token', async () => {
    await applyConfig({
      regions: ['weur'],
      monitors: [
        {
          id: 'ledger',
          name: 'Ledger',
          url: target('/text', 'public-detail', { body: `balance for ${CONTENT}` }),
          assertions: [{ body: { contains: 'never-there' } }],
        },
      ],
    });
    await tick(T0);
    const token = await makeToken(['read']);
    for (const path of [
      '/api/v1/status',
      '/api/v1/monitors',
      '/api/v1/monitors/ledger',
      '/api/v1/monitors/ledger/results',
    ]) {
      const anonymous = await get(path);
      expect(anonymous, path).toContain('assert.body');
      expect(anonymous, path).toContain('contains \\"never-there\\"');
      expect(anonymous, path).toContain("the response's content is shown to read tokens");
      expect(anonymous, path).not.toContain(CONTENT);
      expect(await get(path, token), path).toContain(CONTENT);
    }
    for (const path of ['/', '/monitors/ledger']) {
      const page = await get(path);
      expect(page, path).toContain('Ledger');
      expect(page, path).not.toContain(CONTENT);
    }
  });
});
