import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileScenario,
  EncounterSession,
  replay,
  replayCursor,
  score,
  selectEncounterView,
  type CompiledScenario,
  type EncounterView,
  type InputEvent,
} from '../../src/engine/index.ts';
import { loadScenarioFiles, scenarioFilesIn } from '../../tools/scenarioFiles.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

const RATING_ORDER = ['best', 'acceptable', 'poor', 'harmful'];
const STEP = 0.25;

type Policy = 'wait' | 'best';

/**
 * Plays a run live on a grid of times, noting the view after each step as the live encounter
 * showed it: with `best`, it signals at once and takes the best-rated option of every decision a
 * step after it opens; with `wait`, it never answers. Either way it hands the facts in.
 */
function playLive(compiled: CompiledScenario, policy: Policy) {
  const session = new EncounterSession(compiled);
  const seen: Array<{ t: number; view: EncounterView }> = [];
  const facts = compiled.scenario.report.items.filter((i) => i.kind === 'fact').map((i) => i.id);
  let pending: { decision: string; at: number } | undefined;
  for (let i = 0; i < 4000 && !session.finished; i++) {
    const t = i * STEP;
    session.advanceTo(t);
    const view = selectEncounterView(compiled, session.current, session.log.entries, t);
    if (view.report) session.input({ type: 'report.submit', items: facts }, t);
    else if (policy === 'best' && view.canSignal && t >= 2)
      session.input({ type: 'trainee.signal' }, t);
    else if (policy === 'best' && view.decision) {
      if (pending?.decision !== view.decision.id) pending = { decision: view.decision.id, at: t };
      else if (t > pending.at) {
        const decision = compiled.decisions.get(view.decision.id);
        const ranked = [...(decision?.options ?? [])].sort(
          (a, b) =>
            RATING_ORDER.indexOf(a.inWindow?.[view.window]?.rating ?? a.rating) -
            RATING_ORDER.indexOf(b.inWindow?.[view.window]?.rating ?? b.rating),
        );
        const option = ranked[0];
        if (option)
          session.input(
            { type: 'decision.select', decision: view.decision.id, option: option.id },
            t,
          );
        pending = undefined;
      }
    }
    seen.push({ t, view: selectEncounterView(compiled, session.current, session.log.entries, t) });
  }
  return { session, seen };
}

const shipped = loadScenarioFiles(scenarioFilesIn()).flatMap((result) =>
  result.ok ? [[result.scenario.id, compileScenario(result.scenario)] as const] : [],
);
const runs: Array<readonly [string, CompiledScenario]> = [
  ['fixture minimal', compiledFixture('minimal.yaml')],
  ['fixture lawful', compiledFixture('lawful.yaml')],
  ...shipped,
];

describe('The replay cursor', () => {
  it('finds every shipped scenario', () => {
    expect(shipped.length).toBe(scenarioFilesIn().length);
    expect(shipped.map(([id]) => id)).toContain('s1-prone-restraint');
  });

  describe.each(runs)('on %s', (_name, compiled) => {
    it.each(['wait', 'best'] as const)(
      'shows at every time what the live run showed then (%s)',
      (policy) => {
        const { session, seen } = playLive(compiled, policy);
        expect(session.finished).toBe(true);
        const cursor = replayCursor(compiled, session.log);
        expect(cursor.duration).toBe(session.log.entries.at(-1)?.t);
        for (const { t, view } of seen) expect(cursor.viewAt(t)).toEqual(view);
        // Seeking back and forth lands on the same view as playing through.
        const shuffled = [...seen].reverse().filter((_, i) => i % 3 === 0);
        for (const { t, view } of shuffled) expect(cursor.viewAt(t)).toEqual(view);
        for (const { t, view } of seen.filter((_, i) => i % 5 === 0))
          expect(cursor.viewAt(t)).toEqual(view);
      },
    );

    it('lists the decision points in log order, each at its entry', () => {
      const { session } = playLive(compiled, 'best');
      const cursor = replayCursor(compiled, session.log);
      const points = cursor.decisionPoints;
      expect(points.length).toBeGreaterThan(0);
      const entries = points.map((p) => p.entry);
      expect(entries).toEqual([...entries].sort((a, b) => a - b));
      for (const point of points) {
        expect(session.log.entries[point.entry]?.t).toBe(point.t);
        const event = session.log.entries[point.entry]?.event;
        if (point.kind === 'chosen') {
          expect(event).toEqual({
            type: 'decision.select',
            decision: point.decision,
            option: point.option?.id,
          });
        }
        if (point.kind === 'opened')
          expect(cursor.viewAt(point.t).decision?.id).toBe(point.decision);
      }
      // Every choice answers a decision opened before it.
      for (const [i, point] of points.entries()) {
        if (point.kind === 'opened') continue;
        expect(
          points.slice(0, i).some((p) => p.kind === 'opened' && p.decision === point.decision),
        ).toBe(true);
      }
      const first = points[0];
      const last = points.at(-1);
      if (first && last) {
        expect(cursor.nextDecisionPoint(-1)).toBe(first);
        expect(cursor.previousDecisionPoint(last.t + 1)).toBe(last);
        expect(cursor.nextDecisionPoint(last.t)).toBeUndefined();
      }
    });
  });

  it('names each choice and each lapse of the fixture, in order', () => {
    const compiled = compiledFixture('minimal.yaml');
    const name = (policy: Policy) =>
      replayCursor(compiled, playLive(compiled, policy).session.log).decisionPoints.map(
        (p) => `${p.kind}:${p.decision}${p.option ? `=${p.option.id}` : ''}`,
      );
    expect(name('best')).toEqual([
      'opened:assess',
      'chosen:assess=required',
      'opened:own-it',
      'chosen:own-it=mine',
      'opened:how',
      'chosen:how=direct',
      'opened:follow-through',
      'chosen:follow-through=stay',
      'opened:pressure',
      'chosen:pressure=own-words',
    ]);
    const waited = name('wait');
    expect(waited.some((p) => p.startsWith('timed-out:'))).toBe(true);
    expect(waited.some((p) => p.startsWith('chosen:'))).toBe(false);
  });
});

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

describe.each(['minimal.yaml', 'lawful.yaml'])('Replaying random runs of %s', (fixture) => {
  const compiled = compiledFixture(fixture);
  const inputs = possibleInputs(compiled);

  it('reaches the same states, the same score byte for byte, and the same final view', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            input: fc.constantFrom(...inputs),
            at: fc.double({ min: 0, max: 120, noNaN: true }),
          }),
          { maxLength: 25 },
        ),
        (steps) => {
          const session = new EncounterSession(compiled);
          for (const step of [...steps].sort((a, b) => a.at - b.at)) {
            session.advanceTo(step.at);
            session.input(step.input, step.at);
          }
          session.advanceTo(400);
          const log = session.log;
          const trace = replay(compiled, log);
          expect(trace.final.snapshot.value).toEqual(session.current.snapshot.value);
          const cursor = replayCursor(compiled, log);
          expect(cursor.stateAt(cursor.duration).snapshot.value).toEqual(
            session.current.snapshot.value,
          );
          // Every step of the trace is the state the cursor holds once that entry has happened.
          for (const [i, step] of trace.steps.entries()) {
            const sameTime = log.entries.findLastIndex((e) => e.t === step.entry.t);
            if (sameTime === i) {
              expect(cursor.stateAt(step.entry.t).snapshot.value).toEqual(step.value);
            }
          }
          const fresh = compiledFixture(fixture);
          expect(JSON.stringify(score(fresh, log))).toBe(JSON.stringify(score(compiled, log)));
          const live = selectEncounterView(compiled, session.current, log.entries, 400);
          expect(cursor.viewAt(400)).toEqual(live);
          expect(JSON.stringify(replayCursor(fresh, log).viewAt(400))).toBe(JSON.stringify(live));
        },
      ),
      { numRuns: 100 },
    );
  });
});
