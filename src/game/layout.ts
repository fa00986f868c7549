/**
 * Where everyone stands on the 1920x1080 stage. Deterministic: subjects in the middle, victims to
 * one side, officers on the other, bystanders and crowds at the sides and back, the trainee near
 * the front; anyone doing something to someone goes next to them (a knee on the neck lands on
 * the neck). Pure functions, no Phaser.
 */
import type { FigureIntent, Slot } from './motions.ts';
import { isDown } from './motions.ts';
import { POSES, Skeleton, solvePose, type Dims, type PoseName } from './poses.ts';

export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;
/** The band of floor people stand on (their feet), back to front. */
export const FLOOR_BACK = 780;
export const FLOOR_FRONT = 1040;

export interface Placement {
  readonly x: number;
  readonly y: number;
  /** 1 faces right, -1 faces left. */
  readonly facing: 1 | -1;
  readonly hidden: boolean;
}

/** Nearer people are bigger: scale at a floor depth. */
export function depthScale(y: number): number {
  const t =
    (Math.min(FLOOR_FRONT, Math.max(FLOOR_BACK, y)) - FLOOR_BACK) / (FLOOR_FRONT - FLOOR_BACK);
  return 0.8 + t * 0.36;
}

/** A figure's full scale: depth times its height. */
export function figureScale(y: number, dims: Dims): number {
  return depthScale(y) * dims.scale;
}

const SUBJECT_HOMES: ReadonlyArray<readonly [number, number]> = [
  [980, 915],
  [1260, 935],
  [720, 930],
];
const VICTIM_HOMES: ReadonlyArray<readonly [number, number]> = [
  [1400, 905],
  [1580, 880],
  [1220, 950],
];
const OFFICER_HOMES: ReadonlyArray<readonly [number, number]> = [
  [740, 900],
  [430, 870],
  [1300, 965],
  [230, 930],
];
const TRAINEE_HOME: readonly [number, number] = [520, 1010];
const BYSTANDER_HOMES: ReadonlyArray<readonly [number, number]> = [
  [1730, 985],
  [1800, 860],
  [150, 880],
  [1560, 820],
];
const CROWD_HOMES: ReadonlyArray<readonly [number, number]> = [
  [1420, 792],
  [330, 792],
];
const MEDIC_HOMES: ReadonlyArray<readonly [number, number]> = [
  [1620, 940],
  [1780, 900],
];
/** Where medics wait before they are called in: just off the right edge. */
export const OFFSTAGE_X = 2080;

const homeList = (intent: FigureIntent) => {
  if (intent.kind === 'trainee') return [TRAINEE_HOME];
  if (intent.crowd) return CROWD_HOMES;
  switch (intent.kind) {
    case 'subject':
      return SUBJECT_HOMES;
    case 'victim':
      return VICTIM_HOMES;
    case 'officer':
      return OFFICER_HOMES;
    case 'medic':
      return MEDIC_HOMES;
    case 'bystander':
      return BYSTANDER_HOMES;
  }
};

/** Each figure's home: its kind's nth place, in cast order; extras step back and outwards. */
export function homePositions(
  intents: readonly FigureIntent[],
): Map<string, readonly [number, number]> {
  const used = new Map<readonly (readonly [number, number])[], number>();
  const homes = new Map<string, readonly [number, number]>();
  for (const intent of intents) {
    const list = homeList(intent);
    const n = used.get(list) ?? 0;
    used.set(list, n + 1);
    const base = list[n % list.length] ?? [960, 900];
    const lap = Math.floor(n / list.length);
    homes.set(intent.id, [
      clampX(base[0] + lap * (base[0] < 960 ? -90 : 90)),
      clampY(base[1] - lap * 40),
    ]);
  }
  return homes;
}

function clampX(x: number): number {
  return Math.min(STAGE_WIDTH - 60, Math.max(60, x));
}
function clampY(y: number): number {
  return Math.min(FLOOR_FRONT, Math.max(FLOOR_BACK, y));
}

const skeletons = new Map<string, Skeleton>();
/** A solved pose for a body (cached: poses and bodies repeat). */
export function skeletonFor(pose: PoseName, dims: Dims): Skeleton {
  const key = `${pose}/${dims.torsoW}/${dims.scale}`;
  let found = skeletons.get(key);
  if (!found) {
    found = solvePose(POSES[pose], dims, new Skeleton());
    skeletons.set(key, found);
  }
  return found;
}

/** Slots round a body on the ground, by the spot they take (two people cannot kneel in one). */
type GroundSlot =
  | 'neck-knee'
  | 'back-knee'
  | 'feet-end'
  | 'behind-chest'
  | 'behind-hip'
  | 'behind-head'
  | 'behind-knees';
const SPOT: Readonly<Record<GroundSlot, string>> = {
  'neck-knee': 'front-head',
  'back-knee': 'front-head',
  'feet-end': 'feet',
  'behind-chest': 'behind-mid',
  'behind-hip': 'behind-mid',
  'behind-head': 'behind-head',
  'behind-knees': 'behind-low',
};
const ALTERNATES: Readonly<Record<GroundSlot, readonly GroundSlot[]>> = {
  'neck-knee': ['neck-knee', 'behind-chest', 'behind-head'],
  'back-knee': ['back-knee', 'behind-chest', 'behind-knees'],
  'feet-end': ['feet-end', 'behind-knees', 'behind-chest'],
  'behind-chest': ['behind-chest', 'behind-knees', 'behind-head'],
  'behind-hip': ['behind-hip', 'behind-knees', 'behind-head'],
  'behind-head': ['behind-head', 'behind-chest', 'behind-knees'],
  'behind-knees': ['behind-knees', 'behind-chest', 'behind-head'],
};
function isGroundSlot(slot: Slot | GroundSlot): slot is GroundSlot {
  return slot in SPOT;
}

/** Who gets first pick of the spots round a body: holds and care before finished one-shots, newest first. */
function placingOrder(a: FigureIntent, b: FigureIntent): number {
  const rank = (i: FigureIntent) =>
    i.target === undefined
      ? 0
      : i.loop !== 'none' || i.pose.startsWith('knee') || i.pose === 'hold-legs'
        ? 1
        : 2;
  return rank(a) - rank(b) || (b.motionSince ?? -1) - (a.motionSince ?? -1);
}

export interface LayoutInput {
  readonly intents: readonly FigureIntent[];
  readonly dims: (id: string) => Dims;
  /** Where each figure was drawn last (targetless motions keep people where they are). */
  readonly previous: ReadonlyMap<string, Placement>;
}

/** Places every figure. Same intents and previous placements, same answer. */
export function layoutFigures(input: LayoutInput): Map<string, Placement> {
  const { intents, dims, previous } = input;
  const byId = new Map(intents.map((i) => [i.id, i]));
  const homes = homePositions(intents);
  const placed = new Map<string, Placement>();
  const visiting = new Set<string>();
  const taken = new Map<string, number>();
  const spots = new Map<string, Set<string>>();
  const subjects = intents.filter((i) => i.kind === 'subject' && !i.hidden);
  // The middle of things: where the subjects' homes are (fixed, so that a redraw moves nobody).
  const focusX =
    subjects.length === 0
      ? STAGE_WIDTH / 2
      : subjects.reduce((sum, s) => sum + (homes.get(s.id)?.[0] ?? 960), 0) / subjects.length;

  const place = (intent: FigureIntent): Placement => {
    const done = placed.get(intent.id);
    if (done) return done;
    const home = homes.get(intent.id) ?? [960, 900];
    const prev = previous.get(intent.id);
    const base =
      prev && !prev.hidden
        ? prev
        : { x: home[0], y: home[1], facing: defaultFacing(intent, home[0], focusX) };
    if (intent.hidden) {
      const p: Placement = { x: OFFSTAGE_X, y: home[1], facing: -1, hidden: true };
      placed.set(intent.id, p);
      return p;
    }
    visiting.add(intent.id);
    const target = intent.target === undefined ? undefined : byId.get(intent.target);
    let p: Placement;
    if (target && !target.hidden && !visiting.has(target.id)) {
      const tp = place(target);
      p = placeBySlot(intent, intent.slot, base, target, tp);
    } else {
      p = placeAlone(intent, intent.slot, base, home, focusX);
    }
    visiting.delete(intent.id);
    placed.set(intent.id, p);
    return p;
  };

  const placeAlone = (
    intent: FigureIntent,
    slot: Slot,
    base: { x: number; y: number; facing: 1 | -1 },
    home: readonly [number, number],
    focus: number,
  ): Placement => {
    const toward = (x: number): 1 | -1 => (focus >= x ? 1 : -1);
    switch (slot) {
      case 'home':
        return { x: home[0], y: home[1], facing: toward(home[0]), hidden: false };
      case 'edge': {
        const facing: 1 | -1 = base.x < STAGE_WIDTH / 2 ? -1 : 1;
        return { x: facing < 0 ? 80 : STAGE_WIDTH - 80, y: base.y, facing, hidden: false };
      }
      case 'forward': {
        // From home, so that drawing the same view again moves nobody.
        const dir = toward(home[0]);
        const x = Math.abs(focus - home[0]) < 260 ? home[0] : home[0] + dir * 220;
        return { x: clampX(x), y: home[1], facing: dir, hidden: false };
      }
      default: {
        // Upright figures with nothing to do face the middle of things; bodies on the ground keep
        // the way they fell.
        const facing =
          isDown(intent.posture) || intent.kind === 'subject' ? base.facing : toward(base.x);
        return { x: base.x, y: base.y, facing, hidden: false };
      }
    }
  };

  const placeBySlot = (
    intent: FigureIntent,
    wanted: Slot,
    base: { x: number; y: number; facing: 1 | -1 },
    target: FigureIntent,
    tp: Placement,
  ): Placement => {
    let slot: Slot | GroundSlot = wanted;
    if (isGroundSlot(wanted)) {
      const used = spots.get(target.id) ?? new Set<string>();
      spots.set(target.id, used);
      const free = ALTERNATES[wanted].find((candidate) => !used.has(SPOT[candidate]));
      slot = free ?? wanted;
      used.add(SPOT[slot]);
    }
    const d = dims(intent.id);
    const td = dims(target.id);
    const ts = figureScale(tp.y, td);
    const tSkel = skeletonFor(target.pose, td);
    const tx = (localX: number) => tp.x + tp.facing * ts * localX;
    const side: 1 | -1 = base.x >= tp.x ? 1 : -1;
    const count = (taken.get(`${target.id}/${slot}`) ?? 0) + 1;
    taken.set(`${target.id}/${slot}`, count);
    const crowdShift = (count - 1) * 70;

    // Put the actor's point `localX` (in its own pose) on the world x `worldX`.
    const meet = (worldX: number, localX: number, facing: 1 | -1, y: number): Placement => {
      const s = figureScale(y, d);
      return {
        x: clampX(worldX - facing * s * localX + -facing * crowdShift),
        y: clampY(y - (count - 1) * 10),
        facing,
        hidden: false,
      };
    };
    const aSkel = skeletonFor(intent.pose, d);
    const away: 1 | -1 = tp.facing === 1 ? -1 : 1;
    switch (slot) {
      // Facing the head, the raised knee on the neck or between the shoulders: the head stays
      // in sight beyond the knee.
      case 'neck-knee':
        return meet(tx(tSkel.neckX), aSkel.kneeFX, tp.facing, tp.y + 8);
      case 'back-knee':
        return meet(tx((tSkel.neckX + tSkel.chestX) / 2), aSkel.kneeFX, tp.facing, tp.y + 8);
      case 'feet-end':
        return meet(tx((tSkel.ankleNX + tSkel.ankleFX) / 2), aSkel.handNX, tp.facing, tp.y + 8);
      case 'behind-chest':
        return meet(tx(tSkel.chestX), aSkel.handNX, tp.facing, tp.y - 28);
      case 'behind-hip':
        return meet(tx(tSkel.backX), aSkel.handNX, tp.facing, tp.y - 28);
      case 'behind-head':
        return meet(tx(tSkel.neckX), aSkel.handNX, away, tp.y - 28);
      case 'behind-knees':
        return meet(tx((tSkel.kneeNX + tSkel.kneeFX) / 2), aSkel.handNX, tp.facing, tp.y - 30);
      case 'behind-back':
        return meet(tx(tSkel.backX), aSkel.handNX, tp.facing, tp.y - 12);
      case 'behind-standing':
        return meet(tx(-24), aSkel.handNX, tp.facing, tp.y - 6);
      case 'beside': {
        // Standing at the end of the body on the actor's side: close, not over it.
        const y = tp.y + 22;
        const ends = [tx(tSkel.headX), tx(tSkel.ankleNX), tx(tSkel.ankleFX)];
        const end = side === 1 ? Math.max(...ends) : Math.min(...ends);
        // Someone already kneeling at that end (at the head or holding the legs): stand clear of them.
        const headEnd = (tx(tSkel.headX) > tp.x ? 1 : -1) === side;
        const busy = spots.get(target.id)?.has(headEnd ? 'front-head' : 'feet') === true;
        const x = end + side * (busy ? 250 : 120) * figureScale(y, d);
        return { x: clampX(x), y: clampY(y), facing: side === 1 ? -1 : 1, hidden: false };
      }
      case 'adjacent':
      case 'adjacent-close': {
        const gap = slot === 'adjacent' ? 150 : 104;
        const y = tp.y + 6;
        const x = tp.x + side * (gap + crowdShift) * figureScale(y, d);
        return { x: clampX(x), y: clampY(y), facing: side === 1 ? -1 : 1, hidden: false };
      }
      case 'between': {
        const threat = target.target === undefined ? undefined : placed.get(target.target);
        const dir: 1 | -1 = threat ? (threat.x >= tp.x ? 1 : -1) : side;
        const y = tp.y + 10;
        const x = tp.x + dir * 125 * figureScale(y, d);
        return { x: clampX(x), y: clampY(y), facing: dir === 1 ? -1 : 1, hidden: false };
      }
      case 'ranged': {
        const dx = base.x - tp.x;
        const far = Math.abs(dx) > 760;
        const x = far ? tp.x + Math.sign(dx) * 640 : base.x;
        const facing: 1 | -1 = tp.x >= x ? 1 : -1;
        return { x: clampX(x), y: base.y, facing, hidden: false };
      }
      case 'edge':
      case 'forward':
      case 'home':
      case 'stay': {
        const facing: 1 | -1 = isDown(intent.posture) ? base.facing : tp.x >= base.x ? 1 : -1;
        return { x: base.x, y: base.y, facing, hidden: false };
      }
    }
  };

  // Holds and care pick their spots round a body first; targets are placed on the way.
  for (const intent of [...intents].sort(placingOrder)) place(intent);
  keepOffBodies(intents, placed, dims);
  return placed;
}

/**
 * Nobody stands on, or right in front of, a body on the ground unless they are working on it:
 * anyone else there steps off to the nearer end.
 */
function keepOffBodies(
  intents: readonly FigureIntent[],
  placed: Map<string, Placement>,
  dims: (id: string) => Dims,
): void {
  const bodies = intents.filter((i) => isDown(i.posture) && !i.hidden);
  const moved = new Map<string, number>();
  const footprint = (
    body: FigureIntent,
    margin: number,
  ): [number, number, number, number] | undefined => {
    const bp = placed.get(body.id);
    if (!bp) return undefined;
    const bd = dims(body.id);
    const bs = figureScale(bp.y, bd);
    const skel = skeletonFor(body.pose, bd);
    const xs = [skel.headX, skel.ankleNX, skel.ankleFX, 0].map((x) => bp.x + bp.facing * bs * x);
    return [Math.min(...xs) - margin, Math.max(...xs) + margin, bp.y, bp.x];
  };
  const onBody = (x: number, y: number, margin: number, self: string) =>
    bodies.find((body) => {
      if (body.id === self) return false;
      const f = footprint(body, margin);
      return f !== undefined && x > f[0] && x < f[1] && Math.abs(y - f[2]) <= 70;
    });
  for (const intent of intents) {
    if (intent.hidden || intent.posture !== 'stand' || intent.crowd) continue;
    if (intent.slot === 'beside' || intent.slot === 'behind-standing') continue;
    const p = placed.get(intent.id);
    if (!p) continue;
    const margin = 70 * figureScale(p.y, dims(intent.id));
    const body = onBody(p.x, p.y, margin, intent.id);
    if (!body) continue;
    // Next to someone standing: try their other side first.
    const target = intent.target === undefined ? undefined : placed.get(intent.target);
    if (target && (intent.slot === 'adjacent' || intent.slot === 'adjacent-close')) {
      const mirrored = clampX(2 * target.x - p.x);
      if (!onBody(mirrored, p.y, margin, intent.id)) {
        placed.set(intent.id, { ...p, x: mirrored, facing: p.facing === 1 ? -1 : 1 });
        continue;
      }
    }
    const f = footprint(body, margin);
    if (!f) continue;
    const [left, right] = f;
    const toLeft = p.x - left < right - p.x;
    const key = `${body.id}/${toLeft ? 'left' : 'right'}`;
    const already = moved.get(key) ?? 0;
    moved.set(key, already + 1);
    const x = toLeft ? left - already * margin * 1.3 : right + already * margin * 1.3;
    const facing: 1 | -1 = target ? (target.x >= x ? 1 : -1) : x < f[3] ? 1 : -1;
    placed.set(intent.id, { ...p, x: clampX(x), y: p.y + already * 18, facing });
  }
}

function defaultFacing(intent: FigureIntent, x: number, focusX: number): 1 | -1 {
  // Subjects face the officers' side (left); everybody else faces the middle of things.
  if (intent.kind === 'subject') return -1;
  return focusX >= x ? 1 : -1;
}

export interface Anchor {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** Where a figure's name label goes: just above its highest point, as fractions of the stage. */
export function anchorFor(
  id: string,
  placement: Placement,
  pose: PoseName,
  dims: Dims,
  crowd: boolean,
): Anchor {
  const s = figureScale(placement.y, dims);
  const skel = skeletonFor(pose, dims);
  const down = skel.top > -200;
  const localX = down ? (skel.headX + skel.ankleNX) / 2 : skel.headX;
  const x = placement.x + placement.facing * s * localX;
  const top = crowd ? placement.y - 300 * s : placement.y + skel.top * s;
  return {
    id,
    x: round3(Math.min(1, Math.max(0, x / STAGE_WIDTH))),
    y: round3(Math.min(1, Math.max(0, (top - 14) / STAGE_HEIGHT))),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * The share of the screen width the decision panel covers on the right (CSS: `.decision-slot`,
 * min(34rem, 40vw) plus its margin). Kept here so the stage can keep the action out from under it.
 */
export const DECISION_PANEL_SHARE = 0.42;

/**
 * How far to pan the stage left while a decision is open, so that the people the trainee must
 * watch sit in the middle of the part of the screen the panel leaves uncovered. Never pans the
 * backdrop's left edge past the screen's, nor further than the panel is wide.
 */
export function panForPanel(
  actionXs: readonly number[],
  panelShare = DECISION_PANEL_SHARE,
): number {
  if (actionXs.length === 0) return 0;
  const centre = actionXs.reduce((sum, x) => sum + x, 0) / actionXs.length;
  const visibleCentre = ((1 - panelShare) * STAGE_WIDTH) / 2;
  return Math.round(Math.min(panelShare * STAGE_WIDTH, Math.max(0, centre - visibleCentre)));
}
