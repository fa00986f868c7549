/**
 * The Phaser stage: draws the setting and the people of an encounter from the view, and plays
 * each new motion. It decides nothing about the run: what people do comes from the view, where
 * they stand from ./layout.ts, how a motion plays from ./motions.ts. No words are drawn here;
 * `onLayout` tells the DOM overlay where name labels belong.
 */
import * as Phaser from 'phaser';
import assetManifest from 'virtual:asset-manifest';
import type { AssetManifest } from '../assets/manifest.ts';
import type { EncounterView, Scenario } from '../engine/index.ts';
import { restingFigures } from '../engine/index.ts';
import type { PoseState } from './figures.ts';
import { FigureNode, polygon } from './figures.ts';
import {
  FLOOR_FRONT,
  STAGE_HEIGHT,
  STAGE_WIDTH,
  anchorFor,
  figureScale,
  layoutFigures,
  panForPanel,
  DECISION_PANEL_SHARE,
  type Anchor,
  type Placement,
} from './layout.ts';
import {
  EMPTY_MEMORY,
  deriveIntents,
  planMotion,
  rememberIntents,
  type FigureIntent,
  type Plan,
  type StageFigure,
  type StageMemory,
  figureKind,
} from './motions.ts';
import { FALLBACK_BACKDROP, HAMMER, SPARK, WIRE, lookFor, outlineStyle } from './palette.ts';
import { POSES, POSE_KEYS, dimsFor, type Dims, type PoseName } from './poses.ts';
import type {
  FigureAnchor,
  RendererChoice,
  ScenePort,
  SceneSettings,
  StageOptions,
} from './scenePort.ts';

/** The stage, with two hooks for tests and tools beyond the port. */
export interface PhaserStage extends ScenePort {
  readonly game: Phaser.Game;
  /** Jumps every running motion to its end pose (for screenshots and pixel checks). */
  settle(): void;
}

const RENDERERS: Readonly<Record<RendererChoice, number>> = {
  auto: Phaser.AUTO,
  canvas: Phaser.CANVAS,
  webgl: Phaser.WEBGL,
};

/** Beats at scenario time 0 are the opening tableau: drawn in place, not played. */
const OPENING_TABLEAU = 0.001;
/** How long a Taser cycle shows its wires and sparks. */
const TASER_CYCLE_MS = 5000;
/** People in a crowd, and which of them raise phones when the crowd films. */
const CROWD_OFFSETS: ReadonlyArray<readonly [number, number]> = [
  [-250, 12],
  [-165, -16],
  [-80, 18],
  [0, -10],
  [85, 16],
  [170, -14],
  [255, 10],
];
const CROWD_FILMERS: ReadonlySet<number> = new Set([0, 2, 3, 5, 6]);

export async function createPhaserStage(options: StageOptions): Promise<PhaserStage> {
  const scene = new EncounterScene(options.assetBase);
  const created = new Promise<void>((resolve) => {
    scene.onCreated = resolve;
  });
  const game = new Phaser.Game({
    type: RENDERERS[options.renderer],
    parent: options.parent,
    width: STAGE_WIDTH,
    height: STAGE_HEIGHT,
    backgroundColor: '#15171c',
    banner: false,
    audio: { noAudio: true },
    render: { pixelArt: false, antialias: true },
    scale: {
      mode: Phaser.Scale.FIT,
      autoCenter: Phaser.Scale.CENTER_BOTH,
      parent: options.parent,
      width: STAGE_WIDTH,
      height: STAGE_HEIGHT,
    },
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    disableContextMenu: false,
    scene,
  });
  await created;
  let destroyed = false;
  const director = () => (destroyed ? undefined : scene.director);
  return {
    game,
    show: (scenario) => director()?.show(scenario),
    render: (view, settings) => director()?.render(view, settings),
    onLayout: (listener) => director()?.onLayout(listener) ?? (() => undefined),
    setPaused: (paused) => {
      if (!destroyed) scene.setStagePaused(paused);
    },
    setBottomInset: (share) => director()?.setBottomInset(share),
    setPanelShare: (share) => director()?.setPanelShare(share),
    clear: () => director()?.clear(),
    destroy: () => {
      if (destroyed) return;
      director()?.clear();
      destroyed = true;
      game.destroy(true);
    },
    settle: () => director()?.settle(),
  };
}

class EncounterScene extends Phaser.Scene {
  onCreated: (() => void) | undefined;
  director: Director | undefined;

  constructor(private readonly assetBase: string) {
    super({ key: 'encounter' });
  }

  create(): void {
    this.director = new Director(this, this.assetBase);
    this.onCreated?.();
  }

  override update(_time: number, delta: number): void {
    this.director?.update(delta);
  }

  setStagePaused(paused: boolean): void {
    if (paused) this.scene.pause();
    else this.scene.resume();
  }
}

interface Member {
  readonly figure: FigureNode;
  readonly dx: number;
  readonly dy: number;
  readonly index: number;
}

interface Node {
  readonly id: string;
  readonly members: Member[];
  readonly dims: Dims;
  readonly crowd: boolean;
  intent: FigureIntent | undefined;
  placement: Placement | undefined;
  actionSince: number | undefined;
  actedOnSince: number | undefined;
  /** What was last asked of the figure (pose, place, props), to skip unchanged views. */
  shownKey: string;
  tweens: Phaser.Tweens.BaseTween[];
  timers: Phaser.Time.TimerEvent[];
  /** When the last change started playing ends, in ms from then (0 when it was drawn in place). */
  playMs: number;
}

interface WireEffect {
  /** The actor's node and the action that fired: a newer action ends the effect. */
  readonly node: Node;
  readonly since: number | undefined;
  readonly actor: FigureNode;
  readonly target: FigureNode;
  readonly wires: Phaser.GameObjects.Graphics;
  readonly spark: Phaser.GameObjects.Graphics;
  elapsed: number;
  readonly startAt: number;
  readonly flicker: boolean;
}

interface Settings {
  readonly reducedMotion: boolean;
  readonly hintMode: boolean;
  readonly highContrast: boolean;
}

const DEFAULT_SETTINGS: Settings = { reducedMotion: false, hintMode: false, highContrast: false };

class Director {
  private readonly manifest = backdropsOf(assetManifest);
  private readonly nodes = new Map<string, Node>();
  /** Every drawn person, flat, for the frame loop (no iterator is made per frame). */
  private figures: FigureNode[] = [];
  private readonly listeners = new Set<(anchors: readonly FigureAnchor[]) => void>();
  private readonly fallback: Phaser.GameObjects.Graphics;
  private readonly dimmer: Phaser.GameObjects.Rectangle;
  private readonly effects: WireEffect[] = [];
  private readonly floorItems: Phaser.GameObjects.Graphics[] = [];
  private backdrop: Phaser.GameObjects.Image | undefined;
  private showing = 0;
  private memory: StageMemory = EMPTY_MEMORY;
  private placements = new Map<string, Placement>();
  private anchors: FigureAnchor[] = [];
  private anchorsKey = '';
  private settings: Settings = DEFAULT_SETTINGS;
  private night = true;
  private firstRender = true;
  /** Camera pan (stage pixels) that keeps the action clear of an open decision panel. */
  private pan = 0;
  /** Camera lift (stage pixels) that keeps people's feet above controls along the bottom. */
  private lift = 0;
  private panelShare = DECISION_PANEL_SHARE;
  private panTarget = 0;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly assetBase: string,
  ) {
    this.fallback = scene.add.graphics().setDepth(-20);
    this.dimmer = scene.add
      .rectangle(0, 0, STAGE_WIDTH, STAGE_HEIGHT, 0x000000, 0.42)
      .setOrigin(0, 0)
      .setDepth(-5)
      .setVisible(false);
  }

  // -------------------------------------------------------------------------------------------
  // The port

  show(scenario: Scenario): void {
    this.clear();
    const showing = ++this.showing;
    this.night = scenario.setting.timeOfDay !== 'day';
    this.drawFallback();
    this.loadBackdrop(scenario.setting.backdrop, showing);
    // The people, before the clock starts: everyone at home, nobody doing anything yet.
    const figures: StageFigure[] = restingFigures(scenario);

    this.renderFigures(figures, true);
    // The first view after the cast is drawn in place too: the stage is set, nothing plays yet.
    this.firstRender = true;
  }

  render(view: EncounterView, settings: SceneSettings): void {
    const calmer = settings.reducedMotion && !this.settings.reducedMotion;
    this.settings = settings;
    this.dimmer.setVisible(settings.highContrast);
    this.renderFigures(view.figures, this.firstRender);
    this.firstRender = false;
    this.panTarget = view.decision ? panForPanel(this.actionXs(), this.panelShare) : 0;
    // Reduced motion switched on mid-scene: whatever still moves goes to its end pose now.
    if (calmer) this.settle();
  }

  setPanelShare(share: number): void {
    this.panelShare = share > 0 ? Math.min(0.7, share) : DECISION_PANEL_SHARE;
  }

  setBottomInset(share: number): void {
    // The floor band starts at FLOOR_BACK; lifting by the covered share (less the strip below
    // the nearest feet) keeps everyone standing above the controls.
    const covered = Math.min(0.5, Math.max(0, share)) * STAGE_HEIGHT;
    this.lift = Math.round(Math.max(0, covered - (STAGE_HEIGHT - FLOOR_FRONT)));
    this.scene.cameras.main.scrollY = this.lift;
    this.emitAnchors();
  }

  onLayout(listener: (anchors: readonly FigureAnchor[]) => void): () => void {
    this.listeners.add(listener);
    if (this.anchors.length > 0) listener(this.anchors);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.showing++;
    for (const node of this.nodes.values()) this.destroyNode(node);
    this.nodes.clear();
    this.figures = [];
    for (const effect of this.effects) {
      effect.wires.destroy();
      effect.spark.destroy();
    }
    this.effects.length = 0;
    for (const item of this.floorItems) item.destroy();
    this.floorItems.length = 0;
    this.backdrop?.destroy();
    this.backdrop = undefined;
    this.fallback.clear();
    this.memory = EMPTY_MEMORY;
    this.placements = new Map();
    this.firstRender = true;
    this.pan = 0;
    this.panTarget = 0;
    this.scene.cameras.main.scrollX = 0;
    this.lift = 0;
    this.panelShare = DECISION_PANEL_SHARE;
    this.scene.cameras.main.scrollY = 0;
    // Nobody is on stage any more: the overlay's labels go too.
    if (this.anchors.length > 0) {
      this.anchors = [];
      this.anchorsKey = '[]';
      for (const listener of this.listeners) listener(this.anchors);
    }
  }

  /** Jumps every running motion to its end: the state the figures are heading for. */
  settle(): void {
    for (const item of this.floorItems) item.setVisible(true);
    for (const node of this.nodes.values()) {
      if (!node.intent || !node.placement) continue;
      this.snap(node, node.intent, node.placement, false);
    }
  }

  update(delta: number): void {
    const figures = this.figures;
    for (let i = 0; i < figures.length; i++) figures[i]?.apply();
    this.updateEffects(delta);
    this.updatePan(delta);
  }

  /** Where the people the trainee must watch stand: officers, subjects and victims. */
  private actionXs(): number[] {
    const xs: number[] = [];
    for (const node of this.nodes.values()) {
      const kind = node.intent?.kind;
      if (node.crowd || !node.placement || node.placement.hidden) continue;
      if (kind === 'officer' || kind === 'subject' || kind === 'victim') xs.push(node.placement.x);
    }
    return xs;
  }

  private updatePan(delta: number): void {
    if (this.pan === this.panTarget) return;
    const gap = this.panTarget - this.pan;
    // Eases over about a third of a second; reduced motion jumps straight there.
    const step = this.settings.reducedMotion ? gap : gap * Math.min(1, delta / 110);
    this.pan = Math.abs(gap) < 1 ? this.panTarget : this.pan + step;
    this.scene.cameras.main.scrollX = this.pan;
    this.emitAnchors();
  }

  private collectFigures(): void {
    this.figures = [...this.nodes.values()].flatMap((node) => node.members.map((m) => m.figure));
  }

  // -------------------------------------------------------------------------------------------
  // Backdrop

  private drawFallback(): void {
    const g = this.fallback;
    g.clear();
    g.fillStyle(FALLBACK_BACKDROP.top, 1);
    g.fillRect(0, 0, STAGE_WIDTH, 720);
    g.fillStyle(FALLBACK_BACKDROP.floor, 1);
    g.fillRect(0, 720, STAGE_WIDTH, STAGE_HEIGHT - 720);
    g.fillStyle(FALLBACK_BACKDROP.line, 1);
    g.fillRect(0, 716, STAGE_WIDTH, 6);
  }

  /**
   * Loads the setting's picture and rasterises it once at 1920x1080. A key missing from the
   * manifest is never requested; a file that fails leaves the neutral fill. Nothing is logged.
   */
  private loadBackdrop(key: string, showing: number): void {
    const entry = this.manifest[key];
    if (!entry || entry.kind !== 'backdrop') return;
    const textureKey = `backdrop:${key}`;
    if (this.scene.textures.exists(textureKey)) {
      this.placeBackdrop(textureKey);
      return;
    }
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => {
      if (showing !== this.showing || image.naturalWidth === 0) return;
      const canvas = document.createElement('canvas');
      canvas.width = STAGE_WIDTH;
      canvas.height = STAGE_HEIGHT;
      const context = canvas.getContext('2d');
      if (!context) return;
      try {
        context.drawImage(image, 0, 0, STAGE_WIDTH, STAGE_HEIGHT);
      } catch {
        return;
      }
      if (!this.scene.textures.exists(textureKey))
        this.scene.textures.addCanvas(textureKey, canvas);
      this.placeBackdrop(textureKey);
    };
    image.onerror = () => undefined;
    image.src = joinUrl(this.assetBase, entry.file);
  }

  private placeBackdrop(textureKey: string): void {
    this.backdrop?.destroy();
    this.backdrop = this.scene.add.image(0, 0, textureKey).setOrigin(0, 0).setDepth(-10);
    this.backdrop.setDisplaySize(STAGE_WIDTH, STAGE_HEIGHT);
  }

  // -------------------------------------------------------------------------------------------
  // Figures

  /** Draws the figures of a view; `inPlace` puts everyone straight into their end state. */
  private renderFigures(figures: readonly StageFigure[], inPlace = false): void {
    const wanted = new Set(figures.map((f) => f.id));
    for (const [id, node] of this.nodes) {
      if (!wanted.has(id)) {
        this.destroyNode(node);
        this.nodes.delete(id);
      }
    }
    const intents = deriveIntents(figures, this.memory);
    for (const intent of intents) {
      if (!this.nodes.has(intent.id)) {
        const figure = figures.find((f) => f.id === intent.id);
        if (figure) this.nodes.set(intent.id, this.createNode(figure, intent));
      }
    }
    this.collectFigures();
    const placements = layoutFigures({
      intents,
      dims: (id) => this.nodes.get(id)?.dims ?? dimsFor({ build: 'medium', height: 'medium' }),
      previous: this.placements,
    });

    const reduced = this.settings.reducedMotion;
    const impacts = new Map<string, number>();
    const pending: Array<() => void> = [];
    // Actors first, so that the people they act on react when the motion lands.
    const ordered = [...intents].sort(
      (a, b) => Number(b.motionSince !== undefined) - Number(a.motionSince !== undefined),
    );
    for (const intent of ordered) {
      const node = this.nodes.get(intent.id);
      const placement = placements.get(intent.id);
      if (!node || !placement) continue;
      const key = shownKey(intent, placement);
      const newAction = intent.motionSince !== undefined && intent.motionSince !== node.actionSince;
      const newReaction =
        intent.actedOnSince !== undefined && intent.actedOnSince !== node.actedOnSince;
      const opening =
        inPlace ||
        node.intent === undefined ||
        (newAction && (intent.motionSince ?? 1) <= OPENING_TABLEAU) ||
        (newReaction && (intent.actedOnSince ?? 1) <= OPENING_TABLEAU);
      const changed = key !== node.shownKey || newAction || newReaction;
      const previous = node.intent;
      node.intent = intent;
      node.placement = placement;
      node.actionSince = intent.motionSince;
      node.actedOnSince = intent.actedOnSince;
      node.shownKey = key;
      if (!changed) continue;
      if (opening || reduced) {
        this.snap(node, intent, placement, reduced && !opening);
        // Still poses, but a Taser's wires still show (without the flicker).
        if (newAction && !opening)
          this.startEffects(node, intent, { delay: 0, steps: [], impactMs: 0, totalMs: 0 });
        continue;
      }
      if (newAction) {
        const plan = this.play(node, intent, placement, 'action', 0, previous);
        if (intent.target !== undefined) impacts.set(intent.target, plan.delay + plan.impactMs);
        this.startEffects(node, intent, plan);
      } else {
        // Reactions wait for the actor's plan to know when the blow lands.
        pending.push(() => {
          const delay = newReaction ? (impacts.get(intent.id) ?? 0) : 0;
          this.play(node, intent, placement, newReaction ? 'reaction' : 'settle', delay, previous);
        });
      }
    }
    for (const run of pending) run();
    this.dropWeapons(intents, placements);
    this.memory = rememberIntents(this.memory, intents);
    this.placements = placements;
    this.updateOutlines();
    this.emitAnchors();
  }

  private createNode(figure: StageFigure, intent: FigureIntent): Node {
    const look = lookFor({ ...figure, kind: figureKind(figure.kind) });
    const dims = dimsFor(look.appearance);
    const members: Member[] = [];
    if (intent.crowd) {
      CROWD_OFFSETS.forEach(([dx, dy], index) => {
        const memberLook = lookFor({
          id: `${figure.id}#${index}`,
          kind: 'bystander',
          rank: undefined,
          appearance: undefined,
          background: true,
        });
        members.push({
          figure: new FigureNode(this.scene, {
            look: memberLook,
            dims: dimsFor(memberLook.appearance),
            trainee: false,
            outline: true,
          }),
          dx,
          dy,
          index,
        });
      });
    } else {
      members.push({
        figure: new FigureNode(this.scene, {
          look,
          dims,
          trainee: figure.kind === 'trainee',
          outline: true,
        }),
        dx: 0,
        dy: 0,
        index: 0,
      });
    }
    return {
      id: figure.id,
      members,
      dims,
      crowd: intent.crowd,
      intent: undefined,
      placement: undefined,
      actionSince: undefined,
      actedOnSince: undefined,
      shownKey: '',
      tweens: [],
      timers: [],
      playMs: 0,
    };
  }

  private destroyNode(node: Node): void {
    this.stopTweens(node);
    for (const member of node.members) {
      this.scene.tweens.killTweensOf(member.figure.state);
      member.figure.destroy();
    }
  }

  private stopTweens(node: Node): void {
    for (const tween of node.tweens) {
      if (!tween.isDestroyed()) tween.destroy();
    }
    node.tweens = [];
    for (const timer of node.timers) timer.remove(false);
    node.timers = [];
    for (const member of node.members) {
      const state = member.figure.state;
      state.gait = 0;
      state.pump = 0;
      state.wobble = 0;
    }
  }

  /** The pose and place one member of a node should end in. */
  private memberTarget(
    node: Node,
    member: Member,
    intent: FigureIntent,
    placement: Placement,
  ): { pose: PoseName; x: number; y: number; facing: 1 | -1 } {
    if (!node.crowd)
      return { pose: intent.pose, x: placement.x, y: placement.y, facing: placement.facing };
    const pose: PoseName =
      intent.pose === 'film' && !CROWD_FILMERS.has(member.index) ? 'stand' : intent.pose;
    const s = figureScale(placement.y, member.figure.options.dims);
    const x = placement.x + member.dx * s;
    // Crowds face whoever they watch: the middle of things.
    const facing: 1 | -1 = placement.facing;
    return { pose, x, y: placement.y + member.dy, facing };
  }

  /** Puts a node straight into its end state (first drawing, reduced motion, settle). */
  private snap(node: Node, intent: FigureIntent, placement: Placement, fade: boolean): void {
    this.stopTweens(node);
    node.playMs = 0;
    for (const member of node.members) {
      const target = this.memberTarget(node, member, intent, placement);
      const figure = member.figure;
      this.scene.tweens.killTweensOf(figure.state);
      figure.state.setPose(POSES[target.pose]);
      figure.state.x = target.x;
      figure.state.y = target.y;
      figure.facing = target.facing;
      figure.setProps(memberProp(node, member, intent), intent.cuffed);
      figure.root.setVisible(!placement.hidden);
      figure.apply();
      if (fade) {
        figure.root.setAlpha(0.55);
        node.tweens.push(this.scene.tweens.add({ targets: figure.root, alpha: 1, duration: 180 }));
      } else figure.root.setAlpha(1);
    }
    if (intent.loop === 'cpr' && !this.settings.reducedMotion) this.startLoop(node, intent);
  }

  /** Plays a change as tweens on every member's pose state; returns the (first member's) plan. */
  private play(
    node: Node,
    intent: FigureIntent,
    placement: Placement,
    trigger: 'action' | 'reaction' | 'settle',
    delay: number,
    previous: FigureIntent | undefined,
  ): Plan {
    this.stopTweens(node);
    let first: Plan | undefined;
    for (const member of node.members) {
      const figure = member.figure;
      this.scene.tweens.killTweensOf(figure.state);
      const target = this.memberTarget(node, member, intent, placement);
      const fromPose = previous
        ? this.memberTarget(node, member, previous, node.placement ?? placement).pose
        : target.pose;
      const plan = planMotion({
        from: { x: figure.state.x, y: figure.state.y, pose: fromPose },
        to: { x: target.x, y: target.y, pose: target.pose },
        trigger,
        motion: trigger === 'reaction' ? intent.actedOn : intent.motion,
        delay: delay + (node.crowd ? member.index * 110 : 0),
      });
      first ??= plan;
      figure.root.setVisible(true);
      figure.root.setAlpha(1);
      const state = figure.state;
      const prop = memberProp(node, member, intent);
      const configs: Phaser.Types.Tweens.TweenBuilderConfig[] = [];
      let firstStep = true;
      for (const step of plan.steps) {
        const stepDelay = firstStep ? plan.delay : 0;
        firstStep = false;
        if (step.kind === 'move') {
          const distance = Math.hypot(step.x - state.x, step.y - state.y);
          const cycles = Math.max(1, Math.round(distance / (step.run ? 150 : 110)));
          const direction: 1 | -1 = step.x >= state.x ? 1 : -1;
          configs.push({
            targets: state,
            x: step.x,
            y: step.y,
            phase: { from: 0, to: cycles * Math.PI * 2 },
            duration: step.ms,
            delay: stepDelay,
            ease: 'Linear',
            onStart: () => {
              if (Math.abs(step.x - state.x) > 4) figure.facing = direction;
              state.gait = step.run ? 1.3 : 1;
              if (step.run) Object.assign(state, pick(POSES.run));
            },
            onComplete: () => {
              state.gait = 0;
            },
          });
        } else {
          const pose = POSES[step.pose];
          const values: Record<string, number> = {};
          for (const key of POSE_KEYS) values[key] = pose[key];
          if (step.roll !== undefined) values['roll'] = step.roll;
          configs.push({
            targets: state,
            ...values,
            duration: step.ms,
            delay: stepDelay,
            ease: 'Sine.easeInOut',
          });
        }
      }
      const chain = this.scene.tweens.chain({
        tweens: configs,
        onComplete: () => {
          figure.facing = target.facing;
        },
      });
      // Facing for plans that do not walk: turn at once toward whom the motion is about.
      if (!plan.steps.some((s) => s.kind === 'move')) figure.facing = target.facing;
      // Props change at the start for actions, at the end for reactions (a phone is grabbed).
      if (trigger === 'action') figure.setProps(prop, intent.cuffed);
      else {
        node.timers.push(
          this.scene.time.delayedCall(plan.totalMs, () => figure.setProps(prop, intent.cuffed)),
        );
      }
      node.tweens.push(chain);
      // Struggling, and blows struck from the ground, show as the body fighting where it is.
      const fromGround = isDownPose(target.pose);
      if (
        trigger === 'action' &&
        (intent.motion === 'struggle' ||
          (fromGround && (intent.motion === 'kick' || intent.motion === 'strike')))
      ) {
        node.tweens.push(
          this.scene.tweens.add({
            targets: state,
            wobble: { from: 1, to: 0 },
            wobblePhase: { from: 0, to: Math.PI * 2 * 6 },
            duration: 2200,
            delay: plan.delay,
            ease: 'Sine.easeIn',
          }),
        );
      }
    }
    if (intent.loop === 'cpr') {
      const startAt = first?.totalMs ?? 0;
      node.timers.push(this.scene.time.delayedCall(startAt, () => this.startLoop(node, intent)));
    }
    node.playMs = first?.totalMs ?? 0;
    return first ?? { delay, steps: [], impactMs: 0, totalMs: delay };
  }

  private startLoop(node: Node, intent: FigureIntent): void {
    if (intent.loop !== 'cpr' || this.settings.reducedMotion) return;
    for (const member of node.members) {
      node.tweens.push(
        this.scene.tweens.add({
          targets: member.figure.state,
          pump: { from: 0, to: 1 },
          duration: 290,
          yoyo: true,
          repeat: -1,
          ease: 'Sine.easeInOut',
        }),
      );
    }
  }

  /** Whoever goes down with a hammer drops it: it clatters away in front of them and stays. */
  private dropWeapons(
    intents: readonly FigureIntent[],
    placements: ReadonlyMap<string, Placement>,
  ): void {
    for (const intent of intents) {
      if (!this.memory.armed.has(intent.id) || !isDownPose(intent.pose)) continue;
      const placement = placements.get(intent.id);
      const node = this.nodes.get(intent.id);
      if (!placement || !node) continue;
      const s = figureScale(placement.y, node.dims);
      const g = this.scene.add.graphics();
      g.fillStyle(HAMMER.handle, 1);
      g.fillRoundedRect(-30, -4, 58, 8, 3);
      g.fillStyle(HAMMER.head, 1);
      g.fillRoundedRect(26, -12, 12, 26, 3);
      const x = Math.min(STAGE_WIDTH - 40, Math.max(40, placement.x + placement.facing * 270 * s));
      const y = placement.y + 18;
      g.setPosition(x, y)
        .setRotation(0.35)
        .setScale(s)
        .setDepth(y - 1)
        .setVisible(false);
      this.floorItems.push(g);
      const appear = Math.max(0, node.playMs - 250);
      if (appear === 0 || this.settings.reducedMotion) g.setVisible(true);
      else this.scene.time.delayedCall(appear, () => g.setVisible(true));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Effects: Taser wires and sparks, impact flashes

  private startEffects(node: Node, intent: FigureIntent, plan: Plan): void {
    const actor = node.members[0]?.figure;
    const targetNode = intent.target === undefined ? undefined : this.nodes.get(intent.target);
    const target = targetNode?.members[0]?.figure;
    if (!actor || !target) return;
    if (intent.motion === 'taser') {
      const wires = this.scene.add.graphics().setDepth(4000);
      const spark = this.scene.add.graphics().setDepth(4001);
      spark.fillStyle(SPARK, 1);
      polygon(spark, starPoints(16, 6, 8));
      spark.fillStyle(0xffffff, 1);
      spark.fillCircle(0, 0, 4);
      wires.setVisible(false);
      spark.setVisible(false);
      this.effects.push({
        node,
        since: intent.motionSince,
        actor,
        target,
        wires,
        spark,
        elapsed: 0,
        startAt: plan.delay + plan.impactMs,
        flicker: !this.settings.reducedMotion,
      });
    }
    if (
      (intent.motion === 'strike' || intent.motion === 'kick' || intent.motion === 'shove') &&
      !this.settings.reducedMotion
    ) {
      node.timers.push(
        this.scene.time.delayedCall(plan.delay + plan.impactMs, () => {
          const burst = this.scene.add.graphics().setDepth(4002);
          burst.fillStyle(0xffffff, 0.95);
          polygon(burst, starPoints(22, 7, 7));
          burst.setPosition(
            target.worldX(target.skeleton.chestX),
            target.worldY(target.skeleton.chestY),
          );
          burst.setScale(0.4);
          this.scene.tweens.add({
            targets: burst,
            scale: 1.3,
            alpha: 0,
            duration: 260,
            onComplete: () => burst.destroy(),
          });
        }),
      );
    }
  }

  private updateEffects(delta: number): void {
    for (let i = this.effects.length - 1; i >= 0; i--) {
      const effect = this.effects[i];
      if (!effect) continue;
      effect.elapsed += delta;
      const t = effect.elapsed - effect.startAt;
      const over = effect.node.actionSince !== effect.since;
      if (t < 0 && !over) continue;
      if (
        over ||
        t > TASER_CYCLE_MS + 600 ||
        !effect.actor.root.active ||
        !effect.target.root.active
      ) {
        effect.wires.destroy();
        effect.spark.destroy();
        this.effects.splice(i, 1);
        continue;
      }
      const a = effect.actor;
      const b = effect.target;
      const s = figureScale(a.state.y, a.options.dims);
      // The cartridge sits a little beyond the hand, along the arm.
      const hx = a.worldX(a.skeleton.handNX + 20);
      const hy = a.worldY(a.skeleton.handNY) - 2 * s;
      const cx = b.worldX(b.skeleton.chestX);
      const cy = b.worldY(b.skeleton.chestY);
      const lx = b.worldX(b.skeleton.backX * 0.3 + b.skeleton.hipX * 0.7);
      const ly = b.worldY(b.skeleton.hipY * 0.6 + b.skeleton.chestY * 0.4);
      const fading = t > TASER_CYCLE_MS ? 1 - (t - TASER_CYCLE_MS) / 600 : 1;
      const g = effect.wires;
      g.clear();
      g.lineStyle(2.5, WIRE, 0.9 * fading);
      g.lineBetween(hx, hy, cx, cy);
      g.lineBetween(hx, hy + 4, lx, ly);
      g.setVisible(true);
      const sparkOn = t < TASER_CYCLE_MS && (!effect.flicker || Math.floor(t / 70) % 3 !== 0);
      effect.spark.setVisible(sparkOn);
      effect.spark.setPosition(cx, cy);
      effect.spark.setRotation(effect.flicker ? t * 0.02 : 0);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Hint outlines and label anchors

  private updateOutlines(): void {
    const { hintMode, highContrast } = this.settings;
    for (const node of this.nodes.values()) {
      const style = outlineStyle(node.intent?.cue, hintMode, this.night, highContrast);
      const pulse = style.pulse && !this.settings.reducedMotion;
      for (const member of node.members)
        member.figure.setOutline(style.colour, style.alpha, style.width, pulse);
    }
  }

  private emitAnchors(): void {
    const anchors: Anchor[] = [];
    for (const node of this.nodes.values()) {
      const { intent, placement } = node;
      if (!intent || !placement || placement.hidden) continue;
      const anchor = anchorFor(node.id, placement, intent.pose, node.dims, node.crowd);
      // Labels follow the camera pan, and leave with their person off the left edge.
      anchors.push(
        this.pan === 0 && this.lift === 0
          ? anchor
          : {
              ...anchor,
              x: Math.round((anchor.x - this.pan / STAGE_WIDTH) * 1000) / 1000,
              y: Math.round((anchor.y - this.lift / STAGE_HEIGHT) * 1000) / 1000,
            },
      );
    }
    const key = JSON.stringify(anchors);
    if (key === this.anchorsKey) return;
    this.anchorsKey = key;
    this.anchors = anchors;
    for (const listener of this.listeners) listener(anchors);
  }
}

function memberProp(node: Node, member: Member, intent: FigureIntent): FigureIntent['prop'] {
  if (node.crowd && intent.prop === 'phone' && !CROWD_FILMERS.has(member.index)) return 'none';
  return intent.prop;
}

function isDownPose(pose: PoseName): boolean {
  return POSES[pose].body > 45;
}

function shownKey(intent: FigureIntent, placement: Placement): string {
  return [
    intent.pose,
    Math.round(placement.x),
    Math.round(placement.y),
    placement.facing,
    placement.hidden,
    intent.prop,
    intent.cuffed,
    intent.loop,
  ].join('|');
}

function pick(pose: (typeof POSES)[PoseName]): Partial<PoseState> {
  return {
    torso: pose.torso,
    armN: pose.armN,
    elbowN: pose.elbowN,
    armF: pose.armF,
    elbowF: pose.elbowF,
  };
}

function starPoints(outer: number, inner: number, spikes: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < spikes * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (i * Math.PI) / spikes;
    points.push(Math.cos(a) * r, Math.sin(a) * r);
  }
  return points;
}

function joinUrl(base: string, file: string): string {
  if (base === '') return file;
  return base.endsWith('/') ? `${base}${file}` : `${base}/${file}`;
}

interface BackdropEntry {
  readonly kind: string;
  readonly file: string;
}

/** The backdrops in the manifest (validated at build time), by key. */
function backdropsOf(manifest: AssetManifest): Readonly<Record<string, BackdropEntry | undefined>> {
  const out: Record<string, BackdropEntry> = {};
  for (const [key, entry] of Object.entries(manifest)) {
    if (entry.kind === 'backdrop') out[key] = { kind: entry.kind, file: entry.file };
  }
  return out;
}
