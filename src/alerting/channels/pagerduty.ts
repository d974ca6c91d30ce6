/**
 * PagerDuty Events API v2. Incidents trigger and resolve under one dedup key (the incident id),
 * so a reminder or a cause change updates the open PagerDuty alert instead of paging again.
 */
import type { AlertEvent } from '../events';
import type { Severity } from '../../probes/taxonomy';
import { clip, incidentDurationS } from './format';

export const PAGERDUTY_SUMMARY_MAX = 1024;

export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

const SEVERITY: Record<Severity, PagerDutySeverity> = {
  critical: 'critical',
  warning: 'warning',
  info: 'info',
};

export interface PagerDutyTrigger {
  routing_key: string;
  event_action: 'trigger';
  dedup_key: string;
  client: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    component: string;
    group?: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
  links?: { href: string; text: string }[];
}

export interface PagerDutyResolve {
  routing_key: string;
  event_action: 'resolve';
  dedup_key: string;
}

export type PagerDutyEvent = PagerDutyTrigger | PagerDutyResolve;

export function pagerDutyEvent(event: AlertEvent, routingKey: string): PagerDutyEvent {
  const dedupKey = pagerDutyDedupKey(event);
  if (event.type === 'incident.resolved') {
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
  }
  const { incident, finding, monitor } = event;
  const trigger: PagerDutyTrigger = {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    client: 'Lookout',
    payload: {
      summary: clip(event.summary, PAGERDUTY_SUMMARY_MAX),
      source: monitor.id,
      severity: SEVERITY[event.severity],
      timestamp: new Date(event.occurredAt).toISOString(),
      component: monitor.name,
      class: incident?.cause ?? finding?.code ?? event.type,
      custom_details: customDetails(event),
    },
  };
  if (monitor.group) trigger.payload.group = monitor.group;
  if (event.statusPageUrl) trigger.links = [{ href: event.statusPageUrl, text: 'Status page' }];
  return trigger;
}

/**
 * The incident id when there is one; otherwise one key per monitor and kind of event (and per
 * finding code), so a repeated finding updates its alert rather than opening another. An
 * incident event without its incident falls back to a per-monitor key its resolve also uses.
 */
export function pagerDutyDedupKey(event: AlertEvent): string {
  if (event.incident) return event.incident.id;
  if (event.type.startsWith('incident.')) return `incident:${event.monitor.id}`;
  if (event.finding) return `${event.type}:${event.monitor.id}:${event.finding.code}`;
  return `${event.type}:${event.monitor.id}`;
}

function customDetails(event: AlertEvent): Record<string, unknown> {
  const details: Record<string, unknown> = {
    event_id: event.id,
    event_type: event.type,
    monitor: event.monitor.name,
    monitor_id: event.monitor.id,
  };
  if (event.monitor.group) details.group = event.monitor.group;
  const { incident, finding } = event;
  if (incident) {
    Object.assign(details, {
      cause: incident.cause,
      explanation: incident.explanation,
      hint: incident.hint,
      regions: incident.regions,
      started_at: new Date(incident.startedAt).toISOString(),
    });
    if (incident.previousCause) details.previous_cause = incident.previousCause;
    if (incident.dependents.length > 0) details.dependents = incident.dependents;
    const durationS = incidentDurationS(incident);
    if (durationS !== null) details.duration_s = durationS;
  }
  if (finding && incident) {
    details.finding = finding; // kept apart so its explanation and hint do not replace the cause's
  } else if (finding) {
    Object.assign(details, {
      finding: finding.code,
      detail: finding.detail,
      explanation: finding.explanation,
      hint: finding.hint,
      data: finding.data,
    });
  }
  if (event.statusPageUrl) details.status_page = event.statusPageUrl;
  return details;
}
