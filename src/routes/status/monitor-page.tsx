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
import { describeCode } from '../../probes/taxonomy';
import { REGION_NAMES } from '../../regions/regions';
import { currentFindings, DayBars, MonitorNotes, RegionPills, StatusLabel, utcDateTime } from './components';
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
function countdown(finding: Finding, now: number): string | null {
  const at = finding.data?.sunset_at ?? finding.data?.expires_at;
  if (typeof at !== 'string') return null;
  const days = Math.floor((Date.parse(at) - now) / DAY_MS);
  const what = finding.data?.sunset_at ? 'Sunset' : 'Expires';
  if (Number.isNaN(days)) return null;
  if (days < 0) return `${what} ${-days} days ago (${at.slice(0, 10)})`;
  return `${what} in ${days} day${days === 1 ? '' : 's'} (${at.slice(0, 10)})`;
}

function Findings({ monitor, now }: { monitor: MonitorStatusView; now: number }) {
  const findings = currentFindings(monitor);
  return (
    <section aria-labelledby="findings">
      <h2 id="findings">Findings</h2>
      {findings.length === 0 ? (
        <p class="meta">
          Nothing needs attention: no deprecation, sunset, expiring credential or security finding.
        </p>
      ) : (
        <ul class="card">
          {findings.map((finding) => {
            const entry = describeCode(finding.code);
            const deadline = countdown(finding, now);
            return (
              <li class="finding" data-finding={finding.code}>
                <div class="row">
                  <code>{finding.code}</code>
                  {deadline ? <strong class="countdown">{deadline}</strong> : null}
                </div>
                <p>{finding.detail}</p>
                {entry ? (
                  <p class="meta">
                    {entry.explanation} {entry.hint}
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

function RecentIncidents({ list, now }: { list: IncidentRow[]; now: number }) {
  return (
    <section aria-labelledby="incidents">
      <h2 id="incidents">Recent incidents</h2>
      {list.length === 0 ? (
        <p class="meta">No incidents recorded.</p>
      ) : (
        <ul class="card">
          {list.map((incident) => {
            const entry = describeCode(incident.cause);
            const end = incident.resolvedAt ?? now;
            return (
              <li data-incident={incident.id} data-state={incident.resolvedAt ? 'resolved' : 'open'}>
                <div class="row">
                  <a class="name" href={`/incidents#incident-${incident.id}`}>
                    <code>{incident.cause}</code> {entry?.explanation}
                  </a>
                  <span class={`status ${incident.resolvedAt ? 'up' : 'down'}`}>
                    {incident.resolvedAt ? 'Resolved' : 'Ongoing'}
                  </span>
                </div>
                <p class="meta">
                  <time datetime={new Date(incident.startedAt).toISOString()}>
                    {utcDateTime(incident.startedAt)}
                  </time>
                  , {formatDuration(Math.round((end - incident.startedAt) / 1000))} ·{' '}
                  {incident.regions.join(', ')}
                  {incident.inMaintenance ? ' · during maintenance' : ''}
                </p>
                {entry ? <p class="meta">{entry.hint}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function NotFound({ settings, id }: { settings: PageSettings; id: string }) {
  return (
    <Layout settings={settings} title="Not found">
      <h1>No such monitor</h1>
      <p>
        Nothing public has the id <code>{id}</code>. <a href="/">Back to the status page</a>.
      </p>
    </Layout>
  );
}

const hourLabel = (at: number) => new Date(at).toISOString().slice(11, 16);

const days = (n: number) =>
  n < 0 ? `${-n} day${n === -1 ? '' : 's'} ago (expired)` : `${n} day${n === 1 ? '' : 's'}`;

export const monitorPage = new Hono<AppEnv>().get('/monitors/:id', async (c) => {
  const id = c.req.param('id');
  const now = Date.now();
  const [{ page: settings }, [monitor]] = await Promise.all([
    bundledConfig(),
    readPublicStatus(c.var.db, { id }),
  ]);
  if (!monitor) {
    c.status(404);
    return sendPage(c, <NotFound settings={settings} id={id} />);
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
  return sendPage(
    c,
    <Layout settings={settings} title={monitor.name} refresh bars>
      <article class="detail" data-monitor={monitor.id} data-status={monitor.status}>
        <div class="row">
          <h1>{monitor.name}</h1>
          <StatusLabel status={monitor.status} maintenance={inMaintenance} />
        </div>
        <p class="meta">
          {monitor.group ? `${monitor.group} · ` : ''}checked every{' '}
          {monitor.intervalS === 60 ? 'minute' : formatDuration(monitor.intervalS)} from{' '}
          {regions.map((r) => REGION_NAMES[r]).join(', ')}
          {monitor.since ? ` · ${monitor.status} since ${utcDateTime(monitor.since)}` : ''}
        </p>
        {expiry.certificate || expiry.domain ? (
          <p class="meta countdowns">
            {[
              expiry.certificate && `certificate expires in ${days(expiry.certificate.days_left)}`,
              expiry.domain && `domain expires in ${days(expiry.domain.days_left)}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        ) : null}
        <RegionPills monitor={monitor} />
        <MonitorNotes monitor={monitor} />
        <dl class="uptime big">
          {(
            [
              ['24 hours', uptimeOf(hourly)],
              ['7 days', uptimeOver(year, perDay, 7)],
              ['30 days', uptimeOver(year, perDay, 30)],
              ['90 days', uptimeOver(year, perDay, 90)],
              ['365 days', uptimeOver(year, perDay, 365)],
            ] as const
          ).map(([label, pct]) => (
            <div>
              <dt>{label}</dt>
              <dd>{formatPct(pct)}</dd>
            </div>
          ))}
        </dl>
        <section aria-labelledby="latency">
          <h2 id="latency">Latency</h2>
          <LatencyChart
            id="latency-24h"
            heading="Last 24 hours, per hour"
            title={`${monitor.name}: p50 and p95 latency per hour, last 24 hours`}
            series={hourlySeries}
            from={hourFrom}
            to={hourFrom + 24 * HOUR_MS}
            stepMs={HOUR_MS}
            ticks={[0, 6, 12, 18, 24].map((h) => ({
              at: hourFrom + h * HOUR_MS,
              label: hourLabel(hourFrom + h * HOUR_MS),
            }))}
          />
          <LatencyTable series={hourlySeries} label={hourLabel} />
          <LatencyChart
            id="latency-90d"
            heading="Last 90 days, per day"
            title={`${monitor.name}: p50 and p95 latency per day, last 90 days`}
            series={dailySeries}
            from={ninetyFrom}
            to={today + DAY_MS}
            stepMs={DAY_MS}
            ticks={[0, 30, 60, 89].map((d) => ({
              at: ninetyFrom + d * DAY_MS,
              label: dayLabel(ninetyFrom + d * DAY_MS),
            }))}
          />
          <LatencyTable series={dailySeries} label={(at) => dayLabel(at, true)} />
        </section>
        <Findings monitor={monitor} now={now} />
        <RecentIncidents list={recent} now={now} />
        <section aria-labelledby="history">
          <h2 id="history">Last 365 days</h2>
          <DayBars bars={year} label={`${monitor.name}: uptime per day, last 365 days`} calendar />
          <p class="meta legend">
            <span class="swatch up"></span> 99.9% or more <span class="swatch minor"></span> 99% or more{' '}
            <span class="swatch partial"></span> 95% or more <span class="swatch major"></span> under 95%{' '}
            <span class="swatch none"></span> no data
          </p>
        </section>
      </article>
    </Layout>,
  );
});
