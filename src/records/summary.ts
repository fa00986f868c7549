/**
 * The summary kept beside a finished run: the score's headline numbers, taken from the engine's
 * Score. Pure, so lists and gradebooks can be tested without a database.
 */
import {
  analyzeRun,
  scoreAnalysis,
  type CompiledScenario,
  type RunLog,
  type Score,
} from '../engine/index.ts';
import type { RunSummary } from './schema.ts';

/**
 * Pure: the summary of a score. The outcome id is not part of the Score (it is a fact of the run,
 * not a grade), so the caller passes it: `analyzeRun(...).outcome?.outcome.id`.
 */
export function summarizeScore(score: Score, outcomeId: string | undefined): RunSummary {
  const m = score.measures;
  return {
    engineVersion: score.engineVersion,
    outcomeId: outcomeId ?? null,
    outcomeScore: score.outcome.points,
    outcomeBand: score.outcome.band,
    processScore: score.process.points,
    processBand: score.process.band,
    recognitionTime: m.recognitionTime ?? null,
    interventionAt: m.interventionAt ?? null,
    interventionMarginToHarm: m.interventionMarginToHarm ?? null,
    harmExposure: m.harmExposure,
    falseAlarms: m.falseAlarms,
    overInterventions: m.overInterventions,
    reportAccuracy: m.reportAccuracy ?? null,
  };
}

/**
 * Pure: grades a log and summarizes it in one analysis. Throws the engine's LogMismatchError when
 * the log is of another scenario version than `compiled`.
 */
export function summarizeRun(compiled: CompiledScenario, log: RunLog): RunSummary {
  const analysis = analyzeRun(compiled, log);
  return summarizeScore(scoreAnalysis(compiled.scenario, analysis), analysis.outcome?.outcome.id);
}
