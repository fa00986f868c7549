import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EncounterSession,
  parseRunLog,
  replay,
  score,
  scenePosition,
  serializeRunLog,
  traineePosition,
  LogMismatchError,
  type CompiledScenario,
  type InputEvent,
} from '../../src/engine/index.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

/** Every input the trainee could give in this scenario, for random runs. */
function possibleInputs(compiled: CompiledScenario): InputEvent[] {
  const inputs: InputEvent[] = [{ type: 'trainee.signal' }];
  for (const decision of compiled.decisions.values()) {
    for (const option of decision.options)
      inputs.push({ type: 'decision.select', decision: decision.id, option: option.id });
  }
  const items = compiled.scenario.report.items.map((i) => i.id);
  inputs.push(
    { type: 'report.submit', items },
    { type: 'report.submit', items: items.slice(0, 1) },
  );
  return inputs;
}

/** A random run: inputs at random times, some out of order, as a browser can deliver them. */
function randomRun(compiled: CompiledScenario) {
  const inputs = possibleInputs(compiled);
  return fc.array(
    fc.record({
      input: fc.constantFrom(...inputs),
      at: fc.double({ min: 0, max: 120, noNaN: true }),
      late: fc.double({ min: 0, max: 2, noNaN: true }),
    }),
    { maxLength: 25 },
  );
}

function play(
  compiled: CompiledScenario,
  steps: Array<{ input: InputEvent; at: number; late: number }>,
) {
  const session = new EncounterSession(compiled);
  for (const step of [...steps].sort((a, b) => a.at - b.at)) {
    session.advanceTo(step.at + step.late);
    session.input(step.input, step.at);
  }
  session.advanceTo(400);
  return { session };
}

describe.each(['minimal.yaml', 'lawful.yaml'])('Replaying %s', (fixture) => {
  const compiled = compiledFixture(fixture);

  it('reaches the same states and the same score, byte for byte', () => {
    fc.assert(
      fc.property(randomRun(compiled), (steps) => {
        const { session } = play(compiled, steps);
        const log = session.log;
        const trace = replay(compiled, log);
        expect(trace.final.snapshot.value).toEqual(session.current.snapshot.value);
        expect(scenePosition(trace.final.snapshot)).toEqual(
          scenePosition(session.current.snapshot),
        );
        expect(traineePosition(trace.final.snapshot)).toEqual(
          traineePosition(session.current.snapshot),
        );
        const fresh = compiledFixture(fixture);
        expect(JSON.stringify(score(fresh, log))).toBe(JSON.stringify(score(compiled, log)));
        expect(JSON.stringify(replay(fresh, log).steps)).toBe(JSON.stringify(trace.steps));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a log that survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(randomRun(compiled), (steps) => {
        const { session } = play(compiled, steps);
        const json = serializeRunLog(session.log);
        const back = parseRunLog(json);
        expect(back).toEqual(session.log);
        expect(serializeRunLog(back)).toBe(json);
        expect(JSON.stringify(score(compiled, back))).toBe(
          JSON.stringify(score(compiled, session.log)),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('logs events in time order whatever order inputs arrive in', () => {
    fc.assert(
      fc.property(randomRun(compiled), (steps) => {
        const { session } = play(compiled, steps);
        const times = session.log.entries.map((e) => e.t);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
      { numRuns: 40 },
    );
  });
});

describe('A run log', () => {
  const compiled = compiledFixture('minimal.yaml');

  it('is rejected with the place of the problem when it is not a valid log', () => {
    expect(() => parseRunLog('{"logVersion":1}')).toThrow(/not a valid run log at engineVersion/);
    const session = new EncounterSession(compiled);
    session.advanceTo(20);
    const log = JSON.parse(serializeRunLog(session.log)) as { entries: Array<{ t: number }> };
    const [first, second] = log.entries;
    if (first && second) [first.t, second.t] = [5, 1];
    expect(() => parseRunLog(JSON.stringify(log))).toThrow(/entries must be in time order/);
  });

  it('refuses to be scored against another version of its scenario', () => {
    const session = new EncounterSession(compiled);
    session.advanceTo(5);
    const newer = compiledFixture('minimal.yaml', (s) => {
      s.version = 2;
    });
    expect(() => score(newer, session.log)).toThrow(LogMismatchError);
    expect(() => score(newer, session.log)).toThrow('version 1, but "minimal" version 2 is loaded');
  });
});
