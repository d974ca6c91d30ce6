import type { Region } from '../regions/regions';
import { describeCode, type Severity } from '../probes/taxonomy';
import { eventId } from './ids';

/**
 * What alert channels are told. An event is built once, stored in the outbox, and sent to each
 * channel it is routed to; its `id` is the same on every attempt and whenever the same decision is
 * made again, so the outbox and receivers can deduplicate.
 */
export type AlertEventType =
  | 'incident.opened'
  | 'incident.updated'
  | 'incident.resolved'
  | 'incident.reminder'
  | 'monitor.degraded'
  | 'finding.raised'
  | 'heartbeat.missed'
  /** About Lookout itself: the cron missed a minute and the backstop ran it. */
  | 'lookout.tick_missed';

export interface AlertMonitor {
  id: string;
  name: string;
  group: string | null;
}

export interface AlertIncident {
  id: string;
  /** Taxonomy code, with its explanation and hint (src/probes/taxonomy.ts). */
  cause: string;
  explanation: string;
  hint: string;
  /** The regions that voted the monitor down. */
  regions: Region[];
  startedAt: number;
  resolvedAt: number | null;
  durationS: number | null;
  /** The cause before an `incident.updated`. */
  previousCause: string | null;
  /** Monitors failing because this one is down (they do not page on their own). */
  dependents: string[];
}

export interface AlertFinding {
  code: string;
  detail: string;
  explanation: string;
  hint: string;
  data: Record<string, string | number | boolean | null>;
}

export interface AlertEvent {
  /** `evt_` + a hash of what the event is (src/alerting/ids.ts); the Standard Webhooks `webhook-id`. */
  id: string;
  type: AlertEventType;
  /** Epoch ms. */
  occurredAt: number;
  severity: Severity;
  /** One line for humans: what happened to what. */
  summary: string;
  monitor: AlertMonitor;
  incident: AlertIncident | null;
  finding: AlertFinding | null;
  /** Link to the monitor on the status page, when the public URL is configured. */
  statusPageUrl: string | null;
}

/** What an incident event tells of its incident (an open incident in the state, or a row closed by hand). */
export interface IncidentFacts {
  id: string;
  cause: string;
  regions: Region[];
  startedAt: number;
}

export interface IncidentExtras {
  previousCause?: string;
  resolvedAt?: number;
  durationS?: number;
  dependents?: string[];
  /** Replaces the default one-line summary. */
  summary?: string;
}

/** When and where an event is made: the tick (or request) time and the public page. */
export interface EventContext {
  now: number;
  statusPageUrl: string | null;
}

/**
 * An incident's opening and resolution happen once: their ids name the incident alone, so the
 * opening sent late (after a maintenance window) or the resolution made by a pause has the id it
 * would have had anywhere else. Updates and reminders recur: their ids add the tick.
 */
function incidentEventId(type: AlertEventType, incidentId: string, now: number): string {
  const once = type === 'incident.opened' || type === 'heartbeat.missed' || type === 'incident.resolved';
  return once ? eventId(type, incidentId) : eventId(type, incidentId, now);
}

export function incidentEvent(
  type: AlertEventType,
  monitor: AlertMonitor,
  incident: IncidentFacts,
  ctx: EventContext,
  extras: IncidentExtras,
): AlertEvent {
  const entry = describeCode(incident.cause);
  const regions = incident.regions.join(', ');
  const summaries: Partial<Record<AlertEventType, string>> = {
    'incident.opened': `${monitor.name} is down: ${incident.cause} (${regions})`,
    'heartbeat.missed': `${monitor.name} missed its heartbeat`,
    'incident.updated': `${monitor.name}: cause changed from ${extras.previousCause} to ${incident.cause}`,
    'incident.resolved': `${monitor.name} recovered after ${formatDuration(extras.durationS ?? 0)}`,
    'incident.reminder': `${monitor.name} is still down (${incident.cause}) since ${new Date(incident.startedAt).toISOString()}`,
  };
  return buildEvent(incidentEventId(type, incident.id, ctx.now), type, monitor, ctx, {
    severity: type === 'incident.resolved' ? 'info' : ((entry?.severity ?? 'critical') as Severity),
    summary: extras.summary ?? summaries[type] ?? monitor.name,
    incident: {
      id: incident.id,
      cause: incident.cause,
      explanation: entry?.explanation ?? '',
      hint: entry?.hint ?? '',
      regions: incident.regions,
      startedAt: incident.startedAt,
      resolvedAt: extras.resolvedAt ?? null,
      durationS: extras.durationS ?? null,
      previousCause: extras.previousCause ?? null,
      dependents: extras.dependents ?? [],
    },
  });
}

export function buildEvent(
  id: string,
  type: AlertEventType,
  monitor: AlertMonitor,
  ctx: EventContext,
  rest: Pick<AlertEvent, 'severity' | 'summary' | 'incident'> & Partial<Pick<AlertEvent, 'finding'>>,
): AlertEvent {
  return {
    id,
    type,
    occurredAt: ctx.now,
    monitor: { id: monitor.id, name: monitor.name, group: monitor.group },
    finding: null,
    statusPageUrl: ctx.statusPageUrl
      ? new URL(`/monitors/${monitor.id}`, ctx.statusPageUrl).toString()
      : null,
    ...rest,
  };
}

/** "3 min": the summary's duration. */
function formatDuration(seconds: number): string {
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
