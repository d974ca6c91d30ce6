import { DurableObject } from 'cloudflare:workers';
import { bundledConfig } from '../config/bundled';
import type { LoadedConfig } from '../config/monitor';
import { LatencyMemory } from '../jobs/latency-memory';
import { runMinute, runSlot, type MinuteRun } from '../jobs/run-minute';
import { dueSlot, nextSlotAt } from '../jobs/slots';
import { backstopPlan, claimDecision, floorMinute, MINUTE_MS, type TickTrigger } from './minutes';

/** The coordinator's name: one per deployment. Tests use others to start from a clean slate. */
export const COORDINATOR_NAME = 'lookout';
const CLAIMED_KEY = 'claimed_minute';
/** The first minute of the cron's current silence, while the backstop is running the ticks. */
const SILENT_SINCE_KEY = 'silent_since';
/** The slots inside the minute last run (src/jobs/slots.ts), and the latest slot run. */
const SLOT_PLAN_KEY = 'slot_plan';
const SLOT_RUN_KEY = 'slot_run';
/** A tick ends well inside its minute; a predecessor taking longer than this is not waited for. */
const MAX_WAIT_FOR_PREVIOUS_MS = 2 * MINUTE_MS;

export type CoordinatedRun =
  | ({ status: 'ran' } & MinuteRun)
  | { status: 'duplicate' | 'stale'; minute: number; trigger: TickTrigger | 'slot' };

interface SlotPlan {
  minute: number;
  offsets: number[];
}

/**
 * Runs each scheduled minute once and in order, whoever asks: the cron (which Cloudflare may fire
 * late, twice, or not at all), its own backstop alarm, or `npm start`'s local driver.
 *
 * Why a Durable Object: it is one instance worldwide, its storage calls are atomic with respect
 * to its other requests (input gates), so "claim minute M" is a read and a write with no race, an
 * in-memory chain makes minute M+1 wait for M's write, and its alarm is the backstop that keeps
 * monitoring going when the cron stops firing.
 */
export class TickCoordinator extends DurableObject<Env> {
  private previous: Promise<unknown> = Promise.resolve();
  /** What checks took last minute: shards are planned by it (lost on restart: worst cases then). */
  private readonly latency = new LatencyMemory();
  /** Where the minute's config comes from: the bundled file (tests put theirs here). */
  loadConfig: () => Promise<LoadedConfig> = bundledConfig;

  /** Runs the minute containing `scheduledTime`, unless it already ran (or a later one did). */
  async run(
    scheduledTime: number,
    trigger: TickTrigger,
    options: { missedMinutes?: number } = {},
  ): Promise<CoordinatedRun> {
    const minute = floorMinute(scheduledTime);
    const claimed = (await this.ctx.storage.get<number>(CLAIMED_KEY)) ?? null;
    const decision = claimDecision(minute, claimed);
    if (decision !== 'run') {
      console.log(`[lookout] tick ${new Date(minute).toISOString()} (${trigger}) skipped: ${decision}`);
      return { status: decision, minute, trigger };
    }
    // No await between the read above and this write: no other request can claim in between.
    await this.ctx.storage.put(CLAIMED_KEY, minute);
    const missed = await this.trackSilence(minute, trigger, options.missedMinutes ?? 0);
    await this.armAlarm(Date.now());
    const ran = await this.after(() =>
      runMinute(this.env, { minute, trigger, missed }, this.loadConfig, this.latency),
    );
    // The minute's sub-minute monitors are checked again in slots inside it, woken by the alarm.
    const plan: SlotPlan = { minute, offsets: ran.summary.slots };
    if ((await this.ctx.storage.get<number>(CLAIMED_KEY)) === minute) {
      await this.ctx.storage.put(SLOT_PLAN_KEY, plan);
      await this.armAlarm(Date.now());
    }
    return { status: 'ran', ...ran };
  }

  /**
   * Runs the slot at `at` inside the minute last run, once: not when a later minute has been
   * claimed, the slot is not in the minute's plan, or it (or a later slot) already ran.
   */
  async runSlot(at: number): Promise<CoordinatedRun> {
    const plan = (await this.ctx.storage.get<SlotPlan>(SLOT_PLAN_KEY)) ?? null;
    const lastRun = (await this.ctx.storage.get<number>(SLOT_RUN_KEY)) ?? null;
    const claimed = (await this.ctx.storage.get<number>(CLAIMED_KEY)) ?? null;
    const planned = plan !== null && plan.minute === claimed && plan.offsets.includes(at - plan.minute);
    if (!planned || (lastRun !== null && lastRun >= at)) {
      return { status: lastRun === at ? 'duplicate' : 'stale', minute: at, trigger: 'slot' };
    }
    // No await between the reads above and this write: no other request can claim in between.
    await this.ctx.storage.put(SLOT_RUN_KEY, at);
    const ran = await this.after(() => runSlot(this.env, at, this.loadConfig, this.latency));
    return { status: 'ran', ...ran };
  }

  /** Runs `work` after whatever this coordinator ran before it (waiting a bounded time). */
  private after<T>(work: () => Promise<T>): Promise<T> {
    const before = this.previous;
    const run = (async () => {
      await settledWithin(before, MAX_WAIT_FOR_PREVIOUS_MS);
      return work();
    })();
    this.previous = run.catch(() => undefined);
    return run;
  }

  /** The backstop: runs the current minute when nothing has claimed it, and re-arms itself. */
  async backstop(now: number): Promise<CoordinatedRun | null> {
    const claimed = (await this.ctx.storage.get<number>(CLAIMED_KEY)) ?? null;
    const plan = backstopPlan(now, claimed);
    await this.armAlarm(now, true);
    if (plan.run === null) return null;
    return this.run(plan.run, 'backstop', { missedMinutes: plan.missed });
  }

  /** One alarm serves both: the slot due now, if any, then the backstop (which re-arms it). */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const plan = (await this.ctx.storage.get<SlotPlan>(SLOT_PLAN_KEY)) ?? null;
    const slot = dueSlot(now, plan, (await this.ctx.storage.get<number>(SLOT_RUN_KEY)) ?? null);
    if (slot !== null) await this.runSlot(slot);
    await this.backstop(Date.now());
  }

  /** The latest minute claimed, for health reports and tests. */
  async claimedMinute(): Promise<number | null> {
    return (await this.ctx.storage.get<number>(CLAIMED_KEY)) ?? null;
  }

  /** The backstop announces a silence once, at its first minute; the cron firing again ends it. */
  private async trackSilence(minute: number, trigger: TickTrigger, missedMinutes: number) {
    if (trigger !== 'backstop') {
      if (trigger === 'cron') await this.ctx.storage.delete(SILENT_SINCE_KEY);
      return null;
    }
    const since = await this.ctx.storage.get<number>(SILENT_SINCE_KEY);
    if (since !== undefined) return null;
    await this.ctx.storage.put(SILENT_SINCE_KEY, minute);
    return { minutes: Math.max(1, missedMinutes), silentSince: minute };
  }

  /**
   * The alarm at the sooner of the backstop's next look and the next slot. `replace` sets it even
   * when a sooner one is armed (from the alarm handler, whose alarm has just fired).
   */
  private async armAlarm(now: number, replace = false): Promise<void> {
    if (!this.alarmsOn()) return;
    const plan = (await this.ctx.storage.get<SlotPlan>(SLOT_PLAN_KEY)) ?? null;
    const next = Math.min(backstopPlan(now, null).nextAlarmAt, nextSlotAt(now, plan) ?? Infinity);
    const current = await this.ctx.storage.getAlarm();
    if (replace || current === null || current > next || current < now) await this.ctx.storage.setAlarm(next);
  }

  /** Tests drive the backstop by hand (with their own clock); a real alarm would tick real minutes. */
  private alarmsOn(): boolean {
    return this.env.TICK_BACKSTOP !== 'off';
  }
}

/** Waits for `promise` to settle, but never longer than `ms`. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: number | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]);
  if (timer !== undefined) clearTimeout(timer);
}
