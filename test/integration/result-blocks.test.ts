import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { syncConfig } from '../../src/config/reconcile';
import { readLiveRollups } from '../../src/db/queries/live-rollups';
import { listScheduled } from '../../src/db/queries/monitors';
import { readPublicStatus } from '../../src/db/queries/status';
import { writeTick } from '../../src/db/queries/tick-writes';
import { RESULT_BLOCKS } from '../../src/db/result-blocks';
import { runHousekeeping } from '../../src/jobs/housekeeping';
import type { ProbeResult } from '../../src/probes/result';
import type { Region } from '../../src/regions/regions';
import {
  applyConfig,
  countBlockRows,
  db,
  loadConfig,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  target,
} from '../helpers';

/**
 * Raw results packed per block of monitors: many monitors to a row, each reading back only its
 * own checks; a tick writes at most one row per block (and one latest_results row per block).
 */
beforeEach(resetDb);

const HOUR = 60 * MINUTE;
const REGIONS: Region[] = ['weur', 'apac'];
const ids = (n: number) => Array.from({ length: n }, (_, i) => `mon-${String(i).padStart(3, '0')}`);
const config = (list: string[]) => ({
  regions: REGIONS,
  monitors: list.map((id) => ({ id, url: target('/ok', 'blocks') })),
});

/** Results every monitor can tell apart: the numbers follow its index, the tick and the region. */
function resultsOf(list: string[], tickAt: number): ProbeResult[] {
  return list.flatMap((monitorId, i) =>
    REGIONS.map((region, r) => ({
      monitorId,
      region,
      colo: i % 7 === 0 ? 'AMS' : region === 'weur' ? 'CDG' : 'SIN',
      startedAt: tickAt + 100 + i * 3 + r,
      ttfbMs: 20 + i,
      totalMs: 25 + i + (tickAt - T0) / MINUTE,
      httpStatus: i % 5 === 0 ? 503 : 200,
      outcome: i % 5 === 0 ? ('down' as const) : ('up' as const),
      cause: i % 5 === 0 ? 'http.upstream' : null,
      detail: i % 5 === 0 ? `upstream ${monitorId}` : null,
      findings: [],
    })),
  );
}

const write = (tickAt: number, results: ProbeResult[]) =>
  writeTick(db, {
    tickAt,
    startedAt: tickAt,
    probeMs: 10,
    results,
    states: [],
    failedProbers: 0,
    trigger: 'cron',
  });

const api = async (path: string) => (await exports.default.fetch(`http://lookout.test/api/v1${path}`)).json();

describe('result blocks', () => {
  it('writes one row per block a tick touches, and every monitor reads back its own checks', async () => {
    const list = ids(200);
    await applyConfig(config(list));
    await write(T0, resultsOf(list, T0));
    // The second tick: findings and states unchanged, so only the blocks and the tick row are written.
    const stats = await write(T0 + MINUTE, resultsOf(list, T0 + MINUTE));
    expect(stats.rowsWritten).toBeLessThanOrEqual(2 * RESULT_BLOCKS + 1);
    expect(await countBlockRows()).toBeLessThanOrEqual(2 * RESULT_BLOCKS);

    const expected = [...resultsOf(list, T0), ...resultsOf(list, T0 + MINUTE)];
    const stored = await storedResults();
    expect(stored.length).toBe(expected.length);
    for (const r of stored) {
      const tickAt = r.tickAt;
      expect({ ...r, tickAt: undefined }).toEqual({
        ...expected.find(
          (e) =>
            e.monitorId === r.monitorId &&
            e.region === r.region &&
            e.startedAt - tickAt < MINUTE &&
            e.startedAt >= tickAt,
        ),
        tickAt: undefined,
      });
    }

    // The history API and the status read take only their monitor's checks out of the shared rows.
    const history = (await api('/monitors/mon-005/results?limit=10')) as {
      results: Record<string, unknown>[];
    };
    expect(history.results).toMatchObject([
      {
        region: 'apac',
        total_ms: 31,
        http_status: 503,
        outcome: 'down',
        detail: 'upstream mon-005',
        colo: 'SIN',
      },
      { region: 'weur', total_ms: 31, http_status: 503, outcome: 'down', colo: 'CDG' },
      { region: 'apac', total_ms: 30 },
      { region: 'weur', total_ms: 30 },
    ]);
    const status = await readPublicStatus(db, { includePrivate: true });
    expect(status).toHaveLength(200);
    for (const [i, monitor] of status.entries()) {
      expect(monitor.lastCheckedAt).toBe(T0 + MINUTE);
      const weur = monitor.regions.find((r) => r.region === 'weur')?.result;
      expect(weur).toMatchObject({ ttfbMs: 20 + i, totalMs: 26 + i, colo: i % 7 === 0 ? 'AMS' : 'CDG' });
    }
    const scheduled = await listScheduled(db);
    expect(new Set(scheduled.map((m) => m.lastCheckedAt))).toEqual(new Set([T0 + MINUTE]));
  });

  it('keeps nothing of a monitor deleted while its tick ran', async () => {
    await applyConfig(config(['stays', 'gone']));
    await env.DB.prepare(`DELETE FROM monitors WHERE id = 'gone'`).run();
    await write(T0, resultsOf(['stays', 'gone'], T0));
    expect(new Set((await storedResults()).map((r) => r.monitorId))).toEqual(new Set(['stays']));
    const raw = await env.DB.prepare(
      `SELECT (SELECT group_concat(data) FROM result_blocks) || (SELECT group_concat(data) FROM latest_results) AS all_data`,
    ).first<{ all_data: string }>();
    expect(raw?.all_data).toContain('"stays"');
    expect(raw?.all_data).not.toContain('"gone"');
  });

  it('shows a monitor removed and created again with the same id none of its old checks', async () => {
    await applyConfig(config(['again', 'other']));
    for (const at of [T0, T0 + MINUTE]) await write(at, resultsOf(['again', 'other'], at));
    await syncConfig(db, await loadConfig(config(['other'])), T0 + 2 * MINUTE);
    await syncConfig(db, await loadConfig(config(['again', 'other'])), T0 + 3 * MINUTE);

    expect(await api('/monitors/again/results')).toEqual({ results: [], next_cursor: null });
    expect(await api('/monitors/again')).toMatchObject({ status: 'pending', last_checked_at: null });
    expect((await listScheduled(db)).find((m) => m.id === 'again')?.lastCheckedAt).toBeNull();
    expect((await readLiveRollups(db, { id: 'again' })).length).toBe(0);
    expect((await readLiveRollups(db, 'all')).filter((r) => r.monitorId === 'again')).toEqual([]);
    expect((await storedResults({ monitorId: 'other' })).length).toBe(4);

    // Its first check as the new monitor is all it shows.
    await write(T0 + 3 * MINUTE, resultsOf(['again'], T0 + 3 * MINUTE));
    const history = (await api('/monitors/again/results')) as { results: { tick_at: string }[] };
    expect(history.results.map((r) => r.tick_at)).toEqual([
      new Date(T0 + 3 * MINUTE).toISOString(),
      new Date(T0 + 3 * MINUTE).toISOString(),
    ]);
    const live = (await readLiveRollups(db, { id: 'again' })).filter((r) => r.bucket === 'hour');
    expect(live.map((r) => [r.region, r.up, r.down]).sort()).toEqual([
      ['apac', 0, 1],
      ['weur', 0, 1],
    ]);
  });

  it('prunes whole block rows past retention, and leaves the newer ticks', async () => {
    const list = ids(60);
    await applyConfig(config(list));
    for (let m = 0; m < 3; m++) await write(T0 + m * MINUTE, resultsOf(list, T0 + m * MINUTE));
    const perTick = (await countBlockRows()) / 3;
    expect(perTick).toBeLessThanOrEqual(RESULT_BLOCKS);
    await env.DB.prepare(`INSERT INTO meta (key, value, updated_at) VALUES ('rollups_flushed_to', ?, 0)`)
      .bind(String(T0 + HOUR))
      .run();
    // Raw results are kept 10 minutes: at T0 + 11m the first two ticks have aged out.
    const stats = await runHousekeeping(db, T0 + 12 * MINUTE - 1, { raw: 10 * MINUTE, hourly: 2 * HOUR });
    expect(stats.rawDeleted).toBe(2 * perTick);
    expect(new Set((await storedResults()).map((r) => r.tickAt))).toEqual(new Set([T0 + 2 * MINUTE]));
  });
});
