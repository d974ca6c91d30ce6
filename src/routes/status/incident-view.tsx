import type { IncidentEventRow, IncidentHistoryItem } from '../../db/queries/incident-history';
import type { Translator } from '../../i18n/translator';
import { causeLabel, CauseNote } from './components';

/**
 * One incident as HTML: the history page shows it under its day, the Atom feed sends the same
 * markup as an entry's content. Pure components; hono/jsx escapes every text and attribute.
 */

/** The UTC day of a time, `YYYY-MM-DD`. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** "Thursday, Nov 26, 2026", "Donnerstag, 26. Nov. 2026", "2026年11月26日木曜日". */
export const dayHeading = (tr: Translator, day: string) => tr.weekdayDate(Date.parse(`${day}T00:00:00Z`));

/** A <time>: the clock alone on `day`, the date too otherwise. */
export function Time({ tr, ms, day }: { tr: Translator; ms: number; day?: string | undefined }) {
  const iso = new Date(ms).toISOString();
  return <time datetime={iso}>{utcDay(ms) === day ? tr.time(ms) : tr.dateTime(ms)}</time>;
}

const MANUAL = {
  investigating: 'incident.investigating',
  identified: 'incident.identified',
  monitoring: 'incident.monitoring',
  resolved: 'incident.resolved',
} as const;
const AUTOMATIC = {
  opened: 'incident.opened',
  cause_changed: 'incident.causeChanged',
  resolved: 'incident.resolved',
} as const;

/** A status or event kind in the reader's language; one this version does not know shows as stored. */
function kindLabel(tr: Translator, labels: Record<string, Parameters<Translator['t']>[0]>, kind: string) {
  const key = labels[kind];
  return key ? tr.t(key) : kind;
}

/** Open incidents show the latest manual status (investigating…) when there is one. */
export function stateLabel(tr: Translator, incident: IncidentHistoryItem): string {
  if (incident.resolvedAt !== null) return tr.t('incident.resolved');
  return incident.status && incident.status !== 'resolved'
    ? kindLabel(tr, MANUAL, incident.status)
    : tr.t('incident.ongoing');
}

function Cause({ tr, code }: { tr: Translator; code: string }) {
  const label = causeLabel(tr, code);
  return (
    <>
      <code>{code}</code>
      {label ? ` ${label}` : null}
    </>
  );
}

function TimelineItem({
  tr,
  event,
  day,
}: {
  tr: Translator;
  event: IncidentEventRow;
  day?: string | undefined;
}) {
  const manual = event.source === 'manual';
  return (
    <li data-kind={event.kind} data-source={event.source}>
      <Time tr={tr} ms={event.at} day={day} />{' '}
      <strong>{kindLabel(tr, manual ? MANUAL : AUTOMATIC, event.kind)}</strong>
      {manual ? (
        <p class="message">{event.message}</p>
      ) : (
        <span class="auto">
          {event.kind === 'resolved' ? ` ${tr.t('incident.checksPass')}` : null}
          {event.cause && event.kind !== 'resolved' ? (
            <>
              {' '}
              <Cause tr={tr} code={event.cause} />
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
  tr,
  incident,
  now,
  day,
}: {
  tr: Translator;
  incident: IncidentHistoryItem;
  now: number;
  /** The day the page lists it under: times on that day show the clock only. */
  day?: string;
}) {
  const end = incident.resolvedAt ?? now;
  const duration = tr.duration((end - incident.startedAt) / 1000);
  return (
    <>
      <p class="cause" data-cause={incident.cause}>
        <Cause tr={tr} code={incident.cause} />
      </p>
      {tr.hint(incident.cause) !== null ? (
        <p class="hint meta">
          <CauseNote tr={tr} code={incident.cause} />
        </p>
      ) : null}
      <dl class="facts">
        <div>
          <dt>{tr.t('incident.started')}</dt>
          <dd>
            <Time tr={tr} ms={incident.startedAt} day={day} />
          </dd>
        </div>
        <div>
          <dt>{tr.t('incident.ended')}</dt>
          <dd>
            {incident.resolvedAt === null ? (
              tr.t('incident.notEnded')
            ) : (
              <Time tr={tr} ms={incident.resolvedAt} day={day} />
            )}
          </dd>
        </div>
        <div>
          <dt>{tr.t('incident.duration')}</dt>
          <dd>{incident.resolvedAt === null ? tr.t('incident.soFar', { duration }) : duration}</dd>
        </div>
        <div>
          <dt>{tr.t('incident.regions')}</dt>
          <dd>{incident.regions.join(', ')}</dd>
        </div>
      </dl>
      {incident.inMaintenance ? <p class="during-maintenance">{tr.t('incident.duringMaintenance')}</p> : null}
      <ol class="timeline" aria-label={tr.t('incident.timeline')}>
        {incident.events.map((event) => (
          <TimelineItem tr={tr} event={event} day={day} />
        ))}
      </ol>
    </>
  );
}

/** An incident on the history page; its id is the feed entry's link target. */
export function IncidentArticle({
  tr,
  incident,
  now,
  day,
}: {
  tr: Translator;
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
        <a href={tr.link(`/monitors/${encodeURIComponent(incident.monitorId)}`)}>{incident.monitorName}</a>{' '}
        <span class={`state ${state}`}>{stateLabel(tr, incident)}</span>
      </h4>
      <IncidentBody tr={tr} incident={incident} now={now} day={day} />
    </article>
  );
}
