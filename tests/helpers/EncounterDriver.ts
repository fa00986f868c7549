/**
 * A fluent driver for encounters on a manual clock (tldraw TestEditor style): tests read like a
 * run of the scenario.
 */
import { expect } from 'vitest';
import {
  EncounterSession,
  score,
  scenePosition,
  traineePosition,
  analyzeRun,
  type CompiledScenario,
  type RunAnalysis,
  type Score,
  type TraineeStage,
} from '../../src/engine/index.ts';

export class EncounterDriver {
  readonly session: EncounterSession;

  constructor(readonly compiled: CompiledScenario) {
    this.session = new EncounterSession(compiled);
  }

  static start(compiled: CompiledScenario): EncounterDriver {
    return new EncounterDriver(compiled);
  }

  at(t: number): this {
    this.session.advanceTo(t);
    return this;
  }

  signal(t: number): this {
    this.session.input({ type: 'trainee.signal' }, t);
    return this;
  }

  choose(decision: string, option: string, t: number): this {
    const taken = this.session.input({ type: 'decision.select', decision, option }, t);
    expect(taken, `${decision}/${option} at ${t} s should be taken`).toBe(true);
    return this;
  }

  report(items: string[], t: number): this {
    this.session.input({ type: 'report.submit', items }, t);
    return this;
  }

  /** Lets the clock run until the report form is open, then hands the report in. */
  finish(items: string[], t = 10_000): this {
    this.session.advanceTo(t);
    return this.report(items, t);
  }

  expectStage(stage: TraineeStage, decision?: string): this {
    const trainee = traineePosition(this.session.current.snapshot);
    expect(trainee.stage).toBe(stage);
    if (decision !== undefined) expect(trainee.decision).toBe(decision);
    return this;
  }

  expectScene(segmentOrOutcome: string): this {
    const scene = scenePosition(this.session.current.snapshot);
    expect(scene.kind === 'playing' ? scene.segment : scene.outcome).toBe(segmentOrOutcome);
    return this;
  }

  get score(): Score {
    return score(this.compiled, this.session.log);
  }

  get analysis(): RunAnalysis {
    return analyzeRun(this.compiled, this.session.log);
  }

  component(part: 'outcome' | 'process', id: string) {
    const found = this.score[part].components.find((c) => c.id === id);
    if (!found) throw new Error(`no ${part} component ${id}`);
    return found;
  }
}
