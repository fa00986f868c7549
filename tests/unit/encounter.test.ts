import { describe, expect, it } from 'vitest';
import { SCORING, type Scenario } from '../../src/engine/index.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

const ALL_FACTS = ['knee', 'breathing-said', 'rolled-fact'];

/** The minimal fixture: cues at 0 (early), 10 (warning), 45 (critical); harm point at 60. */
const minimal = () => EncounterDriver.start(compiledFixture('minimal.yaml'));

describe('When the trainee is watching (stage 1, see)', () => {
  it('plays beats and window starts at their times on the scenario clock', () => {
    const run = minimal().at(12);
    expect(run.session.log.entries.map((e) => [e.t, e.event.type])).toEqual([
      [0, 'scene.window'],
      [0, 'scene.beat'],
      [10, 'scene.beat'],
    ]);
  });

  it('measures recognition time from the onset of the first cue to the signal', () => {
    const run = minimal().at(5).signal(7.25);
    expect(run.analysis.recognitionTime).toBe(7.25);
    expect(run.analysis.signals).toEqual([{ t: 7.25, window: 'green', falseAlarm: false }]);
    run.expectStage('determine', 'assess');
  });

  it('counts a signal before the first cue as a false alarm', () => {
    const compiled = compiledFixture('minimal.yaml', (s) => {
      const cuffed = s.segments[0]?.beats[0];
      if (cuffed) cuffed.cue = undefined;
      const windows = s.segments[0]?.windows;
      if (windows?.[0]) windows[0] = { from: 0, window: 'clear' };
      windows?.splice(1, 0, { from: 10, window: 'green' });
    });
    const run = EncounterDriver.start(compiled).at(4).signal(4).choose('assess', 'fine', 5);
    expect(run.analysis.signals[0]).toEqual({ t: 4, window: 'clear', falseAlarm: true });
    run.signal(12);
    expect(run.analysis.recognitionTime).toBe(2);
    expect(run.component('process', 'false-alarms').points).toBe(-SCORING.deductions.perFalseAlarm);
  });

  it('ignores a second signal while a decision is open, and keeps it out of the log', () => {
    const run = minimal().signal(3);
    expect(run.session.input({ type: 'trainee.signal' }, 4)).toBe(false);
    expect(run.session.log.entries.filter((e) => e.event.type === 'trainee.signal')).toHaveLength(
      1,
    );
  });

  it('records harm exposure while the trainee waits and harm continues', () => {
    const run = minimal().finish([], 200);
    // Misconduct begins with the warning cue at 10 s; the harmful segment ends at 70 s.
    expect(run.analysis.harmExposure).toBe(60);
    expect(run.analysis.outcome?.outcome.id).toBe('death');
    expect(run.score.outcome.points).toBe(0);
    expect(run.component('process', 'recognition').reason).toContain('never signalled');
  });
});

describe('When a decision runs out of time', () => {
  it('takes the timeout as inaction, with its rating and consequence', () => {
    const run = minimal().signal(2).at(12.5);
    run.expectStage('see');
    const [answer] = run.analysis.answers;
    expect(answer).toMatchObject({
      decision: 'assess',
      timedOut: true,
      rating: 'poor',
      openedAt: 2,
      answeredAt: 12,
    });
    expect(run.component('process', 'determine').reason).toContain('run out (10.0 s)');
  });

  it('ignores a choice that arrives after the timeout', () => {
    const run = minimal().signal(2).at(13);
    expect(
      run.session.input({ type: 'decision.select', decision: 'assess', option: 'required' }, 13),
    ).toBe(false);
    run.expectStage('see');
  });

  it('lets a choice stamped before the timeout win even when the clock has passed it', () => {
    const run = minimal().signal(2).at(14);
    // The key was pressed at 11.9 s; the frame that handled it came after the timeout.
    expect(
      run.session.input({ type: 'decision.select', decision: 'assess', option: 'required' }, 11.9),
    ).toBe(true);
    run.expectStage('commit', 'own-it');
    const types = run.session.log.entries.map((e) => e.event.type);
    expect(types).not.toContain('decision.timeout');
    expect(run.session.log.entries.map((e) => e.t)).toEqual(
      [...run.session.log.entries.map((e) => e.t)].sort((a, b) => a - b),
    );
  });
});

/** Steps in late (red window), is refused, then persists and moves the knee. */
function toRefusalThenPersist() {
  const compiled = compiledFixture('minimal.yaml', (s) => {
    const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
    if (direct?.inWindow?.red) direct.inWindow.red.next = 'observe';
  });
  return EncounterDriver.start(compiled)
    .signal(38)
    .choose('assess', 'required', 39)
    .choose('own-it', 'mine', 40)
    .choose('how', 'direct', 41)
    .choose('persist', 'push', 42);
}

describe('When the trainee intervenes', () => {
  const intervene = (t: number) =>
    minimal()
      .signal(t - 3)
      .choose('assess', 'required', t - 2)
      .choose('own-it', 'mine', t - 1)
      .choose('how', 'direct', t);

  it('sends the scene down the branch the choice and its window lead to', () => {
    intervene(15).expectScene('rolled').expectStage('act', 'follow-through');
    intervene(45).expectScene('refused').expectStage('act', 'follow-through');
  });

  it('rates an option by the window it was chosen in', () => {
    const early = minimal()
      .signal(1)
      .choose('assess', 'required', 2)
      .choose('own-it', 'mine', 3)
      .choose('how', 'distract', 4);
    expect(early.analysis.answers[2]).toMatchObject({ window: 'green', rating: 'acceptable' });
    const late = minimal()
      .signal(21)
      .choose('assess', 'required', 22)
      .choose('own-it', 'mine', 23)
      .choose('how', 'distract', 24);
    expect(late.analysis.answers[2]).toMatchObject({ window: 'amber', rating: 'poor' });
    late.expectScene('refused');
  });

  it('gives full timing credit in the green window and decays it smoothly after', () => {
    // A variant where stepping in always works, so only the timing curve is measured.
    const compiled = compiledFixture('minimal.yaml', (s) => {
      const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
      if (direct) direct.inWindow = undefined;
    });
    const credit = (t: number) =>
      EncounterDriver.start(compiled)
        .signal(t - 3)
        .choose('assess', 'required', t - 2)
        .choose('own-it', 'mine', t - 1)
        .choose('how', 'direct', t)
        .component('outcome', 'intervention-timing').points;
    expect(credit(10)).toBe(SCORING.outcome.interventionTiming);
    const times = [15, 19.5, 20, 20.5, 25, 30, 39.5, 40, 40.5, 50, 59.5, 60.5, 64];
    const credits = times.map(credit);
    for (let i = 1; i < credits.length; i++) {
      expect(credits[i]).toBeLessThanOrEqual(credits[i - 1] as number);
      // No cliff: half a second never costs more than a few points, even across a boundary.
      if ((times[i] as number) - (times[i - 1] as number) <= 1) {
        expect((credits[i - 1] as number) - (credits[i] as number)).toBeLessThan(2);
      }
    }
    expect(credits[credits.length - 1]).toBeLessThan(credits[0] as number);
  });

  it('gives half the timing credit to an attempt that did not stop the harm', () => {
    const run = intervene(41);
    run.expectScene('refused');
    const timing = run.component('outcome', 'intervention-timing');
    expect(timing.reason).toContain('but it did not stop the harm: 50% of the timing credit');
    expect(run.score.measures.interventionAt).toBe(41);
    expect(run.score.measures.harmStoppedAt).toBeUndefined();
    // Persisting after the refusal is what stops the harm, and that moment is what is timed.
    run.choose('follow-through', 'leave', 42).at(60);
    expect(run.analysis.effectiveIntervention).toBeUndefined();
  });

  it('times the harm stopping at the persistence that worked, not the first try', () => {
    const run = toRefusalThenPersist();
    expect(run.score.measures.interventionAt).toBe(41);
    expect(run.score.measures.harmStoppedAt).toBe(42);
    expect(run.component('outcome', 'intervention-timing').reason).toContain(
      'Your first attempt at 41.0 s',
    );
  });

  it('times the intervention against the harm point', () => {
    const run = intervene(25);
    expect(run.score.measures.interventionAt).toBe(25);
    expect(run.score.measures.interventionMarginToHarm).toBe(35);
    expect(run.component('outcome', 'intervention-timing').reason).toContain(
      '35.0 s before the harm point at 60.0 s',
    );
  });

  it('stops harm exposure when the intervention changes the scene', () => {
    const run = intervene(15).finish(ALL_FACTS);
    expect(run.analysis.harmExposure).toBe(5);
    expect(run.analysis.outcome?.outcome.id).toBe('recovered');
  });

  it('restarts a segment clock when a branch enters it again', () => {
    const run = intervene(45);
    // "refused" began at 45 s; its prompt beat plays at once and opens "persist".
    run.at(46).expectStage('act', 'follow-through');
    expect(run.session.current.segmentStartedAt).toBe(45);
  });
});

describe('When a beat prompts the trainee', () => {
  const toRefusal = (change?: (s: Scenario) => void) =>
    EncounterDriver.start(compiledFixture('minimal.yaml', change))
      .signal(38)
      .choose('assess', 'required', 39)
      .choose('own-it', 'mine', 40)
      .choose('how', 'direct', 41);

  it('opens the prompted decision if the trainee is only watching', () => {
    const run = toRefusal((s) => {
      const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
      if (direct?.inWindow?.red) direct.inWindow.red.next = 'observe';
    });
    run.expectScene('refused').expectStage('act', 'persist');
  });

  it('opens a follow-up prompt after the trainee has stepped in', () => {
    const run = toRefusal((s) => {
      const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
      if (direct?.inWindow?.red) direct.inWindow.red.next = 'resolved';
    });
    run.expectScene('refused').expectStage('act', 'persist');
  });

  it('does not open it while the trainee is at another decision', () => {
    const run = toRefusal().expectScene('refused').expectStage('act', 'follow-through');
    run.choose('follow-through', 'leave', 42).expectStage('see');
    expect(run.analysis.answers.map((a) => a.decision)).not.toContain('persist');
    expect(run.analysis.missedPrompts).toEqual([
      { beat: 'no', decision: 'persist', t: 41, busyWith: 'follow-through' },
    ]);
  });
});

describe('When force is lawful (monitor and support)', () => {
  const lawful = () => EncounterDriver.start(compiledFixture('lawful.yaml'));

  it('scores monitoring and support as the best play', () => {
    const run = lawful().at(13).choose('assist', 'cuff', 14).finish(['one-cycle', 'ems']);
    expect(run.analysis.outcome?.outcome.id).toBe('safe');
    expect(run.score.outcome.points).toBe(100);
    expect(run.score.process.points).toBe(100);
  });

  it('counts any signal as a false alarm, at a small cost', () => {
    const run = lawful()
      .signal(6)
      .choose('judge', 'lawful', 7)
      .at(13)
      .choose('assist', 'cuff', 14)
      .finish(['one-cycle', 'ems']);
    expect(run.score.measures.falseAlarms).toBe(1);
    expect(run.score.process.points).toBe(100 - SCORING.deductions.perFalseAlarm);
  });

  it('scores the fastest intervention as the wrong one', () => {
    const run = lawful()
      .signal(5.5)
      .choose('judge', 'stop-it', 6)
      .choose('own', 'act-now', 6.5)
      .choose('how', 'grab', 7)
      .finish(['one-cycle']);
    expect(run.analysis.outcome?.outcome.id).toBe('victim-hurt');
    expect(run.score.measures.overInterventions).toBe(1);
    expect(run.component('process', 'over-intervention').points).toBe(
      -SCORING.deductions.overIntervention,
    );
    expect(run.component('outcome', 'intervention-timing').points).toBe(0);
    expect(run.score.outcome.points).toBeLessThan(30);
    expect(run.score.process.points).toBeLessThan(50);
  });

  it('does not penalise not intervening, but does penalise not assisting', () => {
    const run = lawful().finish(['one-cycle', 'ems'], 100);
    expect(run.component('outcome', 'intervention-timing').points).toBe(
      SCORING.outcome.interventionTiming,
    );
    expect(run.component('process', 'act').points).toBeLessThan(SCORING.lawfulProcess.act / 2);
    expect(run.component('process', 'act').reason).toContain('Freezing leaves Webb without help');
  });
});

describe('When the trainee writes the report', () => {
  const rolled = () =>
    minimal()
      .signal(3)
      .choose('assess', 'required', 4)
      .choose('own-it', 'mine', 5)
      .choose('how', 'direct', 6)
      .choose('follow-through', 'stay', 7);

  it('opens pressure to leave things out before the report form', () => {
    rolled().at(30).expectStage('report', 'pressure');
  });

  it('scores the report against the facts that belonged in this run', () => {
    const complete = rolled().at(30).choose('pressure', 'own-words', 31).report(ALL_FACTS, 40);
    expect(complete.score.measures.reportAccuracy).toBe(1);
    const partial = rolled()
      .at(30)
      .choose('pressure', 'own-words', 31)
      .report(['knee', 'resisted'], 40);
    // One of three facts, minus one untrue statement.
    expect(partial.score.measures.reportAccuracy).toBe(0);
    const reason = partial.component('process', 'report').reason;
    expect(reason).toContain('Missing: "The man said he could not breathe."');
    expect(reason).toContain('"The man continued to resist." (untrue)');
  });

  it('counts a fact that did not happen in this run as a false statement', () => {
    const run = minimal().finish(['knee', 'breathing-said', 'rolled-fact'], 200);
    expect(run.score.measures.reportAccuracy).toBe(0.5);
    const reason = run.component('process', 'report').reason;
    expect(reason).toMatch(
      /It also said one thing that did not happen in this run: "[^"]+"\. A report states only what happened\./,
    );
  });

  it('scores going along with pressure as harmful', () => {
    const run = rolled().at(30).choose('pressure', 'his-version', 31).report(ALL_FACTS, 40);
    expect(run.component('process', 'report-pressure').points).toBe(0);
    expect(run.session.finished).toBe(true);
  });
});

describe('When a window override keeps the scene where it is', () => {
  it('does not move the scene, though the option does in other windows', () => {
    const compiled = compiledFixture('minimal.yaml', (s) => {
      const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
      if (direct?.inWindow)
        direct.inWindow.amber = { goto: null, rating: 'poor', reason: 'Ignored.' };
    });
    const run = EncounterDriver.start(compiled)
      .signal(21)
      .choose('assess', 'required', 22)
      .choose('own-it', 'mine', 23)
      .choose('how', 'direct', 24);
    run.expectScene('restraint').expectStage('act', 'follow-through');
    expect(run.analysis.answers[2]).toMatchObject({ rating: 'poor', stoppedHarm: false });
  });
});

describe('When a report fact depends on a beat', () => {
  it('is true only in runs where the beat played', () => {
    const compiled = compiledFixture('minimal.yaml', (s) => {
      const fact = s.report.items.find((i) => i.id === 'breathing-said');
      if (fact) fact.happened = { beats: ['cant-breathe'] };
    });
    const early = EncounterDriver.start(compiled)
      .signal(1)
      .choose('assess', 'required', 2)
      .choose('own-it', 'mine', 3)
      .choose('how', 'direct', 4)
      .choose('follow-through', 'stay', 5)
      .at(30)
      .choose('pressure', 'own-words', 31)
      .report(['knee', 'rolled-fact'], 40);
    // He was rolled before he could say it, so leaving it out is right.
    expect(early.score.measures.reportAccuracy).toBe(1);
    // In the same scenario, a run where he said it must report it.
    const late = EncounterDriver.start(compiled).finish(['knee'], 200);
    expect(late.component('process', 'report').reason).toContain(
      'Missing: "The man said he could not breathe."',
    );
    const honest = EncounterDriver.start(compiled).finish(['knee', 'breathing-said'], 200);
    expect(honest.score.measures.reportAccuracy).toBe(1);
  });
});

describe('When the scene asks the trainee before they signal', () => {
  it('counts a good answer to a prompted stage-2 decision as recognising the problem', () => {
    const compiled = compiledFixture('minimal.yaml', (s) => {
      const beat = s.segments[0]?.beats.find((b) => b.id === 'cant-breathe');
      if (beat) beat.prompt = 'assess';
    });
    const run = EncounterDriver.start(compiled).at(10).choose('assess', 'required', 12);
    expect(run.analysis.recognition).toMatchObject({ t: 12, via: 'prompt' });
    expect(run.analysis.recognitionTime).toBe(12);
    expect(run.component('process', 'recognition').reason).toContain('when the scene asked');
    const wrong = EncounterDriver.start(compiled).at(10).choose('assess', 'fine', 12);
    expect(wrong.analysis.recognition).toBeUndefined();
  });
});

describe('Every score', () => {
  it('adds up from its components, each with a reason and a reference', () => {
    const run = minimal()
      .signal(20)
      .choose('assess', 'required', 21)
      .choose('own-it', 'sarge', 22)
      .finish(['knee'], 200);
    for (const part of [run.score.outcome, run.score.process]) {
      const sum = part.components.reduce((total, c) => total + c.points, 0);
      expect(part.points).toBeCloseTo(Math.min(100, Math.max(0, sum)), 5);
      for (const component of part.components) {
        expect(component.reason.length).toBeGreaterThan(10);
        expect(component.reference.length).toBeGreaterThan(3);
        expect(component.points).toBeLessThanOrEqual(component.max);
      }
    }
    expect(run.component('process', 'commit').reason).toContain(
      'you chose "The sergeant knows what he is doing": poor. Rank is no defence.',
    );
  });
});

describe('Score reasons on paths that end early', () => {
  it('names the last choice when a later stage was never reached', () => {
    const driver = EncounterDriver.start(compiledFixture())
      .signal(3)
      .choose('assess', 'required', 4)
      .choose('own-it', 'sarge', 5)
      .finish([]);
    const act = driver.score.process.components.find((c) => c.id === 'act');
    expect(act?.reason).toMatch(
      /^You did not reach this stage\. At stage 3 you chose "[^"]+", which did not lead here\.$/,
    );
  });

  it('calls stepping in before the duty began over-intervention, not "did not step in"', () => {
    const compiled = compiledFixture('minimal.yaml', (scenario) => {
      const start = scenario.segments[0];
      if (!start?.windows) throw new Error('minimal.yaml lost its windows');
      start.windows = [
        { from: 0, window: 'clear' },
        ...start.windows.map((w) => ({ ...w, from: w.from + 8 })),
      ];
    });
    const driver = EncounterDriver.start(compiled)
      .signal(1)
      .choose('assess', 'required', 2)
      .choose('own-it', 'mine', 3)
      .choose('how', 'direct', 4)
      .finish([]);
    const timing = driver.score.outcome.components.find((c) => c.id === 'intervention-timing');
    expect(timing?.points).toBe(0);
    expect(timing?.reason).toBe(
      'At 4.0 s you stepped in ("Sarge, he is cuffed. Let us roll him now.") while the force was still lawful, before the duty to intervene began. That is over-intervention, not the intervention this scene needed.',
    );
  });
});

describe('Recognition after a signal that came too early', () => {
  it('counts a correct stage-2 judgement made once the first cue is there', () => {
    const compiled = compiledFixture('minimal.yaml', (scenario) => {
      const cuffed = scenario.segments[0]?.beats.find((b) => b.id === 'cuffed');
      if (!cuffed) throw new Error('minimal.yaml lost the cuffed beat');
      delete cuffed.cue;
    });
    const run = EncounterDriver.start(compiled)
      .signal(8)
      .at(10.5)
      .choose('assess', 'required', 11)
      .finish([]);
    expect(run.analysis.signals[0]?.falseAlarm).toBe(true);
    expect(run.analysis.recognition).toMatchObject({ t: 11, via: 'answer' });
    expect(run.analysis.recognitionTime).toBe(1);
    expect(run.component('process', 'recognition').reason).toMatch(
      /^Your signal came before the first cue, but by the time you judged the situation the cue was there/,
    );
  });

  it('does not count a judgement made before any cue', () => {
    const compiled = compiledFixture('minimal.yaml', (scenario) => {
      const cuffed = scenario.segments[0]?.beats.find((b) => b.id === 'cuffed');
      if (!cuffed) throw new Error('minimal.yaml lost the cuffed beat');
      delete cuffed.cue;
    });
    const run = EncounterDriver.start(compiled)
      .signal(2)
      .choose('assess', 'required', 3)
      .finish([]);
    expect(run.analysis.recognition).toBeUndefined();
  });
});
