import type { Finding, Outcome, ProbeResult } from '../probes/result';
import type { Region } from '../regions/regions';

/**
 * A monitor's results of one tick as one `results` row: every region's check as a JSON tuple,
 * `[region, colo, start offset from the tick (ms), ttfb, total, status, cause, detail, outcome]`
 * with `up` and trailing nulls left out (a healthy check is about 30 bytes), and the findings
 * apart (kept per monitor, written when they change). Pure.
 */
type PackedCheck = [
  Region,
  string,
  number,
  (number | null)?,
  (number | null)?,
  (number | null)?,
  (string | null)?,
  (string | null)?,
  Outcome?,
];

export interface PackedRow {
  monitorId: string;
  checks: string;
  /** The findings per region that had any, `{}` for none: stored once per monitor when they change. */
  findings: string;
}

export function packResults(tickAt: number, results: readonly ProbeResult[]): PackedRow[] {
  const byMonitor = new Map<string, ProbeResult[]>();
  for (const r of results) byMonitor.set(r.monitorId, [...(byMonitor.get(r.monitorId) ?? []), r]);
  return [...byMonitor].map(([monitorId, list]) => {
    const findings = list.filter((r) => r.findings.length > 0);
    return {
      monitorId,
      checks: JSON.stringify(list.map((r) => packCheck(tickAt, r))),
      findings:
        findings.length === 0
          ? '{}'
          : JSON.stringify(Object.fromEntries(findings.map((r) => [r.region, r.findings]))),
    };
  });
}

function packCheck(tickAt: number, r: ProbeResult): PackedCheck {
  const tuple: PackedCheck = [
    r.region,
    r.colo,
    r.startedAt - tickAt,
    r.ttfbMs,
    r.totalMs,
    r.httpStatus,
    r.cause,
    r.detail,
    r.outcome === 'up' ? undefined : r.outcome,
  ];
  while (tuple.length > 3 && (tuple.at(-1) === null || tuple.at(-1) === undefined)) tuple.pop();
  return tuple;
}

export function unpackResults(
  monitorId: string,
  tickAt: number,
  checks: string,
  findings: string | null,
): ProbeResult[] {
  const byRegion = findings ? (JSON.parse(findings) as Partial<Record<Region, Finding[]>>) : {};
  return (JSON.parse(checks) as PackedCheck[]).map(
    ([region, colo, offset, ttfbMs, totalMs, httpStatus, cause, detail, outcome]) => ({
      monitorId,
      region,
      colo,
      startedAt: tickAt + offset,
      ttfbMs: ttfbMs ?? null,
      totalMs: totalMs ?? null,
      httpStatus: httpStatus ?? null,
      outcome: outcome ?? 'up',
      cause: cause ?? null,
      detail: detail ?? null,
      findings: byRegion[region] ?? [],
    }),
  );
}
