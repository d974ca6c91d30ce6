import { env } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { monitors } from '../../src/db/schema';
import { syncConfig } from '../../src/config/reconcile';
import { purgeHistory } from '../../src/db/queries/purge';
import {
  applyConfig,
  countResults,
  db,
  loadConfig,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  target,
  tick,
} from '../helpers';

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
    ).toEqual({ added: ['kept', 'changed', 'dropped'], updated: [], removed: [], unchanged: 0, removing: 0 });
    await tick(T0);
    expect(await countResults()).toBe(3);

    const report = await applyConfig(
      base([
        { id: 'kept', url: target('/ok', 'rec') },
        { id: 'changed', name: 'Changed name', url: target('/status/204', 'rec'), interval: '5m' },
        { id: 'new', url: target('/ok', 'rec') },
      ]),
      T0 + MINUTE,
    );
    expect(report).toEqual({
      added: ['new'],
      updated: ['changed'],
      removed: ['dropped'],
      unchanged: 1,
      removing: 0,
    });

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
    const history = await storedResults();
    expect(history.map((r) => r.monitorId).sort()).toEqual(['changed', 'kept']);
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

describe('removing monitors with a long history', () => {
  /**
   * `n` hourly rollups of `id` (one packed row an hour before T0) and as many daily ones (weur,
   * one a day), written inside SQLite: the history that goes a chunk at a time (raw results
   * share block rows and age out with retention).
   */
  async function seedHistory(id: string, n: number) {
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
         INSERT INTO hourly_rollups (monitor_id, bucket_start, regions)
         SELECT ?1, ?3 - i * 3600000, '{"weur":[1],"apac":[1]}' FROM k`,
      ).bind(id, n / 2, T0),
      env.DB.prepare(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
         INSERT INTO rollups (monitor_id, region, bucket, bucket_start, up) SELECT ?1, 'weur', 'day', ?3 - i * 86400000, 24 FROM k`,
      ).bind(id, n / 2, T0),
    ]);
  }
  const countRollups = async (id: string) =>
    (
      await env.DB.prepare(
        'SELECT (SELECT count(*) FROM rollups WHERE monitor_id = ?1) + (SELECT count(*) FROM hourly_rollups WHERE monitor_id = ?1) AS n',
      )
        .bind(id)
        .first<{ n: number }>()
    )?.n;

  it('deletes the history a chunk at a time, and stops at its deadline to go on later', async () => {
    await applyConfig(base([{ id: 'old', url: target('/ok', 'purge') }]));
    await seedHistory('old', 3_500);
    const stopped = await purgeHistory(db, ['old'], Date.now() - 1, 1_000);
    expect(stopped).toEqual({ done: false, rowsDeleted: 0 });
    const done = await purgeHistory(db, ['old'], Infinity, 1_000);
    expect(done).toEqual({ done: true, rowsDeleted: 3_500 });
    expect(await countRollups('old')).toBe(0);
  });

  it('pauses a removed monitor at once and deletes it when its history is gone, over as many ticks as it takes', async () => {
    await applyConfig(
      base([
        { id: 'stays', url: target('/ok', 'removal') },
        { id: 'goes', url: target('/ok', 'removal') },
      ]),
    );
    await seedHistory('goes', 12_000);
    const config = await loadConfig(base([{ id: 'stays', url: target('/ok', 'removal') }]));

    // No time to purge in this sync: the monitor is paused (no longer checked) and kept.
    const first = await syncConfig(db, config, T0 + MINUTE, 0);
    expect(first).toMatchObject({ removed: ['goes'], removing: 1 });
    const summary = await tick(T0 + MINUTE);
    expect(summary.checks).toBe(1);
    expect((await db.select().from(monitors).where(eq(monitors.id, 'goes')).get())?.paused).toBe(true);

    // The next sync (the hash was not recorded) finishes the job.
    const second = await syncConfig(db, config, T0 + 2 * MINUTE);
    expect(second).toMatchObject({ removed: ['goes'], removing: 0 });
    expect(await db.select({ id: monitors.id }).from(monitors)).toEqual([{ id: 'stays' }]);
    expect(await countRollups('goes')).toBe(0);
    expect(await countResults({ monitorId: 'goes' })).toBe(0);
    expect(await syncConfig(db, config, T0 + 3 * MINUTE)).toBeNull();
  });

  it('runs a monitor again that is put back while its removal is under way', async () => {
    const file = base([{ id: 'back', url: target('/ok', 'back') }]);
    await applyConfig(file);
    await seedHistory('back', 100);
    await syncConfig(db, await loadConfig(base([])), T0 + MINUTE, 0);
    expect((await db.select().from(monitors).get())?.paused).toBe(true);

    const report = await syncConfig(db, await loadConfig(file), T0 + 2 * MINUTE);
    expect(report).toMatchObject({ added: [], updated: ['back'], removed: [], unchanged: 0 });
    expect((await db.select().from(monitors).get())?.paused).toBe(false);
    expect((await tick(T0 + 2 * MINUTE)).checks).toBe(1);
  });
});
