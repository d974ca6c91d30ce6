import { groupBy } from '../lib/group';
import type { Policy } from '../config/alerting-schema';
import type { ProbeResult } from '../probes/result';
import { describeCode, type Severity } from '../probes/taxonomy';
import {
  evaluate,
  INITIAL_STATE,
  upgradeState,
  type AlertPolicy,
  type AlertState,
  type OpenIncident,
  type Transition,
} from './evaluate';
import { buildEvent, incidentEvent, type AlertEvent, type AlertMonitor } from './events';
import { decideFindingAlerts, type FindingDecisions, type Notices } from './finding-alerts';
import { eventId } from './ids';
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
  | { kind: 'resolve'; incident: OpenIncident; at: number; message?: string }
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
 * its parent's new state), and decides what to tell channels. Muting is per event, from the moment
 * (src/alerting/evaluate.ts): a maintenance window now, or a down parent (whose alert lists the
 * child). Ids come from what things are, so deciding the same tick twice gives the same ids. Pure.
 */
export function decideAlerts(input: DecideInput): AlertDecisions {
  const votes = groupBy(input.results, (r) => r.monitorId);
  const states = new Map(input.subjects.map((s) => [s.id, s.state ? upgradeState(s.state) : INITIAL_STATE]));
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
        monitorId: subject.id,
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
  // Indexed once: in a mass outage every transition asks, and a scan each is monitors x transitions.
  const dependents = new Map<string, string[]>();
  for (const s of input.subjects) {
    const parentId = states.get(s.id)?.incident?.dependencyOf;
    if (!parentId) continue;
    const list = dependents.get(parentId) ?? [];
    list.push(s.id);
    dependents.set(parentId, list);
  }
  const dependentsOf = (parentId: string) => dependents.get(parentId) ?? [];
  for (const { subject, transition } of transitions) {
    const event = eventFor(subject, transition, input, dependentsOf);
    if (event) events.push(event);
  }
  events.push(...reminders(input, states, byId, writes));
  const findings = decideFindingAlerts(input.subjects, input.results, input.notices, (subject, partial) => {
    const code = partial.finding?.code ?? '';
    // A finding may be announced again (after it went away, at a lead time): the tick is in its id.
    return buildEvent(
      eventId('finding.raised', subject.id, code, input.now),
      'finding.raised',
      subject,
      input,
      {
        severity: (describeCode(code)?.severity ?? 'warning') as Severity,
        incident: null,
        ...partial,
      },
    );
  });
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

function eventFor(
  subject: AlertSubject,
  t: Transition,
  input: DecideInput,
  dependentsOf: (id: string) => string[],
): AlertEvent | null {
  switch (t.type) {
    case 'incident.opened':
    case 'incident.announced': {
      if (t.type === 'incident.opened' && !t.notify) return null;
      const type = t.incident.cause === 'heartbeat.missed' ? 'heartbeat.missed' : 'incident.opened';
      return incidentEvent(type, subject, t.incident, input, { dependents: dependentsOf(subject.id) });
    }
    case 'incident.updated':
      if (!t.notify) return null;
      return incidentEvent('incident.updated', subject, t.incident, input, {
        previousCause: t.previousCause,
        dependents: dependentsOf(subject.id),
      });
    case 'incident.resolved':
      if (!t.notify) return null;
      return incidentEvent('incident.resolved', subject, t.incident, input, {
        resolvedAt: t.resolvedAt,
        durationS: Math.round(t.durationMs / 1000),
      });
    case 'monitor.degraded':
      return buildEvent(
        eventId('monitor.degraded', subject.id, input.now),
        'monitor.degraded',
        subject,
        input,
        {
          severity: 'warning',
          summary: `${subject.name} is degraded: ${t.cause} (${t.regions.join(', ')})`,
          incident: null,
        },
      );
    case 'monitor.recovered':
      return null;
  }
}

/** Reminders of open incidents whose opening was told, muted while a window or a down parent mutes them. */
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
    if (!subject || !incident || !every || !incident.announced || incident.dependencyOf !== null) continue;
    if (inMaintenance(input.windows, subject, input.now)) continue;
    if (input.now - (last ?? incident.startedAt) < every) continue;
    writes.push({ kind: 'remind', incidentId, at: input.now });
    events.push(incidentEvent('incident.reminder', subject, incident, input, {}));
  }
  return events;
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
