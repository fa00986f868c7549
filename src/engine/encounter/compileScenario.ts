/**
 * Compiles a validated scenario into its own XState machine.
 *
 * The machine has two parallel regions. `scene` plays segments as chains of points (each beat and
 * each window start is a state) and ends in an outcome. `trainee` walks the stages: see, then
 * determine, commit, choose, act (one sub-state per decision), resolved, report, done. Time never
 * enters the machine: the clock turns it into discrete events (beats, window starts, segment
 * ends, decision timeouts), so the state space is finite and `xstate/graph` can walk it. The only
 * context is the current decision window, which the beats themselves set.
 */
import { and, assign, raise, setup, type AnyStateMachine, type StateValue } from 'xstate';
import type {
  Beat,
  Decision,
  DecisionStage,
  Outcome,
  Scenario,
  Segment,
  Target,
  Timeout,
  Window,
  Option,
} from '../scenario/schema.ts';
import { consequenceIn, windowsThatBranch } from '../scenario/consequence.ts';
import type { ClockEvent, ConcludedEvent, MachineEvent } from './events.ts';

/** A point on a segment's timeline: a beat, or the start of a decision window. */
export type ScenePoint =
  | { readonly kind: 'beat'; readonly state: string; readonly at: number; readonly beat: Beat }
  | {
      readonly kind: 'window';
      readonly state: string;
      readonly at: number;
      readonly window: Window;
    };

export interface CompiledSegment {
  readonly segment: Segment;
  /** Beats and window starts in the order they play (a window before a beat at the same time). */
  readonly points: readonly ScenePoint[];
}

export interface EncounterContext {
  /** The decision window in force now. */
  readonly window: Window;
}

/** The trainee's top-level states, named after the stages. */
export type TraineeStage =
  'see' | 'determine' | 'commit' | 'choose' | 'act' | 'resolved' | 'report' | 'done';

export interface CompiledScenario {
  readonly scenario: Scenario;
  readonly machine: EncounterMachine;
  readonly segments: ReadonlyMap<string, CompiledSegment>;
  readonly decisions: ReadonlyMap<string, Decision>;
  readonly outcomes: ReadonlyMap<string, Outcome>;
  readonly beats: ReadonlyMap<string, { readonly beat: Beat; readonly segment: string }>;
}

const encounterSetup = setup({
  types: {
    context: {} as EncounterContext,
    events: {} as MachineEvent,
  },
  guards: {
    isBeat: ({ event }, params: { beat: string }) =>
      event.type === 'scene.beat' && event.beat === params.beat,
    isWindowStart: ({ event }, params: { window: Window }) =>
      event.type === 'scene.window' && event.window === params.window,
    isSegmentEnd: ({ event }, params: { segment: string }) =>
      event.type === 'scene.end' && event.segment === params.segment,
    isOption: ({ event }, params: { decision: string; option: string }) =>
      event.type === 'decision.select' &&
      event.decision === params.decision &&
      event.option === params.option,
    isTimeout: ({ event }, params: { decision: string }) =>
      event.type === 'decision.timeout' && event.decision === params.decision,
    isGotoSegment: ({ event }, params: { segment: string }) =>
      event.type === 'scene.goto' && 'segment' in event && event.segment === params.segment,
    isGotoOutcome: ({ event }, params: { outcome: string }) =>
      event.type === 'scene.goto' && 'outcome' in event && event.outcome === params.outcome,
    inWindow: ({ context }, params: { window: Window }) => context.window === params.window,
  },
  actions: {
    // Markers the run driver reads from the transition's actions, to know when to start the
    // segment's clock and the decision's countdown. They do nothing themselves.
    segmentEntered: (_, _params: { segment: string }) => undefined,
    decisionOpened: (_, _params: { decision: string }) => undefined,
    enterWindow: assign({ window: (_, params: { window: Window }) => params.window }),
  },
});

/**
 * The machine is assembled from data, so XState cannot infer per-state types for it; these are
 * the parts of it the engine relies on.
 */
export type EncounterMachine = AnyStateMachine;
export interface EncounterSnapshot {
  readonly value: StateValue;
  readonly context: EncounterContext;
  readonly status: 'active' | 'done' | 'error' | 'stopped';
  can(event: MachineEvent): boolean;
}

/** Pure: builds the machine and the lookup tables the run driver and scoring need. */
export function compileScenario(scenario: Scenario): CompiledScenario {
  const segments = new Map(
    scenario.segments.map((segment) => [segment.id, compileSegment(segment)]),
  );
  const decisions = new Map(scenario.decisions.map((decision) => [decision.id, decision]));
  const outcomes = new Map(scenario.outcomes.map((outcome) => [outcome.id, outcome]));
  const beats = new Map(
    scenario.segments.flatMap((segment) =>
      segment.beats.map((beat) => [beat.id, { beat, segment: segment.id }] as const),
    ),
  );
  const root = `#${scenario.id}`;
  const stageOf: StageLookup = (id) => decisions.get(id)?.stage ?? 'act';

  const sceneStates: Record<string, unknown> = {};
  for (const compiled of segments.values())
    sceneStates[compiled.segment.id] = segmentState(compiled, root);

  const gotoHandlers = [
    ...scenario.segments.map((segment) => ({
      guard: { type: 'isGotoSegment', params: { segment: segment.id } },
      target: `.${segment.id}`,
      reenter: true,
    })),
    ...scenario.outcomes.map((outcome) => ({
      guard: { type: 'isGotoOutcome', params: { outcome: outcome.id } },
      target: `${root}.scene.concluded.${outcome.id}`,
    })),
  ];

  const concludedStates: Record<string, unknown> = {};
  for (const outcome of scenario.outcomes) {
    const concluded: ConcludedEvent = { type: 'scene.concluded', outcome: outcome.id };
    concludedStates[outcome.id] = { type: 'final', entry: raise(concluded) };
  }

  const stageStates: Record<DecisionStage, Record<string, unknown>> = {
    determine: {},
    commit: {},
    choose: {},
    act: {},
    report: {},
  };
  for (const decision of scenario.decisions) {
    stageStates[decision.stage][decision.id] = decisionState(decision, root, stageOf);
  }
  const toReport = { 'scene.concluded': `${root}.trainee.report` };
  const promptTransitions = scenario.segments.flatMap((segment) =>
    segment.beats
      .filter((beat) => beat.prompt !== undefined)
      .map((beat) => {
        const decision = decisions.get(beat.prompt ?? '');
        return {
          guard: { type: 'isBeat', params: { beat: beat.id } },
          target: `${root}.trainee.${decision?.stage ?? 'act'}.${beat.prompt ?? ''}`,
        };
      }),
  );
  // XState wants an initial child for every compound state, though these are only ever entered
  // through a named decision.
  const sceneStage = (stage: DecisionStage) => ({
    on: toReport,
    initial: Object.keys(stageStates[stage])[0],
    states: stageStates[stage],
  });

  const config = {
    id: scenario.id,
    type: 'parallel',
    context: { window: 'clear' },
    states: {
      scene: {
        initial: 'playing',
        states: {
          playing: {
            initial: scenario.startSegment,
            on: { 'scene.goto': gotoHandlers },
            states: sceneStates,
          },
          // Entered only through a named outcome; XState still wants an initial child.
          concluded: { initial: scenario.outcomes[0]?.id, states: concludedStates },
        },
      },
      trainee: {
        initial: 'see',
        states: {
          see: {
            on: {
              'trainee.signal': `${root}.trainee.determine.${scenario.onSignal}`,
              'scene.beat': promptTransitions,
              ...toReport,
            },
          },
          determine: sceneStage('determine'),
          commit: sceneStage('commit'),
          choose: sceneStage('choose'),
          act: sceneStage('act'),
          // After stepping in, the scene can still put follow-up tasks to the trainee.
          resolved: { on: { 'scene.beat': promptTransitions, ...toReport } },
          report: {
            initial: scenario.report.start ?? 'write',
            states: {
              ...stageStates.report,
              write: { on: { 'report.submit': `${root}.trainee.done` } },
            },
          },
          done: { type: 'final' },
        },
      },
    },
  };
  // The config is built from data, so its shape is checked by the scenario validator and the
  // graph tests rather than by XState's per-state typings.
  const machine = encounterSetup.createMachine(
    config as unknown as Parameters<typeof encounterSetup.createMachine>[0],
  );
  return { scenario, machine, segments, decisions, outcomes, beats };
}

function compileSegment(segment: Segment): CompiledSegment {
  const points: ScenePoint[] = [
    ...(segment.windows ?? []).map((mark): ScenePoint => ({
      kind: 'window',
      state: `window-${mark.window}`,
      at: mark.from,
      window: mark.window,
    })),
    ...segment.beats.map((beat): ScenePoint => ({
      kind: 'beat',
      state: beat.id,
      at: beat.at,
      beat,
    })),
  ];
  // Stable sort: at equal times windows (listed first) open before the beats they frame.
  points.sort((a, b) => a.at - b.at);
  return { segment, points };
}

function segmentState(compiled: CompiledSegment, root: string) {
  const { segment, points } = compiled;
  const states: Record<string, unknown> = {};
  const stateNames = ['begin', ...points.map((p) => p.state)];
  stateNames.forEach((name, i) => {
    const next = points[i];
    const entry = i === 0 ? undefined : windowEntry(points[i - 1]);
    const on = next
      ? { [pointEventType(next)]: { guard: pointGuard(next), target: next.state } }
      : {
          'scene.end': {
            guard: { type: 'isSegmentEnd', params: { segment: segment.id } },
            target: targetState(segment.then, root),
          },
        };
    states[name] = entry ? { entry, on } : { on };
  });
  return {
    entry: { type: 'segmentEntered', params: { segment: segment.id } },
    initial: 'begin',
    states,
  };
}

function windowEntry(point: ScenePoint | undefined) {
  return point?.kind === 'window'
    ? { type: 'enterWindow', params: { window: point.window } }
    : undefined;
}

function pointEventType(point: ScenePoint): ClockEvent['type'] {
  return point.kind === 'beat' ? 'scene.beat' : 'scene.window';
}

function pointGuard(point: ScenePoint) {
  return point.kind === 'beat'
    ? { type: 'isBeat', params: { beat: point.beat.id } }
    : { type: 'isWindowStart', params: { window: point.window } };
}

function targetState(target: Target, root: string): string {
  return 'segment' in target
    ? `${root}.scene.playing.${target.segment}`
    : `${root}.scene.concluded.${target.outcome}`;
}

type StageLookup = (decisionId: string) => DecisionStage;

function decisionState(decision: Decision, root: string, stageOf: StageLookup) {
  const optionTransitions = decision.options.flatMap((option) =>
    consequenceTransitions(
      option,
      { type: 'isOption', params: { decision: decision.id, option: option.id } },
      root,
      stageOf,
    ),
  );
  const timeoutTransitions = consequenceTransitions(
    decision.timeout,
    { type: 'isTimeout', params: { decision: decision.id } },
    root,
    stageOf,
  );
  return {
    entry: { type: 'decisionOpened', params: { decision: decision.id } },
    on: { 'decision.select': optionTransitions, 'decision.timeout': timeoutTransitions },
  };
}

/** Per-window overrides first (guarded), then the base consequence. */
function consequenceTransitions(
  consequence: Option | Timeout,
  eventGuard: { type: string; params: Record<string, string> },
  root: string,
  stageOf: StageLookup,
) {
  const transitions: unknown[] = windowsThatBranch(consequence).map((window) => {
    const resolved = consequenceIn(consequence, window);
    return {
      guard: and([eventGuard, { type: 'inWindow', params: { window } }]),
      ...transitionTo(resolved.next, resolved.goto, root, stageOf),
    };
  });
  transitions.push({
    guard: eventGuard,
    ...transitionTo(consequence.next, consequence.goto, root, stageOf),
  });
  return transitions;
}

function transitionTo(next: string, goto: Target | undefined, root: string, stageOf: StageLookup) {
  const target = nextState(next, root, stageOf);
  if (!goto) return { target };
  const event =
    'segment' in goto
      ? ({ type: 'scene.goto', segment: goto.segment } as const)
      : ({ type: 'scene.goto', outcome: goto.outcome } as const);
  return { target, actions: raise(event) };
}

function nextState(next: string, root: string, stageOf: StageLookup): string {
  switch (next) {
    case 'observe':
      return `${root}.trainee.see`;
    case 'resolved':
      return `${root}.trainee.resolved`;
    case 'write':
      return `${root}.trainee.report.write`;
    default:
      return `${root}.trainee.${stageOf(next)}.${next}`;
  }
}
