import type { Policy } from '../config/alerting-schema';
import type { ProbeResult } from '../probes/result';
import { describeCode, type Severity } from '../probes/taxonomy';
import {
  evaluate,
  INITIAL_STATE,
  type AlertPolicy,
  type AlertState,
  type OpenIncident,
  type Transition,
} from './evaluate';
import type { AlertEvent, AlertEventType, AlertMonitor } from './events';
import { decideFindingAlerts, type FindingDecisions, type Notices } from './finding-alerts';
import { inMaintenance, type MaintenanceWindow } from './maintenance';

/** A monitor as alerting sees it. */
export interface AlertSubject extends AlertMonitor {
  dependsOn: string[];
  policy: Policy;
  state: AlertState | null;
}

/** What changes in D1 for incidents; src/db/queries/incidents.ts turns it into statements. */
export type IncidentWrite =
  | { kind: 'open'; monitorId: string; incident: OpenIncident }
  | { kind: 'update'; incident: OpenIncident; at: number }
  | { kind: 'resolve'; incident: OpenIncident; at: number }
  | { kind: 'remind'; incidentId: string; at: number };

export interface AlertDecisions {
  states: Map<string, AlertState>;
  writes: IncidentWrite[];
  events: AlertEvent[];
  notices: Pick<FindingDecisions, 'upserts' | 'removals'>;
}

export interface DecideInput {
  subjects: AlertSubject[];
  /** This tick's results, for the monitors checked in it. */
  results: ProbeResult[];
  windows: MaintenanceWindow[];
  /** Open incidents and when they were last reminded of. */
  lastReminders: Map<string, number | null>;
  /** Findings already announced. */
  notices: Notices;
  now: number;
  statusPageUrl: string | null;
  newId: () => string;
}

export function toAlertPolicy(policy: Policy): AlertPolicy {
  return {
    quorum: policy.quorum,
    failAfter: policy.fail_after,
    recoverAfter: policy.recover_after,
    alertOnDegraded: policy.alert_on_degraded,
  };
}

/**
 * Runs every checked monitor through the state machine, parents before children (so a child sees
 * its parent's new state), and decides what to tell channels. Muted: incidents in maintenance and
 * incidents caused by a down parent (the parent's alert lists them). Pure.
 */
export function decideAlerts(input: DecideInput): AlertDecisions {
  const votes = new Map<string, ProbeResult[]>();
  for (const r of input.results) votes.set(r.monitorId, [...(votes.get(r.monitorId) ?? []), r]);
  const states = new Map(input.subjects.map((s) => [s.id, s.state ?? INITIAL_STATE]));
  const byId = new Map(input.subjects.map((s) => [s.id, s]));
  const writes: IncidentWrite[] = [];
  const transitions: { subject: AlertSubject; transition: Transition }[] = [];

  for (const subject of parentsFirst(input.subjects)) {
    const monitorVotes = votes.get(subject.id);
    if (!monitorVotes) continue;
    const parentDown = subject.dependsOn.find((id) => states.get(id)?.incident) ?? null;
    const { state, transitions: list } = evaluate(
      states.get(subject.id) ?? INITIAL_STATE,
      monitorVotes.map((r) => ({ region: r.region, outcome: r.outcome, cause: r.cause })),
      toAlertPolicy(subject.policy),
      {
        now: input.now,
        inMaintenance: inMaintenance(input.windows, subject, input.now),
        parentDown,
        newId: input.newId,
      },
    );
    states.set(subject.id, state);
    for (const transition of list) {
      transitions.push({ subject, transition });
      const write = incidentWrite(subject.id, transition, input.now);
      if (write) writes.push(write);
    }
  }

  const events: AlertEvent[] = [];
  const dependentsOf = (parentId: string) =>
    input.subjects.filter((s) => states.get(s.id)?.incident?.dependencyOf === parentId).map((s) => s.id);
  for (const { subject, transition } of transitions) {
    const event = eventFor(subject, transition, input, dependentsOf);
    if (event) events.push(event);
  }
  events.push(...reminders(input, states, byId, writes));
  const findings = decideFindingAlerts(input.subjects, input.results, input.notices, (subject, partial) =>
    baseEvent('finding.raised', subject, input, {
      severity: (describeCode(partial.finding?.code ?? '')?.severity ?? 'warning') as Severity,
      incident: null,
      ...partial,
    }),
  );
  events.push(...findings.events);
  return { states, writes, events, notices: { upserts: findings.upserts, removals: findings.removals } };
}

function incidentWrite(monitorId: string, t: Transition, now: number): IncidentWrite | null {
  switch (t.type) {
    case 'incident.opened':
      return { kind: 'open', monitorId, incident: t.incident };
    case 'incident.updated':
      return { kind: 'update', incident: t.incident, at: now };
    case 'incident.resolved':
      return { kind: 'resolve', incident: t.incident, at: t.resolvedAt };
    default:
      return null;
  }
}

const muted = (incident: OpenIncident) => incident.inMaintenance || incident.dependencyOf !== null;

function eventFor(
  subject: AlertSubject,
  t: Transition,
  input: DecideInput,
  dependentsOf: (id: string) => string[],
): AlertEvent | null {
  switch (t.type) {
    case 'incident.opened': {
      if (muted(t.incident)) return null;
      const type = t.incident.cause === 'heartbeat.missed' ? 'heartbeat.missed' : 'incident.opened';
      return incidentEvent(type, subject, t.incident, input, { dependents: dependentsOf(subject.id) });
    }
    case 'incident.updated':
      if (muted(t.incident)) return null;
      return incidentEvent('incident.updated', subject, t.incident, input, {
        previousCause: t.previousCause,
        dependents: dependentsOf(subject.id),
      });
    case 'incident.resolved':
      if (muted(t.incident)) return null;
      return incidentEvent('incident.resolved', subject, t.incident, input, {
        resolvedAt: t.resolvedAt,
        durationS: Math.round(t.durationMs / 1000),
      });
    case 'monitor.degraded':
      return baseEvent('monitor.degraded', subject, input, {
        severity: 'warning',
        summary: `${subject.name} is degraded: ${t.cause} (${t.regions.join(', ')})`,
        incident: null,
      });
    case 'monitor.recovered':
      return null;
  }
}

function reminders(
  input: DecideInput,
  states: Map<string, AlertState>,
  byId: Map<string, AlertSubject>,
  writes: IncidentWrite[],
): AlertEvent[] {
  const events: AlertEvent[] = [];
  const byIncident = new Map<string, AlertSubject>();
  for (const subject of byId.values()) {
    const id = states.get(subject.id)?.incident?.id;
    if (id) byIncident.set(id, subject);
  }
  for (const [incidentId, last] of input.lastReminders) {
    const subject = byIncident.get(incidentId);
    const incident = subject ? states.get(subject.id)?.incident : null;
    const every = subject?.policy.reminder_every;
    if (!subject || !incident || !every || muted(incident)) continue;
    if (input.now - (last ?? incident.startedAt) < every) continue;
    writes.push({ kind: 'remind', incidentId, at: input.now });
    events.push(incidentEvent('incident.reminder', subject, incident, input, {}));
  }
  return events;
}

interface IncidentExtras {
  previousCause?: string;
  resolvedAt?: number;
  durationS?: number;
  dependents?: string[];
}

function incidentEvent(
  type: AlertEventType,
  subject: AlertSubject,
  incident: OpenIncident,
  input: DecideInput,
  extras: IncidentExtras,
): AlertEvent {
  const entry = describeCode(incident.cause);
  const regions = incident.regions.join(', ');
  const summaries: Partial<Record<AlertEventType, string>> = {
    'incident.opened': `${subject.name} is down: ${incident.cause} (${regions})`,
    'heartbeat.missed': `${subject.name} missed its heartbeat`,
    'incident.updated': `${subject.name}: cause changed from ${extras.previousCause} to ${incident.cause}`,
    'incident.resolved': `${subject.name} recovered after ${formatDuration(extras.durationS ?? 0)}`,
    'incident.reminder': `${subject.name} is still down (${incident.cause}) since ${new Date(incident.startedAt).toISOString()}`,
  };
  return baseEvent(type, subject, input, {
    severity: type === 'incident.resolved' ? 'info' : ((entry?.severity ?? 'critical') as Severity),
    summary: summaries[type] ?? subject.name,
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

function baseEvent(
  type: AlertEventType,
  subject: AlertSubject,
  input: DecideInput,
  rest: Pick<AlertEvent, 'severity' | 'summary' | 'incident'> & Partial<Pick<AlertEvent, 'finding'>>,
): AlertEvent {
  return {
    id: `evt_${input.newId()}`,
    type,
    occurredAt: input.now,
    monitor: { id: subject.id, name: subject.name, group: subject.group },
    finding: null,
    statusPageUrl: input.statusPageUrl
      ? new URL(`/monitors/${subject.id}`, input.statusPageUrl).toString()
      : null,
    ...rest,
  };
}

/** Depth-first over depends_on, so every parent is evaluated before its children. */
export function parentsFirst<T extends { id: string; dependsOn: string[] }>(subjects: T[]): T[] {
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const ordered: T[] = [];
  const seen = new Set<string>();
  const visit = (s: T) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    for (const parent of s.dependsOn) {
      const p = byId.get(parent);
      if (p) visit(p);
    }
    ordered.push(s);
  };
  subjects.forEach(visit);
  return ordered;
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
