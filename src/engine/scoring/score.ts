/**
 * score(scenario, log): two scores, Outcome (harm prevented) and Process (the quality of each
 * stage), each broken into components with the points, the reason in words an instructor can
 * read aloud, and the reference it rests on. Pure: the same log always gives the same score.
 * Weights and curves live in ./weights.ts and are explained in docs/scoring.md.
 */
import type { CompiledScenario, TraineeStage } from '../encounter/compileScenario.ts';
import type { DecisionStage, Rating, Scenario, Window } from '../scenario/schema.ts';
import type { RunLog } from '../run/runLog.ts';
import { ENGINE_VERSION } from '../run/runLog.ts';
import { analyzeRun, type Answer, type RunAnalysis } from './analyzeRun.ts';
import { band, recognitionCredit, SCORING, windowCredit } from './weights.ts';

export interface ScoreComponent {
  readonly id: string;
  readonly label: string;
  /** Points earned, to one decimal; negative for deductions. */
  readonly points: number;
  /** Points available; 0 for deductions. */
  readonly max: number;
  readonly reason: string;
  readonly reference: string;
}

export interface ScorePart {
  readonly points: number;
  readonly max: number;
  readonly band: string;
  readonly components: readonly ScoreComponent[];
}

export interface RunMeasures {
  /** Seconds from the first cue to the first real signal. */
  readonly recognitionTime: number | undefined;
  /** Scenario time of the first intervention that was not over-intervention. */
  readonly interventionAt: number | undefined;
  /** Scenario time of the intervention that took the scene out of harm. */
  readonly harmStoppedAt: number | undefined;
  /** Seconds between that intervention and the scheduled harm point (negative: after it). */
  readonly interventionMarginToHarm: number | undefined;
  readonly harmExposure: number;
  readonly falseAlarms: number;
  readonly overInterventions: number;
  /** 0 to 1, or undefined when no report was written. */
  readonly reportAccuracy: number | undefined;
  /** Seconds spent in each of the trainee's stages. */
  readonly stageTimes: Readonly<Partial<Record<TraineeStage, number>>>;
}

export interface Score {
  readonly scenario: { readonly id: string; readonly version: number };
  readonly engineVersion: string;
  readonly outcome: ScorePart;
  readonly process: ScorePart;
  readonly measures: RunMeasures;
}

const STAGE_LABELS: Record<DecisionStage, string> = {
  determine: 'Stage 2: determine whether action is required',
  commit: 'Stage 3: take personal responsibility',
  choose: 'Stage 4: how to intervene',
  act: 'Stage 5: take action',
  report: 'Report: pressure and notification',
};

const STAGE_REFERENCES: Record<DecisionStage, string> = {
  determine: 'SEED-IACP stage 2; domain brief 1.3',
  commit: 'SEED-IACP stage 3; domain brief 1.3 and 3.1 (barriers)',
  choose: 'SEED-IACP stage 4 (the 3 Ds); domain brief 1.2',
  act: 'SEED-IACP stage 5; domain brief 1.3',
  report: 'SEED-POL reporting duties; domain brief 3.3',
};

/** Pure: scores a run. Throws LogMismatchError when the log is for another scenario version. */
export function score(compiled: CompiledScenario, log: RunLog): Score {
  return scoreAnalysis(compiled.scenario, analyzeRun(compiled, log));
}

/** Pure: scores an analysed run (the debrief analyses once and reuses it). */
export function scoreAnalysis(scenario: Scenario, run: RunAnalysis): Score {
  const outcomeComponents = [outcomeReached(run), interventionTiming(scenario, run)];
  const reportParts = reportComponents(scenario, run);
  const weights = processWeights(scenario);
  const processComponents = [
    recognition(scenario, run),
    stageComponent(scenario, run, 'determine', weights.determine),
    stageComponent(scenario, run, 'commit', weights.commit),
    // Lawful-force scenarios have no D to choose: these weigh nothing there and are left out.
    ...(weights.choose > 0 ? [stageComponent(scenario, run, 'choose', weights.choose)] : []),
    ...(weights.styleFit > 0 ? [styleFitComponent(scenario, run)] : []),
    stageComponent(scenario, run, 'act', weights.act),
    ...reportParts.components,
    falseAlarms(run),
    overIntervention(run),
  ];
  return {
    scenario: { id: scenario.id, version: scenario.version },
    engineVersion: ENGINE_VERSION,
    outcome: part(outcomeComponents),
    process: part(processComponents),
    measures: {
      recognitionTime: run.recognitionTime,
      interventionAt: run.intervention?.answeredAt,
      harmStoppedAt: run.effectiveIntervention?.answeredAt,
      interventionMarginToHarm:
        run.effectiveIntervention && run.harmPointAt !== undefined
          ? run.harmPointAt - run.effectiveIntervention.answeredAt
          : undefined,
      harmExposure: run.harmExposure,
      falseAlarms: run.signals.filter((s) => s.falseAlarm).length,
      overInterventions: run.overInterventions.length,
      reportAccuracy: reportParts.accuracy,
      stageTimes: stageTimes(run),
    },
  };
}

/** The process weights that apply: lawful-force scenarios move stage 4's points to stage 5. */
export function processWeights(scenario: Scenario) {
  return scenario.interventionRequired ? SCORING.process : SCORING.lawfulProcess;
}

function part(components: ScoreComponent[]): ScorePart {
  const total = components.reduce((sum, c) => sum + c.points, 0);
  const points = round(Math.min(100, Math.max(0, total)));
  return { points, max: 100, band: band(points), components };
}

// Outcome ------------------------------------------------------------------------------------------

function outcomeReached(run: RunAnalysis): ScoreComponent {
  const max = SCORING.outcome.outcomeReached;
  if (!run.outcome) {
    return {
      id: 'outcome-reached',
      label: 'How the scene ended',
      points: 0,
      max,
      reason: 'The run stopped before the scene reached an outcome.',
      reference: 'Domain brief 6: the "harm prevented" score',
    };
  }
  const { outcome } = run.outcome;
  const credit = SCORING.severityCredit[outcome.severity];
  return {
    id: 'outcome-reached',
    label: 'How the scene ended',
    points: round(credit * max),
    max,
    reason: `The scene ended in "${outcome.title}", with ${outcome.severity === 'none' ? 'no' : outcome.severity} harm remaining (${percent(credit)} credit). ${outcome.description}`,
    reference: outcome.reference ?? 'Domain brief 6: the "harm prevented" score',
  };
}

function interventionTiming(scenario: Scenario, run: RunAnalysis): ScoreComponent {
  const max = SCORING.outcome.interventionTiming;
  const base = {
    id: 'intervention-timing',
    label: 'Time to intervention against the harm point',
    max,
  };
  if (!scenario.interventionRequired) {
    const over = run.overInterventions[0];
    return over
      ? {
          ...base,
          points: 0,
          reason: `The force here was lawful, but at ${seconds(over.answeredAt)} you stepped in against it (${quote(over.text)}), which puts officers and others at risk.`,
          reference:
            'Graham v. Connor (1989); domain brief fact 10 (the cost of intervening in lawful force)',
        }
      : {
          ...base,
          points: max,
          reason:
            'The force here was lawful and you did not interfere with it: monitoring and support was the right play.',
          reference: 'Graham v. Connor (1989); domain brief fact 10',
        };
  }
  const effective = run.effectiveIntervention;
  const first = run.intervention;
  const over = run.overInterventions[0];
  if (!first && over) {
    return {
      ...base,
      points: 0,
      reason: `At ${seconds(over.answeredAt)} you stepped in (${quote(over.text)}) while the force was still lawful, before the duty to intervene began. That is over-intervention, not the intervention this scene needed.`,
      reference:
        'Graham v. Connor (1989); domain brief 4 (S10: the moment force stops being needed)',
    };
  }
  if (!first) {
    return {
      ...base,
      points: 0,
      reason: `You did not step in. Harm went on for ${seconds(run.harmExposure)} after the misconduct began${run.harmPointReached ? ', past the harm point' : ''}.`,
      reference:
        'SEED-IACP stage 5; Byrd v. Brishke (7th Cir. 1972): a realistic opportunity to intervene',
    };
  }
  const reference = 'Domain brief 1.5 and 4 (green, amber and red windows); SEED-IACP stage 5';
  if (!effective) {
    const at = timingAt(run, first);
    const credit = at.credit * SCORING.attemptWithoutEffect;
    return {
      ...base,
      points: round(credit * max),
      reason: `You stepped in at ${seconds(first.answeredAt)} (${quote(first.text)}), ${at.where}${at.harm}, but it did not stop the harm: ${percent(SCORING.attemptWithoutEffect)} of the timing credit for that moment, ${percent(credit)}.`,
      reference,
    };
  }
  const at = timingAt(run, effective);
  const earlier =
    effective === first
      ? ''
      : ` Your first attempt at ${seconds(first.answeredAt)} (${quote(first.text)}) did not stop the harm.`;
  return {
    ...base,
    points: round(at.credit * max),
    reason: `The harm stopped when you stepped in at ${seconds(effective.answeredAt)} (${quote(effective.text)}), ${at.where}${at.harm}: timing credit ${percent(at.credit)}.${earlier}`,
    reference,
  };
}

/** Timing credit for an answer and the words that place it in its window and against the harm point. */
function timingAt(
  run: RunAnalysis,
  answer: Answer,
): { credit: number; where: string; harm: string } {
  const span = run.windows.find(
    (w) => w.from <= answer.answeredAt && answer.answeredAt <= w.to && w.value === answer.window,
  );
  const fraction =
    span && span.plannedEnd > span.from
      ? (answer.answeredAt - span.from) / (span.plannedEnd - span.from)
      : 0;
  const harm =
    run.harmPointAt === undefined
      ? ''
      : answer.answeredAt <= run.harmPointAt
        ? `, ${seconds(run.harmPointAt - answer.answeredAt)} before the harm point at ${seconds(run.harmPointAt)}`
        : `, ${seconds(answer.answeredAt - run.harmPointAt)} after the harm point at ${seconds(run.harmPointAt)}`;
  const where = span
    ? `${percent(Math.min(1, Math.max(0, fraction)))} of the way through the ${answer.window} window (${seconds(span.from)} to ${seconds(span.plannedEnd)})`
    : `in the ${answer.window} window`;
  return { credit: windowCredit(answer.window, fraction), where, harm };
}

// Process ------------------------------------------------------------------------------------------

function recognition(scenario: Scenario, run: RunAnalysis): ScoreComponent {
  const max = processWeights(scenario).recognition;
  const base = {
    id: 'recognition',
    label: 'Stage 1: see the problem',
    max,
    reference: 'SEED-IACP stage 1; domain brief 1.3 (time to recognition)',
  };
  if (!scenario.interventionRequired) {
    return {
      ...base,
      points: max,
      reason:
        'There was no misconduct to recognise: the force was lawful. Any false alarms are counted below.',
    };
  }
  const firstCue = run.cues[0];
  if (!firstCue) {
    return {
      ...base,
      points: 0,
      reason:
        'The first cue never came in this run: the scene ended or took another course before it.',
    };
  }
  const recognized = run.recognition;
  if (!recognized || run.recognitionTime === undefined) {
    return {
      ...base,
      points: 0,
      reason: `You never signalled that something was wrong. The first cue was "${firstCue.note}" at ${seconds(firstCue.t)}; ${run.cues.length} cue${run.cues.length === 1 ? '' : 's'} went by.`,
    };
  }
  const missed = run.cues.filter((c) => c.t <= recognized.t);
  const afterHarm =
    run.harmPointAt !== undefined && run.harmPointReached && recognized.t >= run.harmPointAt;
  const credit = afterHarm
    ? 0
    : recognitionCredit(run.recognitionTime, scenario.recognitionHalfTime);
  const seen = countLevels(missed);
  const how =
    recognized.via === 'signal'
      ? `You signalled at ${seconds(recognized.t)}`
      : recognized.via === 'answer'
        ? `Your signal came before the first cue, but by the time you judged the situation the cue was there, and you saw the problem, at ${seconds(recognized.t)}`
        : `You did not signal yourself, but when the scene asked ("${recognized.answer?.prompt ?? ''}") you saw the problem, at ${seconds(recognized.t)}`;
  return {
    ...base,
    points: round(credit * max),
    reason:
      `${how}, ${seconds(run.recognitionTime)} after the first cue ("${firstCue.note}" at ${seconds(firstCue.t)}). ` +
      `Cues up to then: ${seen}. ` +
      (afterHarm
        ? 'That was after the harm point, so no credit.'
        : `Credit halves at ${seconds(scenario.recognitionHalfTime)} after the first cue: ${percent(credit)}.`),
  };
}

function stageComponent(
  scenario: Scenario,
  run: RunAnalysis,
  stage: DecisionStage,
  max: number,
): ScoreComponent {
  const answers = run.answers.filter((a) => a.stage === stage);
  const base = { id: stage, label: STAGE_LABELS[stage], max };
  if (answers.length === 0) {
    const cut = run.interrupted.find((i) => i.stage === stage);
    if (cut && scenario.interventionRequired) {
      return {
        ...base,
        points: 0,
        reason: `The scene ended at ${seconds(cut.at)} while you were still deciding "${cut.prompt}" (open since ${seconds(cut.openedAt)}).`,
        reference: STAGE_REFERENCES[stage],
      };
    }
    if (!scenario.interventionRequired && stage === 'act') {
      return {
        ...base,
        points: 0,
        reason: `You did none of the support tasks the scene asked of you${run.overInterventions.length > 0 ? ', because you were stepping in against lawful force' : ''}. Monitoring and supporting is an active job.`,
        reference: 'Domain brief S16 and S17: monitor and support',
      };
    }
    return scenario.interventionRequired
      ? {
          ...base,
          points: 0,
          reason: `You did not reach this stage. ${whyNotReached(run, stage)}`,
          reference: STAGE_REFERENCES[stage],
        }
      : {
          ...base,
          points: max,
          reason: 'No action was required, and you took none.',
          reference: STAGE_REFERENCES[stage],
        };
  }
  const credit = mean(answers.map((a) => SCORING.ratingCredit[a.rating]));
  return {
    ...base,
    points: round(credit * max),
    reason: `${answers.map(describeAnswer).join(' ')}${answers.length > 1 ? ` Average credit ${percent(credit)}.` : ''}`,
    reference: unique(answers.map((a) => a.reference)).join('; '),
  };
}

function styleFitComponent(scenario: Scenario, run: RunAnalysis): ScoreComponent {
  const max = SCORING.process.styleFit;
  const styled = run.answers.filter(
    (a) => a.style !== undefined && (a.stage === 'choose' || a.stage === 'act'),
  );
  const base = {
    id: 'style-fit',
    label: 'Fit of the chosen D',
    max,
    reference: scenario.styleFit.reference,
  };
  if (styled.length === 0) {
    return scenario.interventionRequired
      ? {
          ...base,
          points: 0,
          reason: 'You never chose a way to intervene (distract, direct or delegate).',
        }
      : { ...base, points: max, reason: 'No intervention was called for, and you chose none.' };
  }
  const fits = styled.map((a) => styleRating(scenario, a.style ?? 'direct', a.window));
  const credit = mean(fits.map((f) => SCORING.ratingCredit[f.rating]));
  const said = styled.map((a, i) => {
    const fit = fits[i] as { rating: Rating; reason: string };
    return `${quote(a.text)} is ${a.style ?? ''} in the ${a.window} window: ${fit.rating} here. ${fit.reason}`;
  });
  return {
    ...base,
    points: round(credit * max),
    reason: `${said.join(' ')}${styled.length > 1 ? ` Average credit ${percent(credit)}.` : ''}`,
  };
}

function styleRating(
  scenario: Scenario,
  style: 'distract' | 'direct' | 'delegate',
  window: Window,
) {
  const override = scenario.styleFit.inWindow?.[window];
  return {
    rating: override?.[style] ?? scenario.styleFit[style],
    reason:
      override?.[style] !== undefined && override.reason !== undefined
        ? override.reason
        : scenario.styleFit.reason,
  };
}

function reportComponents(
  scenario: Scenario,
  run: RunAnalysis,
): { components: ScoreComponent[]; accuracy: number | undefined } {
  const pressureAnswers = run.answers.filter((a) => a.stage === 'report');
  const hasPressure = scenario.decisions.some((d) => d.stage === 'report');
  const accuracyMax = hasPressure
    ? round(processWeights(scenario).report * SCORING.reportAccuracyShare)
    : processWeights(scenario).report;
  const reference = scenario.report.reference;
  const components: ScoreComponent[] = [];
  let accuracy: number | undefined;
  if (!run.report) {
    components.push({
      id: 'report',
      label: 'Report: completeness and accuracy',
      points: 0,
      max: accuracyMax,
      reason: 'No report was written.',
      reference,
    });
  } else {
    const included = new Set(run.report.items);
    const happened = happenedInRun(run);
    const belongs = scenario.report.items.filter(
      (item) => item.kind === 'fact' && item.material && happened(item),
    );
    const hits = belongs.filter((item) => included.has(item.id));
    const missing = belongs.filter((item) => !included.has(item.id));
    const wrong = scenario.report.items.filter(
      (item) => included.has(item.id) && (item.kind !== 'fact' || !happened(item)),
    );
    accuracy =
      belongs.length === 0 ? 1 : Math.max(0, (hits.length - wrong.length) / belongs.length);
    const parts = [
      `Your report had ${hits.length} of the ${belongs.length} facts that belonged in it.`,
    ];
    if (missing.length > 0) parts.push(`Missing: ${missing.map((m) => `"${m.text}"`).join(', ')}.`);
    for (const item of wrong) {
      if (item.kind === 'fact') continue;
      parts.push(`It also said "${item.text}" (${item.kind}): ${item.reason}`);
    }
    // A true-elsewhere fact's own reason says why it belongs in a report, which is not the
    // point here: one sentence covers them all.
    const notHere = wrong.filter((item) => item.kind === 'fact');
    if (notHere.length > 0) {
      parts.push(
        `It also said ${notHere.length === 1 ? 'one thing' : `${notHere.length} things`} that did not happen in this run: ${notHere.map((m) => `"${m.text}"`).join(', ')}. A report states only what happened.`,
      );
    }
    parts.push(`Accuracy ${percent(accuracy)}.`);
    components.push({
      id: 'report',
      label: 'Report: completeness and accuracy',
      points: round(accuracy * accuracyMax),
      max: accuracyMax,
      reason: parts.join(' '),
      reference,
    });
  }
  if (hasPressure) {
    const max = round(processWeights(scenario).report - accuracyMax);
    const credit =
      pressureAnswers.length === 0
        ? 0
        : mean(pressureAnswers.map((a) => SCORING.ratingCredit[a.rating]));
    components.push({
      id: 'report-pressure',
      label: STAGE_LABELS.report,
      points: round(credit * max),
      max,
      reason:
        pressureAnswers.length === 0
          ? 'You did not reach the report.'
          : pressureAnswers.map(describeAnswer).join(' '),
      reference:
        pressureAnswers.length === 0
          ? STAGE_REFERENCES.report
          : unique(pressureAnswers.map((a) => a.reference)).join('; '),
    });
  }
  return { components, accuracy };
}

/**
 * The report items that are true facts in this run and belong in the report: what a complete,
 * accurate report contains. The debrief compares the trainee's report with it.
 */
export function factsThatBelong(scenario: Scenario, run: RunAnalysis): string[] {
  const happened = happenedInRun(run);
  return scenario.report.items
    .filter((item) => item.kind === 'fact' && item.material && happened(item))
    .map((item) => item.id);
}

function happenedInRun(run: RunAnalysis) {
  const visited = new Set(run.segments.map((s) => s.value));
  const chosen = new Set(
    run.answers.filter((a) => a.option !== undefined).map((a) => `${a.decision}/${a.option ?? ''}`),
  );
  return (item: Scenario['report']['items'][number]) => {
    if (!item.happened) return true;
    return (
      (item.happened.segments ?? []).some((s) => visited.has(s)) ||
      (item.happened.beats ?? []).some((b) => run.beatsPlayed.has(b)) ||
      (item.happened.options ?? []).some((o) => chosen.has(o))
    );
  };
}

function falseAlarms(run: RunAnalysis): ScoreComponent {
  const alarms = run.signals.filter((s) => s.falseAlarm);
  const { perFalseAlarm, falseAlarmCap } = SCORING.deductions;
  const points = -Math.min(falseAlarmCap, alarms.length * perFalseAlarm);
  return {
    id: 'false-alarms',
    label: 'False alarms',
    points: points === 0 ? 0 : points,
    max: 0,
    reason:
      alarms.length === 0
        ? 'No false alarms.'
        : `You signalled ${alarms.length} time${alarms.length === 1 ? '' : 's'} when nothing called for intervention (at ${alarms.map((a) => seconds(a.t)).join(', ')}). Checking costs little, so this deduction is small.`,
    reference: 'Domain brief 1.3 (stage 2 false positives) and 3.1 (fear of being wrong)',
  };
}

function overIntervention(run: RunAnalysis): ScoreComponent {
  const first = run.overInterventions[0];
  return {
    id: 'over-intervention',
    label: 'Over-intervention',
    points: first ? -SCORING.deductions.overIntervention : 0,
    max: 0,
    reason: first
      ? `At ${seconds(first.answeredAt)} you stepped in against force that was lawful (${quote(first.text)}). Interfering with lawful, proportionate force puts officers and others at risk.`
      : 'You did not step in where force was lawful.',
    reference: 'Graham v. Connor (1989); domain brief fact 10',
  };
}

// Helpers ----------------------------------------------------------------------------------------

function whyNotReached(run: RunAnalysis, stage: DecisionStage): string {
  // Walk back to the last stage the trainee did answer, so the reason names the choice that
  // ended the path (a stage can be missed because the one before it was missed too).
  const order: DecisionStage[] = ['determine', 'commit', 'choose', 'act'];
  for (let i = order.indexOf(stage) - 1; i >= 0; i--) {
    const last = [...run.answers].reverse().find((a) => a.stage === order[i]);
    if (!last) continue;
    const which = `stage ${i + 2}`;
    return last.timedOut
      ? `At ${which} you let "${last.prompt}" run out.`
      : `At ${which} you chose ${quote(last.text)}, which did not lead here.`;
  }
  if (stage === 'report') return 'The scene never reached the report.';
  return run.signals.length === 0
    ? 'You never signalled that something was wrong.'
    : 'You signalled, but did not answer the decisions that lead here.';
}

function describeAnswer(answer: Answer): string {
  const what = answer.timedOut
    ? `you let "${answer.prompt}" run out (${seconds(answer.answeredAt - answer.openedAt)})`
    : `you chose ${quote(answer.text)}`;
  return `At ${seconds(answer.answeredAt)} ${what}: ${answer.rating}. ${answer.reason}`;
}

function stageTimes(run: RunAnalysis): Partial<Record<TraineeStage, number>> {
  const times: Partial<Record<TraineeStage, number>> = {};
  for (const span of run.stages)
    times[span.value] = round((times[span.value] ?? 0) + span.to - span.from, 3);
  return times;
}

function countLevels(cues: RunAnalysis['cues']): string {
  const counts = { early: 0, warning: 0, critical: 0 };
  for (const cue of cues) counts[cue.level]++;
  return `${counts.early} early, ${counts.warning} warning, ${counts.critical} critical`;
}

/** Wraps text in quotation marks unless it already opens with one (spoken options do). */
function quote(text: string): string {
  const trimmed = text.replace(/([^.!?"”])[.]$/, '$1');
  return /^["“']/.test(trimmed) ? trimmed : `"${trimmed}"`;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
