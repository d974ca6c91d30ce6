import type { z } from 'zod';
import { MAX_CHECK_MS } from '../jobs/deadline';
import { checkBudgetMs } from '../probes/budget';
import type { ProbeSpec } from './checks';
import { MINUTE_MS } from '../coordinator/minutes';
import { isSubminute, maxSubminuteCheckMs } from '../jobs/slots';

/**
 * A check must be able to finish inside one tick: its worst case (every request it may send hitting
 * its timeout) may not exceed MAX_CHECK_MS. Checked for the file and for monitors sent to the API,
 * since both go through the monitor schema.
 */
export function fitsTickBudget(monitor: ProbeSpec & { interval?: number }, ctx: z.RefinementCtx): void {
  const worst = checkBudgetMs(monitor);
  const interval = monitor.interval ?? MINUTE_MS;
  // Checked more often than once a minute, a check must end well before the next one starts.
  const [limit, which] = isSubminute(interval)
    ? [maxSubminuteCheckMs(interval), `half its ${seconds(interval)} interval`]
    : [MAX_CHECK_MS, "the tick's limit for one check"];
  if (worst <= limit) return;
  const [field, figures, fix] = explain(monitor);
  ctx.addIssue({
    code: 'custom',
    path: [field],
    message: `a check may take up to ${seconds(worst)} (${figures}); ${which} is ${seconds(limit)}: ${fix}`,
  });
}

/** The field to blame, how the worst case adds up, and what to change. */
function explain(spec: ProbeSpec): [field: string, figures: string, fix: string] {
  switch (spec.kind) {
    case 'http':
      return [
        'timeout',
        spec.requires_auth
          ? `2 requests x ${seconds(spec.timeout)}: requires_auth also sends it without credentials`
          : 'its timeout',
        'lower the timeout',
      ];
    case 'flow': {
      const sends = spec.steps.map((step) => ({ timeout: step.timeout, times: step.requires_auth ? 2 : 1 }));
      const requests = sends.reduce((n, s) => n + s.times, 0);
      const twice = sends.filter((s) => s.times === 2).length;
      const same = sends.every((s) => s.timeout === sends[0]?.timeout);
      const figures = !same
        ? `the steps' timeouts add up: ${sends.map((s) => (s.times === 2 ? `2 x ${seconds(s.timeout)}` : seconds(s.timeout))).join(' + ')}`
        : twice === 0
          ? `${requests} steps x ${seconds(sends[0]?.timeout ?? 0)}`
          : `${requests} requests x ${seconds(sends[0]?.timeout ?? 0)}: ${sends.length} steps, ${twice} sent twice for requires_auth`;
      return ['steps', figures, "lower the steps' timeouts or split the flow"];
    }
    case 'tcp':
    case 'dns':
    case 'tls':
    case 'statuspage':
      return ['timeout', `its timeout`, 'lower the timeout'];
  }
}

/** 40000 -> "40 s", 2500 -> "2.5 s". */
export function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
