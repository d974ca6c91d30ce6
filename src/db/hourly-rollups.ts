import { HISTOGRAM_COLUMNS, ROLLUP_TOTALS } from './histogram';

/**
 * Hourly rollups packed per monitor (table `hourly_rollups`): one row per monitor and hour, its
 * regions in `regions` as `{"<region>": [figures in PACKED_COLUMNS order]}`, trailing zeros and
 * nulls left out (`[60,0,0,0,0,60,6123,40,900,0,0,0,0,0,30,18,9,3]`, about 60 bytes a region).
 * The hour's flush writes, and pruning deletes, one row per monitor instead of one per monitor
 * and region. The view `rollup_rows` (migration 0008) unpacks them into rows shaped as the daily
 * `rollups`; the statements here do the same for reads that join other tables. SQL fragments only.
 */
/** The figures of one region's hour, in packed order (also the column order of `rollups`). */
export const PACKED_COLUMNS = [...ROLLUP_TOTALS, 'latency_min', 'latency_max', ...HISTOGRAM_COLUMNS] as const;

export type PackedColumn = (typeof PACKED_COLUMNS)[number];

const NULLABLE: readonly PackedColumn[] = ['latency_min', 'latency_max'];

/** One figure of a region's packed hour (`value`: the region's array, as json_each gives it). */
export function unpacked(column: PackedColumn, value = 'r.value'): string {
  const at = `${value} ->> ${PACKED_COLUMNS.indexOf(column)}`;
  return NULLABLE.includes(column) ? at : `coalesce(${at}, 0)`;
}

/**
 * The packed array of one region's hour from columns named as PACKED_COLUMNS (prefixed by
 * `alias.`): every position up to the last one that is neither 0 nor null. The same figures
 * always pack to the same text, so writing an hour again writes the same row.
 */
export function packed(alias: string): string {
  const columns = PACKED_COLUMNS.map((c) => `${alias}.${c}`);
  const last = columns.map((c, i) => `WHEN ${c} <> 0 THEN ${i}`).reverse();
  return `(SELECT json_group_array(p.value) FROM json_each(json_array(${columns.join(', ')})) AS p
           WHERE p.key <= CASE ${last.join(' ')} ELSE -1 END)`;
}

/**
 * The hourly rollups of the monitors `monitors AS m` a query selects, for hours in
 * [`from`, `to`), one row per region: `h` the packed row, `r` its region (`r.key`, the name;
 * `r.value`, the figures). A key range of `hourly_rollups` per monitor.
 */
export function hourlyJoin(from: string, to: string): string {
  return `JOIN hourly_rollups AS h ON h.monitor_id = m.id AND h.bucket_start >= ${from} AND h.bucket_start < ${to}
          CROSS JOIN json_each(h.regions) AS r`;
}
