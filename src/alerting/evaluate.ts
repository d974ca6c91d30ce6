import type { Region } from '../regions/regions';
import { incidentId } from './ids';
import { tallyVotes, type RegionVote, type Tally } from './quorum';

export { tallyVotes, type RegionVote, type Tally, type Verdict } from './quorum';

/**
 * The alerting state machine of one monitor: each tick's region votes in, incident transitions out.
 * Pure: time comes from the context, ids from what things are (src/alerting/ids.ts), so the same
 * tick evaluated twice decides the same. Muting is decided here, per transition, from the moment:
 * a maintenance window now, or a down parent. The caller owns storage and delivery.
 */

export interface AlertPolicy {
  /** Regions that must fail for the monitor to count as down in a tick; null = a majority of the regions that reported (unknown results do not report). */
  quorum: number | null;
  /** Consecutive failing ticks before an incident opens (default 2). */
  failAfter: number;
  /** Consecutive passing ticks before it resolves (default 2). */
  recoverAfter: number;
  /** Whether a degraded monitor raises monitor.degraded alerts (default false). */
  alertOnDegraded: boolean;
}

export const DEFAULT_POLICY: AlertPolicy = {
  quorum: null,
  failAfter: 2,
  recoverAfter: 2,
  alertOnDegraded: false,
};

export interface OpenIncident {
  id: string;
  cause: string;
  regions: Region[];
  startedAt: number;
  /** True once a maintenance window covered the incident (shown on its page). Muting does not read it. */
  inMaintenance: boolean;
  /** The down parent this incident is attributed to (cause 'dependency.down'), else null. */
  dependencyOf: string | null;
  /**
   * Whether channels were told it opened. An incident that opened muted is announced on its first
   * down tick unmuted; its resolution is sent exactly when its opening was.
   */
  announced: boolean;
}

export interface AlertState {
  /** Consecutive ticks voted down. */
  failStreak: number;
  /** Consecutive ticks voted up or degraded (degraded counts as passing for incidents). */
  passStreak: number;
  degradedStreak: number;
  /** Consecutive ticks voted up: what ends the degraded state. */
  upStreak: number;
  /** In the degraded state (after failAfter degraded ticks). Never true while an incident is open. */
  degraded: boolean;
  incident: OpenIncident | null;
  /** Tick time of the first down tick of the current fail streak: the incident's startedAt. */
  failingSince: number | null;
  /** Tick time of the first passing tick of the current pass streak: the incident's resolvedAt. */
  passingSince: number | null;
  /** A cause differing from the open incident's, waiting to hold for CAUSE_CONFIRM_TICKS down ticks. */
  pendingCause: string | null;
  pendingCount: number;
  /** The last tick evaluated: a tick evaluated again (a duplicate run) changes nothing. */
  lastTickAt: number | null;
}

export const INITIAL_STATE: AlertState = {
  failStreak: 0,
  passStreak: 0,
  degradedStreak: 0,
  upStreak: 0,
  degraded: false,
  incident: null,
  failingSince: null,
  passingSince: null,
  pendingCause: null,
  pendingCount: 0,
  lastTickAt: null,
};

/** A state stored by an earlier version: fields it lacked get the values that version implied. */
export function upgradeState(stored: AlertState): AlertState {
  const state = { ...INITIAL_STATE, ...stored };
  if (state.incident && typeof state.incident.announced !== 'boolean') {
    // Earlier versions muted dependency incidents for life and sent everything else (a maintenance
    // flag may have been set after the opening was sent): assume sent unless dependency-muted.
    state.incident = { ...state.incident, announced: state.incident.dependencyOf === null };
  }
  return state;
}

export interface EvaluateContext {
  /** Epoch ms (the tick time). */
  now: number;
  /** A maintenance window covers this monitor now. */
  inMaintenance: boolean;
  /** Id of a depends_on parent that is currently down (has an open incident), else null. */
  parentDown: string | null;
  /** The monitor's id: with the tick its failure streak began, it names the incident. */
  monitorId: string;
}

/**
 * `notify`: whether channels are told. An opening is muted in a maintenance window or when a down
 * parent explains it; a muted opening is told later as `incident.announced` (on the first down
 * tick unmuted); an update only when the opening was told and nothing mutes it now; a resolution
 * exactly when the opening was told.
 */
export type Transition =
  | { type: 'incident.opened'; incident: OpenIncident; notify: boolean }
  | { type: 'incident.announced'; incident: OpenIncident }
  | {
      type: 'incident.updated';
      incident: OpenIncident;
      previousCause: string;
      previousRegions: Region[];
      notify: boolean;
    }
  | {
      type: 'incident.resolved';
      incident: OpenIncident;
      resolvedAt: number;
      durationMs: number;
      notify: boolean;
    }
  | { type: 'monitor.degraded'; cause: string; regions: Region[] }
  | { type: 'monitor.recovered' };

/** Down ticks a new cause must hold before the incident is updated: one-tick blips do not storm. */
export const CAUSE_CONFIRM_TICKS = 2;
export const DEPENDENCY_CAUSE = 'dependency.down';
/** For votes that carry no cause (probes always set one when down; this is a safety net). */
const NO_CAUSE = 'unknown';

export function evaluate(
  prev: AlertState,
  votes: RegionVote[],
  policy: AlertPolicy,
  ctx: EvaluateContext,
): { state: AlertState; transitions: Transition[] } {
  // This tick (or a later one) was evaluated already: a duplicate run decides nothing new.
  if (prev.lastTickAt !== null && ctx.now <= prev.lastTickAt) return { state: prev, transitions: [] };
  const tally = tallyVotes(votes, policy.quorum);
  // Nobody could check: no evidence either way, so streaks and incident stay as they are.
  if (tally.verdict === 'none') return { state: prev, transitions: [] };

  let incident = prev.incident;
  if (incident && ctx.inMaintenance && !incident.inMaintenance) {
    incident = { ...incident, inMaintenance: true }; // the window touched this incident
  }
  const state: AlertState = { ...prev, incident, lastTickAt: ctx.now };
  return tally.verdict === 'down' ? onDown(state, tally, policy, ctx) : onPass(state, tally, policy, ctx);
}

/** Whether channels hear of this incident now: not in a window, not explained by a down parent. */
const mutedNow = (incident: OpenIncident, ctx: EvaluateContext) =>
  ctx.inMaintenance || incident.dependencyOf !== null;

function onDown(s: AlertState, tally: Tally, policy: AlertPolicy, ctx: EvaluateContext) {
  const transitions: Transition[] = [];
  // A down parent explains the failure: attribute it there so the child does not page on its own.
  const cause = ctx.parentDown ? DEPENDENCY_CAUSE : tally.cause;
  const state: AlertState = {
    ...s,
    failStreak: streak(s.failStreak + 1, policy),
    failingSince: s.failStreak === 0 ? ctx.now : s.failingSince,
    passStreak: 0,
    passingSince: null,
    degradedStreak: 0,
    upStreak: 0,
  };
  const incident = state.incident;

  if (!incident) {
    if (state.failStreak >= policy.failAfter) {
      const startedAt = state.failingSince ?? ctx.now;
      const opened: OpenIncident = {
        id: incidentId(ctx.monitorId, startedAt),
        cause: cause ?? NO_CAUSE,
        regions: tally.regions,
        startedAt,
        inMaintenance: ctx.inMaintenance,
        dependencyOf: ctx.parentDown,
        announced: !ctx.inMaintenance && ctx.parentDown === null,
      };
      state.incident = opened;
      // The incident supersedes the degraded state; its resolution closes the story.
      state.degraded = false;
      state.pendingCause = null;
      state.pendingCount = 0;
      transitions.push({ type: 'incident.opened', incident: opened, notify: opened.announced });
    }
    return { state, transitions };
  }
  const result = followIncident(state, incident, cause, tally, ctx);
  // Opened muted and still down with nothing muting it now: tell channels it is open, once.
  const current = result.state.incident;
  if (current && !current.announced && !mutedNow(current, ctx)) {
    result.state.incident = { ...current, announced: true };
    result.transitions.push({ type: 'incident.announced', incident: result.state.incident });
  }
  return result;
}

/** A down tick with an incident open: its regions follow silently, a confirmed new cause updates it. */
function followIncident(
  state: AlertState,
  incident: OpenIncident,
  cause: string | null,
  tally: Tally,
  ctx: EvaluateContext,
): { state: AlertState; transitions: Transition[] } {
  const transitions: Transition[] = [];

  // Regions (and which parent) change silently; only a cause change is news. No cause is no news.
  const dependencyOf = cause === DEPENDENCY_CAUSE ? ctx.parentDown : null;
  if (cause === null || cause === incident.cause) {
    const parent = cause === null ? incident.dependencyOf : dependencyOf;
    state.incident = { ...incident, regions: tally.regions, dependencyOf: parent };
    state.pendingCause = null;
    state.pendingCount = 0;
    return { state, transitions };
  }
  state.pendingCount = state.pendingCause === cause ? state.pendingCount + 1 : 1;
  state.pendingCause = cause;
  if (state.pendingCount < CAUSE_CONFIRM_TICKS) {
    state.incident = { ...incident, regions: tally.regions };
    return { state, transitions };
  }
  state.incident = { ...incident, cause, regions: tally.regions, dependencyOf };
  state.pendingCause = null;
  state.pendingCount = 0;
  transitions.push({
    type: 'incident.updated',
    incident: state.incident,
    previousCause: incident.cause,
    previousRegions: incident.regions,
    notify: incident.announced && !mutedNow(state.incident, ctx),
  });
  return { state, transitions };
}

/**
 * Streaks count only up to the largest threshold that reads them: past it a steady monitor's
 * state stops changing, so the tick has nothing to write for it (state is written on change).
 */
const streak = (value: number, policy: AlertPolicy) =>
  Math.min(value, Math.max(policy.failAfter, policy.recoverAfter));

function onPass(s: AlertState, tally: Tally, policy: AlertPolicy, ctx: EvaluateContext) {
  const transitions: Transition[] = [];
  const isDegraded = tally.verdict === 'degraded';
  const state: AlertState = {
    ...s,
    passStreak: streak(s.passStreak + 1, policy),
    passingSince: s.passStreak === 0 ? ctx.now : s.passingSince,
    failStreak: 0,
    failingSince: null,
    degradedStreak: isDegraded ? streak(s.degradedStreak + 1, policy) : 0,
    upStreak: isDegraded ? 0 : streak(s.upStreak + 1, policy),
    // A passing tick breaks the run of a pending cause.
    pendingCause: null,
    pendingCount: 0,
  };

  const incident = state.incident;
  if (incident && state.passStreak >= policy.recoverAfter) {
    // Resolved as of the first passing tick: the confirmation ticks were not downtime.
    const resolvedAt = state.passingSince ?? ctx.now;
    transitions.push({
      type: 'incident.resolved',
      incident,
      resolvedAt,
      durationMs: resolvedAt - incident.startedAt,
      notify: incident.announced,
    });
    state.incident = null;
  }

  // Checked after a resolution, so an incident that recovers into slowness reports it at once.
  if (!state.incident && !state.degraded && state.degradedStreak >= policy.failAfter) {
    state.degraded = true;
    if (policy.alertOnDegraded) {
      transitions.push({ type: 'monitor.degraded', cause: tally.cause ?? NO_CAUSE, regions: tally.regions });
    }
  } else if (state.degraded && state.upStreak >= policy.recoverAfter) {
    state.degraded = false;
    if (policy.alertOnDegraded) transitions.push({ type: 'monitor.recovered' });
  }
  return { state, transitions };
}
