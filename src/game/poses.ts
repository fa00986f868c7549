/**
 * People as a small skeleton seen from the side: body, torso, head, two arms and two legs, each
 * a chain of joints. A pose is a set of joint angles; forward kinematics here (pure, no Phaser)
 * gives where hands, knees, neck and head end up, so the layout can put a knee on a neck and the
 * stage can stand every pose on the ground. The Phaser side draws each part once and only turns
 * containers to these angles.
 *
 * Conventions: figures face right (+x) before mirroring; y points down; angles are degrees.
 * Limb angles are "forward-positive" (0 hangs straight down, 90 points forward, 180 up); the
 * elbow bends forward, the knee bends backward. `body` turns the whole figure about the hips
 * (90 = lying with the head forward and the front down); `roll` mirrors the body front-to-back
 * (1 = front down when lying, -1 = front up), which is how a prone man is rolled onto his back.
 */
import type { Appearance, Build, Height } from './palette.ts';

export interface Pose {
  readonly body: number;
  readonly roll: number;
  readonly torso: number;
  readonly head: number;
  readonly armN: number;
  readonly elbowN: number;
  readonly armF: number;
  readonly elbowF: number;
  readonly legN: number;
  readonly kneeN: number;
  readonly legF: number;
  readonly kneeF: number;
}

export const POSE_KEYS = [
  'body',
  'roll',
  'torso',
  'head',
  'armN',
  'elbowN',
  'armF',
  'elbowF',
  'legN',
  'kneeN',
  'legF',
  'kneeF',
] as const satisfies ReadonlyArray<keyof Pose>;

const base: Pose = {
  body: 0,
  roll: 1,
  torso: 2,
  head: 0,
  armN: 6,
  elbowN: 12,
  armF: -5,
  elbowF: 14,
  legN: 3,
  kneeN: 3,
  legF: -3,
  kneeF: 4,
};

const pose = (overrides: Partial<Pose>): Pose => ({ ...base, ...overrides });

/** Both knees down, sitting up on the heels: the base for work on someone on the ground. */
const kneelLow = pose({ legN: 8, kneeN: 100, legF: -4, kneeF: 96, torso: 12 });
/** One knee down, the other foot planted in front. */
const kneelOne = pose({ legN: 82, kneeN: 92, legF: -2, kneeF: 92, torso: 8 });

export const POSES = {
  stand: base,
  guard: pose({ torso: 6, armN: 42, elbowN: 92, armF: 34, elbowF: 96, legN: 12, legF: -10 }),
  walk: pose({ torso: 6 }),
  run: pose({ torso: 16, armN: 10, elbowN: 80, armF: -10, elbowF: 80 }),
  cower: pose({ torso: -6, head: 16, armN: 150, elbowN: 120, armF: 140, elbowF: 125, legN: 6 }),
  radio: pose({ head: 18, armN: 38, elbowN: 128, armF: -4 }),
  film: pose({ head: -4, armN: 86, elbowN: 58, armF: 20, elbowF: 70 }),
  point: pose({ torso: 4, armN: 88, elbowN: 0, armF: -6 }),
  'aim-taser': pose({ torso: 6, armN: 86, elbowN: 4, armF: 82, elbowF: 10, legN: 14, legF: -12 }),
  'hammer-raised': pose({ torso: -4, armN: 168, elbowN: 40, armF: 50, elbowF: 40, legN: 16 }),
  'strike-windup': pose({ torso: -8, armN: 160, elbowN: 70, armF: 40, elbowF: 60, legN: 16 }),
  'strike-hit': pose({ torso: 18, armN: 70, elbowN: 0, armF: 10, elbowF: 40, legN: 22, legF: -16 }),
  'kick-windup': pose({ torso: -8, legN: -24, kneeN: 70, armN: 30, elbowN: 60, armF: 30 }),
  'kick-hit': pose({ torso: -14, legN: 78, kneeN: 4, armN: 40, elbowN: 50, armF: -20 }),
  'shove-windup': pose({ torso: -2, armN: 50, elbowN: 110, armF: 46, elbowF: 112 }),
  'shove-hit': pose({ torso: 20, armN: 84, elbowN: 4, armF: 80, elbowF: 6, legN: 18, legF: -24 }),
  reach: pose({ torso: 12, armN: 100, elbowN: 0, armF: 0 }),
  'reach-low': pose({ torso: 26, armN: 60, elbowN: 0, armF: 0, legN: 10 }),
  'hold-item': pose({ armN: 26, elbowN: 70 }),
  'hand-pocket': pose({ armN: -8, elbowN: 30, head: 6 }),
  'search-standing': pose({ torso: 14, armN: 48, elbowN: 44, armF: 52, elbowF: 44 }),
  'cuff-standing': pose({ torso: 10, armN: 40, elbowN: 70, armF: 44, elbowF: 66 }),
  'pulse-standing': pose({ torso: 8, armN: 70, elbowN: 70, armF: 0 }),
  block: pose({ torso: 4, armN: 62, elbowN: 14, armF: 52, elbowF: 18, legN: 16, legF: -16 }),
  lunge: pose({
    torso: 38,
    armN: 82,
    elbowN: 10,
    armF: 78,
    elbowF: 12,
    legN: 34,
    kneeN: 30,
    legF: -30,
  }),
  rigid: pose({
    torso: -10,
    head: -14,
    armN: 24,
    elbowN: 0,
    armF: 20,
    elbowF: 0,
    legN: 4,
    kneeN: 0,
  }),
  buckle: pose({
    torso: 30,
    head: 20,
    legN: 40,
    kneeN: 80,
    legF: 30,
    kneeF: 80,
    armN: 20,
    armF: 10,
  }),
  flinch: pose({ torso: -14, head: -14, armN: 110, elbowN: 100, armF: 100, elbowF: 110, legN: 10 }),
  shake: pose({ torso: 10, armN: 60, elbowN: 100, armF: 50, elbowF: 100 }),

  kneel: kneelOne,
  'kneel-low': kneelLow,
  'kneel-hands': { ...kneelLow, torso: 44, armN: 58, elbowN: 12, armF: 54, elbowF: 14 },
  cuffing: { ...kneelLow, torso: 42, armN: 48, elbowN: 30, armF: 46, elbowF: 34 },
  support: { ...kneelOne, torso: 14, armN: 64, elbowN: 40, armF: 58, elbowF: 44 },
  pulse: { ...kneelLow, torso: 46, head: 10, armN: 56, elbowN: 8, armF: 10, elbowF: 40 },
  cpr: {
    ...kneelLow,
    legN: 30,
    kneeN: 120,
    legF: 24,
    kneeF: 116,
    torso: 40,
    armN: 42,
    elbowN: 0,
    armF: 40,
    elbowF: 0,
  },
  // The far knee rests on the neck (or the upper back), the near knee is down on the ground.
  'knee-neck': pose({
    legF: 80,
    kneeF: 118,
    legN: -4,
    kneeN: 96,
    torso: 14,
    head: 14,
    armN: 26,
    elbowN: 12,
    armF: 20,
    elbowF: 16,
  }),
  'knee-back': pose({
    legF: 70,
    kneeF: 120,
    legN: -6,
    kneeN: 96,
    torso: 26,
    head: 10,
    armN: 62,
    elbowN: 12,
    armF: 58,
    elbowF: 16,
  }),
  'hold-legs': { ...kneelLow, torso: 48, armN: 62, elbowN: 6, armF: 58, elbowF: 8 },

  prone: pose({
    body: 90,
    torso: 0,
    head: 8,
    armN: 4,
    elbowN: 6,
    armF: 2,
    elbowF: 8,
    legN: 0,
    kneeN: 6,
    legF: -2,
    kneeF: 10,
  }),
  'prone-cuffed': pose({
    body: 90,
    torso: 0,
    head: 10,
    armN: -42,
    elbowN: 62,
    armF: -38,
    elbowF: 58,
    legN: 0,
    kneeN: 4,
    legF: -3,
    kneeF: 8,
  }),
  'prone-limp': pose({
    body: 90,
    torso: 0,
    head: 14,
    armN: 2,
    elbowN: 2,
    armF: 0,
    elbowF: 4,
    legN: 0,
    kneeN: 2,
    legF: 0,
    kneeF: 2,
  }),
  'prone-up': pose({
    body: 68,
    torso: -26,
    head: -20,
    armN: 60,
    elbowN: 40,
    armF: 56,
    elbowF: 44,
    legN: 8,
    kneeN: 10,
  }),
  supine: pose({
    body: 90,
    roll: -1,
    torso: 0,
    head: -4,
    armN: 8,
    elbowN: 6,
    armF: 4,
    elbowF: 8,
    legN: 2,
    kneeN: 4,
    legF: 0,
    kneeF: 6,
  }),
  // On the side, in the recovery position: flat on the ground, the top knee drawn forward to
  // the ground, the top hand under the cheek, the face turned out of the ground.
  side: pose({
    body: 90,
    torso: 0,
    head: -24,
    armN: 168,
    elbowN: 120,
    armF: 6,
    elbowF: 10,
    legN: 28,
    kneeN: 96,
    legF: 4,
    kneeF: 14,
  }),
  'side-cuffed': pose({
    body: 90,
    torso: 0,
    head: -24,
    armN: -40,
    elbowN: 60,
    armF: -36,
    elbowF: 56,
    legN: 28,
    kneeN: 96,
    legF: 4,
    kneeF: 14,
  }),
  seated: pose({
    torso: -8,
    head: 6,
    armN: 40,
    elbowN: 40,
    armF: -34,
    elbowF: 10,
    legN: 118,
    kneeN: 118,
    legF: 90,
    kneeF: 4,
  }),
  'seated-cuffed': pose({
    torso: -4,
    head: 10,
    armN: -40,
    elbowN: 60,
    armF: -38,
    elbowF: 58,
    legN: 118,
    kneeN: 118,
    legF: 90,
    kneeF: 4,
  }),
} as const satisfies Record<string, Pose>;

export type PoseName = keyof typeof POSES;
export const POSE_NAMES = Object.keys(POSES) as PoseName[];

/** Poses in which the figure lies on the ground (its label goes above the body, not a head). */
export const LYING_POSES: ReadonlySet<PoseName> = new Set<PoseName>([
  'prone',
  'prone-cuffed',
  'prone-limp',
  'prone-up',
  'supine',
  'side',
  'side-cuffed',
]);

// ---------------------------------------------------------------------------------------------
// Body sizes

export interface Dims {
  /** Hip to top of the shoulders. */
  readonly torso: number;
  readonly headR: number;
  readonly upperArm: number;
  readonly forearm: number;
  readonly thigh: number;
  readonly shin: number;
  /** Front-to-back thickness of the torso, by build. */
  readonly torsoW: number;
  readonly upperArmW: number;
  readonly forearmW: number;
  readonly thighW: number;
  readonly shinW: number;
  /** Overall scale for height. */
  readonly scale: number;
}

const BUILD_WIDTHS: Readonly<Record<Build, readonly [number, number, number, number, number]>> = {
  slight: [38, 19, 16, 24, 19],
  medium: [46, 22, 18, 27, 21],
  heavy: [60, 26, 21, 33, 24],
};
const HEIGHT_SCALE: Readonly<Record<Height, number>> = { short: 0.92, medium: 1, tall: 1.07 };

export function dimsFor(appearance: Pick<Appearance, 'build' | 'height'>): Dims {
  const [torsoW, upperArmW, forearmW, thighW, shinW] = BUILD_WIDTHS[appearance.build];
  return {
    torso: 100,
    headR: 21,
    upperArm: 50,
    forearm: 46,
    thigh: 70,
    shin: 66,
    torsoW,
    upperArmW,
    forearmW,
    thighW,
    shinW,
    scale: HEIGHT_SCALE[appearance.height],
  };
}

// ---------------------------------------------------------------------------------------------
// Forward kinematics

/** Joint positions in figure units, relative to the figure's ground point, facing right. */
export class Skeleton {
  /** How high the hips sit above the ground in this pose. */
  lift = 0;
  /** Highest point (most negative y), for the label anchor. */
  top = 0;
  shoulderX = 0;
  shoulderY = 0;
  neckX = 0;
  neckY = 0;
  headX = 0;
  headY = 0;
  elbowNX = 0;
  elbowNY = 0;
  handNX = 0;
  handNY = 0;
  elbowFX = 0;
  elbowFY = 0;
  handFX = 0;
  handFY = 0;
  kneeNX = 0;
  kneeNY = 0;
  kneeFX = 0;
  kneeFY = 0;
  ankleNX = 0;
  ankleNY = 0;
  ankleFX = 0;
  ankleFY = 0;
  /** The middle of the torso (chest height), where probes land and hands press. */
  chestX = 0;
  chestY = 0;
  /** The small of the back, where cuffed hands rest. */
  backX = 0;
  backY = 0;
  hipX = 0;
  hipY = 0;
}

const RAD = Math.PI / 180;

/** Where the shoulder joint sits on the torso, from the hip. */
export const SHOULDER_DROP = 12;
/** Where the neck sits on the torso. */
export const NECK_X = 3;
/** The head's centre from the neck, in the head's frame (before the radius). */
export const HEAD_OFFSET_X = 5;
export const HEAD_OFFSET_Y = 8;

// Scratch state for the solver: module-level so that solving a pose allocates nothing.
let cb = 1;
let sb = 0;
let rl = 1;
let maxY = 0;
let minY = 0;

function wx(x: number, y: number): number {
  return x * rl * cb - y * sb;
}
function wy(x: number, y: number): number {
  return x * rl * sb + y * cb;
}
/** A point that may touch the ground (r: its radius) and counts for the figure's top. */
function contact(x: number, y: number, r: number): void {
  const y2 = wy(x, y);
  if (y2 + r > maxY) maxY = y2 + r;
  if (y2 - r < minY) minY = y2 - r;
}
/** A point that only counts for the top (hands may rest on someone else's body). */
function topOnly(x: number, y: number, r: number): void {
  const y2 = wy(x, y) - r;
  if (y2 < minY) minY = y2;
}
/** The sole and the toe of a foot at the ankle (ax, ay), turned with the shin by `sh`. */
function foot(ax: number, ay: number, sh: number): void {
  const c = Math.cos(sh);
  const s = Math.sin(sh);
  contact(ax + (-8 * c - 8 * s), ay + (-8 * s + 8 * c), 0);
  contact(ax + (26 * c - 6 * s), ay + (26 * s + 6 * c), 0);
}

/**
 * Solves a pose for a body: fills `out` with every joint relative to the ground point under the
 * hips (x forward, y down), grounded so that the lowest contact touches y = 0. Allocates nothing.
 */
export function solvePose(p: Pose, d: Dims, out: Skeleton): Skeleton {
  const b = p.body * RAD;
  cb = Math.cos(b);
  sb = Math.sin(b);
  rl = p.roll;
  const t = p.torso * RAD;
  const ct = Math.cos(t);
  const st = Math.sin(t);
  maxY = -Infinity;
  minY = Infinity;

  // Torso corners: a torso-frame point (x, y) sits at (x ct - y st, x st + y ct) in the body frame.
  const halfW = d.torsoW / 2;
  const tyLow = 14;
  const tyHigh = -d.torso + 8;
  contact(halfW * ct - tyLow * st, halfW * st + tyLow * ct, 0);
  contact(-halfW * ct - tyLow * st, -halfW * st + tyLow * ct, 0);
  contact(halfW * 0.9 * ct - tyHigh * st, halfW * 0.9 * st + tyHigh * ct, 0);
  contact(-halfW * 0.9 * ct - tyHigh * st, -halfW * 0.9 * st + tyHigh * ct, 0);
  contact(-16 * st, 16 * ct, 0);

  // Shoulder, neck and head centre in the body frame.
  const sx = -(-d.torso + SHOULDER_DROP) * st;
  const sy = (-d.torso + SHOULDER_DROP) * ct;
  const nx = NECK_X * ct + d.torso * st;
  const ny = NECK_X * st - d.torso * ct;
  const h = t + p.head * RAD;
  const reach = HEAD_OFFSET_Y + d.headR;
  const hx = nx + HEAD_OFFSET_X * Math.cos(h) + reach * Math.sin(h);
  const hy = ny + HEAD_OFFSET_X * Math.sin(h) - reach * Math.cos(h);

  // Arms hang from the shoulder: a limb turned by r points along (-sin r, cos r).
  const aN = t - p.armN * RAD;
  const eNx = sx - Math.sin(aN) * d.upperArm;
  const eNy = sy + Math.cos(aN) * d.upperArm;
  const fN = aN - p.elbowN * RAD;
  const hNx = eNx - Math.sin(fN) * (d.forearm + 4);
  const hNy = eNy + Math.cos(fN) * (d.forearm + 4);
  const aF = t - p.armF * RAD;
  const eFx = sx - Math.sin(aF) * d.upperArm;
  const eFy = sy + Math.cos(aF) * d.upperArm;
  const fF = aF - p.elbowF * RAD;
  const hFx = eFx - Math.sin(fF) * (d.forearm + 4);
  const hFy = eFy + Math.cos(fF) * (d.forearm + 4);

  // Legs from the hip.
  const lN = -p.legN * RAD;
  const kNx = -Math.sin(lN) * d.thigh;
  const kNy = Math.cos(lN) * d.thigh;
  const shN = lN + p.kneeN * RAD;
  const anNx = kNx - Math.sin(shN) * d.shin;
  const anNy = kNy + Math.cos(shN) * d.shin;
  const lF = -p.legF * RAD;
  const kFx = -Math.sin(lF) * d.thigh;
  const kFy = Math.cos(lF) * d.thigh;
  const shF = lF + p.kneeF * RAD;
  const anFx = kFx - Math.sin(shF) * d.shin;
  const anFy = kFy + Math.cos(shF) * d.shin;

  foot(anNx, anNy, shN);
  foot(anFx, anFy, shF);
  contact(kNx, kNy, d.shinW / 2);
  contact(kFx, kFy, d.shinW / 2);
  contact(hx, hy, d.headR);
  topOnly(hNx, hNy, 9);
  topOnly(hFx, hFy, 9);
  topOnly(hx, hy, d.headR + 5);

  const lift = maxY;
  out.lift = lift;
  out.top = minY - lift;
  out.shoulderX = wx(sx, sy);
  out.shoulderY = wy(sx, sy) - lift;
  out.neckX = wx(nx, ny);
  out.neckY = wy(nx, ny) - lift;
  out.headX = wx(hx, hy);
  out.headY = wy(hx, hy) - lift;
  out.elbowNX = wx(eNx, eNy);
  out.elbowNY = wy(eNx, eNy) - lift;
  out.handNX = wx(hNx, hNy);
  out.handNY = wy(hNx, hNy) - lift;
  out.elbowFX = wx(eFx, eFy);
  out.elbowFY = wy(eFx, eFy) - lift;
  out.handFX = wx(hFx, hFy);
  out.handFY = wy(hFx, hFy) - lift;
  out.kneeNX = wx(kNx, kNy);
  out.kneeNY = wy(kNx, kNy) - lift;
  out.kneeFX = wx(kFx, kFy);
  out.kneeFY = wy(kFx, kFy) - lift;
  out.ankleNX = wx(anNx, anNy);
  out.ankleNY = wy(anNx, anNy) - lift;
  out.ankleFX = wx(anFx, anFy);
  out.ankleFY = wy(anFx, anFy) - lift;
  const cy = -d.torso * 0.55;
  out.chestX = wx(-cy * st, cy * ct);
  out.chestY = wy(-cy * st, cy * ct) - lift;
  const bx = -halfW;
  const by = -d.torso * 0.1;
  out.backX = wx(bx * ct - by * st, bx * st + by * ct);
  out.backY = wy(bx * ct - by * st, bx * st + by * ct) - lift;
  out.hipX = 0;
  out.hipY = -lift;
  return out;
}

/** Solves a named pose into a fresh skeleton (for layout; the render loop reuses one). */
export function solveNamed(name: PoseName, d: Dims): Skeleton {
  return solvePose(POSES[name], d, new Skeleton());
}
