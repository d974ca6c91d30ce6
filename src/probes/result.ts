import type { Region } from '../regions/regions';
import type { CertificateReading } from './findings/tls';

export type Outcome = 'up' | 'degraded' | 'down' | 'unknown';

/**
 * A warning that does not fail the check (sunset dates, expiring credentials...). Its explanation
 * and hint live in the taxonomy table under `code`; `data` carries the figures (days left, links).
 */
export interface Finding {
  code: string;
  detail: string;
  data?: Record<string, string | number | boolean | null>;
}

/** What one check of one monitor from one region produced. */
export interface ProbeResult {
  monitorId: string;
  region: Region;
  /** Where the prober actually ran (location hints are best effort); `local` in dev. */
  colo: string;
  startedAt: number;
  /** Time to response headers. */
  ttfbMs: number | null;
  /** Time to the end of the body (or the failure). */
  totalMs: number | null;
  httpStatus: number | null;
  /** `unknown`: Lookout could not check (its prober failed), which says nothing of the target. */
  outcome: Outcome;
  /** Taxonomy code (FAILURES.md), null when up. */
  cause: string | null;
  detail: string | null;
  findings: Finding[];
  /** A certificate check's reading (kind tls), kept per host:port by the hourly https check. */
  certificate?: CertificateReading;
}

/** The slice of a result kept as a monitor's current state per region. */
export type RegionResult = Omit<ProbeResult, 'monitorId' | 'region'>;
