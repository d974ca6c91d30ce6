import { Hono } from 'hono';
import { bundledConfig } from '../../config/bundled';
import { translator, type Translator } from '../../i18n/translator';
import { listMaintenance } from '../../db/queries/maintenance';
import type { PageHistory } from '../../db/queries/page';
import { readPublicStatus, type MonitorStatusView } from '../../db/queries/status';
import type { AppEnv } from '../../env';
import { DayBars, MonitorNotes, RegionPills, StatusLabel } from './components';
import { groupBy, overallStatus } from './format';
import { pageTranslator } from './language';
import { Layout, sendPage, type PageSettings } from './layout';
import { maintenanceView } from './maintenance-view';
import { MaintenanceList } from './maintenance-list';
import { pageHistory } from './page-history';
import { PageSubscribe } from './subscribe-form';
import { uptimeOf } from '../../db/queries/uptime';
import { dayBars, dayLabel, formatPct, uptimeOver, type DayBar } from './uptime-days';

export const BAR_DAYS = 90;

function UptimeFigures({ tr, figures }: { tr: Translator; figures: [string, number | null][] }) {
  return (
    <dl class="uptime">
      {figures.map(([label, pct]) => (
        <div>
          <dt>{label}</dt>
          <dd>{formatPct(pct, tr)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Narrow screens show the last 30 days, or fewer when fewer were checked (the fold is hidden). */
export function narrowDays(bars: readonly { level: string }[]): number {
  const first = bars.findIndex((b) => b.level !== 'none');
  const lead = first === -1 ? bars.length : first;
  return Math.min(30, lead > 1 ? bars.length - lead : bars.length);
}

/** The axis starts at the oldest day shown: a date, not a count, so it cannot be off by one. */
function axisStart(tr: Translator, bars: readonly DayBar[], shown: number): string {
  const oldest = bars[bars.length - shown];
  return shown === 0 || !oldest ? tr.t('page.noChecks') : dayLabel(oldest.day, false, tr);
}

function MonitorItem(props: {
  tr: Translator;
  monitor: MonitorStatusView;
  history: PageHistory;
  now: number;
  inMaintenance: boolean;
}) {
  const { tr, monitor, history, now, inMaintenance } = props;
  const perDay = history.days.get(monitor.id);
  const bars = dayBars(perDay, history.incidents.get(monitor.id) ?? [], now, BAR_DAYS);
  const last24h = history.last24h.get(monitor.id);
  return (
    <li
      class="monitor"
      data-monitor={monitor.id}
      data-status={monitor.status}
      data-maintenance={inMaintenance ? 'active' : undefined}
    >
      <div class="row">
        <a class="name" href={tr.link(`/monitors/${encodeURIComponent(monitor.id)}`)}>
          {monitor.name}
        </a>
        <StatusLabel tr={tr} status={monitor.status} maintenance={inMaintenance} />
      </div>
      <UptimeFigures
        tr={tr}
        figures={[
          [tr.t('page.window.24h'), last24h ? uptimeOf([last24h]) : null],
          [tr.t('page.window.7d'), uptimeOver(bars, perDay, 7)],
          [tr.t('page.window.30d'), uptimeOver(bars, perDay, 30)],
          [tr.t('page.window.90d'), uptimeOver(bars, perDay, 90)],
        ]}
      />
      <DayBars tr={tr} bars={bars} label={tr.t('page.barsLabel', { name: monitor.name, days: BAR_DAYS })} />
      <div class="axis" aria-hidden="true">
        <span class="wide">{axisStart(tr, bars, bars.length)}</span>
        <span class="narrow">{axisStart(tr, bars, narrowDays(bars))}</span>
        <span>{tr.t('page.today')}</span>
      </div>
      <RegionPills tr={tr} monitor={monitor} />
      <MonitorNotes tr={tr} monitor={monitor} />
    </li>
  );
}

/** Groups in the order the settings give, then the others by name; ungrouped monitors last. */
export function orderedGroups(
  monitors: readonly MonitorStatusView[],
  settings: PageSettings,
  tr: Translator = translator('en'),
) {
  const rank = (name: string) => {
    const i = settings.groups.findIndex((g) => g.name === name);
    return i === -1 ? settings.groups.length : i;
  };
  return groupBy(monitors, (m) => m.group ?? '')
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : rank(a) - rank(b) || a.localeCompare(b)))
    .map(([name, list]) => ({
      name: name || tr.t(monitors.some((m) => m.group) ? 'page.otherServices' : 'page.services'),
      description: settings.groups.find((g) => g.name === name)?.description,
      monitors: list,
    }));
}

export const statusPage = new Hono<AppEnv>().get('/', async (c) => {
  const now = Date.now();
  const status = readPublicStatus(c.var.db);
  const [{ page: settings, subscribers }, tr, monitors, windows, history] = await Promise.all([
    bundledConfig(),
    pageTranslator(c),
    status,
    listMaintenance(c.var.db),
    pageHistory(c.var.db, now, BAR_DAYS, status),
  ]);
  const maintenance = maintenanceView(windows, now);
  const banner = overallStatus(monitors, maintenance.active.length > 0, tr);
  // Time spent waiting on D1, for whoever profiles the page.
  c.header('server-timing', `db;dur=${Date.now() - now}`);
  return sendPage(
    c,
    <Layout settings={settings} tr={tr} path="/" current="status" refresh bars>
      <h1 class="sr-only">{tr.t('page.heading')}</h1>
      {settings.description ? <p class="lede">{settings.description}</p> : null}
      <p class={`banner ${banner.kind}`} role="status">
        {banner.text}
      </p>
      <MaintenanceList tr={tr} view={maintenance} />
      {orderedGroups(monitors, settings, tr).map((group, i) => (
        <section aria-labelledby={`group-${i}`}>
          <h2 id={`group-${i}`}>{group.name}</h2>
          {group.description ? <p class="meta">{group.description}</p> : null}
          <ul class="card">
            {group.monitors.map((monitor) => (
              <MonitorItem
                tr={tr}
                monitor={monitor}
                history={history}
                now={now}
                inMaintenance={maintenance.covering(monitor)}
              />
            ))}
          </ul>
        </section>
      ))}
      <PageSubscribe subscribers={subscribers} monitors={monitors} order={settings.groups} tr={tr} />
    </Layout>,
  );
});
