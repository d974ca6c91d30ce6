import { env } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkResults, monitors } from '../../src/db/schema';
import { applyConfig, db, MINUTE, resetDb, T0, target, tick } from '../helpers';

beforeEach(resetDb);

const base = (overrides: Record<string, unknown>[]) => ({ regions: ['weur'], monitors: overrides });

describe('reconciling the config file into D1', () => {
  it('adds, updates and removes monitors, and keeps the history of kept ids', async () => {
    expect(
      await applyConfig(
        base([
          { id: 'kept', url: target('/ok', 'rec') },
          { id: 'changed', url: target('/ok', 'rec') },
          { id: 'dropped', url: target('/ok', 'rec') },
        ]),
      ),
    ).toEqual({ added: ['kept', 'changed', 'dropped'], updated: [], removed: [], unchanged: 0 });
    await tick(T0);
    expect(await db.$count(checkResults)).toBe(3);

    const report = await applyConfig(
      base([
        { id: 'kept', url: target('/ok', 'rec') },
        { id: 'changed', name: 'Changed name', url: target('/status/204', 'rec'), interval: '5m' },
        { id: 'new', url: target('/ok', 'rec') },
      ]),
      T0 + MINUTE,
    );
    expect(report).toEqual({ added: ['new'], updated: ['changed'], removed: ['dropped'], unchanged: 1 });

    const rows = await db.select().from(monitors).orderBy(asc(monitors.id));
    expect(rows.map((m) => [m.id, m.name, m.intervalS, m.source])).toEqual([
      ['changed', 'Changed name', 300, 'config'],
      ['kept', 'kept', 60, 'config'],
      ['new', 'new', 60, 'config'],
    ]);
    expect(rows[0]?.spec).toMatchObject({ kind: 'http', url: expect.stringContaining('/status/204') });
    expect(rows[0]?.createdAt).toBe(T0);
    expect(rows[0]?.updatedAt).toBe(T0 + MINUTE);

    // The kept and changed monitors keep their results; the removed one's are gone with it.
    const history = await db
      .select({ id: checkResults.monitorId })
      .from(checkResults)
      .orderBy(asc(checkResults.monitorId));
    expect(history.map((r) => r.id)).toEqual(['changed', 'kept']);
  });

  it('does nothing while the content hash is unchanged', async () => {
    const file = base([{ id: 'a', url: target('/ok', 'rec') }]);
    expect(await applyConfig(file)).not.toBeNull();
    expect(await applyConfig(file)).toBeNull();
  });

  it('leaves monitors created through the API alone', async () => {
    const now = T0;
    await env.DB.prepare(
      `INSERT INTO monitors (id, name, kind, spec, interval_s, regions, is_public, policy, source, created_at, updated_at)
       VALUES ('from-api', 'From API', 'http', '{}', 60, '["weur"]', 1, '{}', 'api', ?, ?)`,
    )
      .bind(now, now)
      .run();
    await applyConfig(base([{ id: 'a', url: target('/ok', 'rec') }]));
    await applyConfig(base([{ id: 'b', url: target('/ok', 'rec') }]));
    const ids = (await db.select({ id: monitors.id }).from(monitors).orderBy(asc(monitors.id))).map(
      (r) => r.id,
    );
    expect(ids).toEqual(['b', 'from-api']);
    const api = await db.select().from(monitors).where(eq(monitors.id, 'from-api')).get();
    expect(api?.source).toBe('api');
  });
});
