import type { MonitorStatusView } from '../../db/queries/status';
import type { Finding } from '../../probes/result';
import { publicDetail } from '../../probes/public-detail';
import { describeCode } from '../../probes/taxonomy';
import { REGION_NAMES } from '../../regions/regions';
import { STATUS_LABEL } from './format';
import { raw } from 'hono/html';
import { escapeXml } from '../../lib/xml';
import { barText, dayLabel, type DayBar } from './uptime-days';

export const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;
export const utcDateTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function StatusLabel({
  status,
  maintenance,
}: {
  status: MonitorStatusView['status'];
  maintenance?: boolean;
}) {
  return (
    <>
      <span class={`status ${status}`}>{STATUS_LABEL[status]}</span>
      {maintenance ? <span class="status maintenance">Maintenance</span> : null}
    </>
  );
}

/** Each region's latest outcome and latency; the hover text adds where and when it ran. */
export function RegionPills({ monitor }: { monitor: MonitorStatusView }) {
  return (
    <ul class="regions" aria-label="Status per region">
      {monitor.regions.map(({ region, result }) => {
        const outcome = result?.outcome ?? 'pending';
        const shown = outcome === 'up' || outcome === 'degraded' ? `${result?.totalMs ?? '–'} ms` : outcome;
        const title = [
          REGION_NAMES[region],
          outcome,
          publicDetail(result?.cause ?? null, result?.detail ?? null),
          result ? `checked ${utcTime(result.startedAt)} from ${result.colo}` : null,
        ]
          .filter(Boolean)
          .join(' · ');
        return (
          <li class="region" title={title} data-region={region} data-outcome={outcome}>
            <span class={`dot ${outcome}`} aria-hidden="true"></span>
            <abbr title={REGION_NAMES[region]}>{region}</abbr> <span class="meta">{shown}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Findings a monitor's regions currently report, each once. */
export function currentFindings(monitor: MonitorStatusView): Finding[] {
  const findings = new Map<string, Finding>();
  for (const { result } of monitor.regions)
    for (const finding of result?.findings ?? []) findings.set(`${finding.code} ${finding.detail}`, finding);
  return [...findings.values()];
}

/** Why a monitor is not up (each cause once, with its regions), and what needs attention. */
export function MonitorNotes({ monitor }: { monitor: MonitorStatusView }) {
  const causes = new Map<string, string[]>();
  for (const { region, result } of monitor.regions)
    if (result?.cause && result.outcome !== 'up')
      causes.set(result.cause, [...(causes.get(result.cause) ?? []), region]);
  const findings = currentFindings(monitor);
  if (causes.size === 0 && findings.length === 0) return null;
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
      {findings.map((finding) => (
        <li class="finding" data-finding={finding.code}>
          <code>{finding.code}</code> {finding.detail}
        </li>
      ))}
    </ul>
  );
}

/** The same 90 days head every monitor's bars: their ISO dates are made once. */
const ISO_DAYS = new Map<number, string>();
function isoDay(ms: number): string {
  let iso = ISO_DAYS.get(ms);
  if (iso === undefined) {
    if (ISO_DAYS.size > 1000) ISO_DAYS.clear();
    ISO_DAYS.set(ms, (iso = new Date(ms).toISOString().slice(0, 10)));
  }
  return iso;
}

/**
 * Days as bars, or as a calendar (weeks as columns), each focusable with its text shown on hover
 * and focus. In bars, days before the first check fold into one element. A small script
 * (ROVING_SCRIPT) makes each list one tab stop moved with arrow keys; without it every day is one.
 * Written as a string: a page holds thousands of days, and this is its hot loop.
 */
export function DayBars({ bars, label, calendar }: { bars: DayBar[]; label: string; calendar?: boolean }) {
  const first = bars.findIndex((b) => b.level !== 'none');
  const lead = calendar ? 0 : first === -1 ? bars.length : first;
  let html = `<ol class="${calendar ? 'bars calendar' : 'bars'}" aria-label="${escapeXml(label)}">`;
  if (lead > 1) {
    const span = `${dayLabel((bars[0] as DayBar).day)} to ${dayLabel((bars[lead - 1] as DayBar).day)}: no data`;
    html += `<li class="none" tabindex="0" style="flex-grow:${lead}"><span>${span}</span></li>`;
  }
  bars.slice(lead > 1 ? lead : 0).forEach((bar, i) => {
    // Monday is the calendar's first row.
    const row =
      calendar && i === 0 ? ` style="grid-row-start:${((new Date(bar.day).getUTCDay() + 6) % 7) + 1}"` : '';
    const day = isoDay(bar.day);
    html += `<li class="${bar.level}" tabindex="0" data-day="${day}"${row}><span>${escapeXml(barText(bar, calendar))}</span></li>`;
  });
  return raw(`${html}</ol>`);
}

/**
 * Progressive enhancement: one tab stop per list, arrow keys, Home and End move between days
 * (in a calendar, left and right move by a week).
 */
export const ROVING_SCRIPT = `document.querySelectorAll('.bars').forEach(function(l){var d=l.querySelectorAll('[tabindex]'),s=l.classList.contains('calendar')?7:1;d.forEach(function(b,i){b.tabIndex=i==d.length-1?0:-1});l.addEventListener('keydown',function(e){var i=[].indexOf.call(d,document.activeElement),j={ArrowLeft:i-s,ArrowRight:i+s,ArrowUp:i-1,ArrowDown:i+1,Home:0,End:d.length-1}[e.key];if(i<0||j==null)return;j=Math.max(0,Math.min(d.length-1,j));d[i].tabIndex=-1;d[j].tabIndex=0;d[j].focus();e.preventDefault()})})`;

/**
 * Progressive enhancement: the page reloads each minute, as checks run, but only while it is in
 * view and the reader is not on an element (a bar, a link); a footer button pauses it, remembered
 * per browser. An automatic refresh the reader cannot stop fails WCAG 2.2.1, so no meta refresh.
 */
export const REFRESH_SCRIPT = `(function(){var b=document.getElementById('refresh'),k='lookout-refresh',off=localStorage.getItem(k)=='off';if(!b)return;function t(){b.textContent=off?'Resume auto-refresh':'Pause auto-refresh'}b.hidden=false;t();b.onclick=function(){off=!off;localStorage.setItem(k,off?'off':'on');t()};setInterval(function(){var a=document.activeElement;if(!off&&document.visibilityState=='visible'&&(!a||a==document.body))location.reload()},60000)})()`;
