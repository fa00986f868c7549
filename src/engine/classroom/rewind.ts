/**
 * Going back in a class run: every decision the scene has put so far is a point the class can
 * return to and answer differently ("what if"). Going back cuts the log to the moment that
 * decision opened, keeps the votes cast before it, and notes the branch left behind, so the
 * debrief can say what the room tried.
 */
import type { CompiledScenario } from '../encounter/compileScenario.ts';
import { replayCursor, type DecisionPoint } from '../run/replayCursor.ts';
import type { RunLog } from '../run/runLog.ts';
import { scenePosition, type RunState } from '../run/runner.ts';

export interface RewindPoint {
  readonly decision: string;
  readonly prompt: string;
  /** When the decision opened. */
  readonly t: number;
  /** The log entry that opened it: the log is cut just after it. */
  readonly entry: number;
  /** What was answered there in the run so far, if anything. */
  readonly answered: DecisionPoint | undefined;
}

/** Pure: the decisions of the scene (not the report) a class can go back to, in order. */
export function rewindPoints(compiled: CompiledScenario, log: RunLog): RewindPoint[] {
  const points = replayCursor(compiled, log).decisionPoints;
  return points
    .filter((point) => point.kind === 'opened' && point.stage !== 'report')
    .map((opened) => ({
      decision: opened.decision,
      prompt: opened.prompt,
      t: opened.t,
      entry: opened.entry,
      answered: points.find(
        (p) => p.kind !== 'opened' && p.decision === opened.decision && p.entry > opened.entry,
      ),
    }));
}

/**
 * Pure: the log as it stood when `point`'s decision had just opened, with the votes cast before
 * it and a note of the branch left behind (how far it had got, and its outcome if it had one).
 */
export function rewoundLog(log: RunLog, point: RewindPoint, reached: RunState): RunLog {
  const entries = log.entries.slice(0, point.entry + 1);
  const scene = scenePosition(reached.snapshot);
  const left = log.entries.at(-1)?.t ?? point.t;
  const classroom = log.classroom ?? { votes: [], rewinds: [] };
  return {
    ...log,
    entries,
    classroom: {
      votes: classroom.votes.filter((vote) => vote.entry <= point.entry),
      rewinds: [
        ...classroom.rewinds,
        {
          t: point.t,
          decision: point.decision,
          left: Math.max(left, reached.time),
          ...(scene.kind === 'concluded' ? { outcome: scene.outcome } : {}),
        },
      ],
    },
  };
}
