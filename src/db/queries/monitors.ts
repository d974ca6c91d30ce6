import { eq } from 'drizzle-orm';
import type { MonitorDefinition } from '../../config/monitor';
import type { ScheduledMonitor } from '../../jobs/plan';
import { chunk } from '../../lib/chunk';
import type { Database } from '../client';
import { CREATED_MINUTE_SQL, blockOf } from '../result-blocks';
import { statement } from '../statements';
import { monitors, monitorState } from '../schema';

/** Active monitors with their last check and alert state: what the tick schedules and judges from. */
export async function listScheduled(db: Database): Promise<ScheduledMonitor[]> {
  const [rows, lastChecked] = await Promise.all([listActive(db), readLastChecked(db)]);
  return rows.map((row) => ({ ...row, lastCheckedAt: lastChecked.get(row.id) ?? null }));
}

function listActive(db: Database) {
  return db
    .select({
      id: monitors.id,
      name: monitors.name,
      group: monitors.group,
      regions: monitors.regions,
      intervalS: monitors.intervalS,
      spec: monitors.spec,
      createdAt: monitors.createdAt,
      dependsOn: monitors.dependsOn,
      policy: monitors.policy,
      state: monitorState.alert,
      source: monitors.source,
    })
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .where(eq(monitors.paused, false))
    .orderBy(monitors.id);
}

/**
 * Each monitor's last checked tick, from `latest_results` (one row per block, state is not
 * rewritten every tick); a tick from before the monitor was created is an earlier monitor's.
 */
async function readLastChecked(db: Database): Promise<Map<string, number>> {
  const rows = await db.$client
    .prepare(
      // CROSS JOIN keeps this order: each block row parsed once, each monitor found by its key.
      `SELECT e.key AS id, e.value ->> 0 AS tick_at
       FROM latest_results AS l CROSS JOIN json_each(l.data) AS e CROSS JOIN monitors AS m
       WHERE m.id = e.key AND m.result_block = l.block AND (e.value ->> 0) >= ${CREATED_MINUTE_SQL}`,
    )
    .all<{ id: string; tick_at: number }>();
  return new Map(rows.results.map((r) => [r.id, r.tick_at]));
}

export async function listConfigMonitors(db: Database): Promise<MonitorDefinition[]> {
  const rows = await db.select().from(monitors).where(eq(monitors.source, 'config'));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    group: r.group,
    kind: r.kind,
    intervalS: r.intervalS,
    regions: r.regions,
    public: r.isPublic,
    dependsOn: r.dependsOn,
    policy: r.policy,
    spec: r.spec,
  }));
}

const ROWS_PER_STATEMENT = 500;

/** Statements that insert or update monitors (from the config file or the API), a JSON chunk per statement. */
export function upsertMonitors(
  db: Database,
  list: MonitorDefinition[],
  now: number,
  source: 'config' | 'api',
) {
  return chunk(list, ROWS_PER_STATEMENT).map((part) => {
    const json = JSON.stringify(
      part.map((m) => [
        m.id,
        m.name,
        m.group,
        m.kind,
        JSON.stringify(m.spec),
        m.intervalS,
        JSON.stringify(m.regions),
        m.public ? 1 : 0,
        JSON.stringify(m.dependsOn),
        JSON.stringify(m.policy),
        blockOf(m.id),
      ]),
    );
    return statement(
      db,
      `INSERT INTO monitors (id, name, group_name, kind, spec, interval_s, regions, is_public, depends_on, policy,
                             source, paused, created_at, updated_at, result_block)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
              j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9, ?3, 0, ?2, ?2, j.value ->> 10
       FROM json_each(?1) AS j
       WHERE true
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, group_name = excluded.group_name, kind = excluded.kind, spec = excluded.spec,
         interval_s = excluded.interval_s, regions = excluded.regions, is_public = excluded.is_public,
         depends_on = excluded.depends_on, policy = excluded.policy, source = excluded.source,
         updated_at = excluded.updated_at,
         -- Config monitors are paused only while their removal is under way: defined again, they run.
         paused = CASE WHEN excluded.source = 'config' THEN 0 ELSE monitors.paused END`,
      json,
      now,
      source,
    );
  });
}

export function deleteMonitors(db: Database, ids: string[]) {
  return chunk(ids, ROWS_PER_STATEMENT).map((part) =>
    statement(db, 'DELETE FROM monitors WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(part)),
  );
}

/** Config monitors whose removal is under way: paused until their history is deleted. */
export async function listRemovingMonitors(db: Database): Promise<Set<string>> {
  const rows = await db.$client
    .prepare(`SELECT id FROM monitors WHERE source = 'config' AND paused = 1`)
    .all<{ id: string }>();
  return new Set(rows.results.map((r) => r.id));
}

export function pauseMonitors(db: Database, ids: string[], now: number) {
  return chunk(ids, ROWS_PER_STATEMENT).map((part) =>
    statement(
      db,
      'UPDATE monitors SET paused = 1, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))',
      now,
      JSON.stringify(part),
    ),
  );
}
