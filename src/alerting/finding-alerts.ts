import { groupBy } from '../lib/group';
import type { Finding, ProbeResult } from '../probes/result';
import { describeCode } from '../probes/taxonomy';
import type { AlertEvent } from './events';
import type { AlertSubject } from './decide';

/** Findings worth a message: lifecycle dates, credentials, security. Payload size is not. */
export const ANNOUNCED_FINDINGS = new Set([
  'api.deprecated',
  'api.sunset_soon',
  'api.sunset_invalid',
  'credential.expiring',
  'domain.expired',
  'domain.expiring',
  'credential.long_lived',
  'security.insecure_transport',
  'tls.expiring',
  'tls.expired',
  'tls.hostname_mismatch',
  'tls.untrusted',
  'tls.weak',
]);

const DAY_MS = 86_400_000;

/** `${monitorId} ${code}` -> the lead time (days) last announced, null for the first notice. */
export type Notices = Map<string, number | null>;

export interface FindingDecisions {
  events: AlertEvent[];
  /** Notices to store: [monitorId, code, leadDays]. */
  upserts: [string, string, number | null][];
  /**
   * Notices whose finding is gone: [monitorId, code]; it is announced again if it comes back. Gone
   * means a response showed it gone: a failed or unknown check carries no findings and proves nothing.
   */
  removals: [string, string][];
}

/**
 * finding.raised once per (monitor, finding), and again as a dated finding (sunset, expiring
 * token) passes each configured lead time, e.g. 7 days and 1 day before. Pure.
 */
export function decideFindingAlerts(
  subjects: readonly AlertSubject[],
  results: readonly ProbeResult[],
  notices: Notices,
  event: (subject: AlertSubject, partial: Pick<AlertEvent, 'summary' | 'finding'>) => AlertEvent,
): FindingDecisions {
  const decisions: FindingDecisions = { events: [], upserts: [], removals: [] };
  // Indexed once: a tick may check thousands of monitors.
  const found = new Map<string, Map<string, Finding>>();
  const answered = new Set<string>();
  for (const result of results) {
    const byCode = found.get(result.monitorId) ?? new Map<string, Finding>();
    for (const f of result.findings) if (ANNOUNCED_FINDINGS.has(f.code)) byCode.set(f.code, f);
    found.set(result.monitorId, byCode);
    if (result.outcome === 'up' || result.outcome === 'degraded') answered.add(result.monitorId);
  }
  const noticed = groupBy(
    [...notices.keys()].map((key) => key.split(' ') as [string, string]),
    ([id]) => id,
  );
  for (const subject of subjects) {
    const findings = found.get(subject.id);
    if (!findings) continue;
    for (const [, code] of noticed.get(subject.id) ?? []) {
      if (!findings.has(code) && answered.has(subject.id)) decisions.removals.push([subject.id, code]);
    }
    const leads = [...subject.policy.finding_reminders].map((ms) => ms / DAY_MS).sort((a, b) => a - b);
    for (const finding of findings.values()) {
      const key = `${subject.id} ${finding.code}`;
      const daysLeft = typeof finding.data?.days_left === 'number' ? finding.data.days_left : null;
      // A finding that names its own lead time (tls.expiring) is announced once per lead.
      const ownLead = typeof finding.data?.lead_days === 'number' ? finding.data.lead_days : null;
      const bucket = ownLead ?? (daysLeft === null ? null : (leads.find((lead) => daysLeft <= lead) ?? null));
      const known = notices.has(key);
      const last = notices.get(key) ?? null;
      const remind = known && bucket !== null && (last === null || bucket < last);
      if (known && !remind) continue;
      const entry = describeCode(finding.code);
      decisions.upserts.push([subject.id, finding.code, bucket]);
      decisions.events.push(
        event(subject, {
          summary: `${subject.name}: ${remind ? 'reminder, ' : ''}${finding.detail}`,
          finding: {
            code: finding.code,
            detail: finding.detail,
            explanation: entry?.explanation ?? '',
            hint: entry?.hint ?? '',
            data: finding.data ?? {},
          },
        }),
      );
    }
  }
  return decisions;
}
