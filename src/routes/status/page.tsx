import { Hono } from 'hono';
import { readPublicStatus, type MonitorStatusView } from '../../db/queries/status';
import type { AppEnv } from '../../env';
import type { Finding } from '../../probes/result';
import { describeCode } from '../../probes/taxonomy';
import { REGION_NAMES } from '../../regions/regions';
import { listMaintenance } from '../../db/queries/maintenance';
import { ago, groupBy, overallStatus, STATUS_LABEL } from './format';
import { maintenanceView } from './maintenance-view';
import { STYLES } from './styles';

function RegionPill({ region, result, now }: MonitorStatusView['regions'][number] & { now: number }) {
  const outcome = result?.outcome ?? 'pending';
  const latency = result?.totalMs != null ? `${result.totalMs} ms` : '';
  const title = [
    REGION_NAMES[region],
    outcome,
    result?.detail,
    result ? `checked ${ago(result.startedAt, now)} from ${result.colo}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span class="region" title={title} data-region={region} data-outcome={outcome}>
      <span class={`dot ${outcome}`} aria-hidden="true"></span>
      {region} <span class="meta">{outcome === 'up' ? latency : outcome}</span>
    </span>
  );
}

/** Why a monitor is not up (each cause once, with its regions), and what needs attention. */
function MonitorNotes({ monitor }: { monitor: MonitorStatusView }) {
  const causes = new Map<string, string[]>();
  const findings = new Map<string, Finding>();
  for (const { region, result } of monitor.regions) {
    if (result?.cause && result.outcome !== 'up')
      causes.set(result.cause, [...(causes.get(result.cause) ?? []), region]);
    for (const finding of result?.findings ?? []) findings.set(`${finding.code} ${finding.detail}`, finding);
  }
  if (causes.size === 0 && findings.size === 0) return null;
  return (
    <ul class="notes">
      {[...causes].map(([code, regions]) => (
        <li class="cause" data-cause={code}>
          <code>{code}</code> {describeCode(code)?.explanation}{' '}
          <span class="meta">
            {describeCode(code)?.hint} ({regions.join(', ')})
          </span>
        </li>
      ))}
      {[...findings.values()].map((finding) => (
        <li class="finding" data-finding={finding.code}>
          <code>{finding.code}</code> {finding.detail}
        </li>
      ))}
    </ul>
  );
}

function MonitorItem({
  monitor,
  now,
  inMaintenance,
}: {
  monitor: MonitorStatusView;
  now: number;
  inMaintenance: boolean;
}) {
  return (
    <li
      class="monitor"
      data-monitor={monitor.id}
      data-status={monitor.status}
      data-maintenance={inMaintenance ? 'active' : undefined}
    >
      <span class="name">{monitor.name}</span>
      <span class={`status ${monitor.status}`}>{STATUS_LABEL[monitor.status]}</span>
      {inMaintenance ? <span class="status maintenance">Maintenance</span> : null}
      <span class="meta">checked {ago(monitor.lastCheckedAt, now)}</span>
      <span class="regions" aria-label="Status per region">
        {monitor.regions.map((r) => (
          <RegionPill {...r} now={now} />
        ))}
      </span>
      <MonitorNotes monitor={monitor} />
    </li>
  );
}

function MaintenanceSection({ view }: { view: ReturnType<typeof maintenanceView> }) {
  if (view.active.length === 0 && view.upcoming.length === 0) return null;
  const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return (
    <section aria-label="Maintenance" class="maintenance">
      <h2>Maintenance</h2>
      <ul>
        {view.active.map((m) => (
          <li class="window" data-maintenance={m.id} data-state="active">
            <strong>{m.title}</strong> <span class="meta">in progress until {when(m.end)}</span>
          </li>
        ))}
        {view.upcoming.map((m) => (
          <li class="window" data-maintenance={m.id} data-state="scheduled">
            <strong>{m.title}</strong>{' '}
            <span class="meta">
              scheduled {when(m.start)} to {when(m.end)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const statusPage = new Hono<AppEnv>().get('/', async (c) => {
  const [monitors, windows] = await Promise.all([readPublicStatus(c.var.db), listMaintenance(c.var.db)]);
  const now = Date.now();
  const maintenance = maintenanceView(windows, now);
  const banner = overallStatus(monitors, maintenance.active.length > 0);
  c.header('cache-control', 'public, max-age=30');
  return c.html(
    '<!doctype html>' +
      (
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            {/* Checks run each minute: refresh with them, no script needed. */}
            <meta http-equiv="refresh" content="60" />
            <title>Status</title>
            <style dangerouslySetInnerHTML={{ __html: STYLES }} />
          </head>
          <body>
            <header>
              <h1>Status</h1>
              <p class={`banner ${banner.kind}`} role="status">
                {banner.text}
              </p>
            </header>
            <main>
              <MaintenanceSection view={maintenance} />
              {groupBy(monitors, (m) => m.group ?? 'Services').map(([group, list]) => (
                <section aria-label={group}>
                  <h2>{group}</h2>
                  <ul>
                    {list.map((monitor) => (
                      <MonitorItem
                        monitor={monitor}
                        now={now}
                        inMaintenance={maintenance.covering(monitor)}
                      />
                    ))}
                  </ul>
                </section>
              ))}
            </main>
            <footer>Checked every minute from several regions by Lookout · times in UTC</footer>
          </body>
        </html>
      ).toString(),
  );
});
