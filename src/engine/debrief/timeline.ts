/**
 * The debrief timeline: what the scene did and what the trainee did, on one scenario clock, with
 * the measures an instructor reads out. Pure: a function of the compiled scenario and the run log,
 * through analyzeRun, so it agrees with the score to the tenth of a second.
 */
import type { CompiledScenario, TraineeStage } from '../encounter/compileScenario.ts';
import type { EncounterEvent } from '../encounter/events.ts';
import type {
  CueLevel,
  DecisionStage,
  InterventionStyle,
  Outcome,
  Rating,
  Window,
} from '../scenario/schema.ts';
import type { RunLog } from '../run/runLog.ts';
import {
  scenePosition,
  startRun,
  traineePosition,
  type RunState,
  type ScenePosition,
  type TraineePosition,
} from '../run/runner.ts';
import { analyzeRun, type Answer, type RunAnalysis } from '../scoring/analyzeRun.ts';
import { optionLetter } from '../classroom/vote.ts';
import {
  BRANCH_LABELS,
  STAGE_NAMES,
  WINDOW_MEANINGS,
  beatText,
  decisionStageNumber,
  plural,
  quote,
  roundTime,
  seconds,
  sentence,
  stageLabel,
  type StageNumber,
} from './words.ts';

/**
 * Every item carries `entry`, the index in `log.entries` of the event that caused it, so a replay
 * scrubber can jump to it and items at the same instant keep their causal order. It is undefined
 * for the state the run starts in (the start segment, watching, the clear window).
 */
export interface Caused {
  readonly entry: number | undefined;
}

export interface TimelineCue extends Caused {
  readonly t: number;
  readonly beat: string;
  readonly segment: string;
  readonly level: CueLevel;
  readonly note: string;
  /**
   * The cue came before the trainee recognised the problem, or the trainee never did. A cue at
   * the very instant of recognition is the one that was recognised, so it is not missed.
   */
  readonly missed: boolean;
}

export interface TimelineHarmPoint {
  readonly beat: string;
  readonly text: string;
  /** When the harm point is due if nobody changes the course of the start segment. */
  readonly scheduledAt: number;
  readonly reached: boolean;
  readonly reachedAt: number | undefined;
  readonly entry: number | undefined;
}

export interface TimelineWindow extends Caused {
  readonly window: Window;
  readonly meaning: string;
  readonly from: number;
  readonly to: number;
}

export interface TimelineSegment extends Caused {
  readonly segment: string;
  readonly title: string;
  readonly harmful: boolean;
  readonly from: number;
  readonly to: number;
}

export interface TimelineOutcome extends Caused {
  readonly t: number;
  readonly outcome: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Outcome['severity'];
  readonly branch: string | undefined;
}

export interface SceneTrack {
  readonly cues: readonly TimelineCue[];
  /** Undefined when the scenario has no harm point (lawful force). */
  readonly harmPoint: TimelineHarmPoint | undefined;
  readonly windows: readonly TimelineWindow[];
  readonly segments: readonly TimelineSegment[];
  readonly outcome: TimelineOutcome | undefined;
}

export interface TimelineSignal extends Caused {
  readonly t: number;
  readonly window: Window;
  readonly falseAlarm: boolean;
  /** This is the signal recognition time is measured to. */
  readonly recognition: boolean;
}

export interface TimelineStage extends Caused {
  readonly stage: TraineeStage;
  readonly number: StageNumber | undefined;
  readonly name: string;
  /** The decision that opened as the trainee entered the stage, if any. */
  readonly decision: { readonly id: string; readonly prompt: string } | undefined;
  readonly from: number;
  readonly to: number;
}

export interface TimelineChoice extends Caused {
  readonly t: number;
  readonly openedAt: number;
  readonly decision: string;
  readonly stage: DecisionStage;
  readonly stageNumber: StageNumber | undefined;
  readonly prompt: string;
  /** The option chosen; undefined when the decision timed out. */
  readonly option: string | undefined;
  readonly text: string;
  readonly rating: Rating;
  readonly reason: string;
  readonly reference: string;
  readonly style: InterventionStyle | undefined;
  readonly window: Window;
  readonly timedOut: boolean;
  readonly prompted: boolean;
  readonly intervenes: boolean;
  readonly stoppedHarm: boolean;
  readonly overIntervention: boolean;
}

/** A decision the scene's ending cut off before the trainee answered it. */
export interface TimelineInterrupted extends Caused {
  readonly t: number;
  readonly openedAt: number;
  readonly decision: string;
  readonly stage: DecisionStage;
  readonly prompt: string;
}

export interface TimelineMissedPrompt extends Caused {
  readonly t: number;
  readonly beat: string;
  readonly decision: string;
  readonly prompt: string;
  readonly busyWith: string;
  readonly busyWithPrompt: string;
}

export interface TimelineReport extends Caused {
  readonly t: number;
  readonly items: readonly string[];
}

export interface TraineeTrack {
  readonly signals: readonly TimelineSignal[];
  readonly stages: readonly TimelineStage[];
  readonly choices: readonly TimelineChoice[];
  readonly interrupted: readonly TimelineInterrupted[];
  readonly report: TimelineReport | undefined;
}

export type MeasureId =
  | 'recognition'
  | `stage-${TraineeStage}`
  | 'time-to-intervention'
  | 'time-to-effective-intervention'
  | 'margin-to-harm-point'
  | 'harm-exposure';

export interface TimelineMeasure {
  readonly id: MeasureId;
  readonly label: string;
  /** Undefined when there is nothing to measure (no cue, no intervention). */
  readonly seconds: number | undefined;
  /** One sentence an instructor can read aloud. */
  readonly sentence: string;
}

export type TimelineRowKind =
  | 'segment'
  | 'window'
  | 'cue'
  | 'harm-point'
  | 'outcome'
  | 'signal'
  | 'stage'
  | 'choice'
  | 'missed-prompt'
  | 'interrupted'
  | 'report'
  | 'vote'
  | 'rewind';

/** One line of the table that stands in for the timeline for screen readers and print. */
export interface TimelineRow extends Caused {
  readonly t: number;
  readonly track: 'scene' | 'trainee';
  readonly kind: TimelineRowKind;
  readonly what: string;
  /** Missed cues and missed prompts: the UI highlights these. */
  readonly flagged: boolean;
  /**
   * For the trainee's decisions (and the moments they let pass): the scene time a replay of this
   * row starts from, which for an answer is when its question was put, so the viewer sees what
   * the trainee saw before answering. Undefined for rows that are not a decision.
   */
  readonly replayFrom: number | undefined;
}

export interface DebriefTimeline {
  readonly scenario: { readonly id: string; readonly version: number; readonly title: string };
  /** The last event of the run. */
  readonly endedAt: number;
  /** When the scene reached its outcome, or the end of the run if it never did. */
  readonly sceneEndedAt: number;
  readonly scene: SceneTrack;
  readonly trainee: TraineeTrack;
  readonly recognition:
    { readonly t: number; readonly via: 'signal' | 'prompt' | 'answer' } | undefined;
  readonly missedCues: readonly TimelineCue[];
  readonly missedPrompts: readonly TimelineMissedPrompt[];
  readonly measures: readonly TimelineMeasure[];
  /** Everything above, in the order it happened. */
  readonly rows: readonly TimelineRow[];
}

/**
 * Pure: the timeline of a run. Throws LogMismatchError when the log belongs to another scenario
 * or version. Pass `run` when the caller has already analysed the log (the debrief scores it too).
 */
export function debriefTimeline(
  compiled: CompiledScenario,
  log: RunLog,
  run: RunAnalysis = analyzeRun(compiled, log),
): DebriefTimeline {
  const { scenario } = compiled;
  const steps = stepsOf(compiled, run);
  const accepted = (i: number) => steps[i]?.accepted === true;
  const find = (t: number, test: (step: Step) => boolean): number | undefined => {
    const i = steps.findIndex((step) => step.accepted && step.t === t && test(step));
    return i < 0 ? undefined : i;
  };
  // Cues, signals and answers are collected by analyzeRun in log order, one per accepted event of
  // their kind, so pairing them with those events in order is exact even at equal times.
  const inOrder = (test: (step: Step) => boolean) =>
    steps.flatMap((step, i) => (accepted(i) && test(step) ? [i] : []));
  const cueEntries = inOrder((s) => s.event.type === 'scene.beat' && isCue(compiled, s.event));
  const signalEntries = inOrder((s) => s.event.type === 'trainee.signal');
  const answerEntries = inOrder(
    (s) =>
      (s.event.type === 'decision.select' || s.event.type === 'decision.timeout') &&
      compiled.decisions.has(s.event.decision),
  );

  const recognisedAt = run.recognition?.t;
  const cues: TimelineCue[] = run.cues.map((cue, i) => ({
    entry: cueEntries[i],
    t: cue.t,
    beat: cue.beat,
    segment: compiled.beats.get(cue.beat)?.segment ?? '',
    level: cue.level,
    note: cue.note,
    missed: recognisedAt === undefined || cue.t < recognisedAt,
  }));

  const start = compiled.segments.get(scenario.startSegment)?.segment;
  const harmBeat = start?.beats.find((b) => b.harmPoint);
  const cast = new Map(scenario.cast.map((member) => [member.id, member]));
  const harmStep = steps.findIndex(
    (s) => s.accepted && s.event.type === 'scene.beat' && s.event.beat === harmBeat?.id,
  );
  const harmEntry = harmStep < 0 ? undefined : harmStep;
  const harmPoint: TimelineHarmPoint | undefined =
    harmBeat === undefined || run.harmPointAt === undefined
      ? undefined
      : {
          beat: harmBeat.id,
          text: beatText(harmBeat, cast),
          scheduledAt: run.harmPointAt,
          reached: run.harmPointReached,
          reachedAt: harmEntry === undefined ? undefined : steps[harmEntry]?.t,
          entry: harmEntry,
        };

  const windows: TimelineWindow[] = run.windows.map((span) => ({
    window: span.value,
    meaning: WINDOW_MEANINGS[span.value],
    from: span.from,
    to: span.to,
    entry: find(span.from, (s) => s.event.type === 'scene.window' && s.event.window === span.value),
  }));

  const segments: TimelineSegment[] = run.segments.map((span, i) => {
    const segment = compiled.segments.get(span.value)?.segment;
    return {
      segment: span.value,
      title: segment?.title ?? span.value,
      harmful: segment?.harmful ?? false,
      from: span.from,
      to: span.to,
      entry:
        i === 0 && span.from === 0 && span.value === scenario.startSegment
          ? undefined
          : find(span.from, (s) => enteredSegment(s, span.value)),
    };
  });

  const outcome: TimelineOutcome | undefined = run.outcome && {
    t: run.outcome.t,
    outcome: run.outcome.outcome.id,
    title: run.outcome.outcome.title,
    description: run.outcome.outcome.description,
    severity: run.outcome.outcome.severity,
    branch:
      run.outcome.outcome.branch === undefined
        ? undefined
        : BRANCH_LABELS[run.outcome.outcome.branch],
    entry: find(
      run.outcome.t,
      (s) => s.before.scene.kind === 'playing' && s.after.scene.kind === 'concluded',
    ),
  };

  const recognisingSignal =
    run.recognition?.via === 'signal' ? run.signals.find((s) => !s.falseAlarm) : undefined;
  const signals: TimelineSignal[] = run.signals.map((signal, i) => ({
    entry: signalEntries[i],
    t: signal.t,
    window: signal.window,
    falseAlarm: signal.falseAlarm,
    recognition: signal === recognisingSignal,
  }));

  const stages: TimelineStage[] = run.stages
    .filter((span) => span.value !== 'done')
    .map((span, i) => {
      const entry =
        i === 0 && span.from === 0 && span.value === 'see'
          ? undefined
          : find(
              span.from,
              (s) => s.after.trainee.stage === span.value && s.before.trainee.stage !== span.value,
            );
      const opened = entry === undefined ? undefined : steps[entry]?.after.trainee.decision;
      const decision = opened === undefined ? undefined : compiled.decisions.get(opened);
      return {
        stage: span.value,
        number: STAGE_NAMES[span.value].number,
        name: STAGE_NAMES[span.value].name,
        decision: decision && { id: decision.id, prompt: decision.prompt },
        from: span.from,
        to: span.to,
        entry,
      };
    });

  const choices: TimelineChoice[] = run.answers.map((answer, i) =>
    choiceOf(answer, answerEntries[i]),
  );

  const interrupted: TimelineInterrupted[] = run.interrupted.map((cut) => ({
    t: cut.at,
    openedAt: cut.openedAt,
    decision: cut.decision,
    stage: cut.stage,
    prompt: cut.prompt,
    entry: find(
      cut.at,
      (s) =>
        s.before.trainee.decision === cut.decision && s.after.trainee.decision !== cut.decision,
    ),
  }));

  const missedPrompts: TimelineMissedPrompt[] = run.missedPrompts.map((missed) => ({
    t: missed.t,
    beat: missed.beat,
    decision: missed.decision,
    prompt: compiled.decisions.get(missed.decision)?.prompt ?? missed.decision,
    busyWith: missed.busyWith,
    busyWithPrompt: compiled.decisions.get(missed.busyWith)?.prompt ?? missed.busyWith,
    entry: find(missed.t, (s) => s.event.type === 'scene.beat' && s.event.beat === missed.beat),
  }));

  const report: TimelineReport | undefined = run.report && {
    t: run.report.t,
    items: run.report.items,
    entry: find(run.report.t, (s) => s.event.type === 'report.submit'),
  };

  const scene: SceneTrack = { cues, harmPoint, windows, segments, outcome };
  const trainee: TraineeTrack = { signals, stages, choices, interrupted, report };
  return {
    scenario: { id: scenario.id, version: scenario.version, title: scenario.title },
    endedAt: run.endedAt,
    sceneEndedAt: run.outcome?.t ?? run.endedAt,
    scene,
    trainee,
    recognition: run.recognition && { t: run.recognition.t, via: run.recognition.via },
    missedCues: cues.filter((cue) => cue.missed),
    missedPrompts,
    measures: measuresOf(compiled, run),
    rows: [...rowsOf(scene, trainee, missedPrompts), ...classroomRows(compiled, log)].sort(
      byTimeThenEntry,
    ),
  };
}

/**
 * A class run's votes and the branches it went back from, in words. The room is "the class"
 * here, not "you": an instructor reads these rows to the room that cast the votes.
 */
function classroomRows(compiled: CompiledScenario, log: RunLog): TimelineRow[] {
  const classroom = log.classroom;
  if (!classroom) return [];
  const rows: TimelineRow[] = [];
  for (const vote of classroom.votes) {
    const decision = compiled.decisions.get(vote.decision);
    if (!decision) continue;
    const counts = decision.options
      .map((option, i) => `${optionLetter(i)} ${vote.tally[option.id] ?? 0}`)
      .join(', ');
    const index = decision.options.findIndex((option) => option.id === vote.option);
    const played = decision.options[index];
    rows.push({
      t: vote.t,
      entry: vote.entry,
      track: 'trainee',
      kind: 'vote',
      what: `The class voted at ${quote(decision.prompt)}: ${counts}. ${optionLetter(index)} played${played ? `: ${quote(played.text)}` : ''}.`,
      flagged: false,
      replayFrom: undefined,
    });
  }
  for (const rewind of classroom.rewinds) {
    const prompt = compiled.decisions.get(rewind.decision)?.prompt ?? rewind.decision;
    const outcome =
      rewind.outcome === undefined ? undefined : compiled.outcomes.get(rewind.outcome)?.title;
    rows.push({
      t: rewind.t,
      entry: undefined,
      track: 'trainee',
      kind: 'rewind',
      what: `The class came back to ${quote(prompt)} to try another answer, leaving a branch that had ${outcome === undefined ? `run to ${seconds(rewind.left)}` : `ended in ${quote(outcome)}`}.`,
      flagged: false,
      replayFrom: undefined,
    });
  }
  return rows;
}

// The log, step by step --------------------------------------------------------------------------

interface Step {
  readonly t: number;
  readonly event: EncounterEvent;
  readonly accepted: boolean;
  readonly before: Position;
  readonly after: Position;
}

interface Position {
  readonly scene: ScenePosition;
  readonly trainee: TraineePosition;
  readonly segmentStartedAt: number;
}

function stepsOf(compiled: CompiledScenario, run: RunAnalysis): Step[] {
  let before = positionOf(startRun(compiled));
  return run.steps.map((step) => {
    const after = positionOf(step.after);
    const result = {
      t: step.entry.t,
      event: step.entry.event,
      accepted: step.accepted,
      before,
      after,
    };
    before = after;
    return result;
  });
}

function positionOf(state: RunState): Position {
  return {
    scene: scenePosition(state.snapshot),
    trainee: traineePosition(state.snapshot),
    segmentStartedAt: state.segmentStartedAt,
  };
}

/** A segment's clock restarts when a choice sends the scene back into the segment it is in. */
function enteredSegment(step: Step, segment: string): boolean {
  const { before, after } = step;
  if (after.scene.kind !== 'playing' || after.scene.segment !== segment) return false;
  return (
    before.scene.kind !== 'playing' ||
    before.scene.segment !== segment ||
    before.segmentStartedAt !== after.segmentStartedAt
  );
}

function isCue(compiled: CompiledScenario, event: { readonly beat: string }): boolean {
  return compiled.beats.get(event.beat)?.beat.cue !== undefined;
}

function choiceOf(answer: Answer, entry: number | undefined): TimelineChoice {
  return {
    entry,
    t: answer.answeredAt,
    openedAt: answer.openedAt,
    decision: answer.decision,
    stage: answer.stage,
    stageNumber: decisionStageNumber(answer.stage),
    prompt: answer.prompt,
    option: answer.option,
    text: answer.text,
    rating: answer.rating,
    reason: answer.reason,
    reference: answer.reference,
    style: answer.style,
    window: answer.window,
    timedOut: answer.timedOut,
    prompted: answer.prompted,
    intervenes: answer.intervenes,
    stoppedHarm: answer.stoppedHarm,
    overIntervention: answer.overIntervention,
  };
}

// Measures ---------------------------------------------------------------------------------------

function measuresOf(compiled: CompiledScenario, run: RunAnalysis): TimelineMeasure[] {
  return [
    recognitionMeasure(compiled, run),
    ...stageMeasures(run),
    ...interventionMeasures(compiled, run),
    harmExposureMeasure(compiled, run),
  ];
}

function recognitionMeasure(compiled: CompiledScenario, run: RunAnalysis): TimelineMeasure {
  const base = { id: 'recognition', label: 'Recognition' } as const;
  const firstCue = run.cues[0];
  if (!compiled.scenario.interventionRequired) {
    return {
      ...base,
      seconds: undefined,
      sentence:
        'Recognition: there was no misconduct to recognise; the force in this scene was lawful.',
    };
  }
  if (!firstCue) {
    return {
      ...base,
      seconds: undefined,
      sentence: 'Recognition: no cue played in this run, so there was nothing yet to recognise.',
    };
  }
  const recognised = run.recognition;
  if (!recognised || run.recognitionTime === undefined) {
    return {
      ...base,
      seconds: undefined,
      sentence: `Recognition: you never signalled that something was wrong; ${plural(run.cues.length, 'cue')} went by from ${seconds(firstCue.t)}.`,
    };
  }
  const how =
    recognised.via === 'signal'
      ? `you signalled at ${seconds(recognised.t)}`
      : recognised.via === 'answer'
        ? `you signalled just before it, and judged it correctly at ${seconds(recognised.t)}`
        : `you saw it when the scene asked ${quote(recognised.answer?.prompt ?? '')}, at ${seconds(recognised.t)}`;
  return {
    ...base,
    seconds: roundTime(run.recognitionTime),
    sentence: `Recognition: ${seconds(run.recognitionTime)} after the first cue (the first cue was at ${seconds(firstCue.t)}; ${how}).`,
  };
}

function stageMeasures(run: RunAnalysis): TimelineMeasure[] {
  const totals = new Map<TraineeStage, number>();
  for (const span of run.stages) {
    if (span.value === 'done') continue;
    totals.set(span.value, (totals.get(span.value) ?? 0) + span.to - span.from);
  }
  const order = Object.keys(STAGE_NAMES) as TraineeStage[];
  return order.flatMap((stage) => {
    const total = totals.get(stage);
    if (total === undefined) return [];
    const { number, name } = STAGE_NAMES[stage];
    const label = number === undefined ? name : `Stage ${number}: ${name}`;
    const where =
      stage === 'see'
        ? 'watching the scene (stage 1, See)'
        : stage === 'resolved'
          ? 'after your part was done'
          : stage === 'report'
            ? 'on the report'
            : `at ${stageLabel(stage)}`;
    return [
      {
        id: `stage-${stage}`,
        label,
        seconds: roundTime(total),
        sentence: `Time ${where}: ${seconds(total)}.`,
      },
    ];
  });
}

function interventionMeasures(compiled: CompiledScenario, run: RunAnalysis): TimelineMeasure[] {
  if (!compiled.scenario.interventionRequired) {
    const over = run.overInterventions[0];
    return [
      {
        id: 'time-to-intervention',
        label: 'Time to intervention',
        seconds: undefined,
        sentence: over
          ? `Time to intervention: the force was lawful, but at ${seconds(over.answeredAt)} you stepped in against it (${quote(over.text)}).`
          : 'Time to intervention: the force was lawful and you rightly did not step in.',
      },
    ];
  }
  const harmCue = run.cues.find((c) => c.level !== 'early');
  const since = (answer: Answer) =>
    harmCue === undefined ? undefined : answer.answeredAt - harmCue.t;
  const fromCue = (answer: Answer) => {
    const gap = since(answer);
    if (harmCue === undefined || gap === undefined)
      return `you stepped in at ${seconds(answer.answeredAt)}, before any warning or critical cue`;
    const when =
      gap >= 0
        ? `${seconds(gap)} after the first ${harmCue.level} cue (at ${seconds(harmCue.t)})`
        : `${seconds(-gap)} before the first ${harmCue.level} cue (at ${seconds(harmCue.t)})`;
    return `${when}, at ${seconds(answer.answeredAt)}`;
  };
  const first = run.intervention;
  const effective = run.effectiveIntervention;
  const firstGap = first && since(first);
  const effectiveGap = effective && since(effective);
  const measures: TimelineMeasure[] = [
    {
      id: 'time-to-intervention',
      label: 'Time to intervention',
      seconds: firstGap === undefined ? undefined : roundTime(firstGap),
      sentence: first
        ? `Time to intervention: ${fromCue(first)} (${quote(first.text)}).`
        : 'Time to intervention: you did not step in.',
    },
    {
      id: 'time-to-effective-intervention',
      label: 'Time to the intervention that stopped the harm',
      seconds: effectiveGap === undefined ? undefined : roundTime(effectiveGap),
      sentence: effective
        ? `Harm stopped: ${fromCue(effective)} (${quote(effective.text)}).`
        : first
          ? 'Harm stopped: none of your interventions stopped the harm.'
          : 'Harm stopped: nobody stopped the harm.',
    },
  ];
  if (run.harmPointAt !== undefined) {
    const margin = effective && run.harmPointAt - effective.answeredAt;
    measures.push({
      id: 'margin-to-harm-point',
      label: 'Margin to the harm point',
      seconds: margin === undefined ? undefined : roundTime(margin),
      sentence:
        margin === undefined
          ? `Harm point: due at ${seconds(run.harmPointAt)}; ${run.harmPointReached ? 'it was reached' : 'the scene took another course before it'}, and the harm was not stopped.`
          : margin >= 0
            ? `Harm point: the harm stopped ${seconds(margin)} before the harm point at ${seconds(run.harmPointAt)}.`
            : `Harm point: the harm stopped ${seconds(-margin)} after the harm point at ${seconds(run.harmPointAt)}.`,
    });
  }
  return measures;
}

function harmExposureMeasure(compiled: CompiledScenario, run: RunAnalysis): TimelineMeasure {
  const base = {
    id: 'harm-exposure',
    label: 'Harm exposure',
    seconds: roundTime(run.harmExposure),
  } as const;
  if (!compiled.scenario.interventionRequired) {
    return { ...base, sentence: 'Harm exposure: none; the force in this scene was lawful.' };
  }
  if (run.firstHarmCueAt === undefined) {
    return {
      ...base,
      sentence: 'Harm exposure: none; no warning or critical cue played in this run.',
    };
  }
  return {
    ...base,
    sentence: `Harm exposure: ${seconds(run.harmExposure)} of harm going on after misconduct began at ${seconds(run.firstHarmCueAt)}.`,
  };
}

// Rows -------------------------------------------------------------------------------------------

/** At one instant, causes come before effects: a choice, then the stage and scene it leads to. */
const ROW_ORDER: readonly TimelineRowKind[] = [
  'window',
  'cue',
  'harm-point',
  'missed-prompt',
  'signal',
  'rewind',
  'vote',
  'choice',
  'segment',
  'outcome',
  'interrupted',
  'stage',
  'report',
];

function rowsOf(
  scene: SceneTrack,
  trainee: TraineeTrack,
  missedPrompts: readonly TimelineMissedPrompt[],
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const add = (
    item: Caused & { readonly t: number },
    track: TimelineRow['track'],
    kind: TimelineRowKind,
    what: string,
    flagged = false,
    replayFrom: number | undefined = undefined,
  ) => rows.push({ t: item.t, entry: item.entry, track, kind, what, flagged, replayFrom });

  for (const span of scene.segments) {
    add(
      { t: span.from, entry: span.entry },
      'scene',
      'segment',
      `Scene: "${span.title}" begins${span.harmful ? '; harm goes on while it plays' : ''}.`,
    );
  }
  for (const span of scene.windows) {
    add(
      { t: span.from, entry: span.entry },
      'scene',
      'window',
      `${capitalise(span.window)} window begins: ${span.meaning}.`,
    );
  }
  for (const cue of scene.cues) {
    add(
      cue,
      'scene',
      'cue',
      `${capitalise(cue.level)} cue: ${cue.note}${cue.missed ? ' Missed: it came before you recognised the problem.' : ''}`,
      cue.missed,
    );
  }
  const harm = scene.harmPoint;
  if (harm?.reached && harm.reachedAt !== undefined) {
    add(
      { t: harm.reachedAt, entry: harm.entry },
      'scene',
      'harm-point',
      `Harm point: ${harm.text}`,
    );
  }
  if (scene.outcome) {
    const { outcome } = scene;
    add(
      outcome,
      'scene',
      'outcome',
      `Outcome: "${outcome.title}" (${outcome.severity === 'none' ? 'no harm remaining' : `${outcome.severity} harm`}). ${outcome.description}`,
    );
  }
  for (const signal of trainee.signals) {
    add(
      signal,
      'trainee',
      'signal',
      `You signalled that something was wrong${signal.falseAlarm ? ' (a false alarm: nothing called for intervention yet)' : signal.recognition ? ' (recognition)' : ''}.`,
    );
  }
  for (const span of trainee.stages) {
    const at = span.decision ? `: ${quote(span.decision.prompt)}` : '';
    const what =
      span.stage === 'see'
        ? 'You are watching the scene (stage 1, See).'
        : span.stage === 'resolved'
          ? 'Your part is done; the scene can still ask things of you.'
          : span.stage === 'report'
            ? sentence(`You move to the report${at}`)
            : sentence(`You reach ${stageLabel(span.stage)}${at}`);
    add({ t: span.from, entry: span.entry }, 'trainee', 'stage', what);
  }
  for (const choice of trainee.choices) {
    // The window means nothing once the scene is over, so report answers leave it out.
    const where =
      choice.stageNumber === undefined
        ? 'report'
        : `stage ${choice.stageNumber}${choice.style === undefined ? '' : `, ${choice.style}`}, ${choice.window} window`;
    const what = choice.timedOut
      ? `You let ${quote(choice.prompt)} run out (${seconds(choice.t - choice.openedAt)})`
      : `At ${quote(choice.prompt)} you chose ${quote(choice.text)}`;
    const prompted = choice.prompted ? '; the scene put this to you' : '';
    add(
      choice,
      'trainee',
      'choice',
      `${what} (${where}${prompted}): ${choice.rating}.`,
      false,
      choice.openedAt,
    );
  }
  for (const missed of missedPrompts) {
    add(
      missed,
      'trainee',
      'missed-prompt',
      sentence(
        `Missed prompt: ${quote(missed.prompt)} came while you were at ${quote(missed.busyWithPrompt)}`,
      ),
      true,
      missed.t,
    );
  }
  for (const cut of trainee.interrupted) {
    add(
      cut,
      'trainee',
      'interrupted',
      sentence(`The scene ended while you were still deciding ${quote(cut.prompt)}`),
      false,
      cut.openedAt,
    );
  }
  if (trainee.report) {
    add(
      trainee.report,
      'trainee',
      'report',
      `You handed in the report with ${plural(trainee.report.items.length, 'statement')}.`,
    );
  }
  return rows.sort(byTimeThenEntry);
}

/**
 * Log entries are in time order; at one instant the entry says which event came first, then the
 * kind (causes before effects). Array.prototype.sort is stable, so the rest keep their order.
 */
function byTimeThenEntry(a: TimelineRow, b: TimelineRow): number {
  return (
    a.t - b.t ||
    (a.entry ?? -1) - (b.entry ?? -1) ||
    ROW_ORDER.indexOf(a.kind) - ROW_ORDER.indexOf(b.kind)
  );
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
