import type { MonitorStatusView } from '../../db/queries/status';
import type { Finding } from '../../probes/result';
import { publicDetail } from '../../probes/public-detail';
import { statusLabel } from './format';
import { SOURCE_LANGUAGE } from '../../i18n/registry';
import type { Translator } from '../../i18n/translator';
import { raw } from 'hono/html';
import { escapeXml } from '../../lib/xml';
import { barText, dayLabel, type DayBar } from './uptime-days';

/**
 * A cause or finding in the reader's language. In English, the source language, the label is the
 * taxonomy's explanation itself; elsewhere it is the code's short title, and the explanation
 * follows in `CauseNote`.
 */
export function causeLabel(tr: Translator, code: string): string | undefined {
  const explanation = tr.explanation(code) ?? undefined;
  return tr.tag === SOURCE_LANGUAGE ? explanation : (tr.cause(code) ?? explanation);
}

/** Text a probe wrote (a finding's detail): English, and marked so on a page in another language. */
export function ProbeText({ tr, children }: { tr: Translator; children: string }) {
  return tr.tag === SOURCE_LANGUAGE ? <>{children}</> : <span lang={SOURCE_LANGUAGE}>{children}</span>;
}

/** The explanation (when the label is not already it, see `causeLabel`) and the hint, in the reader's language. */
export function CauseNote({ tr, code }: { tr: Translator; code: string }) {
  const explanation = tr.explanation(code);
  const hint = tr.hint(code);
  if (explanation === null || hint === null) return null;
  return <>{tr.tag === SOURCE_LANGUAGE ? hint : `${explanation} ${hint}`}</>;
}

export function StatusLabel({
  tr,
  status,
  maintenance,
}: {
  tr: Translator;
  status: MonitorStatusView['status'];
  maintenance?: boolean;
}) {
  return (
    <>
      <span class={`status ${status}`}>{statusLabel(status, tr)}</span>
      {maintenance ? <span class="status maintenance">{tr.t('status.maintenance')}</span> : null}
    </>
  );
}

/** Each region's latest outcome and latency; the hover text adds where and when it ran. */
export function RegionPills({ tr, monitor }: { tr: Translator; monitor: MonitorStatusView }) {
  return (
    <ul class="regions" aria-label={tr.t('regions.label')}>
      {monitor.regions.map(({ region, result }) => {
        const outcome = result?.outcome ?? 'pending';
        const word = tr.t(`outcome.${outcome}`);
        const shown =
          outcome === 'up' || outcome === 'degraded'
            ? `${result?.totalMs == null ? '–' : tr.number(result.totalMs)} ms`
            : word;
        const title = [
          tr.region(region),
          word,
          publicDetail(result?.cause ?? null, result?.detail ?? null),
          result ? tr.t('regions.checked', { time: tr.time(result.startedAt), colo: result.colo }) : null,
        ]
          .filter(Boolean)
          .join(' · ');
        return (
          <li class="region" title={title} data-region={region} data-outcome={outcome}>
            <span class={`dot ${outcome}`} aria-hidden="true"></span>
            <abbr title={tr.region(region)}>{region}</abbr> <span class="meta">{shown}</span>
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
export function MonitorNotes({ tr, monitor }: { tr: Translator; monitor: MonitorStatusView }) {
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
          <code>{code}</code> {causeLabel(tr, code)}{' '}
          <span class="meta">
            <CauseNote tr={tr} code={code} /> ({regions.join(', ')})
          </span>
        </li>
      ))}
      {findings.map((finding) => (
        <li class="finding" data-finding={finding.code}>
          <code>{finding.code}</code> <ProbeText tr={tr}>{finding.detail}</ProbeText>
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
export function DayBars({
  tr,
  bars,
  label,
  calendar,
}: {
  tr: Translator;
  bars: DayBar[];
  label: string;
  calendar?: boolean;
}) {
  const first = bars.findIndex((b) => b.level !== 'none');
  const lead = calendar ? 0 : first === -1 ? bars.length : first;
  let html = `<ol class="${calendar ? 'bars calendar' : 'bars'}" aria-label="${escapeXml(label)}">`;
  if (lead > 1) {
    const span = tr.t('bars.span', {
      from: dayLabel((bars[0] as DayBar).day, false, tr),
      to: dayLabel((bars[lead - 1] as DayBar).day, false, tr),
    });
    html += `<li class="none" tabindex="0" style="flex-grow:${lead}"><span>${escapeXml(span)}</span></li>`;
  }
  bars.slice(lead > 1 ? lead : 0).forEach((bar, i) => {
    // Monday is the calendar's first row.
    const row =
      calendar && i === 0 ? ` style="grid-row-start:${((new Date(bar.day).getUTCDay() + 6) % 7) + 1}"` : '';
    const day = isoDay(bar.day);
    html += `<li class="${bar.level}" tabindex="0" data-day="${day}"${row}><span>${escapeXml(barText(bar, calendar, tr))}</span></li>`;
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
 * per browser (its texts, in the page's language, are the button's data attributes). An automatic refresh the reader cannot stop fails WCAG 2.2.1, so no meta refresh.
 */
export const REFRESH_SCRIPT = `(function(){var b=document.getElementById('refresh'),k='lookout-refresh',off=localStorage.getItem(k)=='off';if(!b)return;function t(){b.textContent=off?b.dataset.resume:b.dataset.pause}b.hidden=false;t();b.onclick=function(){off=!off;localStorage.setItem(k,off?'off':'on');t()};setInterval(function(){var a=document.activeElement;if(!off&&document.visibilityState=='visible'&&(!a||a==document.body))location.reload()},60000)})()`;
