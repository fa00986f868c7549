/**
 * Pure stepping of an encounter on the scenario clock: where the scene and the trainee are, which
 * clock event is due next, and what one logged event does. The live session and replay both use
 * these functions, which is what makes replay exact.
 */
import { initialTransition, transition } from 'xstate';
import type {
  CompiledScenario,
  EncounterSnapshot,
  TraineeStage,
} from '../encounter/compileScenario.ts';
import type { ClockEvent, EncounterEvent } from '../encounter/events.ts';
import type { Window } from '../scenario/schema.ts';
import type { LogEntry } from './runLog.ts';

export interface RunState {
  readonly snapshot: EncounterSnapshot;
  /** The scenario time of the last event applied. */
  readonly time: number;
  /** When the current segment began, on the scenario clock. */
  readonly segmentStartedAt: number;
  /** When the open decision opened, or undefined when none is open. */
  readonly decisionOpenedAt: number | undefined;
}

export type ScenePosition =
  | { readonly kind: 'playing'; readonly segment: string; readonly point: string }
  | { readonly kind: 'concluded'; readonly outcome: string };

export interface TraineePosition {
  readonly stage: TraineeStage;
  /** The open decision, when the trainee is at a decision. */
  readonly decision: string | undefined;
}

/** Pure: the state before anything has happened, at scenario time 0. */
export function startRun(compiled: CompiledScenario): RunState {
  const [snapshot] = initialTransition(compiled.machine) as [EncounterSnapshot, unknown];
  return { snapshot, time: 0, segmentStartedAt: 0, decisionOpenedAt: undefined };
}

/** One pure XState transition, typed for the encounter. */
function step(compiled: CompiledScenario, snapshot: EncounterSnapshot, event: EncounterEvent) {
  return transition(compiled.machine, snapshot as never, event) as [
    EncounterSnapshot,
    Array<{ type: string }>,
  ];
}

/** Where the scene is, read off the snapshot. */
export function scenePosition(snapshot: EncounterSnapshot): ScenePosition {
  const scene = (snapshot.value as { scene: Record<string, unknown> }).scene;
  if ('concluded' in scene) return { kind: 'concluded', outcome: String(scene['concluded']) };
  const playing = scene['playing'] as Record<string, string>;
  const [segment = '', point = 'begin'] = Object.entries(playing)[0] ?? [];
  return { kind: 'playing', segment, point };
}

/** Where the trainee is, read off the snapshot. */
export function traineePosition(snapshot: EncounterSnapshot): TraineePosition {
  const trainee = (snapshot.value as { trainee: string | Record<string, string> }).trainee;
  if (typeof trainee === 'string') return { stage: trainee as TraineeStage, decision: undefined };
  const [stage = 'see', sub] = Object.entries(trainee)[0] ?? [];
  return { stage: stage as TraineeStage, decision: sub === 'write' ? undefined : sub };
}

export function currentWindow(state: RunState): Window {
  return state.snapshot.context.window;
}

/**
 * Pure: the clock event due next and its time, or undefined when the clock has nothing more to
 * send (the scene concluded and no decision is counting down). At equal times the scene moves
 * before a decision times out: the world acts, then the trainee's time runs out.
 */
export function nextClockEvent(compiled: CompiledScenario, state: RunState): LogEntry | undefined {
  const sceneNext = nextSceneEvent(compiled, state.snapshot);
  const sceneEntry: LogEntry | undefined = sceneNext && {
    t: state.segmentStartedAt + sceneNext.at,
    event: sceneNext.event,
  };
  let timeoutEntry: LogEntry | undefined;
  const trainee = traineePosition(state.snapshot);
  if (trainee.decision !== undefined && state.decisionOpenedAt !== undefined) {
    const decision = compiled.decisions.get(trainee.decision);
    if (decision) {
      timeoutEntry = {
        t: state.decisionOpenedAt + decision.timeout.after,
        event: { type: 'decision.timeout', decision: decision.id },
      };
    }
  }
  const due = [sceneEntry, timeoutEntry].filter((e): e is LogEntry => e !== undefined);
  if (due.length === 0) return undefined;
  const earliest = due.reduce((a, b) => (b.t < a.t ? b : a));
  // An event can be due in the past when its segment started late; it plays now.
  return { t: Math.max(earliest.t, state.time), event: earliest.event };
}

/**
 * The scene's next clock event and when it is due, in seconds from the start of its segment: the
 * next beat or window start, or the segment's end.
 */
function nextSceneEvent(
  compiled: CompiledScenario,
  snapshot: EncounterSnapshot,
): { event: ClockEvent; at: number } | undefined {
  const scene = scenePosition(snapshot);
  if (scene.kind !== 'playing') return undefined;
  const segment = compiled.segments.get(scene.segment);
  if (!segment) return undefined;
  const index =
    scene.point === 'begin' ? -1 : segment.points.findIndex((p) => p.state === scene.point);
  const next = segment.points[index + 1];
  if (!next)
    return {
      event: { type: 'scene.end', segment: segment.segment.id },
      at: segment.segment.endsAt,
    };
  return next.kind === 'beat'
    ? { event: { type: 'scene.beat', beat: next.beat.id }, at: next.at }
    : { event: { type: 'scene.window', window: next.window }, at: next.at };
}

/** Whether the machine would react to the event now. */
export function accepts(state: RunState, event: EncounterEvent): boolean {
  return state.snapshot.can(event);
}

/**
 * Pure: applies one logged event. Events the machine does not react to (a stale timeout, a key
 * pressed twice) leave the state as it was, apart from the time.
 */
export function applyEntry(compiled: CompiledScenario, state: RunState, entry: LogEntry): RunState {
  if (!state.snapshot.can(entry.event)) return { ...state, time: Math.max(state.time, entry.t) };
  const [snapshot, actions] = step(compiled, state.snapshot, entry.event);
  let { segmentStartedAt, decisionOpenedAt } = state;
  for (const action of actions) {
    if (action.type === 'segmentEntered') segmentStartedAt = entry.t;
    if (action.type === 'decisionOpened') decisionOpenedAt = entry.t;
  }
  if (traineePosition(snapshot).decision === undefined) decisionOpenedAt = undefined;
  return { snapshot, time: Math.max(state.time, entry.t), segmentStartedAt, decisionOpenedAt };
}

/** True once the trainee has handed in the report: nothing more can happen. */
export function isFinished(state: RunState): boolean {
  return traineePosition(state.snapshot).stage === 'done';
}

/**
 * Pure: the clock events due up to and including time `t`, applied in order. Returns the new
 * state and the entries to append to the log.
 */
export function advanceClock(
  compiled: CompiledScenario,
  state: RunState,
  t: number,
): { state: RunState; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  let current = state;
  // Every clock event moves the scene or closes a decision, so the loop ends; the bound is a
  // guard against a malformed machine, not a limit a real scenario reaches.
  for (let guard = 0; guard < 100_000; guard++) {
    const next = nextClockEvent(compiled, current);
    if (!next || next.t > t) break;
    entries.push(next);
    current = applyEntry(compiled, current, next);
  }
  return { state: { ...current, time: Math.max(current.time, t) }, entries };
}

/**
 * Pure: every event the encounter could receive next in this state, whatever the time: the
 * scene's next point or its end, the signal, each option of the open decision and its timeout,
 * the report. The graph tests walk the machine with it; the debrief's "what if" uses it to list
 * the branches not taken.
 */
export function possibleEvents(
  compiled: CompiledScenario,
  snapshot: EncounterSnapshot,
): EncounterEvent[] {
  const events: EncounterEvent[] = [];
  const sceneNext = nextSceneEvent(compiled, snapshot);
  if (sceneNext) events.push(sceneNext.event);
  const trainee = traineePosition(snapshot);
  if (trainee.stage === 'see') events.push({ type: 'trainee.signal' });
  const decision =
    trainee.decision === undefined ? undefined : compiled.decisions.get(trainee.decision);
  if (decision) {
    for (const option of decision.options) {
      events.push({ type: 'decision.select', decision: decision.id, option: option.id });
    }
    events.push({ type: 'decision.timeout', decision: decision.id });
  }
  if (trainee.stage === 'report' && trainee.decision === undefined) {
    events.push({
      type: 'report.submit',
      items: compiled.scenario.report.items.map((item) => item.id),
    });
  }
  return events;
}
