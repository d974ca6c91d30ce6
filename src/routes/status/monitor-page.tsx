import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { bundledConfig } from '../../config/bundled';
import { listMaintenance } from '../../db/queries/maintenance';
import { DAY_MS, type Counts } from '../../db/queries/page';
import { readPublicStatus, type MonitorStatusView } from '../../db/queries/status';
import { monitorExpiry } from '../api/expiry-gauges';
import { readLiveRollups } from '../../db/queries/live-rollups';
import { byRegion, readRollups, summarize, type RollupRow } from '../../db/queries/uptime';
import { incidents } from '../../db/schema';
import type { AppEnv } from '../../env';
import type { Finding } from '../../probes/result';
import { SOURCE_LANGUAGE } from '../../i18n/registry';
import type { Translator } from '../../i18n/translator';
import {
  causeLabel,
  CauseNote,
  currentFindings,
  DayBars,
  MonitorNotes,
  ProbeText,
  RegionPills,
  StatusLabel,
} from './components';
import { statusLabel } from './format';
import { pageTranslator } from './language';
import { Layout, sendPage, type PageSettings } from './layout';
import { LatencyChart, LatencyTable, type LatencySeries } from './latency-chart';
import { maintenanceView } from './maintenance-view';
import { uptimeOf } from '../../db/queries/uptime';
import { dayBars, dayLabel, formatDuration, formatPct, uptimeOver } from './uptime-days';

const HOUR_MS = 3_600_000;
const HISTORY_DAYS = 365;

/** p50 and p95 per bucket and region from rollup rows. Pure. */
export function latencySeries(monitor: MonitorStatusView, rows: readonly RollupRow[]): LatencySeries[] {
  const regions = byRegion(rows);
  return monitor.regions.map(({ region }) => ({
    region,
    points: (regions.get(region) ?? [])
      .map((row) => ({ row, stats: summarize([row]) }))
      .map(({ row, stats }) => ({ at: row.bucketStart, p50: stats.p50Ms, p95: stats.p95Ms }))
      .sort((a, b) => a.at - b.at),
  }));
}

/** Checks summed over regions and the worst region's downtime, as the main page's bars have them. */
function dailyCounts(rows: readonly RollupRow[]): Map<number, Counts> {
  const days = new Map<number, Counts>();
  for (const row of rows) {
    const day = days.get(row.bucketStart) ?? { up: 0, degraded: 0, down: 0, downtimeS: 0 };
    day.up += row.up;
    day.degraded += row.degraded;
    day.down += row.down;
    day.downtimeS = Math.max(day.downtimeS, row.downtimeS);
    days.set(row.bucketStart, day);
  }
  return days;
}

/** A finding's deadline, when it has one: sunset dates and credential expiry count down. */
function countdown(tr: Translator, finding: Finding, now: number): string | null {
  const at = finding.data?.sunset_at ?? finding.data?.expires_at;
  if (typeof at !== 'string') return null;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return null;
  return tr.t(finding.data?.sunset_at ? 'monitor.sunset' : 'monitor.expires', {
    when: tr.relativeDays(ms, now),
    date: tr.dayWithYear(ms),
  });
}

function Findings({ tr, monitor, now }: { tr: Translator; monitor: MonitorStatusView; now: number }) {
  const findings = currentFindings(monitor);
  return (
    <section aria-labelledby="findings">
      <h2 id="findings">{tr.t('monitor.findings')}</h2>
      {findings.length === 0 ? (
        <p class="meta">{tr.t('monitor.noFindings')}</p>
      ) : (
        <ul class="card">
          {findings.map((finding) => {
            const explanation = tr.explanation(finding.code);
            const hint = tr.hint(finding.code);
            const deadline = countdown(tr, finding, now);
            return (
              <li class="finding" data-finding={finding.code}>
                <div class="row">
                  <code>{finding.code}</code> {tr.tag !== SOURCE_LANGUAGE ? tr.cause(finding.code) : null}
                  {deadline ? <strong class="countdown">{deadline}</strong> : null}
                </div>
                <p>
                  <ProbeText tr={tr}>{finding.detail}</ProbeText>
                </p>
                {explanation !== null && hint !== null ? (
                  <p class="meta">
                    {explanation} {hint}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type IncidentRow = typeof incidents.$inferSelect;

function RecentIncidents({ tr, list, now }: { tr: Translator; list: IncidentRow[]; now: number }) {
  return (
    <section aria-labelledby="incidents">
      <h2 id="incidents">{tr.t('monitor.recentIncidents')}</h2>
      {list.length === 0 ? (
        <p class="meta">{tr.t('monitor.noIncidents')}</p>
      ) : (
        <ul class="card">
          {list.map((incident) => {
            const end = incident.resolvedAt ?? now;
            return (
              <li data-incident={incident.id} data-state={incident.resolvedAt ? 'resolved' : 'open'}>
                <div class="row">
                  <a class="name" href={tr.link(`/incidents#incident-${incident.id}`)}>
                    <code>{incident.cause}</code> {causeLabel(tr, incident.cause)}
                  </a>
                  <span class={`status ${incident.resolvedAt ? 'up' : 'down'}`}>
                    {tr.t(incident.resolvedAt ? 'incident.resolved' : 'incident.ongoing')}
                  </span>
                </div>
                <p class="meta">
                  <time datetime={new Date(incident.startedAt).toISOString()}>
                    {tr.dateTime(incident.startedAt)}
                  </time>
                  {tr.t('list.separator')}
                  {formatDuration((end - incident.startedAt) / 1000, tr)} · {incident.regions.join(', ')}
                  {incident.inMaintenance ? ` · ${tr.t('monitor.duringMaintenance')}` : ''}
                </p>
                {tr.hint(incident.cause) !== null ? (
                  <p class="meta">
                    <CauseNote tr={tr} code={incident.cause} />
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function NotFound({ tr, settings, id }: { tr: Translator; settings: PageSettings; id: string }) {
  return (
    <Layout settings={settings} tr={tr} title={tr.t('monitor.notFoundTitle')}>
      <h1>{tr.t('monitor.notFoundHeading')}</h1>
      <p>
        {tr.parts('monitor.notFoundText', { id: <code>{id}</code> })}{' '}
        <a href={tr.link('/')}>{tr.t('monitor.back')}</a>
      </p>
    </Layout>
  );
}

const hourLabel = (at: number) => new Date(at).toISOString().slice(11, 16);

/** "certificate expires in 12 days", "domain expired 3 days ago". */
function expiryText(tr: Translator, what: 'certificate' | 'domain', daysLeft: number, now: number) {
  const key =
    daysLeft < 0
      ? what === 'certificate'
        ? 'monitor.certificateExpired'
        : 'monitor.domainExpired'
      : what === 'certificate'
        ? 'monitor.certificateExpires'
        : 'monitor.domainExpires';
  return tr.t(key, { when: tr.relativeDays(now + daysLeft * DAY_MS, now) });
}

export const monitorPage = new Hono<AppEnv>().get('/monitors/:id', async (c) => {
  const id = c.req.param('id');
  const now = Date.now();
  const [{ page: settings }, tr, [monitor]] = await Promise.all([
    bundledConfig(),
    pageTranslator(c),
    readPublicStatus(c.var.db, { id }),
  ]);
  if (!monitor) {
    c.status(404);
    return sendPage(c, <NotFound tr={tr} settings={settings} id={id} />);
  }
  const regions = monitor.regions.map((r) => r.region);
  const hourFrom = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const dayFrom = today - (HISTORY_DAYS - 1) * DAY_MS;
  const live = readLiveRollups(c.var.db, { id });
  const [hourly, daily, recent, windows, expiry] = await Promise.all([
    readRollups(c.var.db, id, regions, 'hour', hourFrom, now + 1, live),
    readRollups(c.var.db, id, regions, 'day', dayFrom, now + 1, live),
    c.var.db
      .select()
      .from(incidents)
      .where(eq(incidents.monitorId, id))
      .orderBy(desc(incidents.startedAt))
      .limit(10),
    listMaintenance(c.var.db),
    monitorExpiry(c.var.db, id, now),
  ]);
  const perDay = dailyCounts(daily);
  const spans = recent.map((x) => ({ ...x, monitorId: id }));
  const year = dayBars(perDay, spans, now, HISTORY_DAYS);
  const ninetyFrom = today - 89 * DAY_MS;
  const hourlySeries = latencySeries(monitor, hourly);
  const dailySeries = latencySeries(
    monitor,
    daily.filter((r) => r.bucketStart >= ninetyFrom),
  );
  const inMaintenance = maintenanceView(windows, now).covering(monitor);
  const pct = (n: number) => tr.threshold(n);
  return sendPage(
    c,
    <Layout
      settings={settings}
      tr={tr}
      path={`/monitors/${encodeURIComponent(monitor.id)}`}
      title={monitor.name}
      refresh
      bars
    >
      <article class="detail" data-monitor={monitor.id} data-status={monitor.status}>
        <div class="row">
          <h1>{monitor.name}</h1>
          <StatusLabel tr={tr} status={monitor.status} maintenance={inMaintenance} />
        </div>
        <p class="meta">
          {monitor.group ? `${monitor.group} · ` : ''}
          {monitor.intervalS === 60
            ? tr.t('monitor.checkedEveryMinute', { regions: tr.list(regions.map((r) => tr.region(r))) })
            : tr.t('monitor.checkedEvery', {
                interval: formatDuration(monitor.intervalS, tr),
                regions: tr.list(regions.map((r) => tr.region(r))),
              })}
          {monitor.since
            ? ` · ${tr.t('monitor.since', { status: statusLabel(monitor.status, tr), time: tr.dateTime(monitor.since) })}`
            : ''}
        </p>
        {expiry.certificate || expiry.domain ? (
          <p class="meta countdowns">
            {[
              expiry.certificate && expiryText(tr, 'certificate', expiry.certificate.days_left, now),
              expiry.domain && expiryText(tr, 'domain', expiry.domain.days_left, now),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        ) : null}
        <RegionPills tr={tr} monitor={monitor} />
        <MonitorNotes tr={tr} monitor={monitor} />
        <dl class="uptime big">
          {(
            [
              [tr.plural('monitor.hours', 24), uptimeOf(hourly)],
              [tr.plural('monitor.days', 7), uptimeOver(year, perDay, 7)],
              [tr.plural('monitor.days', 30), uptimeOver(year, perDay, 30)],
              [tr.plural('monitor.days', 90), uptimeOver(year, perDay, 90)],
              [tr.plural('monitor.days', 365), uptimeOver(year, perDay, 365)],
            ] as const
          ).map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{formatPct(value, tr)}</dd>
            </div>
          ))}
        </dl>
        <section aria-labelledby="latency">
          <h2 id="latency">{tr.t('monitor.latency')}</h2>
          <LatencyChart
            tr={tr}
            id="latency-24h"
            heading={tr.t('monitor.chart24h')}
            title={tr.t('monitor.chart24hTitle', { name: monitor.name })}
            series={hourlySeries}
            from={hourFrom}
            to={hourFrom + 24 * HOUR_MS}
            stepMs={HOUR_MS}
            ticks={[0, 6, 12, 18, 24].map((h) => ({
              at: hourFrom + h * HOUR_MS,
              label: hourLabel(hourFrom + h * HOUR_MS),
            }))}
          />
          <LatencyTable tr={tr} series={hourlySeries} label={hourLabel} />
          <LatencyChart
            tr={tr}
            id="latency-90d"
            heading={tr.t('monitor.chart90d')}
            title={tr.t('monitor.chart90dTitle', { name: monitor.name })}
            series={dailySeries}
            from={ninetyFrom}
            to={today + DAY_MS}
            stepMs={DAY_MS}
            ticks={[0, 30, 60, 89].map((d) => ({
              at: ninetyFrom + d * DAY_MS,
              label: dayLabel(ninetyFrom + d * DAY_MS, false, tr),
            }))}
          />
          <LatencyTable tr={tr} series={dailySeries} label={(at) => dayLabel(at, true, tr)} />
        </section>
        <Findings tr={tr} monitor={monitor} now={now} />
        <RecentIncidents tr={tr} list={recent} now={now} />
        <section aria-labelledby="history">
          <h2 id="history">{tr.t('monitor.history')}</h2>
          <DayBars
            tr={tr}
            bars={year}
            label={tr.t('page.barsLabel', { name: monitor.name, days: HISTORY_DAYS })}
            calendar
          />
          <p class="meta legend">
            <span class="swatch up"></span> {tr.t('legend.atLeast', { pct: pct(99.9) })}{' '}
            <span class="swatch minor"></span> {tr.t('legend.atLeast', { pct: pct(99) })}{' '}
            <span class="swatch partial"></span> {tr.t('legend.atLeast', { pct: pct(95) })}{' '}
            <span class="swatch major"></span> {tr.t('legend.under', { pct: pct(95) })}{' '}
            <span class="swatch none"></span> {tr.t('legend.noData')}
          </p>
        </section>
      </article>
    </Layout>,
  );
});
