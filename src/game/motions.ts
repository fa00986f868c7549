/**
 * What each person on the stage is doing, worked out from the view: posture (standing, kneeling,
 * face down, on the side, on the back, seated), the pose that shows it, what is in their hands,
 * and where they need to be (next to whom, at which end of a body). And how each motion plays:
 * the key poses of a one-shot action, when its blow lands, and what it does to the person it is
 * done to. Pure functions and data, no Phaser: the stage only plays what these return.
 */
import type { CueLevel, FigureView, Motion, Rank } from '../engine/index.ts';
import type { FigureKind } from './palette.ts';
import { LYING_POSES, type PoseName } from './poses.ts';

export type Posture = 'stand' | 'kneel' | 'prone' | 'side' | 'supine' | 'seated';
export type Prop = 'none' | 'phone' | 'hammer' | 'taser';
export type Loop = 'none' | 'cpr';

/**
 * Where a figure goes. Slots next to a lying body are named from that body: its head end, its
 * feet, behind its chest. `stay` keeps the figure where it was (or at home the first time).
 */
export type Slot =
  | 'stay'
  | 'home'
  | 'forward'
  | 'edge'
  | 'ranged'
  | 'between'
  | 'adjacent'
  | 'adjacent-close'
  | 'beside'
  | 'behind-standing'
  | 'neck-knee'
  | 'back-knee'
  | 'feet-end'
  | 'behind-chest'
  | 'behind-hip'
  | 'behind-head'
  | 'behind-back';

/** The part of a figure the view needs here. */
export type StageFigure = Pick<
  FigureView,
  | 'id'
  | 'name'
  | 'kind'
  | 'rank'
  | 'appearance'
  | 'action'
  | 'actedOn'
  | 'cue'
  | 'plainClothes'
  | 'arrivesLater'
>;

export interface FigureIntent {
  readonly id: string;
  readonly kind: FigureKind;
  readonly rank: Rank | undefined;
  /** A crowd drawn as a group of people with one label. */
  readonly crowd: boolean;
  readonly posture: Posture;
  readonly pose: PoseName;
  readonly cuffed: boolean;
  readonly armed: boolean;
  readonly prop: Prop;
  readonly loop: Loop;
  /** Whom the pose is about: faced, and stood next to. */
  readonly target: string | undefined;
  readonly slot: Slot;
  /** The figure's own latest motion and when it began (a new `since` starts the motion). */
  readonly motion: Motion | undefined;
  readonly motionSince: number | undefined;
  /** The latest motion done to the figure. */
  readonly actedOn: Motion | undefined;
  readonly actedOnSince: number | undefined;
  readonly cue: CueLevel | undefined;
  /** Not on the stage yet (a medic who has not been called in). */
  readonly hidden: boolean;
}

/** What the stage remembers between views (things a single view no longer says). */
export interface StageMemory {
  readonly cuffed: ReadonlySet<string>;
  readonly armed: ReadonlySet<string>;
  readonly arrived: ReadonlySet<string>;
  readonly postures: ReadonlyMap<string, Posture>;
}

export const EMPTY_MEMORY: StageMemory = {
  cuffed: new Set(),
  armed: new Set(),
  arrived: new Set(),
  postures: new Map(),
};

// ---------------------------------------------------------------------------------------------
// The motion table

export interface MotionSpec {
  /** Sustained motions hold their pose until the next action; one-shots play keys then settle. */
  readonly sustained: boolean;
  /** What the motion does to the posture of the person it is done to. */
  readonly targetPosture: 'prone' | 'side' | 'supine' | 'seated' | undefined;
  /** Without a target: what it does to the actor's own posture. */
  readonly selfPosture: 'prone' | 'side' | 'seated' | undefined;
  /** It takes the target out of whatever they were doing (a phone grabbed, a blow). */
  readonly interrupts: boolean;
  /** Key poses before the end pose; `impact` marks the one at which the target reacts. */
  readonly keys: readonly MotionKey[];
  /** The target's reaction keys before it settles. */
  readonly reaction: readonly MotionKey[];
  /** An officer's motions put the target's arms behind the back (cuffs). */
  readonly cuffs: boolean;
  /** Someone on the ground gets up to do it (a kick or a struggle can come from the ground). */
  readonly getsUp: boolean;
}

export interface MotionKey {
  readonly pose: PoseName;
  readonly ms: number;
  readonly impact?: boolean;
  /** Mirror the body part-way, to show a roll. */
  readonly roll?: number;
}

const spec = (s: Partial<MotionSpec>): MotionSpec => ({
  sustained: false,
  targetPosture: undefined,
  selfPosture: undefined,
  interrupts: false,
  keys: [],
  reaction: [],
  cuffs: false,
  getsUp: true,
  ...s,
});

const FLINCH: readonly MotionKey[] = [{ pose: 'flinch', ms: 160 }];

export const MOTIONS: Readonly<Record<Motion, MotionSpec>> = {
  approach: spec({}),
  handcuff: spec({ keys: [{ pose: 'reach', ms: 220, impact: true }], cuffs: true }),
  'knee-on-back': spec({ sustained: true, targetPosture: 'prone', cuffs: true }),
  'knee-on-neck': spec({ sustained: true, targetPosture: 'prone', cuffs: true }),
  'hold-legs': spec({ sustained: true, targetPosture: 'prone' }),
  'roll-to-side': spec({
    targetPosture: 'side',
    selfPosture: 'side',
    keys: [{ pose: 'kneel-hands', ms: 260, impact: true }],
    reaction: [{ pose: 'prone', ms: 320, roll: 0.25 }],
  }),
  'sit-up': spec({
    targetPosture: 'seated',
    selfPosture: 'seated',
    keys: [{ pose: 'support', ms: 240, impact: true }],
    reaction: [{ pose: 'side', ms: 300 }],
  }),
  'check-pulse': spec({ sustained: true }),
  cpr: spec({ sustained: true, targetPosture: 'supine' }),
  strike: spec({
    interrupts: true,
    getsUp: false,
    keys: [
      { pose: 'strike-windup', ms: 260 },
      { pose: 'strike-hit', ms: 130, impact: true },
    ],
    reaction: FLINCH,
  }),
  kick: spec({
    interrupts: true,
    getsUp: false,
    keys: [
      { pose: 'kick-windup', ms: 240 },
      { pose: 'kick-hit', ms: 140, impact: true },
    ],
    reaction: FLINCH,
  }),
  taser: spec({
    targetPosture: 'prone',
    interrupts: true,
    keys: [{ pose: 'aim-taser', ms: 200, impact: true }],
    reaction: [{ pose: 'rigid', ms: 260 }],
  }),
  shove: spec({
    interrupts: true,
    keys: [
      { pose: 'shove-windup', ms: 200 },
      { pose: 'shove-hit', ms: 140, impact: true },
    ],
    reaction: [{ pose: 'flinch', ms: 200 }],
  }),
  'grab-phone': spec({
    interrupts: true,
    getsUp: false,
    keys: [{ pose: 'reach', ms: 260, impact: true }],
    reaction: [{ pose: 'reach', ms: 220 }],
  }),
  search: spec({
    sustained: true,
    keys: [
      { pose: 'search-standing', ms: 240 },
      { pose: 'reach-low', ms: 260, impact: true },
    ],
  }),
  'pocket-item': spec({ getsUp: false, keys: [{ pose: 'reach-low', ms: 320, impact: true }] }),
  point: spec({ getsUp: false, keys: [{ pose: 'point', ms: 220 }] }),
  'step-between': spec({}),
  takedown: spec({
    targetPosture: 'prone',
    interrupts: true,
    keys: [{ pose: 'lunge', ms: 260, impact: true }],
    reaction: [{ pose: 'buckle', ms: 220 }],
  }),
  'raise-weapon': spec({ keys: [] }),
  flee: spec({}),
  film: spec({ sustained: true, getsUp: false }),
  radio: spec({ sustained: true, getsUp: false }),
  collapse: spec({ selfPosture: 'prone', getsUp: false, keys: [{ pose: 'buckle', ms: 320 }] }),
  struggle: spec({ getsUp: false, keys: [{ pose: 'shake', ms: 200 }] }),
};

/** Motions done to a victim that make them cower. */
const THREATS: ReadonlySet<Motion> = new Set<Motion>([
  'approach',
  'raise-weapon',
  'strike',
  'kick',
  'shove',
  'point',
]);

const LYING: ReadonlySet<Posture> = new Set<Posture>(['prone', 'side', 'supine', 'seated']);

export function isDown(posture: Posture): boolean {
  return LYING.has(posture);
}

export function isLyingPose(pose: PoseName): boolean {
  return LYING_POSES.has(pose);
}

/** A bystander entry that stands for a crowd ("Bystanders", id "crowd") is drawn as a group. */
export function isCrowd(figure: Pick<StageFigure, 'id' | 'name' | 'kind'>): boolean {
  if (figure.kind !== 'bystander') return false;
  return /\b(crowd|bystanders|onlookers|shoppers|passers-by|people|witnesses)\b/i.test(
    `${figure.id.replace(/-/g, ' ')} ${figure.name}`,
  );
}

/** The view's kinds, with the off-scene supervisor (never drawn) read as an officer. */
export function figureKind(kind: StageFigure['kind']): FigureKind {
  return kind === 'supervisor-offscene' ? 'officer' : kind;
}

const police = (kind: FigureKind) => kind === 'officer' || kind === 'trainee';

// ---------------------------------------------------------------------------------------------
// From a view to intents

interface PostureEvent {
  readonly posture: Posture | 'upright';
  readonly since: number;
  /** Being acted on wins a tie with one's own motion at the same instant. */
  readonly rank: number;
}

/** Works out what every figure on the stage is doing now. Pure: same view and memory, same answer. */
export function deriveIntents(
  figures: readonly StageFigure[],
  memory: StageMemory = EMPTY_MEMORY,
): FigureIntent[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const postures = new Map<string, Posture | 'upright'>();
  const pinnedBy = new Map<string, Motion[]>();
  for (const figure of figures) {
    const events: PostureEvent[] = [];
    const own = figure.action;
    if (own) {
      const m = MOTIONS[own.motion];
      const self = own.target === undefined ? m.selfPosture : undefined;
      if (self) events.push({ posture: self, since: own.since, rank: 1 });
      else if (m.getsUp) events.push({ posture: 'upright', since: own.since, rank: 0 });
    }
    const on = figure.actedOn;
    if (on) {
      const effect = MOTIONS[on.motion].targetPosture;
      if (effect) events.push({ posture: effect, since: on.since, rank: 2 });
    }
    for (const other of figures) {
      const act = other.action;
      if (other.id === figure.id || act?.target !== figure.id) continue;
      const effect = MOTIONS[act.motion].targetPosture;
      if (effect) events.push({ posture: effect, since: act.since, rank: 2 });
      if (MOTIONS[act.motion].sustained && effect === 'prone') {
        pinnedBy.set(figure.id, [...(pinnedBy.get(figure.id) ?? []), act.motion]);
      }
    }
    events.sort((a, b) => b.since - a.since || b.rank - a.rank);
    const latest = events[0];
    postures.set(
      figure.id,
      latest ? latest.posture : (memory.postures.get(figure.id) ?? 'upright'),
    );
  }

  return figures.map((figure) => {
    const kind = figureKind(figure.kind);
    const own = figure.action;
    const on = figure.actedOn;
    const posture0 = postures.get(figure.id) ?? 'upright';
    const targetFigure = own?.target === undefined ? undefined : byId.get(own.target);
    const targetPosture = targetFigure ? postures.get(targetFigure.id) : undefined;
    const targetDown =
      targetPosture !== undefined && targetPosture !== 'upright' && isDown(targetPosture);
    const pins = pinnedBy.get(figure.id) ?? [];
    const cuffed =
      memory.cuffed.has(figure.id) ||
      (on !== undefined && MOTIONS[on.motion].cuffs) ||
      figures.some((o) => o.action?.target === figure.id && MOTIONS[o.action.motion].cuffs);
    const armed = !police(kind) && (memory.armed.has(figure.id) || own?.motion === 'raise-weapon');
    // Being acted on after one's own action cancels that action's pose (a grabbed phone, a blow).
    const interrupted =
      own !== undefined &&
      on !== undefined &&
      on.since > own.since &&
      MOTIONS[on.motion].interrupts;
    // A hold ends when someone else has since moved the body another way (rolled him over).
    const released =
      own !== undefined && targetFigure !== undefined && isReleased(own, targetFigure, figure.id);
    const hidden =
      (kind === 'medic' || figure.arrivesLater) &&
      own === undefined &&
      on === undefined &&
      !memory.arrived.has(figure.id);

    let posture: Posture;
    let pose: PoseName;
    let prop: Prop = 'none';
    let loop: Loop = 'none';
    let slot: Slot = 'stay';
    let target: string | undefined;

    if (posture0 !== 'upright' && isDown(posture0)) {
      posture = posture0;
      const limp = own?.motion === 'collapse';
      const pinned = pins.length > 0;
      if (posture === 'prone') {
        const pushingUp =
          own?.motion === 'struggle' &&
          !pinned &&
          !cuffed &&
          !limp &&
          (on?.since ?? -1) < own.since;
        pose = pushingUp
          ? 'prone-up'
          : cuffed || pinned
            ? 'prone-cuffed'
            : limp
              ? 'prone-limp'
              : 'prone';
      } else if (posture === 'side') pose = cuffed ? 'side-cuffed' : 'side';
      else if (posture === 'seated') pose = cuffed ? 'seated-cuffed' : 'seated';
      else pose = 'supine';
    } else {
      const shaped =
        own && !interrupted && !released
          ? uprightAction(own.motion, kind, targetDown, armed)
          : undefined;
      if (shaped && own) {
        posture = shaped.posture;
        pose = shaped.pose;
        prop = shaped.prop;
        loop = shaped.loop;
        target = own.target !== undefined && byId.has(own.target) ? own.target : undefined;
        slot = slotFor(own.motion, target !== undefined, targetDown, kind);
      } else {
        posture = 'stand';
        pose = 'stand';
        const threatened =
          kind === 'victim' &&
          figures.some(
            (o) =>
              o.id !== figure.id && o.action?.target === figure.id && THREATS.has(o.action.motion),
          );
        if (threatened || (kind === 'victim' && on !== undefined && THREATS.has(on.motion)))
          pose = 'cower';
        if (interrupted && kind !== 'victim') pose = 'guard';
        if (armed) prop = 'hammer';
      }
    }
    if (armed && !isDown(posture) && prop === 'none' && pose !== 'film') prop = 'hammer';

    return {
      id: figure.id,
      kind,
      rank: figure.rank,
      crowd: isCrowd(figure),
      posture,
      pose,
      cuffed,
      armed,
      prop,
      loop,
      target,
      slot,
      motion: own?.motion,
      motionSince: own?.since,
      actedOn: on?.motion,
      actedOnSince: on?.since,
      cue: figure.cue,
      hidden,
    };
  });
}

/** Whether a sustained hold on `target` has been ended by a later motion of someone else. */
function isReleased(
  own: NonNullable<StageFigure['action']>,
  target: StageFigure,
  actorId: string,
): boolean {
  const holds = MOTIONS[own.motion].targetPosture;
  if (!MOTIONS[own.motion].sustained || holds === undefined) return false;
  // The body moved itself (rolled onto its side, sat up) after the hold began.
  const self = target.action;
  if (self && self.target === undefined && self.since > own.since) {
    const moved = MOTIONS[self.motion].selfPosture;
    if (moved !== undefined && moved !== holds) return true;
  }
  const on = target.actedOn;
  if (!on || on.by === actorId || on.since <= own.since) return false;
  const moved = MOTIONS[on.motion].targetPosture;
  return moved !== undefined && moved !== holds;
}

interface Shaped {
  readonly posture: Posture;
  readonly pose: PoseName;
  readonly prop: Prop;
  readonly loop: Loop;
}

/** The end pose of an upright figure's own motion. */
export function uprightAction(
  motion: Motion,
  kind: FigureKind,
  targetDown: boolean,
  armed: boolean,
): Shaped {
  const stand = (pose: PoseName, prop: Prop = 'none'): Shaped => ({
    posture: 'stand',
    pose,
    prop,
    loop: 'none',
  });
  const kneel = (pose: PoseName, loop: Loop = 'none'): Shaped => ({
    posture: 'kneel',
    pose,
    prop: 'none',
    loop,
  });
  const weapon: Prop = armed ? 'hammer' : 'none';
  switch (motion) {
    case 'approach':
      return stand('stand', weapon);
    case 'handcuff':
      return targetDown ? kneel('cuffing') : stand('cuff-standing');
    case 'knee-on-back':
      return kneel('knee-back');
    case 'knee-on-neck':
      return kneel('knee-neck');
    case 'hold-legs':
      return kneel('hold-legs');
    case 'roll-to-side':
      return kneel('kneel-hands');
    case 'sit-up':
      return kneel('support');
    case 'check-pulse':
      return targetDown ? kneel('pulse') : stand('pulse-standing');
    case 'cpr':
      return kneel('cpr', 'cpr');
    case 'strike':
    case 'kick':
    case 'shove':
      return stand('guard', weapon);
    case 'taser':
      return stand('aim-taser', 'taser');
    case 'grab-phone':
      return stand('hold-item', 'phone');
    case 'search':
      return targetDown ? kneel('kneel-hands') : stand('search-standing');
    case 'pocket-item':
      return stand('hand-pocket');
    case 'point':
      return stand('point');
    case 'step-between':
      return stand('block');
    case 'takedown':
      return kneel('kneel-hands');
    case 'raise-weapon':
      return police(kind) || kind === 'medic'
        ? stand('aim-taser', 'taser')
        : stand('hammer-raised', 'hammer');
    case 'flee':
      return stand('stand');
    case 'film':
      return stand('film', 'phone');
    case 'radio':
      return stand('radio');
    case 'collapse':
      return { posture: 'prone', pose: 'prone-limp', prop: 'none', loop: 'none' };
    case 'struggle':
      return stand('guard', weapon);
  }
}

/** Where the actor of a motion goes. */
export function slotFor(
  motion: Motion,
  hasTarget: boolean,
  targetDown: boolean,
  kind: FigureKind,
): Slot {
  if (!hasTarget) {
    if (motion === 'flee') return 'edge';
    if (motion === 'approach') return 'forward';
    return 'stay';
  }
  switch (motion) {
    case 'knee-on-neck':
      return targetDown ? 'neck-knee' : 'adjacent-close';
    case 'knee-on-back':
      return targetDown ? 'back-knee' : 'adjacent-close';
    case 'hold-legs':
      return targetDown ? 'feet-end' : 'adjacent-close';
    case 'handcuff':
      return targetDown ? 'behind-hip' : 'behind-standing';
    case 'roll-to-side':
    case 'cpr':
      return 'behind-chest';
    case 'sit-up':
      return 'behind-back';
    case 'check-pulse':
      return targetDown ? 'behind-head' : 'adjacent-close';
    case 'search':
    case 'takedown':
      return targetDown ? 'behind-hip' : 'adjacent-close';
    case 'strike':
    case 'kick':
    case 'shove':
    case 'grab-phone':
      return 'adjacent-close';
    case 'pocket-item':
    case 'approach':
      return targetDown ? 'beside' : 'adjacent';
    case 'step-between':
      return 'between';
    case 'raise-weapon':
      return police(kind) ? 'ranged' : 'adjacent';
    case 'taser':
    case 'point':
    case 'film':
      return 'ranged';
    case 'flee':
      return 'edge';
    case 'radio':
    case 'collapse':
    case 'struggle':
      return 'stay';
  }
}

/** What the stage remembers after drawing these intents. */
export function rememberIntents(
  memory: StageMemory,
  intents: readonly FigureIntent[],
): StageMemory {
  const cuffed = new Set(memory.cuffed);
  const armed = new Set(memory.armed);
  const arrived = new Set(memory.arrived);
  const postures = new Map(memory.postures);
  for (const intent of intents) {
    if (intent.cuffed) cuffed.add(intent.id);
    if (intent.armed && !isDown(intent.posture)) armed.add(intent.id);
    // Whoever goes down drops what they held.
    if (isDown(intent.posture)) armed.delete(intent.id);
    if (!intent.hidden) arrived.add(intent.id);
    postures.set(intent.id, intent.posture);
  }
  return { cuffed, armed, arrived, postures };
}

// ---------------------------------------------------------------------------------------------
// How a change plays

export type Step =
  | { readonly kind: 'pose'; readonly pose: PoseName; readonly ms: number; readonly roll?: number }
  | {
      readonly kind: 'move';
      readonly x: number;
      readonly y: number;
      readonly ms: number;
      readonly run: boolean;
    };

export interface Plan {
  readonly delay: number;
  readonly steps: readonly Step[];
  /** Milliseconds from the start of the plan to the moment the motion lands on its target. */
  readonly impactMs: number;
  /** Milliseconds until the plan is over. */
  readonly totalMs: number;
}

export interface PlanInput {
  readonly from: { readonly x: number; readonly y: number; readonly pose: PoseName };
  readonly to: { readonly x: number; readonly y: number; readonly pose: PoseName };
  /** 'action': the figure's own new motion; 'reaction': a new motion done to it; 'settle': anything else. */
  readonly trigger: 'action' | 'reaction' | 'settle';
  readonly motion: Motion | undefined;
  readonly delay?: number;
}

const WALK_SPEED = 420; // px per second on the 1920 stage
const RUN_SPEED = 760;

/** The steps that take a figure from what it shows to what it should show. */
export function planMotion(input: PlanInput): Plan {
  const { from, to, trigger, motion } = input;
  const steps: Step[] = [];
  let t = 0;
  let impactMs = 0;
  const add = (step: Step) => {
    steps.push(step);
    t += step.ms;
  };
  const fromDown = isLyingPose(from.pose) || from.pose.startsWith('seated');
  const toDown = isLyingPose(to.pose) || to.pose.startsWith('seated');
  const distance = Math.hypot(to.x - from.x, to.y - from.y);
  const moving = distance > 6;
  if (moving && fromDown && !toDown) {
    add({ kind: 'pose', pose: 'kneel', ms: 380 });
    add({ kind: 'pose', pose: 'stand', ms: 300 });
  }
  if (moving && !toDown) {
    const run = motion === 'flee';
    const ms = Math.round(
      Math.min(2400, Math.max(320, (distance / (run ? RUN_SPEED : WALK_SPEED)) * 1000)),
    );
    add({ kind: 'move', x: to.x, y: to.y, ms, run });
  }
  const spec = motion ? MOTIONS[motion] : undefined;
  if (trigger === 'action' && spec && !fromDown) {
    for (const key of spec.keys) {
      if (key.pose === to.pose) continue;
      add({
        kind: 'pose',
        pose: key.pose,
        ms: key.ms,
        ...(key.roll === undefined ? {} : { roll: key.roll }),
      });
      if (key.impact) impactMs = t;
    }
  }
  if (trigger === 'reaction' && spec) {
    for (const key of spec.reaction) {
      if (key.pose === to.pose || key.pose === from.pose) continue;
      add({
        kind: 'pose',
        pose: key.pose,
        ms: key.ms,
        ...(key.roll === undefined ? {} : { roll: key.roll }),
      });
    }
  }
  const falling = toDown && !fromDown;
  add({ kind: 'pose', pose: to.pose, ms: falling ? 480 : to.pose === from.pose ? 160 : 300 });
  // A body moved while down (dragged into place) slides at the end.
  if (moving && toDown) add({ kind: 'move', x: to.x, y: to.y, ms: 400, run: false });
  if (impactMs === 0) impactMs = Math.max(0, t - 160);
  return { delay: input.delay ?? 0, steps, impactMs, totalMs: (input.delay ?? 0) + t };
}
