/**
 * Replay: a log fed into a fresh machine. Because the machine is pure and time lives in the log,
 * the same log always walks the same states; the trace is what a replay viewer steps through.
 */
import type { CompiledScenario } from '../encounter/compileScenario.ts';
import type { LogEntry, RunLog } from './runLog.ts';
import {
  applyEntry,
  scenePosition,
  startRun,
  traineePosition,
  type RunState,
  type ScenePosition,
  type TraineePosition,
} from './runner.ts';

export interface ReplayStep {
  readonly entry: LogEntry;
  readonly scene: ScenePosition;
  readonly trainee: TraineePosition;
  /** The machine's state value, for exact comparison. */
  readonly value: unknown;
}

export interface ReplayTrace {
  readonly steps: readonly ReplayStep[];
  readonly final: RunState;
}

/** Pure: replays every entry of `log` from the start. */
export function replay(compiled: CompiledScenario, log: RunLog): ReplayTrace {
  let state = startRun(compiled);
  const steps: ReplayStep[] = [];
  for (const entry of log.entries) {
    state = applyEntry(compiled, state, entry);
    steps.push({
      entry,
      scene: scenePosition(state.snapshot),
      trainee: traineePosition(state.snapshot),
      value: state.snapshot.value,
    });
  }
  return { steps, final: state };
}
