/**
 * What people on the stage are doing: postures and poses worked out from the view, and how a
 * motion plays. Views are built by hand so the rules read on their own.
 */
import { describe, expect, it } from 'vitest';
import { MotionSchema, type Motion } from '../../src/engine/index.ts';
import {
  EMPTY_MEMORY,
  MOTIONS,
  deriveIntents,
  isCrowd,
  planMotion,
  rememberIntents,
  uprightAction,
  type FigureIntent,
  type StageFigure,
} from '../../src/game/motions.ts';
import { POSES } from '../../src/game/poses.ts';
import { act, person } from '../helpers/stageFigures.ts';

const done = (motion: Motion, by: string, since: number) => ({ motion, by, since });

function intentOf(intents: readonly FigureIntent[], id: string): FigureIntent {
  const found = intents.find((i) => i.id === id);
  if (!found) throw new Error(`no intent for ${id}`);
  return found;
}

/** S1's opening: a knee on the neck, the legs held, the crowd filming. */
const restraint = (): StageFigure[] => [
  person('reyes', 'officer', { action: act('knee-on-neck', 0, 'subject') }),
  person('kim', 'officer', { action: act('hold-legs', 0, 'subject') }),
  person('subject', 'subject', {
    action: act('struggle', 10),
    actedOn: done('hold-legs', 'kim', 0),
  }),
  person('crowd', 'bystander', { name: 'Bystanders', action: act('film', 3) }),
  person('trainee', 'trainee'),
];

describe('people held down', () => {
  it('are face down with their arms behind them while a knee is on the neck', () => {
    const intents = deriveIntents(restraint());
    const subject = intentOf(intents, 'subject');
    expect(subject.posture).toBe('prone');
    expect(subject.pose).toBe('prone-cuffed');
    expect(subject.cuffed).toBe(true);
    expect(intentOf(intents, 'reyes')).toMatchObject({
      pose: 'knee-neck',
      slot: 'neck-knee',
      target: 'subject',
    });
    expect(intentOf(intents, 'kim')).toMatchObject({ pose: 'hold-legs', slot: 'feet-end' });
  });

  it('stay limp after they collapse, still pinned', () => {
    const figures = restraint().map((f) =>
      f.id === 'subject' ? { ...f, action: act('collapse', 120) } : f,
    );
    expect(intentOf(deriveIntents(figures), 'subject')).toMatchObject({ posture: 'prone' });
  });

  it('are rolled onto the side, and the knee comes off, when someone else rolls them', () => {
    const figures = restraint().map((f) => {
      if (f.id === 'trainee') return { ...f, action: act('roll-to-side', 60, 'subject') };
      if (f.id === 'subject') return { ...f, actedOn: done('roll-to-side', 'trainee', 60) };
      return f;
    });
    const intents = deriveIntents(figures);
    expect(intentOf(intents, 'subject').posture).toBe('side');
    // Reyes's last motion is still knee-on-neck, but the roll ended it: he stands clear.
    expect(intentOf(intents, 'reyes')).toMatchObject({
      posture: 'stand',
      pose: 'stand',
      target: undefined,
    });
    expect(intentOf(intents, 'trainee')).toMatchObject({ posture: 'kneel', slot: 'behind-chest' });
  });

  it('are let go when they roll onto their side by themselves', () => {
    const figures = restraint().map((f) =>
      f.id === 'subject' ? { ...f, action: act('roll-to-side', 30) } : f,
    );
    const intents = deriveIntents(figures);
    expect(intentOf(intents, 'subject').posture).toBe('side');
    expect(intentOf(intents, 'kim').pose).toBe('stand');
  });

  it('are turned onto the back for CPR', () => {
    const figures = [
      person('emt', 'bystander', { action: act('cpr', 8, 'subject') }),
      person('subject', 'subject', { action: act('collapse', 2), actedOn: done('cpr', 'emt', 8) }),
    ];
    const intents = deriveIntents(figures);
    expect(intentOf(intents, 'subject')).toMatchObject({ posture: 'supine', pose: 'supine' });
    expect(intentOf(intents, 'emt')).toMatchObject({
      pose: 'cpr',
      loop: 'cpr',
      slot: 'behind-chest',
    });
  });
});

describe('force and its targets', () => {
  it('drops a man hit by a Taser and keeps the officer aiming', () => {
    const intents = deriveIntents([
      person('webb', 'officer', { action: act('taser', 9, 'suspect') }),
      person('suspect', 'subject', {
        action: act('raise-weapon', 8, 'victim'),
        actedOn: done('taser', 'webb', 9),
      }),
      person('victim', 'victim', { actedOn: done('raise-weapon', 'suspect', 8) }),
    ]);
    expect(intentOf(intents, 'suspect').posture).toBe('prone');
    expect(intentOf(intents, 'webb')).toMatchObject({
      pose: 'aim-taser',
      prop: 'taser',
      slot: 'ranged',
    });
    expect(intentOf(intents, 'victim').pose).toBe('cower');
  });

  it('puts a hammer in a civilian hand and a Taser in an officer hand for raise-weapon', () => {
    expect(uprightAction('raise-weapon', 'subject', false, false)).toMatchObject({
      prop: 'hammer',
    });
    expect(uprightAction('raise-weapon', 'officer', false, false)).toMatchObject({ prop: 'taser' });
  });

  it('remembers who held a hammer until they go down', () => {
    const armed = deriveIntents([
      person('s', 'subject', { action: act('raise-weapon', 8, 'v') }),
      person('v', 'victim'),
    ]);
    let memory = rememberIntents(EMPTY_MEMORY, armed);
    expect(memory.armed.has('s')).toBe(true);
    const struck = deriveIntents(
      [person('s', 'subject', { action: act('strike', 9, 'v') }), person('v', 'victim')],
      memory,
    );
    expect(intentOf(struck, 's').prop).toBe('hammer');
    const down = deriveIntents([person('s', 'subject', { action: act('collapse', 10) })], memory);
    memory = rememberIntents(memory, down);
    expect(memory.armed.has('s')).toBe(false);
  });

  it('lets a man on the ground kick out without getting up', () => {
    const memory = rememberIntents(
      EMPTY_MEMORY,
      deriveIntents([person('s', 'subject', { action: act('collapse', 1) })]),
    );
    const intents = deriveIntents(
      [person('s', 'subject', { action: act('kick', 5, 'v') }), person('v', 'victim')],
      memory,
    );
    expect(intentOf(intents, 's').posture).toBe('prone');
  });

  it('takes a grabbed phone out of the filming hand', () => {
    const intents = deriveIntents([
      person('officer', 'officer', { action: act('grab-phone', 6, 'b') }),
      person('b', 'bystander', {
        action: act('film', 2),
        actedOn: done('grab-phone', 'officer', 6),
      }),
    ]);
    expect(intentOf(intents, 'b').prop).toBe('none');
    expect(intentOf(intents, 'officer').prop).toBe('phone');
  });
});

describe('who is on stage', () => {
  it('keeps medics off stage until they are called in', () => {
    const waiting = deriveIntents([person('medic', 'medic')]);
    expect(intentOf(waiting, 'medic').hidden).toBe(true);
    const arrived = deriveIntents([
      person('medic', 'medic', { action: act('check-pulse', 40, 's') }),
      person('s', 'subject'),
    ]);
    expect(intentOf(arrived, 'medic').hidden).toBe(false);
  });

  it('keeps someone who arrives later off stage until their first motion', () => {
    const waiting = deriveIntents([person('sarge', 'officer', { arrivesLater: true })]);
    expect(intentOf(waiting, 'sarge').hidden).toBe(true);
    const arrived = deriveIntents([
      person('sarge', 'officer', { arrivesLater: true, action: act('approach', 40, 's') }),
      person('s', 'subject'),
    ]);
    expect(intentOf(arrived, 'sarge').hidden).toBe(false);
    expect(intentOf(deriveIntents([person('partner', 'officer')]), 'partner').hidden).toBe(false);
  });

  it('draws a crowd entry as a crowd, and a named bystander as one person', () => {
    expect(isCrowd({ id: 'crowd', name: 'Bystanders', kind: 'bystander' })).toBe(true);
    expect(isCrowd({ id: 'onlookers', name: 'People outside', kind: 'bystander' })).toBe(true);
    expect(isCrowd({ id: 'emt', name: 'Nia Okonkwo', kind: 'bystander' })).toBe(false);
    expect(isCrowd({ id: 'crowd', name: 'Crowd', kind: 'officer' })).toBe(false);
  });

  it('gives the same answer for the same view', () => {
    expect(deriveIntents(restraint())).toEqual(deriveIntents(restraint()));
  });
});

describe('every motion', () => {
  it('has a spec and an end pose, done standing or on the ground', () => {
    for (const motion of MotionSchema.options) {
      expect(MOTIONS[motion], motion).toBeDefined();
      for (const down of [false, true]) {
        const shaped = uprightAction(motion, 'officer', down, false);
        expect(
          POSES[shaped.pose],
          `${motion} (${down ? 'target down' : 'standing'})`,
        ).toBeDefined();
      }
    }
  });

  it('marks the holds as sustained and the rest as one-shots', () => {
    const sustained = MotionSchema.options.filter((m) => MOTIONS[m].sustained).sort();
    expect(sustained).toEqual(
      [
        'check-pulse',
        'cpr',
        'film',
        'hold-legs',
        'knee-on-back',
        'knee-on-neck',
        'radio',
        'search',
      ].sort(),
    );
  });
});

describe('playing a motion', () => {
  it('walks to the target first, then swings, and lands the blow after the walk', () => {
    const plan = planMotion({
      from: { x: 0, y: 900, pose: 'stand' },
      to: { x: 420, y: 900, pose: 'guard' },
      trigger: 'action',
      motion: 'strike',
    });
    expect(plan.steps.map((s) => (s.kind === 'move' ? 'move' : s.pose))).toEqual([
      'move',
      'strike-windup',
      'strike-hit',
      'guard',
    ]);
    const walk = plan.steps[0]?.ms ?? 0;
    expect(plan.impactMs).toBeGreaterThan(walk);
    expect(plan.impactMs).toBeLessThan(plan.totalMs);
  });

  it('gets up before walking off, and falls without walking', () => {
    const up = planMotion({
      from: { x: 0, y: 900, pose: 'prone' },
      to: { x: 600, y: 900, pose: 'stand' },
      trigger: 'action',
      motion: 'flee',
    });
    expect(
      up.steps.slice(0, 3).map((s) => (s.kind === 'move' ? (s.run ? 'run' : 'walk') : s.pose)),
    ).toEqual(['kneel', 'stand', 'run']);
    const fall = planMotion({
      from: { x: 0, y: 900, pose: 'stand' },
      to: { x: 0, y: 900, pose: 'prone' },
      trigger: 'reaction',
      motion: 'taser',
      delay: 300,
    });
    expect(fall.delay).toBe(300);
    expect(fall.steps.map((s) => (s.kind === 'pose' ? s.pose : 'move'))).toEqual([
      'rigid',
      'prone',
    ]);
  });
});
