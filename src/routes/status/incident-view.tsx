import { formatDuration } from '../../alerting/channels/format';
import type { IncidentEventRow, IncidentHistoryItem } from '../../db/queries/incident-history';
import { describeCode } from '../../probes/taxonomy';

/**
 * One incident as HTML: the history page shows it under its day, the Atom feed sends the same
 * markup as an entry's content. Pure components; hono/jsx escapes every text and attribute.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The UTC day of a time, `YYYY-MM-DD`. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** "Thursday 26 Nov 2026". */
export function dayHeading(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A <time>: the clock alone on `day`, the date too otherwise. */
export function Time({ ms, day }: { ms: number; day?: string | undefined }) {
  const iso = new Date(ms).toISOString();
  const text = utcDay(ms) === day ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return <time datetime={iso}>{text}</time>;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const AUTO_LABELS: Record<string, string> = {
  opened: 'Detected',
  cause_changed: 'Cause changed',
  resolved: 'Resolved',
};

/** Open incidents show the latest manual status (investigating…) when there is one. */
export function stateLabel(incident: IncidentHistoryItem): string {
  if (incident.resolvedAt !== null) return 'Resolved';
  return incident.status && incident.status !== 'resolved' ? capitalize(incident.status) : 'Ongoing';
}

function Cause({ code }: { code: string }) {
  const entry = describeCode(code);
  return (
    <>
      <code>{code}</code>
      {entry ? ` ${entry.explanation}` : null}
    </>
  );
}

function TimelineItem({ event, day }: { event: IncidentEventRow; day?: string | undefined }) {
  const manual = event.source === 'manual';
  return (
    <li data-kind={event.kind} data-source={event.source}>
      <Time ms={event.at} day={day} />{' '}
      <strong>{manual ? capitalize(event.kind) : (AUTO_LABELS[event.kind] ?? event.kind)}</strong>
      {manual ? (
        <p class="message">{event.message}</p>
      ) : (
        <span class="auto">
          {event.kind === 'resolved' ? ' checks pass again' : null}
          {event.cause && event.kind !== 'resolved' ? (
            <>
              {' '}
              <Cause code={event.cause} />
            </>
          ) : null}
          {event.regions?.length ? <span class="meta"> ({event.regions.join(', ')})</span> : null}
        </span>
      )}
    </li>
  );
}

/** Cause, times, regions and the timeline: the body of an incident, on the page and in the feed. */
export function IncidentBody({
  incident,
  now,
  day,
}: {
  incident: IncidentHistoryItem;
  now: number;
  /** The day the page lists it under: times on that day show the clock only. */
  day?: string;
}) {
  const entry = describeCode(incident.cause);
  const end = incident.resolvedAt ?? now;
  return (
    <>
      <p class="cause" data-cause={incident.cause}>
        <Cause code={incident.cause} />
      </p>
      {entry ? <p class="hint meta">{entry.hint}</p> : null}
      <dl class="facts">
        <div>
          <dt>Started</dt>
          <dd>
            <Time ms={incident.startedAt} day={day} />
          </dd>
        </div>
        <div>
          <dt>Resolved</dt>
          <dd>{incident.resolvedAt === null ? 'ongoing' : <Time ms={incident.resolvedAt} day={day} />}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            {formatDuration((end - incident.startedAt) / 1000)}
            {incident.resolvedAt === null ? ' so far' : ''}
          </dd>
        </div>
        <div>
          <dt>Regions</dt>
          <dd>{incident.regions.join(', ')}</dd>
        </div>
      </dl>
      {incident.inMaintenance ? <p class="during-maintenance">During scheduled maintenance</p> : null}
      <ol class="timeline" aria-label="Timeline">
        {incident.events.map((event) => (
          <TimelineItem event={event} day={day} />
        ))}
      </ol>
    </>
  );
}

/** An incident on the history page; its id is the feed entry's link target. */
export function IncidentArticle({
  incident,
  now,
  day,
}: {
  incident: IncidentHistoryItem;
  now: number;
  day: string;
}) {
  const state = incident.resolvedAt === null ? 'open' : 'resolved';
  return (
    <article
      id={`incident-${incident.id}`}
      class="incident"
      data-incident={incident.id}
      data-state={state}
      aria-labelledby={`incident-${incident.id}-title`}
    >
      <h4 id={`incident-${incident.id}-title`}>
        <a href={`/monitors/${encodeURIComponent(incident.monitorId)}`}>{incident.monitorName}</a>{' '}
        <span class={`state ${state}`}>{stateLabel(incident)}</span>
      </h4>
      <IncidentBody incident={incident} now={now} day={day} />
    </article>
  );
}
