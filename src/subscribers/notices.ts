/**
 * What subscribers are told, and how it enters the outbox. A notice is an event with its audience
 * (monitors and groups it concerns); it becomes one outbox row per active subscriber whose choice
 * matches a public monitor of that audience, with channel id `subscriber:<id>`. The rows are the
 * channels' rows: same lease, retries, dead letters, per-incident order and (event, subscriber)
 * uniqueness, so a tick run twice enqueues nothing twice.
 */
import { activeOccurrence, nextOccurrence, type MaintenanceWindow } from '../alerting/maintenance';
import type { AlertEvent } from '../alerting/events';
import { eventId } from '../alerting/ids';
import { orderKeyOf, SUBSCRIBER_CHANNEL_PREFIX } from '../alerting/outbox';
import type { Database } from '../db/client';
import { jsonChunks, statement } from '../db/statements';

/** Incident events subscribers get; reminders, findings and degradations stay with the team. */
const INCIDENT_TYPES = new Set([
  'incident.opened',
  'heartbeat.missed',
  'incident.updated',
  'incident.resolved',
]);

export type MaintenanceEventType = 'maintenance.scheduled' | 'maintenance.started' | 'maintenance.ended';

export interface MaintenanceFacts {
  id: string;
  title: string;
  startsAt: number;
  endsAt: number;
}

/** An event as subscribers' rows hold it: an alert event, or a maintenance notice. */
/** A manual status update: its status (investigating, identified, …) and the team's words. */
export interface IncidentNote {
  status: string;
  message: string;
}

export type SubscriberEvent =
  | (AlertEvent & { maintenance?: undefined; note?: IncidentNote })
  | (Omit<AlertEvent, 'type'> & {
      type: MaintenanceEventType;
      maintenance: MaintenanceFacts;
      note?: undefined;
    });

export interface SubscriberNotice {
  event: SubscriberEvent;
  /** Monitors and groups the notice is about; only public monitors among them count. */
  monitors: string[];
  groups: string[];
}

/** The alert events subscribers are told of, with their monitor as audience. */
export function incidentNotices(events: readonly AlertEvent[]): SubscriberNotice[] {
  return events
    .filter((e) => INCIDENT_TYPES.has(e.type) && e.incident !== null)
    .map((event) => ({ event, monitors: [event.monitor.id], groups: [] }));
}

/**
 * Outbox rows for the notices, one statement per chunk: the subscribers and the monitors' public
 * flag are read inside the statement, so callers need no read of their own.
 */
export function enqueueForSubscribers(
  db: Database,
  notices: readonly SubscriberNotice[],
  now: number,
): D1PreparedStatement[] {
  const rows = notices.map(({ event, monitors, groups }) => [
    event.id,
    event.type,
    event.monitor.id,
    JSON.stringify(event),
    event.maintenance
      ? `maintenance:${event.maintenance.id}:${event.maintenance.startsAt}`
      : orderKeyOf(event),
    monitors,
    groups,
  ]);
  return jsonChunks(rows).map((json) =>
    statement(
      db,
      `INSERT OR IGNORE INTO deliveries (event_id, channel_id, event_type, monitor_id, payload, order_key, status, attempts, created_at, next_attempt_at)
       SELECT j.value ->> 0, '${SUBSCRIBER_CHANNEL_PREFIX}' || s.id, j.value ->> 1, j.value ->> 2, j.value ->> 3,
              j.value ->> 4, 'pending', 0, ?2, ?2
       FROM json_each(?1) AS j JOIN subscribers AS s ON s.status = 'active'
       WHERE EXISTS (
         SELECT 1 FROM monitors AS m
         WHERE m.is_public = 1
           AND (m.id IN (SELECT value FROM json_each(j.value -> 5))
                OR m.group_name IN (SELECT value FROM json_each(j.value -> 6)))
           AND (s.groups IS NULL OR m.group_name IN (SELECT value FROM json_each(s.groups))))`,
      json,
      now,
    ),
  );
}

/** How far ahead a window is announced, and how long after its start or end that is still told. */
export const ANNOUNCE_AHEAD_MS = 24 * 3_600_000;
export const NOTICE_GRACE_MS = 10 * 60_000;

/**
 * Maintenance notices due at `now`, decided from the windows alone: `scheduled` once a window's
 * next occurrence is within a day, `started` and `ended` within ten minutes of those times. Ids
 * name the window and the occurrence, so every tick in those spans makes the same event and the
 * outbox keeps one. Pure.
 */
export function maintenanceNotices(
  windows: readonly MaintenanceWindow[],
  now: number,
  statusPageUrl: string | null,
): SubscriberNotice[] {
  const notices: SubscriberNotice[] = [];
  for (const window of windows) {
    const notice = (type: MaintenanceEventType, occurrence: { start: number; end: number }) =>
      notices.push({
        event: maintenanceEvent(type, window, occurrence, now, statusPageUrl),
        monitors: window.monitors,
        groups: window.groups,
      });
    const next = nextOccurrence(window, now);
    if (next && next.start - now <= ANNOUNCE_AHEAD_MS) notice('maintenance.scheduled', next);
    const active = activeOccurrence(window, now);
    if (active && now - active.start < NOTICE_GRACE_MS) notice('maintenance.started', active);
    const earlier = activeOccurrence(window, now - NOTICE_GRACE_MS);
    if (earlier && earlier.end <= now) notice('maintenance.ended', earlier);
  }
  return notices;
}

const SUMMARY: Record<MaintenanceEventType, (title: string, span: string) => string> = {
  'maintenance.scheduled': (title, span) => `Scheduled maintenance: ${title} (${span})`,
  'maintenance.started': (title, span) => `Maintenance started: ${title} (${span})`,
  'maintenance.ended': (title) => `Maintenance completed: ${title}`,
};

function maintenanceEvent(
  type: MaintenanceEventType,
  window: MaintenanceWindow,
  occurrence: { start: number; end: number },
  now: number,
  statusPageUrl: string | null,
): SubscriberEvent {
  const span = `${utc(occurrence.start)} to ${utc(occurrence.end)}`;
  return {
    id: eventId(type, window.id, occurrence.start),
    type,
    occurredAt: now,
    severity: 'info',
    summary: SUMMARY[type](window.title, span),
    monitor: { id: `maintenance:${window.id}`, name: window.title, group: null },
    incident: null,
    finding: null,
    statusPageUrl,
    maintenance: { id: window.id, title: window.title, startsAt: occurrence.start, endsAt: occurrence.end },
  };
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
