import { Hono } from 'hono';
import { readPublicStatus, type MonitorStatusView } from '../../db/queries/status';
import type { AppEnv } from '../../env';
import type { Finding } from '../../probes/result';
import { describeCode } from '../../probes/taxonomy';
import { REGION_NAMES } from '../../regions/regions';
import { ago, groupBy, overallStatus, STATUS_LABEL } from './format';
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

function MonitorItem({ monitor, now }: { monitor: MonitorStatusView; now: number }) {
  return (
    <li class="monitor" data-monitor={monitor.id} data-status={monitor.status}>
      <span class="name">{monitor.name}</span>
      <span class={`status ${monitor.status}`}>{STATUS_LABEL[monitor.status]}</span>
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

export const statusPage = new Hono<AppEnv>().get('/', async (c) => {
  const monitors = await readPublicStatus(c.var.db);
  const now = Date.now();
  const banner = overallStatus(monitors);
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
              {groupBy(monitors, (m) => m.group ?? 'Services').map(([group, list]) => (
                <section aria-label={group}>
                  <h2>{group}</h2>
                  <ul>
                    {list.map((monitor) => (
                      <MonitorItem monitor={monitor} now={now} />
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
