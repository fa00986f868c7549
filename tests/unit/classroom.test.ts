import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustTally,
  ClassCommandSchema,
  comingCues,
  cuesSoFar,
  debriefTimeline,
  describeVote,
  optionLetter,
  rewindPoints,
  rewoundLog,
  RunLogSchema,
  setHands,
  totalHands,
  voteResult,
  type Decision,
} from '../../src/engine/index.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

const compiled = compiledFixture('minimal.yaml');
const how = compiled.decisions.get('how') as Decision;

describe('A class vote', () => {
  it('plays the option with strictly the most hands, and calls any equal top a tie', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 2, maxLength: 2 }), (hands) => {
        const tally = Object.fromEntries(how.options.map((o, i) => [o.id, hands[i] ?? 0]));
        const result = voteResult(how, tally);
        const most = Math.max(...hands);
        const leaders = how.options.filter((_, i) => hands[i] === most).map((o) => o.id);
        if (most === 0) expect(result.kind).toBe('empty');
        else if (leaders.length > 1)
          expect(result).toEqual({ kind: 'tie', options: leaders, hands: most });
        else expect(result).toEqual({ kind: 'chosen', option: leaders[0], hands: most });
      }),
    );
  });

  it('ignores hands for options the decision does not have', () => {
    expect(voteResult(how, { elsewhere: 30, distract: 2 })).toEqual({
      kind: 'chosen',
      option: 'distract',
      hands: 2,
    });
  });

  it('never counts below zero, and keeps whole hands', () => {
    let tally = adjustTally({}, 'direct', -3);
    expect(tally).toEqual({});
    tally = adjustTally(tally, 'direct', 2);
    tally = setHands(tally, 'distract', 2.6);
    expect(tally).toEqual({ direct: 2, distract: 3 });
    expect(totalHands(how, tally)).toBe(5);
    expect(setHands(tally, 'direct', Number.NaN)).toEqual({ distract: 3 });
  });

  it('says the vote in words the room can follow, by letter', () => {
    expect(optionLetter(0)).toBe('A');
    expect(optionLetter(3)).toBe('D');
    expect(describeVote(how, {})).toBe('No hands counted yet.');
    expect(describeVote(how, { direct: 3, distract: 3 })).toBe(
      'A 3, B 3. A tie between A and B: ask the room again between those.',
    );
  });
});

describe('Cues for the instructor', () => {
  it('lists the cues played so far, and those still to come in the part now playing', () => {
    const run = EncounterDriver.start(compiled).at(12);
    expect(cuesSoFar(compiled, run.session.log.entries)).toEqual([
      {
        beat: 'cuffed',
        t: 0,
        level: 'early',
        note: 'Weight on a handcuffed man lying face down.',
        people: ['lee', 'man'],
      },
      {
        beat: 'cant-breathe',
        t: 10,
        level: 'warning',
        note: 'He says he cannot breathe.',
        people: ['man'],
      },
    ]);
    expect(comingCues(compiled, run.session.current).map((c) => [c.beat, c.t])).toEqual([
      ['limp', 45],
    ]);
  });
});

describe('Going back to a decision', () => {
  const played = () =>
    EncounterDriver.start(compiled)
      .signal(5)
      .choose('assess', 'required', 6)
      .choose('own-it', 'mine', 7)
      .choose('how', 'direct', 8);

  it('offers every decision of the scene put so far, with what was answered there', () => {
    const run = played();
    const points = rewindPoints(compiled, run.session.log);
    expect(points.map((p) => [p.decision, p.t, p.answered?.option?.id])).toEqual([
      ['assess', 5, 'required'],
      ['own-it', 6, 'mine'],
      ['how', 7, 'direct'],
      ['follow-through', 8, undefined],
    ]);
  });

  it('cuts the log back to the moment a decision opened, noting the branch left behind', () => {
    const run = played().at(30);
    const log = run.session.log;
    const withVotes = {
      ...log,
      classroom: {
        votes: [
          {
            decision: 'assess',
            t: 6,
            entry: entryOf(log, 'assess'),
            tally: { required: 3 },
            option: 'required',
          },
          {
            decision: 'how',
            t: 8,
            entry: entryOf(log, 'how'),
            tally: { direct: 3 },
            option: 'direct',
          },
        ],
        rewinds: [],
      },
    };
    const point = rewindPoints(compiled, withVotes)[1];
    if (!point) throw new Error('no second point');
    const cut = rewoundLog(withVotes, point, run.session.current);
    expect(cut.entries).toEqual(log.entries.slice(0, point.entry + 1));
    expect(cut.classroom?.votes.map((v) => v.decision)).toEqual(['assess']);
    expect(cut.classroom?.rewinds).toEqual([
      { t: 6, decision: 'own-it', left: 30, outcome: 'recovered' },
    ]);
    expect(RunLogSchema.safeParse(cut).success).toBe(true);
  });
});

describe('The debrief of a class run', () => {
  it('tells, in order, how the class voted and where it went back to', () => {
    const run = EncounterDriver.start(compiled).signal(5).choose('assess', 'required', 6);
    const log = run.session.log;
    const timeline = debriefTimeline(compiled, {
      ...log,
      classroom: {
        votes: [
          {
            decision: 'assess',
            t: 6,
            entry: entryOf(log, 'assess'),
            tally: { required: 11, fine: 4 },
            option: 'required',
          },
        ],
        rewinds: [{ t: 6, decision: 'own-it', left: 70, outcome: 'death' }],
      },
    });
    const at6 = timeline.rows.filter((r) => r.t === 6).map((r) => [r.kind, r.what]);
    expect(at6.slice(0, 3)).toEqual([
      [
        'rewind',
        'The class came back to "Whose job is it?" to try another answer, leaving a branch that had ended in "He dies".',
      ],
      [
        'vote',
        'The class voted at "Is action required?": A 11, B 4. A played: "Yes. He is cuffed and says he can\'t breathe".',
      ],
      ['choice', expect.stringMatching(/^At "Is action required\?" you chose/) as string],
    ]);
  });

  it('adds nothing to the debrief of a run played alone', () => {
    const run = EncounterDriver.start(compiled).signal(5).choose('assess', 'required', 6);
    const kinds = debriefTimeline(compiled, run.session.log).rows.map((r) => r.kind);
    expect(kinds).not.toContain('vote');
    expect(kinds).not.toContain('rewind');
  });
});

describe('Class commands', () => {
  it('accepts the commands the presenter sends, and refuses anything else', () => {
    expect(
      ClassCommandSchema.safeParse({ type: 'hands', option: 'direct', hands: 12 }).success,
    ).toBe(true);
    expect(ClassCommandSchema.safeParse({ type: 'rewind' }).success).toBe(true);
    for (const bad of [
      { type: 'hands', option: 'direct', hands: -1 },
      { type: 'hands', option: 'direct', hands: 1.5 },
      { type: 'launch-missiles' },
      { type: 'pause', extra: true },
      null,
      'pause',
    ]) {
      expect(ClassCommandSchema.safeParse(bad).success).toBe(false);
    }
  });
});

function entryOf(
  log: { entries: ReadonlyArray<{ event: { type: string; decision?: string } }> },
  decision: string,
): number {
  return log.entries.findIndex(
    (e) => e.event.type === 'decision.select' && e.event.decision === decision,
  );
}
