import { describe, expect, it } from 'vitest';
import { LogMismatchError, type Scenario } from '../../src/engine/index.ts';
import { debriefTimeline, type DebriefTimeline } from '../../src/engine/debrief/index.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

/** The minimal fixture: cues at 0 (early), 10 (warning), 45 (critical); harm point at 60. */
const minimal = (change?: (s: Scenario) => void) =>
  EncounterDriver.start(compiledFixture('minimal.yaml', change));

/** Signals three seconds before stepping in with the direct roll at `t`. */
const intervene = (t: number) =>
  minimal()
    .signal(t - 3)
    .choose('assess', 'required', t - 2)
    .choose('own-it', 'mine', t - 1)
    .choose('how', 'direct', t);

/** Steps in at 41 s (red: refused), then persists at 42 s and moves the knee. */
const refusedThenPersist = () =>
  minimal((s) => {
    const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
    if (direct?.inWindow?.red) direct.inWindow.red.next = 'observe';
  })
    .signal(38)
    .choose('assess', 'required', 39)
    .choose('own-it', 'mine', 40)
    .choose('how', 'direct', 41)
    .choose('persist', 'push', 42);

const timelineOf = (run: EncounterDriver): DebriefTimeline =>
  debriefTimeline(run.compiled, run.session.log);

const measure = (timeline: DebriefTimeline, id: string) => {
  const found = timeline.measures.find((m) => m.id === id);
  if (!found) throw new Error(`no measure ${id}`);
  return found;
};

describe('The scene track', () => {
  it('places each cue at its onset, with its level and note', () => {
    const { scene } = timelineOf(minimal().finish([], 200));
    expect(scene.cues.map((c) => [c.t, c.level, c.note])).toEqual([
      [0, 'early', 'Weight on a handcuffed man lying face down.'],
      [10, 'warning', 'He says he cannot breathe.'],
      [45, 'critical', 'He stops moving.'],
    ]);
  });

  it('schedules the harm point and says whether the scene reached it', () => {
    const waited = timelineOf(minimal().finish([], 200)).scene.harmPoint;
    expect(waited).toMatchObject({ beat: 'arrest', scheduledAt: 60, reached: true, reachedAt: 60 });
    expect(waited?.text).toBe('He is not breathing.');
    const early = timelineOf(intervene(18).finish([], 200)).scene.harmPoint;
    expect(early).toMatchObject({ scheduledAt: 60, reached: false, reachedAt: undefined });
  });

  it('lays the windows end to end, up to the outcome', () => {
    const { scene } = timelineOf(minimal().finish([], 200));
    expect(scene.windows.map((w) => [w.window, w.from, w.to])).toEqual([
      ['green', 0, 20],
      ['amber', 20, 40],
      ['red', 40, 60],
      ['late', 60, 70],
    ]);
    expect(scene.windows[0]?.meaning).toBe('stepping in now prevents the harm');
  });

  it('titles each segment it played and ends the track at the outcome', () => {
    const timeline = timelineOf(intervene(18).finish([], 200));
    expect(timeline.scene.segments.map((s) => [s.title, s.harmful, s.from, s.to])).toEqual([
      ['Knee on the back', true, 0, 18],
      ['Rolled to his side', false, 18, 33],
    ]);
    expect(timeline.scene.outcome).toMatchObject({
      outcome: 'recovered',
      title: 'He recovers',
      severity: 'none',
      branch: 'B1: early and correct',
      t: 33,
    });
    expect(timeline.sceneEndedAt).toBe(33);
    expect(timeline.endedAt).toBe(200);
  });
});

describe('The trainee track', () => {
  it('names and numbers each stage span, entered and left', () => {
    const { stages } = timelineOf(intervene(18).finish([], 200)).trainee;
    expect(stages.map((s) => [s.number, s.name, s.from, s.to])).toEqual([
      [1, 'See', 0, 15],
      [2, 'Determine', 15, 16],
      [3, 'Take responsibility', 16, 17],
      [4, 'How', 17, 18],
      [5, 'Act', 18, 28],
      [undefined, 'Done acting', 28, 33],
      [undefined, 'Report', 33, 200],
    ]);
    expect(stages[1]?.decision).toEqual({ id: 'assess', prompt: 'Is action required?' });
  });

  it('records each choice with its prompt, option text, rating and D', () => {
    const { choices } = timelineOf(intervene(18).finish([], 200)).trainee;
    expect(choices[2]).toMatchObject({
      t: 18,
      decision: 'how',
      stageNumber: 4,
      prompt: 'How do you intervene?',
      text: '"Sarge, he is cuffed. Let us roll him now."',
      rating: 'best',
      style: 'direct',
      window: 'green',
      timedOut: false,
      prompted: false,
      intervenes: true,
      stoppedHarm: true,
    });
  });

  it('records a decision left to run out as a timed-out choice', () => {
    const { choices } = timelineOf(intervene(18).finish([], 200)).trainee;
    expect(choices[3]).toMatchObject({
      decision: 'follow-through',
      option: undefined,
      timedOut: true,
      openedAt: 18,
      t: 28,
      rating: 'acceptable',
    });
  });

  it('records a choice the scene put to the trainee as prompted', () => {
    const { choices } = timelineOf(refusedThenPersist()).trainee;
    expect(choices.find((c) => c.decision === 'persist')).toMatchObject({
      prompted: true,
      text: 'Move his knee and roll the man yourself.',
      stoppedHarm: true,
    });
  });

  it('marks the signal recognition is measured to, and a false alarm', () => {
    const run = minimal((s) => {
      const cuffed = s.segments[0]?.beats[0];
      if (cuffed) cuffed.cue = undefined;
      const windows = s.segments[0]?.windows;
      if (windows?.[0]) windows[0] = { from: 0, window: 'clear' };
      windows?.splice(1, 0, { from: 10, window: 'green' });
    })
      .at(4)
      .signal(4)
      .choose('assess', 'fine', 5)
      .signal(12);
    const { signals } = timelineOf(run).trainee;
    expect(signals.map((s) => [s.t, s.falseAlarm, s.recognition])).toEqual([
      [4, true, false],
      [12, false, true],
    ]);
  });

  it('records a decision the end of the scene cut off', () => {
    const { interrupted } = timelineOf(minimal().signal(65).finish([], 200)).trainee;
    expect(interrupted).toEqual([
      {
        t: 70,
        openedAt: 65,
        decision: 'assess',
        stage: 'determine',
        prompt: 'Is action required?',
        entry: expect.any(Number) as number,
      },
    ]);
  });
});

describe('Missed cues and prompts', () => {
  it('flags the cues that came before recognition, not the one recognised at that instant', () => {
    const timeline = timelineOf(minimal().signal(10).finish([], 200));
    expect(timeline.scene.cues.map((c) => [c.t, c.missed])).toEqual([
      [0, true],
      [10, false],
      [45, false],
    ]);
    expect(timeline.missedCues.map((c) => c.beat)).toEqual(['cuffed']);
  });

  it('flags every cue when the trainee never recognised the problem', () => {
    const timeline = timelineOf(minimal().finish([], 200));
    expect(timeline.recognition).toBeUndefined();
    expect(timeline.missedCues).toHaveLength(3);
    expect(timeline.rows.filter((r) => r.kind === 'cue').every((r) => r.flagged)).toBe(true);
  });

  it('lists a prompt missed while the trainee was at another decision', () => {
    const run = minimal()
      .signal(38)
      .choose('assess', 'required', 39)
      .choose('own-it', 'mine', 40)
      .choose('how', 'direct', 41);
    const timeline = timelineOf(run);
    expect(timeline.missedPrompts).toEqual([
      {
        t: 41,
        beat: 'no',
        decision: 'persist',
        prompt: 'Lee refuses. What do you do?',
        busyWith: 'follow-through',
        busyWithPrompt: 'Lee grumbles. What now?',
        entry: expect.any(Number) as number,
      },
    ]);
    expect(timeline.rows.find((r) => r.kind === 'missed-prompt')).toMatchObject({
      flagged: true,
      what: 'Missed prompt: "Lee refuses. What do you do?" came while you were at "Lee grumbles. What now?"',
    });
  });
});

describe('The measures', () => {
  it('reads recognition time aloud, from the first cue', () => {
    const timeline = timelineOf(minimal().signal(12.4).finish([], 200));
    const recognition = measure(timeline, 'recognition');
    expect(recognition.seconds).toBe(12.4);
    expect(recognition.sentence).toMatch(/^Recognition: 12\.4 s after the first cue/);
  });

  it('times the first intervention and the one that stopped the harm from the first warning cue', () => {
    const timeline = timelineOf(refusedThenPersist());
    expect(measure(timeline, 'time-to-intervention').seconds).toBe(31);
    expect(measure(timeline, 'time-to-effective-intervention').seconds).toBe(32);
    expect(measure(timeline, 'margin-to-harm-point')).toMatchObject({
      seconds: 18,
      sentence: 'Harm point: the harm stopped 18.0 s before the harm point at 60.0 s.',
    });
    expect(measure(timeline, 'time-to-intervention').sentence).toContain(
      '31.0 s after the first warning cue (at 10.0 s), at 41.0 s',
    );
  });

  it('says when nobody stepped in, and how long the harm went on', () => {
    const run = minimal().finish([], 200);
    const timeline = timelineOf(run);
    expect(measure(timeline, 'time-to-intervention')).toMatchObject({
      seconds: undefined,
      sentence: 'Time to intervention: you did not step in.',
    });
    expect(measure(timeline, 'harm-exposure').seconds).toBe(run.analysis.harmExposure);
    expect(measure(timeline, 'harm-exposure').sentence).toBe(
      'Harm exposure: 60.0 s of harm going on after misconduct began at 10.0 s.',
    );
  });

  it('sums the time in each stage as the score does', () => {
    const run = intervene(18).finish([], 200);
    const timeline = timelineOf(run);
    for (const [stage, time] of Object.entries(run.score.measures.stageTimes)) {
      if (stage === 'done') continue;
      expect(measure(timeline, `stage-${stage}`).seconds).toBe(time);
    }
    expect(measure(timeline, 'stage-determine').sentence).toBe(
      'Time at stage 2, Determine: 1.0 s.',
    );
  });

  it('says there was nothing to recognise or stop where force was lawful', () => {
    const run = EncounterDriver.start(compiledFixture('lawful.yaml')).finish([], 200);
    const timeline = timelineOf(run);
    expect(timeline.scene.harmPoint).toBeUndefined();
    expect(timeline.scene.cues).toEqual([]);
    expect(measure(timeline, 'recognition').sentence).toContain(
      'the force in this scene was lawful',
    );
    expect(measure(timeline, 'harm-exposure').seconds).toBe(0);
  });
});

describe('The row list', () => {
  it('lists every item once, in the order it happened', () => {
    const timeline = timelineOf(refusedThenPersist().finish([], 200));
    const { scene, trainee, rows } = timeline;
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect(count('cue')).toBe(scene.cues.length);
    expect(count('window')).toBe(scene.windows.length);
    expect(count('segment')).toBe(scene.segments.length);
    expect(count('signal')).toBe(trainee.signals.length);
    expect(count('stage')).toBe(trainee.stages.length);
    expect(count('choice')).toBe(trainee.choices.length);
    expect(count('outcome')).toBe(1);
    expect(rows.map((r) => r.t)).toEqual([...rows.map((r) => r.t)].sort((a, b) => a - b));
  });

  it('puts a choice before the scene and stage it leads to, at the same instant', () => {
    const { rows } = timelineOf(intervene(18));
    const at18 = rows.filter((r) => r.t === 18).map((r) => [r.track, r.kind]);
    expect(at18).toEqual([
      ['trainee', 'choice'],
      ['scene', 'segment'],
      ['trainee', 'stage'],
    ]);
  });

  it('names, for every row after the start, the log entry that caused it', () => {
    const run = refusedThenPersist().finish([], 200);
    const { entries } = run.session.log;
    const { rows } = timelineOf(run);
    for (const row of rows) {
      if (row.entry === undefined) {
        expect(row.t).toBe(0);
        continue;
      }
      expect(entries[row.entry]?.t).toBe(row.t);
    }
    expect(rows.filter((r) => r.entry === undefined).map((r) => r.kind)).toEqual([
      'segment',
      'stage',
    ]);
  });

  it('gives every decision row a replay start at the moment its question was put', () => {
    const run = refusedThenPersist().finish([], 200);
    const { rows, trainee } = timelineOf(run);
    const choiceRows = rows.filter((r) => r.kind === 'choice');
    expect(choiceRows.map((r) => r.replayFrom)).toEqual(trainee.choices.map((c) => c.openedAt));
    for (const row of choiceRows) expect(row.replayFrom).toBeLessThanOrEqual(row.t);
    // A question answered at once starts its replay where it was answered; a later answer earlier.
    expect(choiceRows.some((r) => (r.replayFrom ?? r.t) < r.t)).toBe(true);
    const notDecisions = rows.filter(
      (r) => !['choice', 'missed-prompt', 'interrupted'].includes(r.kind),
    );
    expect(notDecisions.every((r) => r.replayFrom === undefined)).toBe(true);
  });

  it('reads each row as a sentence', () => {
    const { rows } = timelineOf(intervene(18).finish([], 200));
    expect(rows.map((r) => r.what)).toContain(
      'At "How do you intervene?" you chose "Sarge, he is cuffed. Let us roll him now." (stage 4, direct, green window): best.',
    );
    expect(rows.map((r) => r.what)).toContain(
      'Outcome: "He recovers" (no harm remaining). Rolled early, he recovers.',
    );
  });
});

it('refuses a log recorded with another scenario', () => {
  const log = EncounterDriver.start(compiledFixture('lawful.yaml')).at(10).session.log;
  expect(() => debriefTimeline(compiledFixture('minimal.yaml'), log)).toThrow(LogMismatchError);
});
