import type { TickTrigger } from '../../coordinator/minutes';
import type { MonitorTickState } from '../../jobs/monitor-status';
import type { PhaseLog } from '../../jobs/phases';
import { chunk } from '../../lib/chunk';
import type { ProbeResult } from '../../probes/result';
import type { Database } from '../client';
import { BLOCK_SPAN, fitBlock, packTick, type StoredCheck } from '../result-blocks';
import { isStorageFull, relieveStorage } from '../storage-relief';
import { jsonChunks, MAX_JSON_PARAM_BYTES, runBatch, statement, type WriteStats } from '../statements';

/**
 * The one writer of a tick's outcome. Rows travel as one JSON parameter per statement, unpacked
 * by json_each: a statement stays at 2 bound parameters (D1 allows 100) and a tick of thousands
 * of checks is a handful of statements instead of hundreds. Rows per statement are capped so
 * each JSON value stays far below D1's 2 MB value limit.
 */
const ROWS_PER_STATEMENT = 1000;

export interface TickRecord {
  tickAt: number;
  startedAt: number;
  probeMs: number;
  results: ProbeResult[];
  states: MonitorTickState[];
  failedProbers: number;
  trigger: TickTrigger;
  /** Whether the tick gets its `ticks` row (default yes); a slot inside the minute does not. */
  recordTick?: boolean;
}

/**
 * Writes the tick: its measurements, then `groups` of statements that depend on them (push
 * monitors, alerting), all in one transaction when that works. When it fails (a row no guard
 * foresaw), each part is written alone, measurements first, so one bad row costs its own part of
 * the tick and never the measurements; every failure is recorded in `log`.
 */
export async function writeTick(
  db: Database,
  tick: TickRecord,
  groups: D1PreparedStatement[][] = [],
  log?: PhaseLog,
): Promise<WriteStats> {
  const blocks = await readBlocks(db, tick.results);
  const measurements = [
    ...insertResults(db, tick.tickAt, tick.results, blocks),
    ...chunk(tick.states, ROWS_PER_STATEMENT).map((rows) => upsertStates(db, tick.tickAt, rows)),
    ...(tick.recordTick === false ? [] : [insertTick(db, tick)]),
  ];
  try {
    return await runBatch(db, [...measurements, ...groups.flat()]);
  } catch (error) {
    if (!log) throw error;
    log.fail('write', error);
    if (isStorageFull(error)) await makeRoom(db, log);
  }
  const total: WriteStats = { statements: 0, rowsWritten: 0 };
  for (const part of [measurements, ...groups]) {
    try {
      const stats = await runBatch(db, part);
      total.statements += stats.statements;
      total.rowsWritten += stats.rowsWritten;
    } catch (error) {
      log.fail('write', error);
    }
  }
  return total;
}

/** D1 is full: the oldest rolled-up hour of raw results goes, so this tick's parts can be written. */
async function makeRoom(db: Database, log: PhaseLog): Promise<void> {
  try {
    const relief = await relieveStorage(db);
    const what = relief
      ? `deleted ${relief.rawDeleted} raw result rows before ${new Date(relief.before).toISOString()} (their hours are in the rollups) to make room`
      : 'no rolled-up raw results were left to delete: shorten retention or move to a larger database';
    log.fail('write', new Error(`D1 is full: ${what}`));
  } catch (error) {
    log.fail('write', error);
  }
}

/** The block of each monitor with results (a monitor deleted since the tick began has none). */
async function readBlocks(db: Database, results: readonly ProbeResult[]): Promise<Map<string, number>> {
  const ids = [...new Set(results.map((r) => r.monitorId))];
  if (ids.length === 0) return new Map();
  const rows = await db.$client
    .prepare('SELECT id, result_block FROM monitors WHERE id IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(ids))
    .all<{ id: string; result_block: number }>();
  return new Map(rows.results.map((r) => [r.id, r.result_block]));
}

/**
 * One `result_blocks` row per block this tick touched (first write wins: a retried tick writes
 * nothing twice), each block's monitors' newest checks merged into `latest_results`, and the
 * findings of each monitor when they changed. A block travels whole in one JSON chunk (a second
 * statement for the same block and tick would be ignored); the joins drop the results of a
 * monitor deleted while its checks ran, instead of failing the batch.
 */
function insertResults(db: Database, tickAt: number, results: ProbeResult[], blocks: Map<string, number>) {
  const packed = packTick(tickAt, results);
  const perBlock = new Map<number, [Record<string, StoredCheck[]>, Record<string, StoredCheck[]>]>();
  for (const [id, { checks, latest }] of packed.monitors) {
    const block = blocks.get(id);
    if (block === undefined) continue;
    const entry = perBlock.get(block) ?? [{}, {}];
    entry[0][id] = checks;
    entry[1][id] = latest;
    perBlock.set(block, entry);
  }
  const blockRows = [...perBlock].map(([block, [checks]]) => [block, fitBlock(checks, MAX_JSON_PARAM_BYTES)]);
  const latestRows = [...perBlock].map(([block, [, latest]]) => [
    block,
    fitBlock(latest, MAX_JSON_PARAM_BYTES),
  ]);
  const matching = `JOIN monitors AS m ON m.id = e.key AND m.result_block = b.value ->> 0`;
  const rows = jsonChunks(blockRows).map((json) =>
    statement(
      db,
      `INSERT OR IGNORE INTO result_blocks (id, data)
       SELECT (b.value ->> 0) * ${BLOCK_SPAN} + ?2,
              json_object('c', json(?3), ${packed.base === 0 ? '' : `'o', ${packed.base},`}
                          'm', json_group_object(e.key, json(e.value)))
       FROM json_each(?1) AS b, json_each(b.value, '$[1]') AS e ${matching}
       GROUP BY b.value ->> 0`,
      json,
      tickAt,
      JSON.stringify(packed.colos),
    ),
  );
  const latest = jsonChunks(latestRows).map((json) =>
    statement(
      db,
      `INSERT INTO latest_results (block, data)
       SELECT b.value ->> 0, json_group_object(e.key, json_array(?2, json(e.value)))
       FROM json_each(?1) AS b, json_each(b.value, '$[1]') AS e ${matching}
       WHERE true
       GROUP BY b.value ->> 0
       ON CONFLICT (block) DO UPDATE SET data = json_patch(latest_results.data, excluded.data)`,
      json,
      tickAt,
    ),
  );
  // Findings once per monitor, written only when they differ from those stored.
  const found = new Map<string, Record<string, unknown>>([...packed.monitors.keys()].map((id) => [id, {}]));
  for (const r of results) {
    const own = found.get(r.monitorId);
    if (own && r.findings.length > 0) own[r.region] = r.findings;
  }
  const findings = jsonChunks([...found].map(([id, own]) => [id, JSON.stringify(own)])).map((json) =>
    statement(
      db,
      `INSERT INTO monitor_findings (monitor_id, findings, updated_at)
       SELECT j.value ->> 0, j.value ->> 1, ?2
       FROM json_each(?1) AS j
       JOIN monitors AS m ON m.id = j.value ->> 0
       WHERE true
       ON CONFLICT (monitor_id) DO UPDATE SET findings = excluded.findings, updated_at = excluded.updated_at
       WHERE monitor_findings.findings != excluded.findings`,
      json,
      tickAt,
    ),
  );
  return [...rows, ...latest, ...findings];
}

/**
 * A monitor's status and since when, written only when the status changes (a steady monitor
 * writes nothing here): its last check per region is in `latest_results`, read from there.
 */
function upsertStates(db: Database, tickAt: number, rows: MonitorTickState[]) {
  const json = JSON.stringify(rows.map((s) => [s.monitorId, s.status]));
  return statement(
    db,
    `INSERT INTO monitor_state (monitor_id, status, since, last_checked_at, regions)
     SELECT j.value ->> 0, j.value ->> 1, ?2, ?2, '{}'
     FROM json_each(?1) AS j
     JOIN monitors AS m ON m.id = j.value ->> 0
     WHERE true
     ON CONFLICT (monitor_id) DO UPDATE SET
       status = excluded.status, since = excluded.since, last_checked_at = excluded.last_checked_at
     WHERE monitor_state.status != excluded.status`,
    json,
    tickAt,
  );
}

function insertTick(db: Database, tick: TickRecord) {
  const count = (outcome: string) => tick.results.filter((r) => r.outcome === outcome).length;
  return statement(
    db,
    `INSERT OR REPLACE INTO ticks (scheduled_at, started_at, probe_ms, checks, up, degraded, down, unknown, failed_probers, max_result_id, trigger, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    tick.tickAt,
    tick.startedAt,
    tick.probeMs,
    tick.results.length,
    count('up'),
    count('degraded'),
    count('down'),
    count('unknown'),
    tick.failedProbers,
    tick.trigger,
    Date.now(),
  );
}
