import { chunk } from '../../lib/chunk';
import type { ProbeResult } from '../../probes/result';
import type { Database } from '../client';
import { bucketOf, HISTOGRAM_COLUMNS, ROLLUP_COUNTERS } from '../histogram';
import { statement } from '../statements';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const ROWS_PER_STATEMENT = 1000;

const histogramValues = HISTOGRAM_COLUMNS.map(
  (_, i) => `CASE WHEN j.value ->> 5 = ${i} THEN 1 ELSE 0 END`,
).join(', ');

/**
 * Adds a tick's results to the hourly and daily rollups. Idempotent: a monitor whose results are
 * already stored for the tick is skipped, so this must run in the batch before the raw insert; a
 * retried write then counts nothing twice. Latency statistics count answered checks (up and
 * degraded): a timeout is downtime, not a latency sample.
 */
export function upsertRollups(db: Database, tickAt: number, results: ProbeResult[]): D1PreparedStatement[] {
  return chunk(results, ROWS_PER_STATEMENT).map((rows) => {
    const json = JSON.stringify(
      rows.map((r) => {
        const answered = (r.outcome === 'up' || r.outcome === 'degraded') && r.totalMs !== null;
        return [
          r.monitorId,
          r.region,
          r.outcome,
          answered ? 1 : 0,
          answered ? r.totalMs : null,
          answered ? bucketOf(r.totalMs as number) : -1,
        ];
      }),
    );
    return statement(
      db,
      `INSERT INTO rollups (monitor_id, region, bucket, bucket_start, ${ROLLUP_COUNTERS.join(', ')}, latency_min, latency_max)
       SELECT j.value ->> 0, j.value ->> 1, b.bucket, CASE b.bucket WHEN 'hour' THEN ?3 ELSE ?4 END,
              j.value ->> 2 = 'up', j.value ->> 2 = 'degraded', j.value ->> 2 = 'down', j.value ->> 2 = 'unknown',
              CASE WHEN j.value ->> 2 = 'down' THEN m.interval_s ELSE 0 END,
              j.value ->> 3, COALESCE(j.value ->> 4, 0), ${histogramValues},
              j.value ->> 4, j.value ->> 4
       FROM json_each(?1) AS j
       JOIN monitors AS m ON m.id = j.value ->> 0
       CROSS JOIN (SELECT 'hour' AS bucket UNION ALL SELECT 'day') AS b
       WHERE NOT EXISTS (SELECT 1 FROM results AS r WHERE r.monitor_id = j.value ->> 0 AND r.tick_at = ?2)
       ON CONFLICT (monitor_id, region, bucket, bucket_start) DO UPDATE SET
         ${ROLLUP_COUNTERS.map((c) => `${c} = rollups.${c} + excluded.${c}`).join(', ')},
         latency_min = CASE WHEN rollups.latency_min IS NULL THEN excluded.latency_min
                            WHEN excluded.latency_min IS NULL THEN rollups.latency_min
                            ELSE MIN(rollups.latency_min, excluded.latency_min) END,
         latency_max = CASE WHEN rollups.latency_max IS NULL THEN excluded.latency_max
                            WHEN excluded.latency_max IS NULL THEN rollups.latency_max
                            ELSE MAX(rollups.latency_max, excluded.latency_max) END`,
      json,
      tickAt,
      tickAt - (tickAt % HOUR_MS),
      tickAt - (tickAt % DAY_MS),
    );
  });
}
