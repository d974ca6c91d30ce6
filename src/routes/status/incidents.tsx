import { Hono } from 'hono';
import { z } from 'zod';
import { bundledConfig } from '../../config/bundled';
import { publicIncidentHistory } from '../../db/queries/incident-history';
import { listMaintenance } from '../../db/queries/maintenance';
import type { AppEnv } from '../../env';
import { parseInput } from '../../lib/validate';
import { groupBy } from './format';
import { dayHeading, IncidentArticle, utcDay } from './incident-view';
import { Layout, sendPage } from './layout';
import { MaintenanceList } from './maintenance-list';
import { maintenanceView } from './maintenance-view';

/** How far back the page (and the feed) go, and how many incidents a page shows. */
export const HISTORY_MS = 90 * 86_400_000;
export const PAGE_SIZE = 25;

const historyQuery = z.object({ before: z.coerce.number().int().min(0).optional() });

/** The incident history: maintenance, then incidents of public monitors by UTC day, newest first. */
export const incidentsPage = new Hono<AppEnv>().get('/incidents', async (c) => {
  const { before } = parseInput(historyQuery, c.req.query());
  const now = Date.now();
  const [settings, windows, history] = await Promise.all([
    bundledConfig().then((config) => config.page),
    listMaintenance(c.var.db),
    publicIncidentHistory(c.var.db, {
      before: before ?? Number.MAX_SAFE_INTEGER,
      since: now - HISTORY_MS,
      limit: PAGE_SIZE,
    }),
  ]);
  const days = groupBy(history.incidents, (i) => utcDay(i.startedAt));
  return sendPage(
    c,
    <Layout settings={settings} title="Incidents" current="incidents">
      <h1>Incidents</h1>
      <p class="lede">
        Incidents of the last 90 days, newest first; times in UTC.{' '}
        <a href="/feed.atom">Subscribe to the feed</a>.
      </p>
      {before === undefined ? <MaintenanceList view={maintenanceView(windows, now)} /> : null}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{before === undefined ? 'Incident history' : 'Older incidents'}</h2>
        {days.length === 0 ? (
          <p class="empty">
            {before === undefined ? 'No incidents in the last 90 days.' : 'No older incidents.'}
          </p>
        ) : null}
        {days.map(([day, list]) => (
          <section class="day" aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`}>
              <time datetime={day}>{dayHeading(day)}</time>
            </h3>
            {list.map((incident) => (
              <IncidentArticle incident={incident} now={now} day={day} />
            ))}
          </section>
        ))}
      </section>
      {before !== undefined || history.next !== null ? (
        <nav class="pager" aria-label="Incident pages">
          {before !== undefined ? <a href="/incidents">Newest incidents</a> : <span></span>}
          {history.next !== null ? (
            <a href={`/incidents?before=${history.next}`} rel="next">
              Older incidents
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>,
  );
});
