import type { Translator } from '../../i18n/translator';
import type { Region } from '../../regions/regions';

export interface LatencyPoint {
  /** Bucket start. */
  at: number;
  p50: number | null;
  p95: number | null;
}

export interface LatencySeries {
  region: Region;
  points: LatencyPoint[];
}

interface ChartProps {
  tr: Translator;
  id: string;
  /** Shown over the chart. */
  heading: string;
  /** The chart's accessible name. */
  title: string;
  series: LatencySeries[];
  from: number;
  to: number;
  /** Bucket width: a point is drawn in the middle of its bucket; a missing bucket breaks the line. */
  stepMs: number;
  /** Labels on the time axis. */
  ticks: { at: number; label: string }[];
}

const W = 720;
const H = 220;
const M = { top: 12, right: 12, bottom: 26, left: 52 };

/** 1, 2 or 5 times a power of ten at or above `value`: a round top for the axis. */
export function niceMax(value: number): number {
  if (value <= 0) return 100;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/** An SVG path through the points, one segment per run of consecutive buckets. Pure. */
export function linePath(
  points: readonly { at: number; value: number | null }[],
  x: (at: number) => number,
  y: (value: number) => number,
  stepMs: number,
): string {
  let path = '';
  let previous: number | null = null;
  let run = 0;
  // A point alone in its run would draw nothing: a zero-length line with round caps is a dot.
  const endRun = () => (run === 1 ? 'h0' : '');
  for (const { at, value } of points) {
    if (value === null) {
      path += endRun();
      previous = null;
      run = 0;
      continue;
    }
    const joined = previous !== null && at - previous <= stepMs;
    if (!joined) path += endRun();
    path += `${joined ? 'L' : 'M'}${x(at + stepMs / 2).toFixed(1)} ${y(value).toFixed(1)}`;
    run = joined ? run + 1 : 1;
    previous = at;
  }
  return path + endRun();
}

const ms = (tr: Translator, value: number) =>
  value >= 10_000 ? `${tr.number(Math.round(value / 1000))} s` : `${tr.number(Math.round(value))} ms`;

function describe(tr: Translator, series: readonly LatencySeries[]): string {
  const parts = series.map(({ region, points }) => {
    const p50 = points.flatMap((p) => (p.p50 === null ? [] : [p.p50]));
    const p95 = points.flatMap((p) => (p.p95 === null ? [] : [p.p95]));
    if (p50.length === 0) return tr.t('chart.noData', { region: tr.region(region) });
    return tr.t('chart.range', {
      region: tr.region(region),
      min: ms(tr, Math.min(...p50)),
      max: ms(tr, Math.max(...p50)),
      p95: ms(tr, Math.max(...p95)),
    });
  });
  return tr.t('chart.summary', { text: parts.join(tr.t('chart.join')) });
}

/**
 * p50 (solid) and p95 (dashed) latency per region as inline SVG, drawn on the server. The
 * description sums it up for screen readers; the table under it gives every figure.
 */
export function LatencyChart({ tr, id, heading, title, series, from, to, stepMs, ticks }: ChartProps) {
  const values = series.flatMap((s) => s.points.flatMap((p) => [p.p50 ?? 0, p.p95 ?? 0]));
  const top = niceMax(Math.max(0, ...values));
  const x = (at: number) => M.left + ((at - from) / (to - from)) * (W - M.left - M.right);
  const y = (value: number) => H - M.bottom - (value / top) * (H - M.top - M.bottom);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  return (
    <figure class="chart" data-chart={id}>
      <h3>{heading}</h3>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-window={id}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{describe(tr, series)}</desc>
        <g class="grid">
          {grid.map((v) => (
            <>
              <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
              <text x={M.left - 6} y={y(v) + 4} text-anchor="end">
                {ms(tr, v)}
              </text>
            </>
          ))}
          {ticks.map((t, i) => (
            // The end labels align inward so that none is cut at the edge.
            <text
              x={x(t.at)}
              y={H - 8}
              text-anchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
            >
              {t.label}
            </text>
          ))}
        </g>
        {series.map((s, i) => (
          <g class={`series s${i}`} data-region={s.region}>
            {/* p95 first, so that p50 is drawn over it. */}
            {(['p95', 'p50'] as const).map((q) => (
              <path
                class={q}
                data-quantile={q}
                d={linePath(
                  s.points.map((p) => ({ at: p.at, value: p[q] })),
                  x,
                  y,
                  stepMs,
                )}
              />
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        {series.map((s, i) => (
          <span class={`key s${i}`}>{tr.region(s.region)}</span>
        ))}
        <span class="meta">{tr.t('chart.key')}</span>
      </figcaption>
    </figure>
  );
}

/** Every figure of a chart, for those who cannot see it (and anyone who wants numbers). */
export function LatencyTable({
  tr,
  series,
  label,
}: {
  tr: Translator;
  series: LatencySeries[];
  label: (at: number) => string;
}) {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.at)))].sort((a, b) => a - b);
  const at = (s: LatencySeries, t: number) => s.points.find((p) => p.at === t);
  return (
    <details>
      <summary>{tr.t('chart.table')}</summary>
      <div class="table">
        <table>
          <thead>
            <tr>
              <th scope="col">{tr.t('chart.time')}</th>
              {series.map((s) => (
                <th scope="col">{tr.t('chart.column', { region: s.region })}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((t) => (
              <tr>
                <th scope="row">{label(t)}</th>
                {series.map((s) => {
                  const p = at(s, t);
                  return <td>{p?.p50 != null ? `${ms(tr, p.p50)} / ${ms(tr, p.p95 ?? p.p50)}` : '–'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
