import { Hono } from 'hono';
import { bundledConfig } from '../../config/bundled';
import { publicIncidentHistory, type IncidentHistoryItem } from '../../db/queries/incident-history';
import { listMaintenance } from '../../db/queries/maintenance';
import type { AppEnv } from '../../env';
import type { Translator } from '../../i18n/translator';
import { atomFeed, type AtomEntry } from './atom';
import { causeLabel } from './components';
import { IncidentBody, stateLabel, Time } from './incident-view';
import { pageTranslator } from './language';
import { HISTORY_MS } from './incidents';
import { maintenanceView, type MaintenanceItem } from './maintenance-view';

const FEED_INCIDENTS = 50;
const WEEK_MS = 7 * 86_400_000;

/** Where links point: the configured status page URL, else the origin the request came to. */
export function feedBase(statusPageUrl: string | null, requestUrl: string) {
  const base = statusPageUrl ?? new URL(requestUrl).origin;
  const url = (path: string) => new URL(path, base).toString();
  // Tag URIs (RFC 4151) name a host without a port; ids stay put when the feed's path changes.
  const tag = (specific: string) => `tag:${new URL(base).hostname},2026:${specific}`;
  return { url, tag };
}

type Base = ReturnType<typeof feedBase>;

export function incidentEntry(
  tr: Translator,
  incident: IncidentHistoryItem,
  now: number,
  base: Base,
): AtomEntry {
  const cause = causeLabel(tr, incident.cause)?.replace(/[.。]$/, '') ?? incident.cause;
  return {
    id: base.tag(`incident/${incident.id}`),
    title: tr.t('feed.incidentTitle', {
      monitor: incident.monitorName,
      cause,
      state: stateLabel(tr, incident).toLocaleLowerCase(tr.tag),
    }),
    updated: Math.max(incident.startedAt, incident.resolvedAt ?? 0, ...incident.events.map((e) => e.at)),
    published: incident.startedAt,
    // `before` puts the incident on the page the link opens, however many came after it.
    link: base.url(tr.link(`/incidents?before=${incident.startedAt + 1}#incident-${incident.id}`)),
    html: String(<IncidentBody tr={tr} incident={incident} now={now} />),
    categories: [incident.cause],
  };
}

/**
 * An occurrence of a maintenance window. It is updated when it starts; before, when the page first
 * lists it (a week ahead), so readers see it once as scheduled and once as in progress.
 */
export function maintenanceEntry(
  tr: Translator,
  item: MaintenanceItem,
  active: boolean,
  base: Base,
): AtomEntry {
  return {
    id: base.tag(`maintenance/${encodeURIComponent(item.id)}/${item.start}`),
    title: tr.t('feed.maintenanceTitle', {
      title: item.title,
      state: tr.t(active ? 'feed.inProgress' : 'feed.scheduled'),
    }),
    updated: active ? item.start : item.start - WEEK_MS,
    link: base.url(tr.link('/incidents')),
    html: String(
      <p>
        {tr.parts(active ? 'feed.inProgressFrom' : 'feed.scheduledFrom', {
          start: <Time tr={tr} ms={item.start} />,
          end: <Time tr={tr} ms={item.end} />,
        })}
      </p>,
    ),
    categories: ['maintenance'],
  };
}

/** The Atom feed of incidents (public monitors only) and of maintenance in progress or ahead. */
export const feedRoute = new Hono<AppEnv>().get('/feed.atom', async (c) => {
  const now = Date.now();
  const [config, tr, windows, history] = await Promise.all([
    bundledConfig(),
    pageTranslator(c),
    listMaintenance(c.var.db),
    publicIncidentHistory(c.var.db, {
      before: Number.MAX_SAFE_INTEGER,
      since: now - HISTORY_MS,
      limit: FEED_INCIDENTS,
    }),
  ]);
  const base = feedBase(config.statusPageUrl, c.req.url);
  const maintenance = maintenanceView(windows, now);
  const entries = [
    ...history.incidents.slice(0, FEED_INCIDENTS).map((i) => incidentEntry(tr, i, now, base)),
    ...maintenance.active.map((m) => maintenanceEntry(tr, m, true, base)),
    ...maintenance.upcoming.map((m) => maintenanceEntry(tr, m, false, base)),
  ].sort((a, b) => b.updated - a.updated);
  const xml = atomFeed({
    id: base.tag('incidents'),
    title: config.page.title,
    lang: tr.tag,
    subtitle: config.page.description ?? tr.t('feed.subtitle'),
    fallbackUpdated: now,
    // A feed asked for with ?lang= links to pages in that language, as the pages' own links do.
    selfUrl: base.url(tr.link('/feed.atom')),
    alternateUrl: base.url(tr.link('/incidents')),
    author: config.page.title,
    entries,
  });
  return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
});
