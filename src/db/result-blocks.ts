import type { Outcome, ProbeResult } from '../probes/result';
import { REGIONS, type Region } from '../regions/regions';

/**
 * Raw results in blocks: every monitor belongs to one of RESULT_BLOCKS blocks (stored on the
 * monitor, so it never moves), and a tick writes one `result_blocks` row per block it touched,
 * holding the checks of all that block's monitors. Pure: packing, unpacking, the row key.
 *
 * A row's `data` is `{"c": {"<region index>": "<colo>"}, "o": <base offset>, "m": {"<monitor id>":
 * [check, ...]}}` and a check is `[region index, offset, ttfb, total - ttfb, status, cause,
 * detail, outcome, colo]`: the region's index in REGIONS (append-only), the start time as
 * `tickAt + o + offset` (o, the tick's earliest start, keeps offsets short; absent = 0), the time
 * after headers instead of the total when both are known (the total itself when ttfb is null),
 * and trailing positions equal to their default left out: ttfb and total null, status 200,
 * cause and detail null, outcome `up`, colo the row's `c[region index]`. A healthy check is
 * about `[3,812,104,2]`. Findings are not here: they are kept per monitor (monitor_findings).
 */
export type StoredCheck = [
  number,
  number,
  (number | null)?,
  (number | null)?,
  (number | null)?,
  (string | null)?,
  (string | null)?,
  Outcome?,
  string?,
];

export interface BlockData {
  c: Record<string, string>;
  o?: number;
  m: Record<string, StoredCheck[]>;
}

/**
 * 16, not more: at 1,000 monitors x 5 regions a block row is then about 5 KB, which SQLite
 * stores in one overflow page filled whole; 64 blocks made 1.5 KB rows, two to a 4 KB page, and
 * cost a third more bytes per check. Stored per monitor: changing it only changes new monitors.
 */
export const RESULT_BLOCKS = 16;

/** A row's key is `block * BLOCK_SPAN + tickAt`: a rowid, so a block's ticks are one key range. */
export const BLOCK_SPAN = 2 ** 44;

export function blockRowId(block: number, tickAt: number): number {
  return block * BLOCK_SPAN + tickAt;
}

/** The block of a new monitor: FNV-1a of its id. */
export function blockOf(monitorId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < monitorId.length; i++) {
    hash ^= monitorId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % RESULT_BLOCKS;
}

/** Positions 2.. of a check and their defaults (the colo's default is the row's, filled in per check). */
const DEFAULTS: readonly unknown[] = [undefined, undefined, null, null, 200, null, null, 'up'];

function packCheck(r: ProbeResult, base: number, colos: Record<string, string>): StoredCheck {
  const index = REGIONS.indexOf(r.region);
  const after = r.totalMs === null || r.ttfbMs === null ? r.totalMs : r.totalMs - r.ttfbMs;
  const check: StoredCheck = [
    index,
    r.startedAt - base,
    r.ttfbMs,
    after,
    r.httpStatus,
    r.cause,
    r.detail,
    r.outcome,
    r.colo,
  ];
  const defaults = [...DEFAULTS, colos[index]];
  while (check.length > 2 && check.at(-1) === defaults[check.length - 1]) check.pop();
  return check;
}

export interface PackedTick {
  /** The colo most of each region's checks ran from (region index -> colo). */
  colos: Record<string, string>;
  /** The earliest start, from the tick: offsets are counted from here. */
  base: number;
  /** Per monitor: its checks for the block row, and the same with explicit colos and offsets from the tick. */
  monitors: Map<string, { checks: StoredCheck[]; latest: StoredCheck[] }>;
}

export function packTick(tickAt: number, results: readonly ProbeResult[]): PackedTick {
  const counts = new Map<number, Map<string, number>>();
  for (const r of results) {
    const index = REGIONS.indexOf(r.region);
    const perColo = counts.get(index) ?? new Map<string, number>();
    perColo.set(r.colo, (perColo.get(r.colo) ?? 0) + 1);
    counts.set(index, perColo);
  }
  const colos: Record<string, string> = {};
  for (const [index, perColo] of counts) {
    colos[index] = [...perColo].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  }
  const base = results.reduce((min, r) => Math.min(min, r.startedAt - tickAt), Infinity);
  const monitors: PackedTick['monitors'] = new Map();
  for (const r of results) {
    const entry = monitors.get(r.monitorId) ?? { checks: [], latest: [] };
    entry.checks.push(packCheck(r, tickAt + base, colos));
    entry.latest.push(packCheck(r, tickAt, {}));
    monitors.set(r.monitorId, entry);
  }
  return { colos, base: Number.isFinite(base) ? base : 0, monitors };
}

/** One block row holding all of `results` (for tests: what a block row's data is). */
export function packBlock(tickAt: number, results: readonly ProbeResult[]): BlockData {
  const { colos, base, monitors } = packTick(tickAt, results);
  return {
    c: colos,
    ...(base === 0 ? {} : { o: base }),
    m: Object.fromEntries([...monitors].map(([id, { checks }]) => [id, checks])),
  };
}

/** A short detail, in a block too big for one row (see fitBlock). */
const FIT_DETAIL_CHARS = 60;

/**
 * A block's checks as JSON no longer than `maxBytes` when it can be: in an outage of every monitor
 * with long details (up to 500 characters each), a block of hundreds of monitors could outgrow
 * what D1 takes as one value, and the tick would lose the whole block. Details are then cut to
 * FIT_DETAIL_CHARS; everything else is kept. Pure.
 */
export function fitBlock(
  checks: Record<string, StoredCheck[]>,
  maxBytes: number,
): Record<string, StoredCheck[]> {
  if (JSON.stringify(checks).length <= maxBytes) return checks;
  const cut = (check: StoredCheck): StoredCheck => {
    const detail = check[6];
    if (typeof detail !== 'string' || detail.length <= FIT_DETAIL_CHARS) return check;
    const copy = [...check] as StoredCheck;
    copy[6] = `${detail.slice(0, FIT_DETAIL_CHARS - 1)}…`;
    return copy;
  };
  return Object.fromEntries(Object.entries(checks).map(([id, list]) => [id, list.map(cut)]));
}

export function unpackChecks(
  monitorId: string,
  tickAt: number,
  checks: readonly StoredCheck[],
  colos: Record<string, string> = {},
  base = 0,
): ProbeResult[] {
  return checks.map((check) => {
    const [index, offset, ttfbMs = null, after = null, httpStatus = 200, cause = null, detail = null] = check;
    return {
      monitorId,
      region: REGIONS[index] as Region,
      colo: check[8] ?? colos[index] ?? 'unknown',
      startedAt: tickAt + base + offset,
      ttfbMs,
      totalMs: after === null || ttfbMs === null ? after : ttfbMs + after,
      httpStatus,
      outcome: check[7] ?? 'up',
      cause,
      detail,
      findings: [],
    };
  });
}

/** Every monitor's results in a block row (`monitorIds` to keep only those). */
export function unpackBlock(
  tickAt: number,
  data: BlockData | string,
  monitorIds?: ReadonlySet<string>,
): ProbeResult[] {
  const block = typeof data === 'string' ? (JSON.parse(data) as BlockData) : data;
  return Object.entries(block.m)
    .filter(([id]) => !monitorIds || monitorIds.has(id))
    .flatMap(([id, checks]) => unpackChecks(id, tickAt, checks, block.c, block.o ?? 0));
}

/** SQL: the region name of a region index expression. */
export function regionOfIndexSql(expr: string): string {
  return `CASE ${expr} ${REGIONS.map((r, i) => `WHEN ${i} THEN '${r}'`).join(' ')} END`;
}

/** SQL: a check's total (ms) from the check `c` (a json_each row). */
export const TOTAL_SQL = `CASE WHEN (c.value ->> 2) IS NULL THEN c.value ->> 3 ELSE (c.value ->> 2) + (c.value ->> 3) END`;

/** SQL: the blocks 0.. RESULT_BLOCKS - 1 as a CTE `blocks(b)`, to seek each block's key range. */
export const BLOCKS_CTE = `blocks(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM blocks WHERE b < ${RESULT_BLOCKS - 1})`;

/**
 * The minute a monitor was created in: raw results before it belong to an earlier monitor of that
 * id (a removed monitor's checks stay in their block rows until retention prunes them).
 */
export const createdMinute = (createdAt: number) => createdAt - (createdAt % 60_000);
/** createdMinute in SQL, of a monitor `m`. */
export const CREATED_MINUTE_SQL = '(m.created_at - m.created_at % 60000)';
