import type { FlowSpec, ProbeSpec } from '../config/checks';
import { mapWithLimit } from '../lib/pool';
import { runCheck } from '../probes/check';
import type { ProbeContext } from '../probes/context';
import type { ProbeResult } from '../probes/result';
import type { Region } from './regions';

/**
 * A Workers invocation may have 6 connections waiting for headers; a 7th queues and its wait would
 * count as latency. Local workerd does not enforce it, so the cap lives here. A check that sends
 * several requests (a flow, an auth test) sends them one after another within its slot.
 */
export const MAX_IN_FLIGHT = 5;

export interface ProbeTask {
  monitorId: string;
  spec: ProbeSpec;
}

/** The checks one prober runs in one tick. */
export interface ShardJob {
  region: Region;
  /** `<region>:<index>`, also the prober's Durable Object name. */
  shard: string;
  tasks: ProbeTask[];
  /**
   * How long the checks may run, from the prober's own start (relative: the dispatcher's clock and
   * the prober's may differ). Checks not started by then, and checks still running then, are
   * `unknown` with `lookout.deadline_exceeded`; those that finished keep their results.
   */
  budgetMs?: number;
}

export type ShardRuntime = Omit<ProbeContext, 'region' | 'shard'>;

export async function runShard(job: ShardJob, runtime: ShardRuntime): Promise<ProbeResult[]> {
  const ctx: ProbeContext = { ...runtime, region: job.region, shard: job.shard };
  const deadline = job.budgetMs === undefined ? null : new Deadline(job.budgetMs);
  try {
    // Staggered by 1 ms: five requests leaving in one burst measured several ms slower each.
    return await mapWithLimit(
      job.tasks,
      MAX_IN_FLIGHT,
      (task) => (deadline ? runBefore(deadline, task, ctx) : runCheck(task.monitorId, task.spec, ctx)),
      1,
    );
  } finally {
    deadline?.clear();
  }
}

/** A timer started with the prober's work: `reached` resolves and `signal` aborts when it fires. */
class Deadline {
  passed = false;
  readonly reached: Promise<void>;
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly budgetMs: number) {
    this.reached = new Promise((resolve) => {
      this.timer = setTimeout(() => {
        this.passed = true;
        resolve();
        this.controller.abort(new Error('probing deadline'));
      }, budgetMs);
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  clear() {
    clearTimeout(this.timer);
  }
}

/**
 * Runs one check unless the deadline has passed, and cuts it there: the deadline aborts its
 * requests and its result becomes `unknown`, naming the flow step it was waiting on when known.
 */
async function runBefore(deadline: Deadline, task: ProbeTask, ctx: ProbeContext): Promise<ProbeResult> {
  const startedAt = ctx.now();
  const limit = `the probing deadline (${deadline.budgetMs} ms from the prober's start)`;
  if (deadline.passed) return cutResult(task, ctx, startedAt, `not started: ${limit} had passed`);
  let step: string | null = null;
  let stepIndex = 0;
  const fetchBefore: typeof fetch = (input, init) => {
    if (task.spec.kind === 'flow') {
      stepIndex = stepOf(task.spec, requestUrl(input), init?.method ?? 'GET', stepIndex);
      step = task.spec.steps[stepIndex]?.name ?? null;
    }
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    return ctx.fetch(input, { ...init, signal });
  };
  // A result that settles before the timer fires is kept: its callback runs before the timer's.
  const checked = runCheck(task.monitorId, task.spec, { ...ctx, fetch: fetchBefore }).then((result) =>
    deadline.passed ? null : result,
  );
  const result = await Promise.race([checked, deadline.reached.then(() => null)]);
  if (result) return result;
  const during = step === null ? '' : `, during step "${step}"`;
  return cutResult(task, ctx, startedAt, `cut at ${limit} after ${ctx.now() - startedAt} ms${during}`);
}

function cutResult(task: ProbeTask, ctx: ProbeContext, startedAt: number, detail: string): ProbeResult {
  return {
    monitorId: task.monitorId,
    region: ctx.region,
    colo: ctx.colo,
    startedAt,
    ttfbMs: null,
    totalMs: null,
    httpStatus: null,
    outcome: 'unknown',
    cause: 'lookout.deadline_exceeded',
    detail,
    findings: [],
  };
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/**
 * The flow step a request belongs to: the current one if it matches (a redirect hop or the
 * anonymous re-send of `requires_auth` stays in its step), else the next step whose method and
 * URL template (with `${{ ... }}` as a wildcard, query ignored) match it.
 */
function stepOf(spec: FlowSpec, url: string, method: string, current: number): number {
  const target = url.split('?')[0]?.replace(/\/$/, '') ?? '';
  const matches = (index: number) => {
    const step = spec.steps[index];
    if (!step || step.method !== method.toUpperCase()) return false;
    const template = step.url.split('?')[0]?.replace(/\/$/, '') ?? '';
    const pattern = template
      .split(/\$\{\{[^}]*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${pattern}$`).test(target);
  };
  if (matches(current)) return current;
  for (let index = current + 1; index < spec.steps.length; index++) if (matches(index)) return index;
  return current;
}
