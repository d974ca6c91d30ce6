import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  evaluate,
  INITIAL_STATE,
  tallyVotes,
  upgradeState,
  type AlertPolicy,
  type AlertState,
  type RegionVote,
  type Transition,
} from '../../src/alerting/evaluate';
import { incidentId } from '../../src/alerting/ids';
import type { Outcome } from '../../src/probes/result';
import type { Region } from '../../src/regions/regions';

/** Tick specs name regions by position: 'DDU' = weur down, enam down, apac up. */
const POSITIONS: Region[] = ['weur', 'enam', 'apac', 'wnam', 'sam'];
const OUTCOMES: Record<string, Outcome> = { U: 'up', D: 'down', G: 'degraded', '?': 'unknown' };
const T0 = 1_700_000_000_000;
const TICK = 60_000;

interface Tick {
  votes: RegionVote[];
  inMaintenance: boolean;
  parentDown: string | null;
}

/**
 * 'DDU' plus optional words: a cause for every D and G vote (default net.timeout / perf.slow),
 * `maint` (a maintenance window is on), `^api` (parent `api` is down).
 */
function tick(spec: string): Tick {
  const [letters = '', ...words] = spec.split(' ');
  const cause = words.find((w) => w.includes('.'));
  const votes = [...letters].map((letter, i): RegionVote => {
    const outcome = OUTCOMES[letter];
    if (!outcome || !POSITIONS[i]) throw new Error(`bad tick spec ${spec}`);
    const fallback = outcome === 'down' ? 'net.timeout' : outcome === 'degraded' ? 'perf.slow' : null;
    return { region: POSITIONS[i], outcome, cause: fallback && (cause ?? fallback) };
  });
  const parent = words.find((w) => w.startsWith('^'));
  return { votes, inMaintenance: words.includes('maint'), parentDown: parent ? parent.slice(1) : null };
}

/** Freezes what the machine hands back, so a mutation of `prev` by the next tick throws. */
function freeze(state: AlertState): AlertState {
  if (state.incident) Object.freeze(Object.freeze(state.incident).regions);
  return Object.freeze(state);
}

interface Step {
  state: AlertState;
  transitions: Transition[];
}

/** The id of the incident whose failure streak began at tick i. */
const idFrom = (i: number) => incidentId('m', T0 + i * TICK);

function run(specs: string[], policy: Partial<AlertPolicy> = {}): Step[] {
  let state = freeze({ ...INITIAL_STATE });
  return specs.map((spec, i) => {
    const { votes, ...rest } = tick(spec);
    const ctx = { now: T0 + i * TICK, monitorId: 'm', ...rest };
    const step = evaluate(state, votes, { ...DEFAULT_POLICY, ...policy }, ctx);
    state = freeze(step.state);
    return step;
  });
}

/**
 * 'incident.opened' -> 'opened', and '(opened)' when channels are not told (muted): the per-tick
 * expectations stay one short word each.
 */
const short = (transitions: Transition[]) =>
  transitions
    .map((t) => {
      const word = t.type.split('.')[1] ?? t.type;
      return 'notify' in t && !t.notify ? `(${word})` : word;
    })
    .join('+');

interface Case {
  name: string;
  policy?: Partial<AlertPolicy>;
  /** Comma-separated ticks, each a spec and `:` the transitions it emits ('DDD, DDD:opened'). */
  ticks: string;
  check?: (steps: Step[]) => void;
}

const last = (steps: Step[]) => steps[steps.length - 1]!.state;
const opened = (steps: Step[], i: number) => {
  const t = steps[i]!.transitions[0];
  if (t?.type !== 'incident.opened') throw new Error(`tick ${i} did not open`);
  return t.incident;
};

const CASES: Case[] = [
  // Quorum
  { name: 'majority: 1 of 3 down is up', policy: { failAfter: 1 }, ticks: 'DUU, UDU' },
  { name: 'majority: 2 of 3 down is down', policy: { failAfter: 1 }, ticks: 'DDU:opened' },
  { name: 'quorum 1: one region down is down', policy: { quorum: 1, failAfter: 1 }, ticks: 'UUD:opened' },
  { name: 'quorum 3: needs all three', policy: { quorum: 3, failAfter: 1 }, ticks: 'DDU, DDD:opened' },
  {
    name: 'quorum larger than the reporting regions is clamped to them',
    policy: { quorum: 3, failAfter: 1 },
    ticks: 'DD?:opened',
  },
  {
    name: 'unknown votes neither fail nor dilute the majority',
    policy: { failAfter: 1 },
    ticks: 'DU?, D??:opened',
  },
  // Thresholds
  {
    name: 'F=2 R=2: one failing tick does not open, one passing tick does not resolve',
    ticks: 'DDD, UUU, DDD, DDD:opened, UUU, DDD, UUU, UUU:resolved',
  },
  { name: 'F=1 opens on the first failing tick', policy: { failAfter: 1 }, ticks: 'DDD:opened, UUU' },
  {
    name: 'R=3 resolves on the third passing tick',
    policy: { recoverAfter: 3 },
    ticks: 'DDD, DDD:opened, UUU, UUU, UUU:resolved, UUU',
  },
  { name: 'flapping DUDUDU opens nothing with F=2', ticks: 'DDD, UUU, DDD, UUU, DDD, UUU' },
  {
    name: 'flapping around an open incident does not resolve it with R=2',
    ticks: 'DDD, DDD:opened, UUU, DDD, UUU, DDD, UUU',
    check: (steps) => expect(last(steps).incident?.id).toBe(idFrom(0)),
  },
  {
    name: 'resolution dates from the first passing tick, the start from the first failing tick',
    ticks: 'UUU, DDD, DDD:opened, DDD, UUU, UUU:resolved',
    check: (steps) => {
      expect(opened(steps, 2).startedAt).toBe(T0 + TICK);
      expect(steps[5]!.transitions[0]).toMatchObject({ resolvedAt: T0 + 4 * TICK, durationMs: 3 * TICK });
      expect(last(steps)).toMatchObject({ incident: null, failingSince: null, passStreak: 2 });
    },
  },
  // Causes
  {
    name: 'a new cause held for 2 down ticks emits exactly one update',
    ticks: 'DDU, DDU:opened, DDU http.upstream, DDD http.upstream:updated, DDD http.upstream',
    check: (steps) => {
      expect(steps[3]!.transitions[0]).toMatchObject({
        previousCause: 'net.timeout',
        previousRegions: ['enam', 'weur'],
        incident: { id: idFrom(0), cause: 'http.upstream', regions: ['enam', 'weur', 'apac'] },
      });
    },
  },
  {
    name: 'a one-tick cause blip does not update',
    ticks: 'DDD, DDD:opened, DDD http.upstream, DDD, DDD',
    check: (steps) => expect(last(steps).incident?.cause).toBe('net.timeout'),
  },
  {
    name: 'alternating causes do not storm',
    ticks: 'DDD, DDD:opened, DDD net.dns, DDD http.upstream, DDD net.dns, DDD http.upstream',
  },
  {
    name: 'a passing tick breaks the run of a pending cause',
    ticks: 'DDD, DDD:opened, DDD net.dns, UUU, DDD net.dns, DDD net.dns:updated',
  },
  {
    name: 'a change of regions alone is silent but stored',
    ticks: 'DDU, DDU:opened, UDD, DDD',
    check: (steps) => expect(last(steps).incident?.regions).toEqual(['enam', 'weur', 'apac']),
  },
  // Maintenance and dependencies: muting is decided per transition, from the moment
  {
    name: 'an incident opened in maintenance is flagged and muted',
    ticks: 'DDD maint, DDD maint:(opened)',
    check: (steps) => expect(opened(steps, 1)).toMatchObject({ inMaintenance: true, announced: false }),
  },
  {
    name: 'opened in a window and still down after it: announced once, then its resolution is told',
    ticks: 'DDD maint, DDD maint:(opened), DDD maint, DDD:announced, DDD, UUU, UUU:resolved',
    check: (steps) => expect(steps[3]!.transitions[0]).toMatchObject({ incident: { announced: true } }),
  },
  {
    name: 'opened and resolved in a window: nothing is told',
    ticks: 'DDD maint, DDD maint:(opened), UUU maint, UUU maint:(resolved)',
  },
  {
    name: 'opened in a window, recovering when it ends: no late opening, so no resolution told',
    ticks: 'DDD maint, DDD maint:(opened), UUU, UUU:(resolved)',
  },
  {
    name: 'opened in a window, down again after it ends: announced then',
    ticks: 'DDD maint, DDD maint:(opened), UUU, DDD:announced, UUU, UUU:resolved',
  },
  {
    name: 'opened outside a window, resolved inside one: the resolution is told',
    ticks: 'DDD, DDD:opened, DDD maint, UUU maint, UUU maint:resolved',
  },
  {
    name: 'maintenance starting during an incident flags it silently, and the flag sticks',
    ticks: 'DDD, DDD:opened, DDD maint, DDD',
    check: (steps) => {
      expect(opened(steps, 1).inMaintenance).toBe(false);
      expect(last(steps).incident?.inMaintenance).toBe(true);
    },
  },
  {
    name: 'cause updates are muted only while in a window',
    ticks:
      'DDD, DDD:opened, DDD maint net.dns, DDD maint net.dns:(updated), DDD http.upstream, DDD http.upstream:updated',
  },
  {
    name: 'a down parent makes the cause dependency.down (muted); its recovery turns it into the real cause, announced',
    ticks: 'DDD ^api, DDD ^api:(opened), DDD, DDD:(updated)+announced, UUU, UUU:resolved',
    check: (steps) => {
      expect(opened(steps, 1)).toMatchObject({ cause: 'dependency.down', dependencyOf: 'api' });
      expect(steps[3]!.state.incident).toMatchObject({ cause: 'net.timeout', dependencyOf: null });
    },
  },
  {
    name: 'an incident attributed to a down parent stays muted to the end',
    ticks: 'DDD ^api, DDD ^api:(opened), DDD ^api, UUU ^api, UUU ^api:(resolved)',
  },
  // Degraded
  {
    name: 'degraded without alertOnDegraded: the state changes, nothing is emitted',
    ticks: 'GGG, GGG, UUU, UUU',
    check: (steps) => {
      expect(steps[1]!.state.degraded).toBe(true);
      expect(last(steps).degraded).toBe(false);
    },
  },
  {
    name: 'degraded with alertOnDegraded: degraded after F ticks, recovered after R up ticks',
    policy: { alertOnDegraded: true },
    ticks: 'GGU, GGU:degraded, GGG, UUU, GGG, UUU, UUU:recovered',
    check: (steps) => {
      expect(steps[1]!.transitions[0]).toEqual({
        type: 'monitor.degraded',
        cause: 'perf.slow',
        regions: ['enam', 'weur'],
      });
    },
  },
  {
    name: 'degraded never opens an incident, even with down regions below quorum',
    policy: { alertOnDegraded: true, failAfter: 1 },
    ticks: 'GGG:degraded, DGU, DGG, GDU',
    check: (steps) => expect(last(steps)).toMatchObject({ incident: null, failStreak: 0, degraded: true }),
  },
  {
    name: 'a degraded tick breaks a fail streak, a down tick a degraded streak',
    policy: { alertOnDegraded: true },
    ticks: 'DDD, GGG, DDD, GGG, DDD',
  },
  {
    name: 'an incident supersedes the degraded state: no recovered after it resolves',
    policy: { alertOnDegraded: true },
    ticks: 'GGG, GGG:degraded, DDD, DDD:opened, UUU, UUU:resolved, UUU',
  },
  {
    name: 'an incident that resolves into slowness reports degraded on the same tick',
    policy: { alertOnDegraded: true },
    ticks: 'DDD, DDD:opened, GGG, GGG:resolved+degraded',
  },
  // Ticks nobody could check
  {
    name: 'none ticks keep streaks: failing around them still opens',
    ticks: 'DDD, ???, DDD:opened, UUU, ???, UUU:resolved',
    check: (steps) => {
      expect(steps[1]!.state).toBe(steps[0]!.state);
      expect(opened(steps, 2).startedAt).toBe(T0);
    },
  },
  {
    name: 'none ticks keep the degraded streak and a pending cause',
    policy: { alertOnDegraded: true },
    ticks: 'GGG, ?, GGG:degraded, DDD, DDD:opened, DDD net.dns, ???, DDD net.dns:updated',
  },
];

describe('evaluate', () => {
  it.each(CASES)('$name', ({ ticks, policy, check }) => {
    const table = ticks.split(',').map((t) => t.trim().split(':'));
    const steps = run(
      table.map(([spec = '']) => spec),
      policy,
    );
    expect(steps.map((s) => short(s.transitions))).toEqual(table.map(([, expected = '']) => expected));
    check?.(steps);
  });

  it('names an incident by its monitor and the tick its failure streak began', () => {
    const steps = run(['UUU', 'DDD', 'DDD', 'DDD']);
    expect(opened(steps, 2).id).toBe(incidentId('m', T0 + TICK));
    expect(incidentId('m', T0 + TICK)).toMatch(/^inc_[0-9a-f]{16}$/);
    expect(incidentId('m', T0 + TICK)).not.toBe(incidentId('m2', T0 + TICK));
    expect(incidentId('m', T0 + TICK)).not.toBe(incidentId('m', T0 + 2 * TICK));
  });

  it('decides nothing new when a tick (or an earlier one) is evaluated again', () => {
    const policy = { ...DEFAULT_POLICY, failAfter: 1 };
    const down = tick('DDD').votes;
    const first = evaluate(INITIAL_STATE, down, policy, {
      now: T0,
      monitorId: 'm',
      inMaintenance: false,
      parentDown: null,
    });
    expect(short(first.transitions)).toBe('opened');
    const again = evaluate(first.state, down, policy, {
      now: T0,
      monitorId: 'm',
      inMaintenance: false,
      parentDown: null,
    });
    expect(again).toEqual({ state: first.state, transitions: [] });
    const earlier = evaluate(first.state, tick('UUU').votes, policy, {
      now: T0 - TICK,
      monitorId: 'm',
      inMaintenance: false,
      parentDown: null,
    });
    expect(earlier.transitions).toEqual([]);
  });

  it('upgrades a stored state without the announced flag: dependency incidents were muted, others told', () => {
    const incident = { id: 'inc_x', cause: 'net.timeout', regions: [], startedAt: T0, inMaintenance: true };
    const stored = (dependencyOf: string | null) =>
      ({ ...INITIAL_STATE, incident: { ...incident, dependencyOf } }) as unknown as AlertState;
    expect(upgradeState(stored(null)).incident?.announced).toBe(true);
    expect(upgradeState(stored('db')).incident?.announced).toBe(false);
  });

  it('defaults to majority quorum, F=2, R=2, no degraded alerts, from a clean state', () => {
    expect(DEFAULT_POLICY).toEqual({ quorum: null, failAfter: 2, recoverAfter: 2, alertOnDegraded: false });
    expect(INITIAL_STATE).toMatchObject({ failStreak: 0, passStreak: 0, incident: null, degraded: false });
  });
});

const vote = (region: Region, outcome: Outcome, cause: string | null = null): RegionVote => ({
  region,
  outcome,
  cause,
});

describe('tallyVotes', () => {
  it.each([
    ['DUU', null, 'up', ['enam', 'apac']],
    ['DDU', null, 'down', ['enam', 'weur']],
    ['DUU', 1, 'down', ['weur']],
    ['DDU', 3, 'up', ['apac']],
    ['DD?', 3, 'down', ['enam', 'weur']],
    ['D??', null, 'down', ['weur']],
    ['DU??', null, 'up', ['enam']],
    ['???', null, 'none', []],
    ['', null, 'none', []],
    ['DGU', null, 'degraded', ['enam', 'weur']],
    ['GUU', null, 'up', ['enam', 'apac']],
    ['DDGG', null, 'degraded', ['wnam', 'enam', 'weur', 'apac']],
  ] as const)('%s with quorum %s is %s', (spec, quorum, verdict, regions) => {
    expect(tallyVotes(tick(spec).votes, quorum)).toMatchObject({ verdict, regions });
  });

  it.each([
    ['the commonest', ['net.dns', 'net.timeout', 'net.timeout'], 'net.timeout'],
    ['on a tie the most severe', ['http.rate_limited', 'http.server_error'], 'http.server_error'],
    ['on a tie of severity, alphabetical', ['net.timeout', 'http.upstream'], 'http.upstream'],
    ['known codes before unknown ones', ['zz.custom', 'lookout.prober_failed'], 'lookout.prober_failed'],
  ])('picks %s down cause', (_, causes, expected) => {
    const votes = causes.map((cause, i) => vote(POSITIONS[i]!, 'down', cause));
    expect(tallyVotes(votes, 1).cause).toBe(expected);
  });

  it('takes a degraded verdict cause from the degraded votes only', () => {
    const votes = [
      vote('weur', 'down', 'net.timeout'),
      vote('enam', 'degraded', 'perf.slow'),
      vote('apac', 'up'),
    ];
    expect(tallyVotes(votes, null)).toEqual({
      verdict: 'degraded',
      cause: 'perf.slow',
      regions: ['enam', 'weur'],
    });
  });
});
