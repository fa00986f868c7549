/**
 * A person on the stage: body parts drawn once as Phaser Graphics inside nested containers (hips,
 * torso, head, arms, legs), posed by turning the containers. Two rigs share every pose: the
 * outline rig behind (a quiet rim, or the cue colour in hint mode) and the coloured rig in front.
 * Nothing is redrawn per frame; `apply()` only sets transforms and allocates nothing.
 */
import type * as Phaser from 'phaser';
import {
  CUFFS,
  HAMMER,
  MEDIC,
  PHONE,
  TRAINEE_MARKER,
  UNIFORM,
  shade,
  type Look,
} from './palette.ts';
import { figureScale } from './layout.ts';
import type { Prop } from './motions.ts';
import {
  HEAD_OFFSET_X,
  HEAD_OFFSET_Y,
  NECK_X,
  POSE_KEYS,
  SHOULDER_DROP,
  Skeleton,
  solvePose,
  type Dims,
  type Pose,
} from './poses.ts';

const RAD = Math.PI / 180;

/** The numbers tweens move: joint angles, position, and the strength of the gait and loops. */
export class PoseState implements Pose {
  body = 0;
  roll = 1;
  torso = 0;
  head = 0;
  armN = 0;
  elbowN = 0;
  armF = 0;
  elbowF = 0;
  legN = 0;
  kneeN = 0;
  legF = 0;
  kneeF = 0;
  x = 0;
  y = 0;
  /** Walking: swing strength (0-1) and phase (radians). */
  gait = 0;
  phase = 0;
  /** CPR compressions (0-1). */
  pump = 0;
  /** Struggling: strength (0-1) and phase. */
  wobble = 0;
  wobblePhase = 0;

  setPose(pose: Pose): void {
    for (const key of POSE_KEYS) this[key] = pose[key];
  }
}

interface Rig {
  readonly body: Phaser.GameObjects.Container;
  readonly torso: Phaser.GameObjects.Container;
  readonly head: Phaser.GameObjects.Container;
  readonly armN: Phaser.GameObjects.Container;
  readonly forearmN: Phaser.GameObjects.Container;
  readonly armF: Phaser.GameObjects.Container;
  readonly forearmF: Phaser.GameObjects.Container;
  readonly legN: Phaser.GameObjects.Container;
  readonly shinN: Phaser.GameObjects.Container;
  readonly legF: Phaser.GameObjects.Container;
  readonly shinF: Phaser.GameObjects.Container;
  /** Every Graphics in the rig, for recolouring the outline. */
  readonly graphics: Phaser.GameObjects.Graphics[];
}

interface Props {
  readonly phone: Phaser.GameObjects.Graphics;
  readonly hammer: Phaser.GameObjects.Graphics;
  readonly taser: Phaser.GameObjects.Graphics;
  readonly cuffsN: Phaser.GameObjects.Graphics;
  readonly cuffsF: Phaser.GameObjects.Graphics;
}

export interface FigureOptions {
  readonly look: Look;
  readonly dims: Dims;
  readonly trainee: boolean;
  /** Draw the outline rig (crowds in the back skip it to keep the frame cheap). */
  readonly outline: boolean;
}

/** The pose actually shown this frame: the state plus gait, compressions and struggling. */
const shown = new PoseState();

export class FigureNode {
  readonly root: Phaser.GameObjects.Container;
  readonly state = new PoseState();
  readonly skeleton = new Skeleton();
  facing: 1 | -1 = 1;
  private readonly fill: Rig;
  private readonly outline: Rig | undefined;
  private readonly outlineLayer: Phaser.GameObjects.Container | undefined;
  private readonly props: Props;
  private readonly shadow: Phaser.GameObjects.Graphics;
  private outlineKey = '';
  private pulse: Phaser.Tweens.Tween | undefined;
  private lastDepth = Number.NaN;

  constructor(
    private readonly scene: Phaser.Scene,
    readonly options: FigureOptions,
  ) {
    const { look, dims } = options;
    this.root = scene.add.container(0, 0);
    this.shadow = scene.add.graphics();
    this.shadow.fillStyle(0x000000, 0.32);
    this.shadow.fillEllipse(0, 0, 96, 20);
    this.root.add(this.shadow);
    if (options.trainee) {
      const marker = scene.add.graphics();
      marker.fillStyle(TRAINEE_MARKER.fill, 0.16);
      marker.fillEllipse(0, 0, 150, 36);
      marker.lineStyle(3, TRAINEE_MARKER.ring, 0.7);
      marker.strokeEllipse(0, 0, 150, 36);
      this.root.add(marker);
    }
    if (options.outline) {
      this.outlineLayer = scene.add.container(0, 0);
      this.outline = buildRig(scene, look, dims, 'outline');
      this.outlineLayer.add(this.outline.body);
      this.root.add(this.outlineLayer);
    }
    this.fill = buildRig(scene, look, dims, 'fill');
    this.root.add(this.fill.body);
    this.props = buildProps(scene, this.fill, dims);
  }

  /** Shows what the hands hold and whether the wrists are cuffed. */
  setProps(prop: Prop, cuffed: boolean): void {
    this.props.phone.setVisible(prop === 'phone');
    this.props.hammer.setVisible(prop === 'hammer');
    this.props.taser.setVisible(prop === 'taser');
    this.props.cuffsN.setVisible(cuffed);
    this.props.cuffsF.setVisible(cuffed);
  }

  /** Recolours the outline (rim or cue colour); pulses it when asked. Redraws only on change. */
  setOutline(colour: number, alpha: number, width: number, pulse: boolean): void {
    if (!this.outline || !this.outlineLayer) return;
    const key = `${colour}/${alpha}/${width}/${pulse}`;
    if (key === this.outlineKey) return;
    this.outlineKey = key;
    drawRig(this.outline, this.options.look, this.options.dims, 'outline', width, colour);
    this.pulse?.stop();
    this.pulse = undefined;
    this.outlineLayer.setAlpha(alpha);
    if (pulse) {
      this.pulse = this.scene.tweens.add({
        targets: this.outlineLayer,
        alpha: { from: alpha, to: 0.25 },
        duration: 560,
        ease: 'Sine.easeInOut',
        yoyo: true,
        repeat: -1,
      });
    }
  }

  /** Sets every transform from the state. Called once a frame; allocates nothing. */
  apply(): void {
    const s = this.state;
    const p = shown;
    p.setPose(s);
    if (s.gait > 0) {
      const swing = Math.sin(s.phase) * s.gait;
      const lift = Math.max(0, Math.cos(s.phase)) * s.gait;
      const lift2 = Math.max(0, -Math.cos(s.phase)) * s.gait;
      p.legN += 26 * swing;
      p.legF -= 26 * swing;
      p.kneeN += 30 * lift;
      p.kneeF += 30 * lift2;
      p.armN -= 18 * swing;
      p.armF += 18 * swing;
      p.elbowN += 10 * s.gait;
      p.elbowF += 10 * s.gait;
    }
    if (s.pump > 0) {
      p.torso += 7 * s.pump;
      p.elbowN -= 4 * s.pump;
    }
    if (s.wobble > 0) {
      const w = s.wobble;
      const ph = s.wobblePhase;
      p.torso += 7 * w * Math.sin(ph);
      p.head += 10 * w * Math.sin(ph * 1.3 + 1);
      p.legN += 12 * w * Math.sin(ph * 0.9 + 2);
      p.legF -= 10 * w * Math.sin(ph * 1.1);
      p.kneeN += 14 * w * Math.max(0, Math.sin(ph * 0.8));
      p.armN += 8 * w * Math.sin(ph * 1.2);
    }
    const dims = this.options.dims;
    const skel = solvePose(p, dims, this.skeleton);
    const scale = figureScale(s.y, dims);
    this.root.setPosition(s.x, s.y);
    this.root.setScale(this.facing * scale, scale);
    const depth = Math.round(s.y * 10) / 10;
    if (depth !== this.lastDepth) {
      this.root.setDepth(depth);
      this.lastDepth = depth;
    }
    const lying = Math.abs(Math.sin(p.body * RAD));
    this.shadow.setScale(1 + lying * 1.9, 1 + lying * 0.4);
    this.shadow.x = lying * (skel.headX + skel.ankleNX) * 0.5;
    poseRig(this.fill, p, dims, skel.lift);
    if (this.outline) poseRig(this.outline, p, dims, skel.lift);
  }

  /** Where a point of the last applied skeleton lands on the stage. */
  worldX(localX: number): number {
    return this.state.x + this.facing * figureScale(this.state.y, this.options.dims) * localX;
  }
  worldY(localY: number): number {
    return this.state.y + figureScale(this.state.y, this.options.dims) * localY;
  }

  destroy(): void {
    this.pulse?.stop();
    this.root.destroy(true);
  }
}

function poseRig(rig: Rig, p: Pose, d: Dims, lift: number): void {
  const t = p.torso * RAD;
  rig.body.y = -lift;
  rig.body.rotation = p.body * RAD;
  rig.body.scaleX = p.roll;
  rig.torso.rotation = t;
  rig.head.rotation = p.head * RAD;
  const sy = -d.torso + SHOULDER_DROP;
  const sx = -sy * Math.sin(t);
  const syy = sy * Math.cos(t);
  rig.armN.setPosition(sx, syy);
  rig.armF.setPosition(sx - 2, syy);
  rig.armN.rotation = t - p.armN * RAD;
  rig.armF.rotation = t - p.armF * RAD;
  rig.forearmN.rotation = -p.elbowN * RAD;
  rig.forearmF.rotation = -p.elbowF * RAD;
  rig.legN.rotation = -p.legN * RAD;
  rig.legF.rotation = -p.legF * RAD;
  rig.shinN.rotation = p.kneeN * RAD;
  rig.shinF.rotation = p.kneeF * RAD;
}

// ---------------------------------------------------------------------------------------------
// Building and drawing the parts

type Mode = 'fill' | 'outline';

function buildRig(scene: Phaser.Scene, look: Look, dims: Dims, mode: Mode): Rig {
  const c = () => scene.add.container(0, 0);
  const g = () => scene.add.graphics();
  const body = c();
  const torso = c();
  const head = c();
  const armN = c();
  const forearmN = c();
  const armF = c();
  const forearmF = c();
  const legN = c();
  const shinN = c();
  const legF = c();
  const shinF = c();
  const graphics = Array.from({ length: 10 }, g);
  const [gUpperF, gForeF, gThighF, gShinF, gTorso, gHead, gThighN, gShinN, gUpperN, gForeN] =
    graphics as [
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
      Phaser.GameObjects.Graphics,
    ];
  forearmF.setPosition(0, dims.upperArm).add(gForeF);
  armF.add([gUpperF, forearmF]);
  shinF.setPosition(0, dims.thigh).add(gShinF);
  legF.setPosition(-3, 0).add([gThighF, shinF]);
  head.setPosition(NECK_X, -dims.torso).add(gHead);
  torso.add([gTorso, head]);
  shinN.setPosition(0, dims.thigh).add(gShinN);
  legN.setPosition(2, 0).add([gThighN, shinN]);
  forearmN.setPosition(0, dims.upperArm).add(gForeN);
  armN.add([gUpperN, forearmN]);
  body.add([armF, legF, torso, legN, armN]);
  const rig: Rig = {
    body,
    torso,
    head,
    armN,
    forearmN,
    armF,
    forearmF,
    legN,
    shinN,
    legF,
    shinF,
    graphics,
  };
  drawRig(rig, look, dims, mode, mode === 'outline' ? 2.5 : 0, 0xffffff);
  return rig;
}

/** Draws (or redraws) every part of a rig. `grow` widens the outline rig by that many units. */
function drawRig(rig: Rig, look: Look, d: Dims, mode: Mode, grow: number, colour: number): void {
  const [gUpperF, gForeF, gThighF, gShinF, gTorso, gHead, gThighN, gShinN, gUpperN, gForeN] =
    rig.graphics;
  if (!gUpperF || !gForeF || !gThighF || !gShinF || !gTorso || !gHead) return;
  if (!gThighN || !gShinN || !gUpperN || !gForeN) return;
  for (const g of rig.graphics) g.clear();
  const outline = mode === 'outline';
  const o = outline ? grow : 0;
  const far = (col: number) => (outline ? colour : shade(col, 0.72));
  const near = (col: number) => (outline ? colour : col);
  const { outfit } = look;
  const sleeve = outfit.top;
  const foreSleeve = outfit.shortSleeves ? look.skin : outfit.top;

  // Far limbs, darker: they are in shadow behind the body.
  upperArm(gUpperF, d, o, far(sleeve));
  forearm(gForeF, d, o, far(foreSleeve), far(look.skin));
  thigh(gThighF, d, o, far(outfit.bottom));
  shin(gShinF, d, o, far(outfit.bottom), far(outfit.shoe));
  // Torso and head.
  torsoShape(gTorso, look, d, o, outline ? colour : undefined);
  headShape(gHead, look, d, o, outline ? colour : undefined);
  // Near limbs.
  thigh(gThighN, d, o, near(outfit.bottom));
  shin(gShinN, d, o, near(outfit.bottom), near(outfit.shoe));
  upperArm(gUpperN, d, o, near(sleeve));
  forearm(gForeN, d, o, near(foreSleeve), near(look.skin));
  if (!outline) {
    sleeveMarks(gUpperN, gForeN, look, d);
    sleeveMarks(gUpperF, gForeF, look, d, true);
  }
}

/** Fills a closed polygon given as x, y pairs. */
export function polygon(g: Phaser.GameObjects.Graphics, points: readonly number[]): void {
  g.beginPath();
  g.moveTo(points[0] ?? 0, points[1] ?? 0);
  for (let i = 2; i + 1 < points.length; i += 2) g.lineTo(points[i] ?? 0, points[i + 1] ?? 0);
  g.closePath();
  g.fillPath();
}

function capsule(
  g: Phaser.GameObjects.Graphics,
  length: number,
  width: number,
  colour: number,
): void {
  g.fillStyle(colour, 1);
  g.fillRoundedRect(-width / 2, -width / 2, width, length + width, width / 2);
}

function upperArm(g: Phaser.GameObjects.Graphics, d: Dims, o: number, colour: number): void {
  capsule(g, d.upperArm, d.upperArmW + o * 2, colour);
}

function forearm(
  g: Phaser.GameObjects.Graphics,
  d: Dims,
  o: number,
  colour: number,
  skin: number,
): void {
  capsule(g, d.forearm - 4, d.forearmW + o * 2, colour);
  g.fillStyle(skin, 1);
  g.fillCircle(0, d.forearm + 4, 9.5 + o);
}

function thigh(g: Phaser.GameObjects.Graphics, d: Dims, o: number, colour: number): void {
  capsule(g, d.thigh, d.thighW + o * 2, colour);
}

function shin(
  g: Phaser.GameObjects.Graphics,
  d: Dims,
  o: number,
  colour: number,
  shoe: number,
): void {
  capsule(g, d.shin - 4, d.shinW + o * 2, colour);
  g.fillStyle(shoe, 1);
  g.fillRoundedRect(-11 - o, d.shin - 9 - o, 40 + o * 2, 17 + o * 2, {
    tl: 6,
    tr: 9,
    bl: 3,
    br: 5,
  });
}

function torsoShape(
  g: Phaser.GameObjects.Graphics,
  look: Look,
  d: Dims,
  o: number,
  outlineColour: number | undefined,
): void {
  const w = d.torsoW + o * 2;
  const top = -d.torso - o;
  const heavy = look.appearance.build === 'heavy';
  const { outfit } = look;
  const fillColour = (col: number) => outlineColour ?? col;
  // Neck behind the collar.
  g.fillStyle(fillColour(look.skinShade), 1);
  g.fillRoundedRect(NECK_X - 8 - o, top - 12, 17 + o * 2, 24, 6);
  // Hips in trouser colour, then the shirt over the chest.
  g.fillStyle(fillColour(outfit.bottom), 1);
  g.fillRoundedRect(-w / 2, -14, w, 32 + o, 11);
  g.fillStyle(fillColour(outfit.top), 1);
  g.fillRoundedRect(-w / 2, top, w, d.torso - 4 + o, { tl: w * 0.42, tr: w * 0.38, bl: 6, br: 6 });
  if (heavy) g.fillEllipse(w * 0.22, -d.torso * 0.3, w * 0.75, d.torso * 0.55);
  if (outlineColour !== undefined) return;

  const chestX = w / 2;
  if (outfit.uniform === 'police') {
    const ins = look.insignia;
    // Shirt seam shading at the back, pocket flap on the chest.
    g.fillStyle(outfit.topShade, 1);
    g.fillRect(-w / 2, top + 20, 6, d.torso - 30);
    g.fillRect(chestX - 20, top + 34, 15, 4);
    // Collar, and the lieutenant's or captain's bars on it.
    g.fillStyle(outfit.topShade, 1);
    g.fillTriangle(NECK_X - 4, top - 2, NECK_X + 14, top - 2, NECK_X + 12, top + 14);
    // Badge: a shield on the chest.
    g.fillStyle(ins?.goldBadge ? UNIFORM.badgeGold : UNIFORM.badgeSilver, 1);
    const bx = chestX - 15;
    const by = top + 40;
    polygon(g, [
      bx - 7,
      by - 8,
      bx,
      by - 11,
      bx + 7,
      by - 8,
      bx + 6,
      by + 4,
      bx,
      by + 10,
      bx - 6,
      by + 4,
    ]);
    g.fillStyle(shade(ins?.goldBadge ? UNIFORM.badgeGold : UNIFORM.badgeSilver, 0.7), 1);
    g.fillCircle(bx, by - 1, 2.6);
    // Lieutenant's or captain's bars: gold bars on the collar point at the front of the neck,
    // clear of the arm; a captain's two stacked with a gap.
    if (ins && ins.collarBars > 0) {
      const tall = ins.collarBars === 1 ? 24 : 13;
      for (let i = 0; i < ins.collarBars; i++) {
        const cy = top + 1 + i * (tall + 5);
        g.fillStyle(UNIFORM.insigniaEdge, 1);
        g.fillRect(chestX - 11, cy - 1.5, 14, tall + 3);
        g.fillStyle(UNIFORM.insignia, 1);
        g.fillRect(chestX - 9.5, cy, 11, tall);
      }
    }
    // Shoulder radio.
    g.fillStyle(UNIFORM.radio, 1);
    g.fillRoundedRect(chestX - 9, top + 6, 8, 13, 2);
    // Duty belt with holster and pouches.
    g.fillStyle(UNIFORM.belt, 1);
    g.fillRect(-w / 2 - 1, -13, w + 2, 12);
    g.fillStyle(0x3a3d44, 1);
    g.fillRect(chestX - 8, -11, 6, 8);
    g.fillStyle(UNIFORM.holster, 1);
    g.fillRoundedRect(-w / 2 - 7, -12, 15, 34, 4);
    g.fillStyle(UNIFORM.taser, 1);
    g.fillRect(-w / 2 - 3, -10, 5, 4);
    g.fillStyle(UNIFORM.belt, 1);
    g.fillRoundedRect(w * 0.05, -12, 11, 15, 2);
  } else if (outfit.uniform === 'medic') {
    // Hi-vis top: reflective bands round chest and waist, a blue star-of-life patch.
    g.fillStyle(MEDIC.reflective, 1);
    g.fillRect(-w / 2, top + 44, w, 7);
    g.fillRect(-w / 2, -26, w, 7);
    g.fillStyle(MEDIC.patch, 1);
    g.fillCircle(chestX - 14, top + 24, 9);
    g.lineStyle(2.5, MEDIC.patchMark, 1);
    for (let i = 0; i < 3; i++) {
      const a = (i * Math.PI) / 3;
      g.lineBetween(
        chestX - 14 - Math.cos(a) * 6,
        top + 24 - Math.sin(a) * 6,
        chestX - 14 + Math.cos(a) * 6,
        top + 24 + Math.sin(a) * 6,
      );
    }
    g.fillStyle(0x111111, 1);
    g.fillRect(-w / 2, -13, w, 8);
  } else {
    // Civilian: a hem line and a collar opening.
    g.fillStyle(outfit.topShade, 1);
    g.fillRect(-w / 2, -18, w, 5);
    g.fillStyle(look.skin, 1);
    g.fillTriangle(NECK_X - 2, top - 1, NECK_X + 12, top - 1, NECK_X + 8, top + 11);
  }
}

function headShape(
  g: Phaser.GameObjects.Graphics,
  look: Look,
  d: Dims,
  o: number,
  outlineColour: number | undefined,
): void {
  const r = d.headR;
  const cx = HEAD_OFFSET_X;
  const cy = -HEAD_OFFSET_Y - r;
  const skin = outlineColour ?? look.skin;
  const hair = outlineColour ?? look.hair;
  const style = look.appearance.hair;
  // Hair that falls behind the head.
  g.fillStyle(hair, 1);
  if (style === 'long') g.fillRoundedRect(cx - r - 3 - o, cy - 4, r + 6 + o * 2, r + 44 + o, 10);
  if (style === 'medium') g.fillRoundedRect(cx - r - 2 - o, cy - 2, r + 2 + o * 2, r + 10 + o, 8);
  if (style === 'braids') {
    for (let i = 0; i < 3; i++) {
      g.fillRoundedRect(cx - r + 1 + i * 6 - o, cy + 2, 7 + o * 2, r + 38 + i * 4 + o, 3.5);
    }
  }
  if (style === 'bun') g.fillCircle(cx - r * 0.95, cy - r * 0.55, r * 0.45 + o);
  // Neck and head.
  g.fillStyle(skin, 1);
  g.fillRoundedRect(-6 - o, -12, 15 + o * 2, 18, 5);
  g.fillCircle(cx, cy, r + o);
  // Nose and chin on the profile.
  g.fillTriangle(cx + r - 2, cy - 4, cx + r + 6 + o, cy + 5, cx + r - 3, cy + 8);
  g.fillCircle(cx + r * 0.55, cy + r * 0.72, 7 + o);
  // Hair on top: a cap over the crown and the back.
  g.fillStyle(hair, 1);
  if (style !== 'bald') {
    g.beginPath();
    g.arc(cx, cy, r + 2.5 + o, -20 * RAD, style === 'short' ? 150 * RAD : 160 * RAD, true);
    g.closePath();
    g.fillPath();
  }
  if (outlineColour !== undefined) return;
  if (style === 'bald') {
    g.fillStyle(shade(look.skin, 1.12), 1);
    g.fillCircle(cx - 4, cy - r * 0.55, 5);
  }
  if (style === 'braids') {
    g.fillStyle(shade(look.hair, 1.6), 1);
    for (let i = 0; i < 3; i++) g.fillCircle(cx - r + 4.5 + i * 6, cy + r + 40 + i * 4, 3);
  }
  // Ear, eye, brow, mouth.
  g.fillStyle(look.skinShade, 1);
  g.fillCircle(cx - 3, cy + 2, 5);
  g.fillStyle(0x1b1612, 1);
  g.fillCircle(cx + r * 0.52, cy - 2, 2.6);
  g.fillStyle(style === 'bald' ? look.skinShade : look.hair, 1);
  g.fillRect(cx + r * 0.3, cy - 9, 10, 2.5);
  g.fillStyle(shade(look.skinShade, 0.85), 1);
  g.fillRect(cx + r * 0.6, cy + 10, 7, 2);
}

/** Rank on the near sleeve: chevrons up top, service stripes at the cuff, the FTO cord. */
function sleeveMarks(
  upper: Phaser.GameObjects.Graphics,
  fore: Phaser.GameObjects.Graphics,
  look: Look,
  d: Dims,
  farSide = false,
): void {
  const ins = look.insignia;
  if (look.outfit.uniform === 'medic') {
    upper.fillStyle(farSide ? shade(MEDIC.reflective, 0.72) : MEDIC.reflective, 1);
    upper.fillRect(-d.upperArmW / 2, d.upperArm * 0.55, d.upperArmW, 6);
    fore.fillStyle(farSide ? shade(MEDIC.reflective, 0.72) : MEDIC.reflective, 1);
    fore.fillRect(-d.forearmW / 2, d.forearm * 0.45, d.forearmW, 6);
    return;
  }
  if (!ins || farSide) return;
  // Chevrons: big gold points-up Vs, wider than the arm so they read from the back of a room.
  const cw = 38;
  for (let i = 0; i < ins.chevrons; i++) {
    const y = 6 + i * 11;
    upper.fillStyle(UNIFORM.insigniaEdge, 1);
    chevron(upper, y - 1.5, cw + 3, 10);
    upper.fillStyle(UNIFORM.insignia, 1);
    chevron(upper, y, cw, 7);
  }
  if (ins.ftoCord) {
    upper.lineStyle(4, UNIFORM.ftoCord, 1);
    upper.strokeEllipse(0, 7, d.upperArmW + 8, 16);
    upper.lineStyle(3, UNIFORM.ftoCord, 1);
    upper.lineBetween(-d.upperArmW / 2 - 2, 12, -d.upperArmW / 2 + 2, 34);
    upper.fillStyle(UNIFORM.ftoCord, 1);
    upper.fillCircle(-d.upperArmW / 2 + 2, 36, 3.5);
  }
  // Service stripes: diagonal gold bars above the cuff.
  for (let i = 0; i < ins.serviceStripes; i++) {
    const y = d.forearm - 28 + i * 12;
    const hw = d.forearmW / 2 + 4;
    fore.fillStyle(UNIFORM.insigniaEdge, 1);
    polygon(fore, [-hw - 1, y - 1, hw + 1, y - 10, hw + 1, y, -hw - 1, y + 9]);
    fore.fillStyle(UNIFORM.insignia, 1);
    polygon(fore, [-hw, y, hw, y - 9, hw, y - 1, -hw, y + 8]);
  }
}

/** A chevron pointing up (toward the shoulder), centred on the arm at `y`. */
function chevron(g: Phaser.GameObjects.Graphics, y: number, width: number, thick: number): void {
  const hw = width / 2;
  polygon(g, [
    -hw,
    y + 12,
    0,
    y,
    hw,
    y + 12,
    hw,
    y + 12 + thick,
    0,
    y + thick,
    -hw,
    y + 12 + thick,
  ]);
}

function buildProps(scene: Phaser.Scene, rig: Rig, d: Dims): Props {
  const hand = d.forearm + 4;
  const phone = scene.add.graphics();
  phone.fillStyle(PHONE.body, 1);
  phone.fillRoundedRect(-7, hand - 2, 14, 26, 3);
  phone.fillStyle(PHONE.screen, 1);
  phone.fillRoundedRect(-5, hand + 1, 10, 19, 2);
  const hammer = scene.add.graphics();
  hammer.fillStyle(HAMMER.handle, 1);
  hammer.fillRoundedRect(-3.5, hand - 8, 7, 58, 3);
  hammer.fillStyle(HAMMER.head, 1);
  hammer.fillRoundedRect(-16, hand + 44, 32, 12, 3);
  hammer.fillTriangle(-16, hand + 44, -26, hand + 40, -16, hand + 50);
  const taser = scene.add.graphics();
  taser.fillStyle(UNIFORM.taser, 1);
  taser.fillRoundedRect(-6, hand - 6, 12, 34, 3);
  taser.fillStyle(0x111111, 1);
  taser.fillRect(-6, hand + 24, 12, 5);
  taser.fillRoundedRect(-18, hand - 4, 14, 10, 3);
  const cuffs = () => {
    const g = scene.add.graphics();
    g.lineStyle(3.5, CUFFS, 1);
    g.strokeCircle(0, d.forearm - 4, d.forearmW / 2 + 2);
    return g;
  };
  const cuffsN = cuffs();
  const cuffsF = cuffs();
  rig.forearmN.add([phone, hammer, taser, cuffsN]);
  rig.forearmF.add(cuffsF);
  for (const g of [phone, hammer, taser, cuffsN, cuffsF]) g.setVisible(false);
  return { phone, hammer, taser, cuffsN, cuffsF };
}
