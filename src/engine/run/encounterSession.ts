/**
 * A live encounter: the scenario clock drives the scene, the trainee's inputs arrive stamped with
 * their own times, and everything goes into the run log. The machine is pure, so an input that
 * arrives after the clock has already moved past its timestamp is put back in its place and the
 * run is recomputed from the log: the log always reads as if every event had been handled the
 * instant it happened.
 */
import type { CompiledScenario } from '../encounter/compileScenario.ts';
import type { InputEvent } from '../encounter/events.ts';
import {
  ENGINE_VERSION,
  RUN_LOG_VERSION,
  type ClassroomRecord,
  type ClassVote,
  type LogEntry,
  type RunLog,
} from './runLog.ts';
import {
  accepts,
  advanceClock,
  applyEntry,
  isFinished,
  startRun,
  type RunState,
} from './runner.ts';

export type SessionListener = (session: EncounterSession) => void;

export class EncounterSession {
  private state: RunState;
  private entries: LogEntry[] = [];
  private inputs: LogEntry[] = [];
  private now = 0;
  private classroom: ClassroomRecord | undefined;
  private readonly listeners = new Set<SessionListener>();

  /** With `classroom`, a class's run taken up again keeps its votes and rewinds. */
  constructor(
    readonly compiled: CompiledScenario,
    classroom?: ClassroomRecord,
  ) {
    this.state = startRun(compiled);
    this.classroom = classroom;
  }

  /** The run so far, as the log that scoring, the debrief and replay read. */
  get log(): RunLog {
    return {
      logVersion: RUN_LOG_VERSION,
      engineVersion: ENGINE_VERSION,
      scenario: { id: this.compiled.scenario.id, version: this.compiled.scenario.version },
      entries: [...this.entries],
      ...(this.classroom ? { classroom: this.classroom } : {}),
    };
  }

  /**
   * A class voted at a decision: the tally goes into the log beside the choice it made, which
   * must already be logged at `vote.entry`.
   */
  recordVote(vote: ClassVote): void {
    const entry = this.entries[vote.entry];
    if (
      entry?.event.type !== 'decision.select' ||
      entry.event.decision !== vote.decision ||
      entry.event.option !== vote.option
    ) {
      throw new Error(
        `a vote for "${vote.decision}" must follow its choice of "${vote.option}" in the log`,
      );
    }
    const classroom = this.classroom ?? { votes: [], rewinds: [] };
    this.classroom = { ...classroom, votes: [...classroom.votes, vote] };
    this.notify();
  }

  get current(): RunState {
    return this.state;
  }

  /** The latest scenario time the session has been advanced to. */
  get time(): number {
    return this.now;
  }

  get finished(): boolean {
    return isFinished(this.state);
  }

  /** Plays every clock event due up to scenario time `t`. Times before `time` are ignored. */
  advanceTo(t: number): void {
    if (t < this.now || this.finished) return;
    this.now = t;
    const { state, entries } = advanceClock(this.compiled, this.state, t);
    this.state = state;
    if (entries.length > 0) {
      this.entries.push(...entries);
      this.notify();
    }
  }

  /**
   * Applies a trainee input that happened at scenario time `t`. Returns whether the encounter
   * took it (a second press of a key already handled, or a choice for a decision that has closed,
   * is not taken and not logged).
   */
  input(event: InputEvent, t: number): boolean {
    if (this.finished) return false;
    const entry: LogEntry = { t, event };
    if (t < this.now) return this.insertLate(entry);
    this.now = t;
    const applied = applyInput(this.compiled, this.state, entry);
    this.state = applied.state;
    this.entries.push(...applied.entries);
    if (applied.accepted) this.inputs.push(entry);
    if (applied.entries.length > 0) this.notify();
    return applied.accepted;
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private insertLate(entry: LogEntry): boolean {
    const inputs = [
      ...this.inputs.filter((i) => i.t <= entry.t),
      entry,
      ...this.inputs.filter((i) => i.t > entry.t),
    ];
    let state = startRun(this.compiled);
    const entries: LogEntry[] = [];
    const kept: LogEntry[] = [];
    for (const input of inputs) {
      const applied = applyInput(this.compiled, state, input);
      state = applied.state;
      entries.push(...applied.entries);
      if (applied.accepted) kept.push(input);
    }
    const rest = advanceClock(this.compiled, state, this.now);
    this.state = rest.state;
    this.entries = [...entries, ...rest.entries];
    this.inputs = kept;
    const accepted = kept.includes(entry);
    if (accepted) this.notify();
    return accepted;
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this);
  }
}

/**
 * Pure: plays the clock up to the input's time, applies the input if the encounter takes it, and
 * plays anything its consequence makes due at that same instant (a branch's first beat).
 */
function applyInput(
  compiled: CompiledScenario,
  state: RunState,
  input: LogEntry,
): { state: RunState; entries: LogEntry[]; accepted: boolean } {
  const before = advanceClock(compiled, state, input.t);
  if (!accepts(before.state, input.event)) return { ...before, accepted: false };
  const after = advanceClock(compiled, applyEntry(compiled, before.state, input), input.t);
  return {
    state: after.state,
    entries: [...before.entries, input, ...after.entries],
    accepted: true,
  };
}
