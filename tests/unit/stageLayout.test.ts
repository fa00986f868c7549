/** Where people stand on the stage, and where their name labels go. */
import { describe, expect, it } from 'vitest';
import {
  DECISION_PANEL_SHARE,
  FLOOR_BACK,
  FLOOR_FRONT,
  STAGE_WIDTH,
  anchorFor,
  figureScale,
  homePositions,
  layoutFigures,
  panForPanel,
  skeletonFor,
  type Placement,
} from '../../src/game/layout.ts';
import { deriveIntents, type FigureIntent, type StageFigure } from '../../src/game/motions.ts';
import { appearanceFor } from '../../src/game/palette.ts';
import { dimsFor } from '../../src/game/poses.ts';
import { act, person } from '../helpers/stageFigures.ts';

const dims = (id: string) => dimsFor(appearanceFor(id, undefined));

function layout(figures: StageFigure[], previous = new Map<string, Placement>()) {
  const intents = deriveIntents(figures);
  return { intents, placed: layoutFigures({ intents, dims, previous }) };
}

function at(placed: Map<string, Placement>, id: string): Placement {
  const p = placed.get(id);
  if (!p) throw new Error(`${id} was not placed`);
  return p;
}

const cast = (): StageFigure[] => [
  person('reyes', 'officer'),
  person('kim', 'officer'),
  person('subject', 'subject'),
  person('victim', 'victim'),
  person('emt', 'bystander', { name: 'Nia Okonkwo' }),
  person('crowd', 'bystander', { name: 'Bystanders' }),
  person('trainee', 'trainee'),
];

describe('homes', () => {
  it('put the subject in the middle, the trainee in front, bystanders and crowds to the sides and back', () => {
    const { placed } = layout(cast());
    const subject = at(placed, 'subject');
    expect(Math.abs(subject.x - STAGE_WIDTH / 2)).toBeLessThan(120);
    const trainee = at(placed, 'trainee');
    for (const [id, p] of placed) {
      if (id !== 'trainee') expect(p.y, id).toBeLessThan(trainee.y);
    }
    expect(Math.abs(at(placed, 'emt').x - STAGE_WIDTH / 2)).toBeGreaterThan(500);
    expect(at(placed, 'crowd').y).toBeLessThan(subject.y);
    for (const p of placed.values()) {
      expect(p.y).toBeGreaterThanOrEqual(FLOOR_BACK);
      expect(p.y).toBeLessThanOrEqual(FLOOR_FRONT);
    }
  });

  it('put victims on the other side of the subject from the officers', () => {
    const { placed } = layout(cast());
    const subject = at(placed, 'subject').x;
    expect(Math.sign(at(placed, 'victim').x - subject)).toBe(
      -Math.sign(at(placed, 'reyes').x - subject),
    );
  });

  it('are the same every time', () => {
    const intents = deriveIntents(cast());
    expect(homePositions(intents)).toEqual(homePositions(intents));
  });
});

describe('people who act on someone', () => {
  it('put a knee on the neck of the man on the ground', () => {
    const { intents, placed } = layout([
      person('reyes', 'officer', { action: act('knee-on-neck', 0, 'subject') }),
      person('subject', 'subject'),
    ]);
    const reyes = at(placed, 'reyes');
    const subject = at(placed, 'subject');
    const subjectIntent = intents.find((i) => i.id === 'subject') as FigureIntent;
    const neck =
      subject.x +
      subject.facing *
        figureScale(subject.y, dims('subject')) *
        skeletonFor(subjectIntent.pose, dims('subject')).neckX;
    const knee =
      reyes.x +
      reyes.facing *
        figureScale(reyes.y, dims('reyes')) *
        skeletonFor('knee-neck', dims('reyes')).kneeFX;
    expect(Math.abs(knee - neck)).toBeLessThan(2);
    // He faces the head, so the man's head stays in sight beyond his knee.
    expect(reyes.facing).toBe(subject.facing);
  });

  it('hold the legs at the other end of the body from the head', () => {
    const { placed } = layout([
      person('reyes', 'officer', { action: act('knee-on-neck', 0, 'subject') }),
      person('kim', 'officer', { action: act('hold-legs', 0, 'subject') }),
      person('subject', 'subject'),
    ]);
    const subject = at(placed, 'subject');
    expect(Math.sign(at(placed, 'reyes').x - subject.x)).toBe(subject.facing);
    expect(Math.sign(at(placed, 'kim').x - subject.x)).toBe(-subject.facing);
  });

  it('never kneel two people in the same spot', () => {
    const { placed } = layout([
      person('a', 'officer', { action: act('roll-to-side', 1, 'subject') }),
      person('b', 'bystander', { action: act('cpr', 5, 'subject') }),
      person('subject', 'subject', { action: act('collapse', 0) }),
    ]);
    expect(Math.abs(at(placed, 'a').x - at(placed, 'b').x)).toBeGreaterThan(40);
  });

  it('stand next to a standing target, facing it', () => {
    const { placed } = layout([
      person('o', 'officer', { action: act('shove', 3, 's') }),
      person('s', 'subject'),
    ]);
    const o = at(placed, 'o');
    const s = at(placed, 's');
    expect(Math.abs(o.x - s.x)).toBeLessThan(200);
    expect(o.facing).toBe(s.x > o.x ? 1 : -1);
  });

  it('fire a Taser from where they stand', () => {
    const { placed } = layout([
      person('o', 'officer', { action: act('taser', 3, 's') }),
      person('s', 'subject'),
    ]);
    const home = layout([person('o', 'officer'), person('s', 'subject')]).placed;
    expect(at(placed, 'o').x).toBe(at(home, 'o').x);
  });
});

describe('drawing the same view again', () => {
  it('moves nobody', () => {
    const figures = [
      person('webb', 'officer', { action: act('approach', 0) }),
      person('suspect', 'subject', { action: act('approach', 1, 'victim') }),
      person('victim', 'victim'),
      person('emt', 'bystander', { action: act('flee', 2) }),
      person('trainee', 'trainee'),
    ];
    const first = layout(figures).placed;
    const second = layout(figures, first).placed;
    expect(second).toEqual(first);
  });
});

describe('nobody stands on a body', () => {
  it('steps off a man on the ground when nothing else places them', () => {
    const placedBefore = layout([
      person('o', 'officer', { action: act('knee-on-neck', 0, 's') }),
      person('s', 'subject'),
    ]).placed;
    // The officer radios from where he knelt: he gets up, clear of the body.
    const { placed, intents } = layout(
      [
        person('o', 'officer', { action: act('radio', 9) }),
        person('s', 'subject', { action: act('collapse', 5) }),
      ],
      placedBefore,
    );
    const s = at(placed, 's');
    const body = skeletonFor(intents.find((i) => i.id === 's')?.pose ?? 'prone', dims('s'));
    const scale = figureScale(s.y, dims('s'));
    const xs = [body.headX, body.ankleNX, 0].map((x) => s.x + s.facing * scale * x);
    const o = at(placed, 'o');
    expect(o.x < Math.min(...xs) || o.x > Math.max(...xs)).toBe(true);
  });
});

describe('label anchors', () => {
  it('sit just above each head, as fractions of the stage', () => {
    const { intents, placed } = layout(cast());
    for (const intent of intents) {
      const a = anchorFor(
        intent.id,
        at(placed, intent.id),
        intent.pose,
        dims(intent.id),
        intent.crowd,
      );
      expect(a.x).toBeGreaterThan(0);
      expect(a.x).toBeLessThan(1);
      expect(a.y).toBeGreaterThan(0);
      expect(a.y * 1080).toBeLessThan(at(placed, intent.id).y - 200);
    }
  });

  it('sit low over someone lying down', () => {
    const { intents, placed } = layout([person('s', 'subject', { action: act('collapse', 1) })]);
    const intent = intents[0] as FigureIntent;
    const a = anchorFor('s', at(placed, 's'), intent.pose, dims('s'), false);
    expect(at(placed, 's').y - a.y * 1080).toBeLessThan(140);
  });
});

describe('Keeping the action clear of the decision panel', () => {
  it('pans so the people to watch sit in the middle of the uncovered part of the screen', () => {
    const visibleCentre = ((1 - DECISION_PANEL_SHARE) * STAGE_WIDTH) / 2;
    expect(panForPanel([1200, 1400])).toBe(Math.round(1300 - visibleCentre));
  });

  it('does not pan when the action is already clear, nor further than the panel is wide', () => {
    expect(panForPanel([300, 500])).toBe(0);
    expect(panForPanel([])).toBe(0);
    expect(panForPanel([5000])).toBe(Math.round(DECISION_PANEL_SHARE * STAGE_WIDTH));
  });
});
