import type { ProbeSpec } from '../config/checks';
import { mapWithLimit } from '../lib/pool';
import { runCheck } from '../probes/check';
import type { ProbeContext } from '../probes/context';
import type { ProbeResult } from '../probes/result';
import { allowOnly } from '../probes/templates';
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
  /** Set for monitors managed through the API: the only secrets the check may resolve. */
  allowedSecrets?: readonly string[];
}

/** The context a task's check runs in: an API monitor's secrets limited to its allow-list. */
function taskContext(task: ProbeTask, ctx: ProbeContext): ProbeContext {
  return task.allowedSecrets ? { ...ctx, secrets: allowOnly(ctx.secrets, task.allowedSecrets) } : ctx;
}

/** The checks one prober runs in one tick. */
export interface ShardJob {
  region: Region;
  /** `<region>:<index>`: the request's name in logs, results and the target's view. */
  shard: string;
  /** The prober's Durable Object name (several shards share one); the shard's name when absent. */
  prober?: string;
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
      (task) =>
        deadline
          ? runBefore(deadline, task, taskContext(task, ctx))
          : runCheck(task.monitorId, task.spec, taskContext(task, ctx)),
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
  const fetchBefore: typeof fetch = (input, init) => {
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    return ctx.fetch(input, { ...init, signal });
  };
  const onStep = (name: string) => {
    step = name;
  };
  // A result that settles before the timer fires is kept: its callback runs before the timer's.
  const checked = runCheck(task.monitorId, task.spec, { ...ctx, fetch: fetchBefore, onStep }).then(
    (result) => (deadline.passed ? null : result),
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
