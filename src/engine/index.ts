/** The engine's public surface: code outside src/engine imports from here. */
export * from './scenario/schema.ts';
export { rankGap, type Rank } from './scenario/ranks.ts';
export * from './scenario/coverage.ts';
export * from './debrief/index.ts';
export { loadScenario, type LoadResult } from './scenario/loadScenario.ts';
export { checkScenario, type CheckContext } from './scenario/checkScenario.ts';
export { formatProblem, type ScenarioProblem } from './scenario/problems.ts';
export * from './encounter/events.ts';
export {
  compileScenario,
  type CompiledScenario,
  type CompiledSegment,
  type EncounterMachine,
  type EncounterSnapshot,
  type ScenePoint,
  type TraineeStage,
} from './encounter/compileScenario.ts';
export * from './run/runLog.ts';
export * from './run/runner.ts';
export { EncounterSession, type SessionListener } from './run/encounterSession.ts';
export { ScenarioClock, type PauseReason } from './run/scenarioClock.ts';
export { replay, type ReplayTrace } from './run/replay.ts';
export { replayCursor, type ReplayCursor, type DecisionPoint } from './run/replayCursor.ts';
export {
  analyzeRun,
  LogMismatchError,
  type RunAnalysis,
  type Answer,
} from './scoring/analyzeRun.ts';
export {
  score,
  scoreAnalysis,
  factsThatBelong,
  type Score,
  type ScoreComponent,
  type ScorePart,
  type RunMeasures,
} from './scoring/score.ts';
export { SCORING } from './scoring/weights.ts';
export {
  selectEncounterView,
  speakerLabel,
  restingFigures,
  type EncounterView,
  type FigureView,
  type CaptionView,
  type DecisionView,
  type ReportView,
} from './view/encounterView.ts';
export { TRAINEE_ID } from './scenario/checkScenario.ts';
export * from './classroom/index.ts';
