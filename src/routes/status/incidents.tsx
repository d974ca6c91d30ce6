import { Hono } from 'hono';
import { z } from 'zod';
import { bundledConfig } from '../../config/bundled';
import { publicIncidentHistory } from '../../db/queries/incident-history';
import { listMaintenance } from '../../db/queries/maintenance';
import type { AppEnv } from '../../env';
import { parseInput } from '../../lib/validate';
import { groupBy } from './format';
import { dayHeading, IncidentArticle, utcDay } from './incident-view';
import { pageTranslator } from './language';
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
  const [settings, tr, windows, history] = await Promise.all([
    bundledConfig().then((config) => config.page),
    pageTranslator(c),
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
    <Layout settings={settings} tr={tr} path="/incidents" title={tr.t('incidents.title')} current="incidents">
      <h1>{tr.t('incidents.title')}</h1>
      <p class="lede">
        {tr.t('incidents.lede')} <a href={tr.link('/feed.atom')}>{tr.t('incidents.subscribe')}</a>
      </p>
      {before === undefined ? <MaintenanceList tr={tr} view={maintenanceView(windows, now)} /> : null}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{tr.t(before === undefined ? 'incidents.history' : 'incidents.older')}</h2>
        {days.length === 0 ? (
          <p class="empty">{tr.t(before === undefined ? 'incidents.none' : 'incidents.noneOlder')}</p>
        ) : null}
        {days.map(([day, list]) => (
          <section class="day" aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`}>
              <time datetime={day}>{dayHeading(tr, day)}</time>
            </h3>
            {list.map((incident) => (
              <IncidentArticle tr={tr} incident={incident} now={now} day={day} />
            ))}
          </section>
        ))}
      </section>
      {before !== undefined || history.next !== null ? (
        <nav class="pager" aria-label={tr.t('incidents.pages')}>
          {before !== undefined ? (
            <a href={tr.link('/incidents')}>{tr.t('incidents.newest')}</a>
          ) : (
            <span></span>
          )}
          {history.next !== null ? (
            <a href={tr.link(`/incidents?before=${history.next}`)} rel="next">
              {tr.t('incidents.older')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>,
  );
});
