/**
 * Everything that can happen to an encounter, as events on the scenario clock. The run log is a
 * list of these with their times; nothing else is the truth.
 */
import type { Window } from '../scenario/schema.ts';

/** A beat of the scene plays (sent by the clock when its time comes). */
export interface BeatEvent {
  readonly type: 'scene.beat';
  readonly beat: string;
}
/** A decision window begins (sent by the clock). */
export interface WindowEvent {
  readonly type: 'scene.window';
  readonly window: Window;
}
/** A segment has run out with nobody changing its course: the delay branch (sent by the clock). */
export interface SegmentEndEvent {
  readonly type: 'scene.end';
  readonly segment: string;
}
/** The trainee says "something is wrong" (stage 1, see). */
export interface SignalEvent {
  readonly type: 'trainee.signal';
}
/** The trainee picks an option of the open decision. */
export interface SelectEvent {
  readonly type: 'decision.select';
  readonly decision: string;
  readonly option: string;
}
/** The open decision ran out of time: inaction (sent by the clock). */
export interface TimeoutEvent {
  readonly type: 'decision.timeout';
  readonly decision: string;
}
/** The trainee hands in the report with the items they chose to include. */
export interface ReportEvent {
  readonly type: 'report.submit';
  readonly items: readonly string[];
}

/** Events the clock sends as scenario time passes. */
export type ClockEvent = BeatEvent | WindowEvent | SegmentEndEvent | TimeoutEvent;
/** Events that come from the trainee. */
export type InputEvent = SignalEvent | SelectEvent | ReportEvent;
/** Every event that enters the run log. */
export type EncounterEvent = ClockEvent | InputEvent;

/** Raised inside the machine, never logged: a trainee's choice sends the scene elsewhere. */
export type GotoEvent =
  | { readonly type: 'scene.goto'; readonly segment: string }
  | { readonly type: 'scene.goto'; readonly outcome: string };
/** Raised inside the machine, never logged: the scene reached an outcome. */
export interface ConcludedEvent {
  readonly type: 'scene.concluded';
  readonly outcome: string;
}
export type MachineEvent = EncounterEvent | GotoEvent | ConcludedEvent;

export function isInputEvent(event: EncounterEvent): event is InputEvent {
  return (
    event.type === 'trainee.signal' ||
    event.type === 'decision.select' ||
    event.type === 'report.submit'
  );
}
