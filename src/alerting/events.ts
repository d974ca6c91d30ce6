import type { Region } from '../regions/regions';
import type { Severity } from '../probes/taxonomy';

/**
 * What alert channels are told. An event is built once, stored in the outbox, and sent to each
 * channel it is routed to; its `id` is the same on every attempt, so receivers can deduplicate.
 */
export type AlertEventType =
  | 'incident.opened'
  | 'incident.updated'
  | 'incident.resolved'
  | 'incident.reminder'
  | 'monitor.degraded'
  | 'finding.raised'
  | 'heartbeat.missed';

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
  /** `evt_` + a unique id; the Standard Webhooks `webhook-id`. */
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
