import type { TickTrigger } from '../../coordinator/minutes';
import type { MonitorTickState } from '../../jobs/monitor-status';
import type { PhaseLog } from '../../jobs/phases';
import { chunk } from '../../lib/chunk';
import type { ProbeResult } from '../../probes/result';
import type { Database } from '../client';
import { packResults } from '../packed-results';
import { jsonChunks, runBatch, statement, type WriteStats } from '../statements';

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
  const measurements = [
    ...insertResults(db, tick.tickAt, tick.results),
    ...chunk(tick.states, ROWS_PER_STATEMENT).map((rows) => upsertStates(db, tick.tickAt, rows)),
    insertTick(db, tick),
  ];
  try {
    return await runBatch(db, [...measurements, ...groups.flat()]);
  } catch (error) {
    if (!log) throw error;
    log.fail('write', error);
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

function insertResults(db: Database, tickAt: number, results: ProbeResult[]) {
  const packed = packResults(tickAt, results);
  // The join drops results of a monitor deleted while its checks ran, instead of failing the batch.
  const rows = jsonChunks(packed.map((r) => [r.monitorId, r.checks])).map((json) =>
    statement(
      db,
      `INSERT OR IGNORE INTO results (monitor_id, tick_at, checks)
       SELECT j.value ->> 0, ?2, j.value ->> 1
       FROM json_each(?1) AS j
       JOIN monitors AS m ON m.id = j.value ->> 0`,
      json,
      tickAt,
    ),
  );
  // Findings once per monitor, written only when they differ from those stored.
  const findings = jsonChunks(packed.map((r) => [r.monitorId, r.findings])).map((json) =>
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
  return [...rows, ...findings];
}

/**
 * A monitor's status and since when, written only when the status changes (a steady monitor
 * writes nothing here): its last check per region is the newest `results` row, read from there.
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
