/**
 * A replay viewer's cursor over a finished log: what the screen shows at any scenario time, and
 * where the decisions are for a scrubber. The run's states are worked out once, from the log and
 * the pure machine, so seeking backwards or forwards costs a lookup and not a replay, and any
 * time reads the same however it was reached.
 */
import type { CompiledScenario } from '../encounter/compileScenario.ts';
import type { DecisionStage } from '../scenario/schema.ts';
import { selectEncounterView, type EncounterView } from '../view/encounterView.ts';
import type { LogEntry, RunLog } from './runLog.ts';
import { applyEntry, startRun, traineePosition, type RunState } from './runner.ts';

export interface DecisionPoint {
  /**
   * `opened`: the decision was put to the trainee; `chosen`: they picked an option; `timed-out`:
   * its time ran out with no answer.
   */
  readonly kind: 'opened' | 'chosen' | 'timed-out';
  readonly t: number;
  /** The index in `log.entries` of the event that made this point. */
  readonly entry: number;
  readonly decision: string;
  readonly stage: DecisionStage | undefined;
  readonly prompt: string;
  /** The option taken, for `chosen`. */
  readonly option: { readonly id: string; readonly text: string } | undefined;
}

export interface ReplayCursor {
  /** The time of the log's last event: a replay runs from 0 to here. */
  readonly duration: number;
  readonly entries: readonly LogEntry[];
  /** Every decision opened and answered (or let lapse), in log order. */
  readonly decisionPoints: readonly DecisionPoint[];
  /** How many entries have happened by time `t` (those with a time at or before it). */
  entriesAt(t: number): number;
  /** The run's state once every entry at or before `t` has happened. */
  stateAt(t: number): RunState;
  /** What the stage and overlay show at time `t`, as the live encounter showed it then. */
  viewAt(t: number): EncounterView;
  /** The first decision point strictly after `t`, or undefined when there is none. */
  nextDecisionPoint(t: number): DecisionPoint | undefined;
  /** The last decision point strictly before `t`, or undefined when there is none. */
  previousDecisionPoint(t: number): DecisionPoint | undefined;
}

/** Pure: a cursor over `log`, which must be a log of `compiled`'s scenario. */
export function replayCursor(compiled: CompiledScenario, log: RunLog): ReplayCursor {
  const entries = log.entries;
  // states[k] is the state after the first k entries.
  const states: RunState[] = [startRun(compiled)];
  const decisionPoints: DecisionPoint[] = [];
  entries.forEach((entry, index) => {
    const before = states[states.length - 1] as RunState;
    const after = applyEntry(compiled, before, entry);
    states.push(after);
    // A rejected event (a stale timeout) leaves the snapshot itself untouched.
    if (after.snapshot === before.snapshot) return;
    const { event } = entry;
    if (event.type === 'decision.select' || event.type === 'decision.timeout') {
      const decision = compiled.decisions.get(event.decision);
      const option =
        event.type === 'decision.select'
          ? decision?.options.find((o) => o.id === event.option)
          : undefined;
      decisionPoints.push({
        kind: event.type === 'decision.select' ? 'chosen' : 'timed-out',
        t: entry.t,
        entry: index,
        decision: event.decision,
        stage: decision?.stage,
        prompt: decision?.prompt ?? event.decision,
        option:
          event.type === 'decision.select'
            ? { id: event.option, text: option?.text ?? event.option }
            : undefined,
      });
    }
    const opened = traineePosition(after.snapshot).decision;
    const wasOpen = traineePosition(before.snapshot).decision;
    if (
      opened !== undefined &&
      (opened !== wasOpen || after.decisionOpenedAt !== before.decisionOpenedAt)
    ) {
      const decision = compiled.decisions.get(opened);
      decisionPoints.push({
        kind: 'opened',
        t: entry.t,
        entry: index,
        decision: opened,
        stage: decision?.stage,
        prompt: decision?.prompt ?? opened,
        option: undefined,
      });
    }
  });
  const duration = entries.length === 0 ? 0 : (entries[entries.length - 1] as LogEntry).t;

  const entriesAt = (t: number): number => {
    // Entries are in time order: the first entry later than `t`, by bisection.
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((entries[mid] as LogEntry).t <= t) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const seen = new Map<number, readonly LogEntry[]>();
  const entriesUpTo = (count: number): readonly LogEntry[] => {
    let slice = seen.get(count);
    if (!slice) {
      slice = entries.slice(0, count);
      seen.set(count, slice);
    }
    return slice;
  };
  const stateAt = (t: number): RunState => states[entriesAt(t)] as RunState;

  return {
    duration,
    entries,
    decisionPoints,
    entriesAt,
    stateAt,
    viewAt: (t) => {
      const count = entriesAt(t);
      return selectEncounterView(compiled, states[count] as RunState, entriesUpTo(count), t);
    },
    nextDecisionPoint: (t) => decisionPoints.find((point) => point.t > t),
    previousDecisionPoint: (t) => decisionPoints.findLast((point) => point.t < t),
  };
}
