/**
 * What happened in a run, measured: cue onsets, signals, every answer with the window it fell in,
 * time in each stage, segments and windows as lived, harm exposure, the outcome and the report.
 * Pure: replays the log through the scenario's machine. Scoring and the debrief read this.
 */
import type { CompiledScenario, TraineeStage } from '../encounter/compileScenario.ts';
import type {
  CueLevel,
  Decision,
  DecisionStage,
  InterventionStyle,
  Outcome,
  Rating,
  Window,
} from '../scenario/schema.ts';
import type { LogEntry, RunLog } from '../run/runLog.ts';
import {
  accepts,
  applyEntry,
  currentWindow,
  scenePosition,
  startRun,
  traineePosition,
  type RunState,
} from '../run/runner.ts';
import { consequenceIn } from '../scenario/consequence.ts';
import { SCORING } from './weights.ts';

export interface CueOnset {
  readonly beat: string;
  readonly level: CueLevel;
  readonly note: string;
  readonly t: number;
}

export interface Signal {
  readonly t: number;
  readonly window: Window;
  /** Before any cue, or where nothing called for intervention. */
  readonly falseAlarm: boolean;
}

export interface Answer {
  readonly decision: string;
  readonly stage: DecisionStage;
  readonly prompt: string;
  /** The option chosen, or undefined when the decision timed out. */
  readonly option: string | undefined;
  readonly text: string;
  readonly timedOut: boolean;
  readonly openedAt: number;
  readonly answeredAt: number;
  readonly window: Window;
  readonly rating: Rating;
  readonly reason: string;
  readonly reference: string;
  readonly style: InterventionStyle | undefined;
  readonly intervenes: boolean;
  /** Stepped in where force was lawful or nothing was wrong. */
  readonly overIntervention: boolean;
  /** An intervention after which the scene was no longer in a harmful segment. */
  readonly stoppedHarm: boolean;
  /** The decision was put to the trainee by a beat's prompt, not opened by their signal. */
  readonly prompted: boolean;
}

/** The moment the trainee showed they saw the problem. */
export interface Recognition {
  readonly t: number;
  /**
   * Their own signal; a good answer when the scene asked them (a prompted stage-2 decision); or
   * a good stage-2 answer given once the cues were there, after a signal that came too early.
   */
  readonly via: 'signal' | 'prompt' | 'answer';
  readonly answer: Answer | undefined;
}

/** A beat's prompt that could not open because the trainee was at another decision. */
export interface MissedPrompt {
  readonly beat: string;
  readonly decision: string;
  readonly t: number;
  /** The decision the trainee was at instead. */
  readonly busyWith: string;
}

/** A decision still open when the scene ended. */
export interface Interrupted {
  readonly decision: string;
  readonly stage: DecisionStage;
  readonly prompt: string;
  readonly openedAt: number;
  readonly at: number;
}

export interface Span<T> {
  readonly value: T;
  readonly from: number;
  readonly to: number;
}

export interface WindowSpan extends Span<Window> {
  /** When the window was due to end as scheduled, for timing credit. */
  readonly plannedEnd: number;
}

export interface RunStep {
  readonly entry: LogEntry;
  readonly accepted: boolean;
  readonly after: RunState;
}

export interface RunAnalysis {
  readonly steps: readonly RunStep[];
  readonly cues: readonly CueOnset[];
  readonly firstCueAt: number | undefined;
  /** First cue of level warning or critical: misconduct under way. */
  readonly firstHarmCueAt: number | undefined;
  readonly signals: readonly Signal[];
  readonly recognition: Recognition | undefined;
  /** Seconds from the first cue to the recognition. */
  readonly recognitionTime: number | undefined;
  readonly answers: readonly Answer[];
  readonly interrupted: readonly Interrupted[];
  readonly missedPrompts: readonly MissedPrompt[];
  readonly beatsPlayed: ReadonlySet<string>;
  readonly stages: readonly Span<TraineeStage>[];
  readonly segments: readonly Span<string>[];
  readonly windows: readonly WindowSpan[];
  /** When the harm point is scheduled in the start segment. */
  readonly harmPointAt: number | undefined;
  readonly harmPointReached: boolean;
  /** The first intervening answer outside a clear window. */
  readonly intervention: Answer | undefined;
  /** The first intervention that took the scene out of harm. */
  readonly effectiveIntervention: Answer | undefined;
  readonly overInterventions: readonly Answer[];
  /** Seconds the scene spent in harmful segments after misconduct began. */
  readonly harmExposure: number;
  readonly outcome: { readonly outcome: Outcome; readonly t: number } | undefined;
  readonly report: { readonly items: readonly string[]; readonly t: number } | undefined;
  readonly endedAt: number;
}

/** Thrown when a log belongs to another scenario or another version of it. */
export class LogMismatchError extends Error {}

/** Pure: replays `log` and measures the run. */
export function analyzeRun(compiled: CompiledScenario, log: RunLog): RunAnalysis {
  const { scenario } = compiled;
  if (log.scenario.id !== scenario.id || log.scenario.version !== scenario.version) {
    throw new LogMismatchError(
      `this run was recorded with scenario "${log.scenario.id}" version ${log.scenario.version}, but "${scenario.id}" version ${scenario.version} is loaded`,
    );
  }

  const steps: RunStep[] = [];
  let state = startRun(compiled);
  for (const entry of log.entries) {
    const accepted = accepts(state, entry.event);
    state = applyEntry(compiled, state, entry);
    steps.push({ entry, accepted, after: state });
  }
  const endedAt = log.entries[log.entries.length - 1]?.t ?? 0;

  const cues: CueOnset[] = [];
  const signals: Signal[] = [];
  const answers: Answer[] = [];
  const interrupted: Interrupted[] = [];
  const missedPrompts: MissedPrompt[] = [];
  const beatsPlayed = new Set<string>();
  const harmful = new Set(scenario.segments.filter((s) => s.harmful).map((s) => s.id));
  const stageSpans = new SpanBuilder<TraineeStage>('see', 0);
  const segmentSpans = new SpanBuilder<string>(scenario.startSegment, 0);
  const windowSpans: WindowSpan[] = [];
  let openWindow: { window: Window; from: number; plannedEnd: number } = {
    window: 'clear',
    from: 0,
    plannedEnd: Infinity,
  };
  let harmPointReached = false;
  let outcome: RunAnalysis['outcome'];
  let report: RunAnalysis['report'];

  let before = startRun(compiled);
  let openedByPrompt = false;
  for (const step of steps) {
    const { entry, accepted, after } = step;
    const event = entry.event;
    if (accepted) {
      if (event.type === 'scene.beat') {
        beatsPlayed.add(event.beat);
        const found = compiled.beats.get(event.beat);
        const busyWith = traineePosition(before.snapshot).decision;
        if (found?.beat.prompt !== undefined && busyWith !== undefined) {
          missedPrompts.push({
            beat: event.beat,
            decision: found.beat.prompt,
            t: entry.t,
            busyWith,
          });
        }
        if (found?.beat.cue)
          cues.push({
            beat: event.beat,
            level: found.beat.cue.level,
            note: found.beat.cue.note,
            t: entry.t,
          });
        if (found?.beat.harmPoint) harmPointReached = true;
      }
      if (event.type === 'trainee.signal') {
        const window = currentWindow(before);
        const firstCue = cues[0]?.t;
        signals.push({
          t: entry.t,
          window,
          falseAlarm:
            window === 'clear' || firstCue === undefined || !scenario.interventionRequired,
        });
      }
      if (event.type === 'decision.select' || event.type === 'decision.timeout') {
        const decision = compiled.decisions.get(event.decision);
        if (decision) {
          const scene = scenePosition(after.snapshot);
          const outOfHarm = scene.kind === 'concluded' || !harmful.has(scene.segment);
          answers.push(
            answerOf(
              decision,
              event.type === 'decision.select' ? event.option : undefined,
              before,
              entry.t,
              outOfHarm,
              openedByPrompt,
            ),
          );
        }
      }
      if (event.type === 'report.submit') report = { items: [...event.items], t: entry.t };
      const open = traineePosition(before.snapshot).decision;
      const answered =
        (event.type === 'decision.select' || event.type === 'decision.timeout') &&
        event.decision === open;
      const decision = open === undefined ? undefined : compiled.decisions.get(open);
      if (decision && !answered && traineePosition(after.snapshot).decision !== open) {
        interrupted.push({
          decision: decision.id,
          stage: decision.stage,
          prompt: decision.prompt,
          openedAt: before.decisionOpenedAt ?? entry.t,
          at: entry.t,
        });
      }
    }

    const afterWindow = currentWindow(after);
    if (event.type === 'scene.window' && accepted) {
      windowSpans.push({
        value: openWindow.window,
        from: openWindow.from,
        to: entry.t,
        plannedEnd: openWindow.plannedEnd,
      });
      openWindow = {
        window: afterWindow,
        from: entry.t,
        plannedEnd: plannedWindowEnd(compiled, after, afterWindow, entry.t),
      };
    }
    const scene = scenePosition(after.snapshot);
    if (scene.kind === 'playing')
      segmentSpans.enter(scene.segment, after.segmentStartedAt, entry.t);
    else {
      segmentSpans.close(entry.t);
      if (!outcome) {
        const reached = compiled.outcomes.get(scene.outcome);
        if (reached) outcome = { outcome: reached, t: entry.t };
      }
    }
    stageSpans.enter(traineePosition(after.snapshot).stage, undefined, entry.t);
    const openBefore = traineePosition(before.snapshot).decision;
    const openAfter = traineePosition(after.snapshot).decision;
    if (openAfter !== undefined && openAfter !== openBefore) {
      openedByPrompt = event.type === 'scene.beat';
    }
    before = after;
  }
  windowSpans.push({
    value: openWindow.window,
    from: openWindow.from,
    to: outcome?.t ?? endedAt,
    plannedEnd: openWindow.plannedEnd,
  });
  const segments = segmentSpans.finish(outcome?.t ?? endedAt);
  const stages = stageSpans.finish(endedAt);

  const firstCueAt = cues[0]?.t;
  const firstHarmCueAt = cues.find((c) => c.level !== 'early')?.t;
  const bySignal = signals.find((s) => !s.falseAlarm);
  // A trainee who signals a moment before the first cue (a false alarm) and then judges the
  // situation correctly once the cue is there has seen the problem: the judgement is the moment.
  const byAnswer =
    scenario.interventionRequired && firstCueAt !== undefined
      ? answers.find(
          (a) =>
            a.stage === 'determine' &&
            (a.rating === 'best' || a.rating === 'acceptable') &&
            (a.prompted || a.answeredAt >= firstCueAt),
        )
      : undefined;
  const recognition: Recognition | undefined =
    bySignal && (!byAnswer || bySignal.t <= byAnswer.answeredAt)
      ? { t: bySignal.t, via: 'signal', answer: undefined }
      : byAnswer
        ? { t: byAnswer.answeredAt, via: byAnswer.prompted ? 'prompt' : 'answer', answer: byAnswer }
        : undefined;
  const harmExposure =
    firstHarmCueAt === undefined
      ? 0
      : segments
          .filter((span) => harmful.has(span.value))
          .reduce(
            (total, span) => total + Math.max(0, span.to - Math.max(span.from, firstHarmCueAt)),
            0,
          );
  const start = compiled.segments.get(scenario.startSegment);
  const harmBeat = start?.segment.beats.find((b) => b.harmPoint);

  return {
    steps,
    cues,
    firstCueAt,
    firstHarmCueAt,
    signals,
    recognition,
    recognitionTime:
      recognition && firstCueAt !== undefined ? recognition.t - firstCueAt : undefined,
    answers,
    interrupted,
    missedPrompts,
    beatsPlayed,
    stages,
    segments,
    windows: windowSpans.filter((w) => w.to > w.from || w.value !== 'clear'),
    harmPointAt: harmBeat?.at,
    harmPointReached,
    intervention: answers.find((a) => a.intervenes && !a.overIntervention),
    effectiveIntervention: answers.find(
      (a) => a.intervenes && !a.overIntervention && a.stoppedHarm,
    ),
    overInterventions: answers.filter((a) => a.overIntervention),
    harmExposure,
    outcome,
    report,
    endedAt,
  };
}

function answerOf(
  decision: Decision,
  optionId: string | undefined,
  before: RunState,
  t: number,
  outOfHarm: boolean,
  prompted: boolean,
): Answer {
  const window = currentWindow(before);
  const option = decision.options.find((o) => o.id === optionId);
  const consequence = consequenceIn(option ?? decision.timeout, window);
  const intervenes = option?.intervenes ?? false;
  return {
    decision: decision.id,
    stage: decision.stage,
    prompt: decision.prompt,
    option: option?.id,
    text: option?.text ?? `No answer within ${decision.timeout.after} s`,
    timedOut: option === undefined,
    openedAt: before.decisionOpenedAt ?? t,
    answeredAt: t,
    window,
    rating: consequence.rating,
    reason: consequence.reason,
    reference: consequence.reference,
    style: option?.style,
    intervenes,
    overIntervention: intervenes && window === 'clear',
    stoppedHarm: intervenes && outOfHarm,
    prompted,
  };
}

/** When the window just begun is due to end: the next window mark, or the segment's end. */
function plannedWindowEnd(
  compiled: CompiledScenario,
  state: RunState,
  window: Window,
  from: number,
): number {
  if (window === 'late') return from + SCORING.lateWindowSpan;
  const scene = scenePosition(state.snapshot);
  if (scene.kind !== 'playing') return from;
  const segment = compiled.segments.get(scene.segment)?.segment;
  if (!segment) return from;
  const offset = from - state.segmentStartedAt;
  const nextMark = segment.windows?.find((mark) => mark.from > offset);
  return state.segmentStartedAt + (nextMark?.from ?? segment.endsAt);
}

/** Collects consecutive spans of a value over time; a re-entry at a new start opens a new span. */
class SpanBuilder<T> {
  private readonly spans: Array<Span<T>> = [];
  private open: { value: T; from: number; key: number | undefined } | undefined;

  constructor(value: T, from: number) {
    this.open = { value, from, key: from };
  }

  enter(value: T, key: number | undefined, t: number): void {
    if (this.open && this.open.value === value && (key === undefined || key === this.open.key))
      return;
    this.close(t);
    this.open = { value, from: t, key };
  }

  close(t: number): void {
    if (this.open) this.spans.push({ value: this.open.value, from: this.open.from, to: t });
    this.open = undefined;
  }

  finish(t: number): Array<Span<T>> {
    this.close(t);
    return this.spans;
  }
}
