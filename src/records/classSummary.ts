/**
 * The instructor's view of many runs: a class summary per scenario and per stage, and one
 * trainee's history. Pure. Every number is recomputed from the run's log against the scenario
 * installed here: a summary inside an imported file is only what another machine said, and the log
 * is the truth (DESIGN: no score is stored that cannot be recomputed from the log).
 */
import {
  analyzeRun,
  compileScenario,
  coverageRow,
  scoreAnalysis,
  type CompiledScenario,
  type InterventionStyle,
  type Rating,
  type RunAnalysis,
  type Scenario,
  type Window,
} from '../engine/index.ts';
import { errorText } from './exchange.ts';
import type { ImportReport, Records } from './records.ts';
import type { RunRecord } from './schema.ts';

/** Stages 2 to 5 of the duty to intervene: the ones with a decision to rate. */
export const CLASS_STAGES = ['determine', 'commit', 'choose', 'act'] as const;
export type ClassStage = (typeof CLASS_STAGES)[number];

export const STAGE_NAMES: Record<ClassStage, string> = {
  determine: 'Stage 2: determine whether action is required',
  commit: 'Stage 3: take personal responsibility',
  choose: 'Stage 4: how to intervene',
  act: 'Stage 5: take action',
};

export const RATINGS: readonly Rating[] = ['best', 'acceptable', 'poor', 'harmful'];

export interface ClassInput {
  readonly records: readonly RunRecord[];
  /** The scenarios installed here (the catalog's); runs of other versions are skipped. */
  readonly scenarios: readonly Scenario[];
  /** Names to show for trainee ids; a trainee not listed is shown by id. */
  readonly trainees?: readonly { readonly id: string; readonly name: string }[];
}

/** One run, graded again from its log. Times are scenario seconds. */
export interface ClassRun {
  readonly runId: string;
  readonly traineeId: string;
  readonly traineeName: string;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly scenarioTitle: string;
  /** ISO 8601, when the run began. */
  readonly startedAt: string;
  readonly outcomeId: string | undefined;
  readonly outcomeTitle: string | undefined;
  readonly outcomeScore: number;
  readonly processScore: number;
  readonly recognitionTime: number | undefined;
  /**
   * Seconds from the first cue to the first intervention. The debrief counts from the first warning
   * cue instead, but a trainee who steps in early enough never sees one, and dropping the best runs
   * would skew the class median; the first cue is also what recognition time counts from.
   */
  readonly timeToIntervention: number | undefined;
  readonly harmExposure: number;
  readonly falseAlarms: number;
  /** The D of the first intervention, undefined when the trainee chose none. */
  readonly style: InterventionStyle | undefined;
  /** That D rated best for the window it was chosen in; undefined where no D was called for. */
  readonly bestD: boolean | undefined;
  readonly interventionRequired: boolean;
  /** The involved officer outranks the trainee; undefined when the scenario has no coverage tags. */
  readonly outranked: boolean | undefined;
  /** The ratings of the answers given at each stage, and the seconds spent there. */
  readonly stages: Readonly<
    Record<
      ClassStage,
      { readonly ratings: readonly Rating[]; readonly seconds: number | undefined }
    >
  >;
}

export interface SkippedRun {
  readonly runId: string;
  readonly traineeId: string;
  readonly scenario: { readonly id: string; readonly version: number };
  /** A sentence an instructor can read: why this run is not in the summary. */
  readonly reason: string;
}

export interface AnalysedRuns {
  readonly runs: readonly ClassRun[];
  readonly skipped: readonly SkippedRun[];
}

/** Pure: grades every finished run against the installed scenario of its version. */
export function analyseRuns(input: ClassInput): AnalysedRuns {
  const names = new Map((input.trainees ?? []).map((t) => [t.id, t.name]));
  const installed = new Map<string, Scenario[]>();
  for (const scenario of input.scenarios) {
    installed.set(scenario.id, [...(installed.get(scenario.id) ?? []), scenario]);
  }
  const compiled = new Map<string, CompiledScenario | Error>();
  const compiledFor = (scenario: Scenario) => {
    const key = `${scenario.id}@${scenario.version}`;
    let found = compiled.get(key);
    if (!found) {
      try {
        found = compileScenario(scenario);
      } catch (error) {
        found = new Error(errorText(error));
      }
      compiled.set(key, found);
    }
    return found;
  };

  const runs: ClassRun[] = [];
  const skipped: SkippedRun[] = [];
  for (const record of input.records) {
    const skip = (reason: string) =>
      skipped.push({
        runId: record.id,
        traineeId: record.traineeId,
        scenario: { ...record.scenario },
        reason,
      });
    const { id, version } = record.scenario;
    if (record.status !== 'finished') {
      // A run that stopped part way would drag every median towards "did nothing".
      skip(`Run ${record.id} was not finished (${record.status}).`);
      continue;
    }
    const versions = installed.get(id) ?? [];
    const scenario = versions.find((s) => s.version === version);
    if (!scenario) {
      skip(
        versions.length === 0
          ? `Run ${record.id} is of scenario "${id}", which is not installed here.`
          : `Run ${record.id} is of scenario "${id}" version ${version}, but version ${versions.map((s) => s.version).join(', ')} is installed here.`,
      );
      continue;
    }
    const machine = compiledFor(scenario);
    if (machine instanceof Error) {
      skip(`Run ${record.id}: scenario "${id}" could not be compiled (${machine.message}).`);
      continue;
    }
    try {
      runs.push(classRun(record, machine, names.get(record.traineeId) ?? record.traineeId));
    } catch (error) {
      skip(`Run ${record.id} could not be graded (${errorText(error)}).`);
    }
  }
  return { runs, skipped };
}

function classRun(record: RunRecord, compiled: CompiledScenario, traineeName: string): ClassRun {
  const { scenario } = compiled;
  const analysis = analyzeRun(compiled, record.log);
  const score = scoreAnalysis(scenario, analysis);
  const intervention = analysis.intervention;
  const style = intervention?.style;
  const outranked = coverageRow(scenario)?.outranksTrainee;
  const stageOf = (stage: ClassStage) => ({
    ratings: analysis.answers.filter((a) => a.stage === stage).map((a) => a.rating),
    seconds: score.measures.stageTimes[stage],
  });
  const stages = {
    determine: stageOf('determine'),
    commit: stageOf('commit'),
    choose: stageOf('choose'),
    act: stageOf('act'),
  };
  return {
    runId: record.id,
    traineeId: record.traineeId,
    traineeName,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    startedAt: record.startedAt,
    outcomeId: analysis.outcome?.outcome.id,
    outcomeTitle: analysis.outcome?.outcome.title,
    outcomeScore: score.outcome.points,
    processScore: score.process.points,
    recognitionTime: analysis.recognitionTime,
    timeToIntervention: timeToIntervention(analysis),
    harmExposure: analysis.harmExposure,
    falseAlarms: score.measures.falseAlarms,
    style,
    bestD: scenario.interventionRequired
      ? style !== undefined &&
        intervention !== undefined &&
        styleRating(scenario, style, intervention.window) === 'best'
      : undefined,
    interventionRequired: scenario.interventionRequired,
    outranked,
    stages,
  };
}

/** The same rule as the score's style fit: a window's override, else the scenario's rating. */
export function styleRating(scenario: Scenario, style: InterventionStyle, window: Window): Rating {
  return scenario.styleFit.inWindow?.[window]?.[style] ?? scenario.styleFit[style];
}

function timeToIntervention(run: RunAnalysis): number | undefined {
  if (!run.intervention || run.firstCueAt === undefined) return undefined;
  return run.intervention.answeredAt - run.firstCueAt;
}

// Statistics ----------------------------------------------------------------------------------------

/** The median of the defined values; undefined when there are none. */
export function median(values: readonly (number | undefined)[]): number | undefined {
  const sorted = values
    .filter((v): v is number => v !== undefined && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return round(value);
}

export interface Share {
  readonly count: number;
  readonly of: number;
  /** 0 to 1; undefined when `of` is 0. */
  readonly share: number | undefined;
}

export function share(count: number, of: number): Share {
  return { count, of, share: of === 0 ? undefined : round(count / of, 3) };
}

/** Least-squares slope of the defined values over their position (1, 2, 3, ...). */
export function slope(values: readonly (number | undefined)[]): number | undefined {
  const points = values.flatMap((v, i) => (v === undefined ? [] : [[i + 1, v] as const]));
  if (points.length < 2) return undefined;
  const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
  const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  return round(sxy / sxx, 2);
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// Class summary -------------------------------------------------------------------------------------

export interface StageSummary {
  readonly stage: ClassStage;
  readonly name: string;
  /** Answers given at this stage (a run can answer a stage more than once). */
  readonly answers: number;
  readonly ratings: Readonly<Record<Rating, Share>>;
  /** Median seconds spent at the stage, over the runs that reached it. */
  readonly medianSeconds: number | undefined;
  readonly runsReaching: number;
}

export interface ScenarioSummary {
  readonly scenarioId: string;
  readonly version: number;
  readonly title: string;
  readonly interventionRequired: boolean;
  readonly outranked: boolean | undefined;
  readonly runs: number;
  readonly trainees: number;
  readonly medianRecognitionTime: number | undefined;
  /** Runs in which the trainee recognised the problem at all. */
  readonly recognised: number;
  /** Undefined where the force was lawful: there is no D to choose. */
  readonly bestD: Share | undefined;
  readonly outcomes: readonly {
    readonly id: string;
    readonly title: string;
    readonly runs: number;
  }[];
  /** Runs that stopped before any outcome. */
  readonly noOutcome: number;
  readonly falseAlarms: { readonly total: number; readonly perRun: number | undefined };
  readonly medianTimeToIntervention: number | undefined;
  readonly medianHarmExposure: number | undefined;
  readonly medianOutcomeScore: number | undefined;
  readonly medianProcessScore: number | undefined;
  readonly stages: readonly StageSummary[];
}

export interface RankGroup {
  readonly runs: number;
  readonly scenarios: number;
  readonly medianRecognitionTime: number | undefined;
  readonly medianTimeToIntervention: number | undefined;
}

/** How much longer trainees wait when the officer at fault outranks them. */
export interface RankComparison {
  readonly outranked: RankGroup;
  readonly notOutranked: RankGroup;
  /** outranked − not outranked; positive: they waited longer with a superior. */
  readonly recognitionDifference: number | undefined;
  readonly interventionDifference: number | undefined;
  /** Runs left out because their scenario has no coverage tags naming the involved officer. */
  readonly untagged: number;
  /** The comparison in words an instructor can read aloud. */
  readonly sentence: string;
}

export interface ClassSummary {
  readonly runs: readonly ClassRun[];
  readonly skipped: readonly SkippedRun[];
  readonly trainees: number;
  readonly scenarios: readonly ScenarioSummary[];
  /** Every scenario's runs together, per stage. */
  readonly stages: readonly StageSummary[];
  readonly rank: RankComparison;
}

/** Pure: the class summary of graded runs. */
export function summarizeClass(analysed: AnalysedRuns): ClassSummary {
  const byScenario = new Map<string, ClassRun[]>();
  for (const run of analysed.runs) {
    const key = `${run.scenarioId}@${run.scenarioVersion}`;
    byScenario.set(key, [...(byScenario.get(key) ?? []), run]);
  }
  const scenarios = [...byScenario.values()]
    .map(scenarioSummary)
    .sort((a, b) => a.title.localeCompare(b.title) || a.version - b.version);
  return {
    runs: [...analysed.runs].sort(
      (a, b) =>
        a.scenarioTitle.localeCompare(b.scenarioTitle) ||
        a.traineeName.localeCompare(b.traineeName) ||
        a.startedAt.localeCompare(b.startedAt),
    ),
    skipped: analysed.skipped,
    trainees: new Set(analysed.runs.map((r) => r.traineeId)).size,
    scenarios,
    stages: stageSummaries(analysed.runs),
    rank: compareRank(analysed.runs),
  };
}

/** Pure: grades and summarises in one step. */
export function classSummary(input: ClassInput): ClassSummary {
  return summarizeClass(analyseRuns(input));
}

function scenarioSummary(runs: ClassRun[]): ScenarioSummary {
  const first = runs[0] as ClassRun;
  const outcomes = new Map<string, { id: string; title: string; runs: number }>();
  for (const run of runs) {
    if (run.outcomeId === undefined) continue;
    const found = outcomes.get(run.outcomeId);
    if (found) found.runs += 1;
    else
      outcomes.set(run.outcomeId, {
        id: run.outcomeId,
        title: run.outcomeTitle ?? run.outcomeId,
        runs: 1,
      });
  }
  const falseAlarms = runs.reduce((sum, r) => sum + r.falseAlarms, 0);
  return {
    scenarioId: first.scenarioId,
    version: first.scenarioVersion,
    title: first.scenarioTitle,
    interventionRequired: first.interventionRequired,
    outranked: first.outranked,
    runs: runs.length,
    trainees: new Set(runs.map((r) => r.traineeId)).size,
    medianRecognitionTime: median(runs.map((r) => r.recognitionTime)),
    recognised: runs.filter((r) => r.recognitionTime !== undefined).length,
    bestD: first.interventionRequired
      ? share(runs.filter((r) => r.bestD === true).length, runs.length)
      : undefined,
    outcomes: [...outcomes.values()].sort(
      (a, b) => b.runs - a.runs || a.title.localeCompare(b.title),
    ),
    noOutcome: runs.filter((r) => r.outcomeId === undefined).length,
    falseAlarms: { total: falseAlarms, perRun: round(falseAlarms / runs.length, 2) },
    medianTimeToIntervention: median(runs.map((r) => r.timeToIntervention)),
    medianHarmExposure: median(runs.map((r) => r.harmExposure)),
    medianOutcomeScore: median(runs.map((r) => r.outcomeScore)),
    medianProcessScore: median(runs.map((r) => r.processScore)),
    stages: stageSummaries(runs),
  };
}

function stageSummaries(runs: readonly ClassRun[]): StageSummary[] {
  return CLASS_STAGES.map((stage) => {
    const ratings = runs.flatMap((r) => r.stages[stage].ratings);
    const reaching = runs
      .map((r) => r.stages[stage].seconds)
      .filter((s): s is number => s !== undefined && s > 0);
    return {
      stage,
      name: STAGE_NAMES[stage],
      answers: ratings.length,
      ratings: Object.fromEntries(
        RATINGS.map((rating) => [
          rating,
          share(ratings.filter((r) => r === rating).length, ratings.length),
        ]),
      ) as Record<Rating, Share>,
      medianSeconds: median(reaching),
      runsReaching: reaching.length,
    };
  });
}

function rankGroup(runs: readonly ClassRun[]): RankGroup {
  return {
    runs: runs.length,
    scenarios: new Set(runs.map((r) => `${r.scenarioId}@${r.scenarioVersion}`)).size,
    medianRecognitionTime: median(runs.map((r) => r.recognitionTime)),
    medianTimeToIntervention: median(runs.map((r) => r.timeToIntervention)),
  };
}

/** Only scenarios that call for intervention: with lawful force there is nothing to wait for. */
export function compareRank(runs: readonly ClassRun[]): RankComparison {
  const relevant = runs.filter((r) => r.interventionRequired);
  const outranked = rankGroup(relevant.filter((r) => r.outranked === true));
  const notOutranked = rankGroup(relevant.filter((r) => r.outranked === false));
  const diff = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : round(a - b);
  const result = {
    outranked,
    notOutranked,
    recognitionDifference: diff(
      outranked.medianRecognitionTime,
      notOutranked.medianRecognitionTime,
    ),
    interventionDifference: diff(
      outranked.medianTimeToIntervention,
      notOutranked.medianTimeToIntervention,
    ),
    untagged: relevant.filter((r) => r.outranked === undefined).length,
  };
  return { ...result, sentence: rankSentence(result) };
}

function rankSentence(c: Omit<RankComparison, 'sentence'>): string {
  if (c.outranked.runs === 0 || c.notOutranked.runs === 0) {
    const missing =
      c.outranked.runs === 0 ? 'outranks the trainee' : 'does not outrank the trainee';
    return `No comparison by rank yet: none of these runs is of a scenario where the officer at fault ${missing}.`;
  }
  const parts: string[] = [];
  const rec = c.recognitionDifference;
  if (rec === undefined) {
    parts.push('Recognition cannot be compared: in one group nobody recognised the problem.');
  } else {
    parts.push(
      `When the officer at fault outranked them, trainees took a median of ${secs(c.outranked.medianRecognitionTime)} to recognise the problem, against ${secs(c.notOutranked.medianRecognitionTime)} when the officer did not outrank them: ${compare(rec)}.`,
    );
  }
  const act = c.interventionDifference;
  if (act === undefined) {
    parts.push('Time to intervention cannot be compared: in one group nobody stepped in.');
  } else {
    parts.push(
      `They stepped in a median of ${secs(c.outranked.medianTimeToIntervention)} after the first cue with a superior, against ${secs(c.notOutranked.medianTimeToIntervention)} otherwise: ${compare(act)}.`,
    );
  }
  parts.push(
    `(${plural(c.outranked.runs, 'run')} with a superior at fault, ${plural(c.notOutranked.runs, 'run')} without.)`,
  );
  return parts.join(' ');
}

function compare(difference: number): string {
  if (difference === 0) return 'no difference';
  return difference > 0 ? `${secs(difference)} longer` : `${secs(-difference)} sooner`;
}

/** Seconds as a person says them: "3.5 seconds", "1 second". */
export function secs(value: number | undefined): string {
  if (value === undefined) return 'no time';
  const shown = round(value);
  return `${shown} second${shown === 1 ? '' : 's'}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// Trainee history -----------------------------------------------------------------------------------

export interface Attempt {
  /** 1 for the trainee's first attempt at the scenario. */
  readonly attempt: number;
  readonly runId: string;
  readonly startedAt: string;
  readonly scenarioVersion: number;
  readonly outcomeTitle: string | undefined;
  readonly outcomeScore: number;
  readonly processScore: number;
  readonly recognitionTime: number | undefined;
}

export interface Trend {
  readonly values: readonly (number | undefined)[];
  readonly first: number | undefined;
  readonly latest: number | undefined;
  /** latest − first. */
  readonly change: number | undefined;
  /** Least-squares change per attempt. */
  readonly slope: number | undefined;
}

export interface ScenarioHistory {
  readonly scenarioId: string;
  readonly title: string;
  readonly attempts: readonly Attempt[];
  readonly outcome: Trend;
  readonly process: Trend;
  readonly recognition: Trend;
}

export interface TraineeHistory {
  readonly traineeId: string;
  readonly traineeName: string;
  readonly scenarios: readonly ScenarioHistory[];
  /** This trainee's runs that could not be graded here, and why. */
  readonly skipped: readonly SkippedRun[];
}

/**
 * Pure: one trainee's attempts at each scenario, oldest first. Versions of a scenario count as
 * attempts at the same scenario: to the trainee it is the same encounter.
 */
export function traineeHistory(analysed: AnalysedRuns, traineeId: string): TraineeHistory {
  const mine = analysed.runs.filter((r) => r.traineeId === traineeId);
  const byScenario = new Map<string, ClassRun[]>();
  for (const run of mine)
    byScenario.set(run.scenarioId, [...(byScenario.get(run.scenarioId) ?? []), run]);
  const scenarios = [...byScenario.values()].map((runs): ScenarioHistory => {
    const ordered = [...runs].sort(
      (a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId),
    );
    const attempts = ordered.map((r, i): Attempt => ({
      attempt: i + 1,
      runId: r.runId,
      startedAt: r.startedAt,
      scenarioVersion: r.scenarioVersion,
      outcomeTitle: r.outcomeTitle,
      outcomeScore: r.outcomeScore,
      processScore: r.processScore,
      recognitionTime: r.recognitionTime,
    }));
    const latestTitle = ordered[ordered.length - 1]?.scenarioTitle ?? '';
    return {
      scenarioId: ordered[0]?.scenarioId ?? '',
      title: latestTitle,
      attempts,
      outcome: trend(attempts.map((a) => a.outcomeScore)),
      process: trend(attempts.map((a) => a.processScore)),
      recognition: trend(attempts.map((a) => a.recognitionTime)),
    };
  });
  scenarios.sort((a, b) => a.title.localeCompare(b.title));
  return {
    traineeId,
    traineeName: mine[0]?.traineeName ?? traineeId,
    scenarios,
    skipped: analysed.skipped.filter((s) => s.traineeId === traineeId),
  };
}

export function trend(values: readonly (number | undefined)[]): Trend {
  const defined = values.filter((v): v is number => v !== undefined);
  const first = defined[0];
  const latest = defined.length > 1 ? defined[defined.length - 1] : undefined;
  return {
    values,
    first,
    latest,
    change: first === undefined || latest === undefined ? undefined : round(latest - first),
    slope: slope(values),
  };
}

// For the screens ----------------------------------------------------------------------------------

export interface ImportMessage {
  readonly file: string;
  readonly text: string;
  readonly ok: boolean;
}

/** Pure: one sentence per imported file, naming it, for the import area to show as text. */
export function importMessages(report: ImportReport): ImportMessage[] {
  return report.files.map((f) => {
    if (f.problem !== undefined) return { file: f.file, text: f.problem, ok: false };
    const dup =
      f.duplicates.length === 0
        ? ''
        : `; ${plural(f.duplicates.length, 'run')} already here, left as they were`;
    return { file: f.file, text: `${f.file}: ${plural(f.added, 'run')} added${dup}.`, ok: true };
  });
}

/**
 * Every finished run kept here with its log, and the trainees' names: what analyseRuns needs. Runs are
 * read one at a time because listRuns leaves the logs out.
 */
export async function loadClassRecords(
  records: Pick<Records, 'listRuns' | 'getRun' | 'listTrainees'>,
): Promise<{ records: RunRecord[]; trainees: { id: string; name: string }[] }> {
  const [infos, trainees] = await Promise.all([records.listRuns(), records.listTrainees()]);
  const loaded: RunRecord[] = [];
  for (const info of infos) {
    if (info.status !== 'finished') continue;
    const record = await records.getRun(info.id);
    if (record) loaded.push(record);
  }
  return { records: loaded, trainees: trainees.map((t) => ({ id: t.id, name: t.name })) };
}
