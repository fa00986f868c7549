/**
 * Plays a finished run back on the stage from its log. The engine's cursor says what the screen
 * showed at any moment, so this only moves a time along (with the frame loop, at the chosen
 * speed, or by a jump) and hands the view of that time to the scene and the replay screen.
 *
 * A replay is watched, not played: it takes no trainee input, writes no record and makes no
 * sound (the captions carry every line), so watching a run can never change it.
 */
import {
  replayCursor,
  type CompiledScenario,
  type DecisionPoint,
  type EncounterView,
  type ReplayCursor,
  type RunLog,
} from '../engine/index.ts';
import type { FigureAnchor, ScenePort, SceneSettings } from '../game/scenePort.ts';
import { sceneSettingsOf } from './sceneSettings.ts';
import type { SettingsStore } from '../store/settingsStore.ts';
import type { FrameScheduler } from './encounterController.ts';

/** Seconds of stillness kept on each side of a wait after the scene's end (see skipIdle). */
export const IDLE_HOLD = 1.5;

/** How much of the screen's height the replay controls take at the bottom (see replay.css). */
const REPLAY_BAR_SHARE = 0.28;

export const REPLAY_SPEEDS = [0.5, 1, 2, 4] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** What the replay screen draws. */
export interface ReplayStatus {
  /** Scenario seconds shown now. */
  readonly time: number;
  readonly duration: number;
  readonly playing: boolean;
  readonly speed: ReplaySpeed;
  readonly view: EncounterView;
  readonly decisionPoints: readonly DecisionPoint[];
  readonly anchors: readonly FigureAnchor[];
  /** Counts jumps (seeks): after one the screen starts its captions afresh from the moment. */
  readonly jumps: number;
}

export interface ReplayDeps {
  readonly settings: SettingsStore;
  /** The stage, once Phaser has loaded; the replay still runs (with captions) without it. */
  readonly scene: () => ScenePort | undefined;
  /** performance.now() */
  readonly now: () => number;
  readonly frames: FrameScheduler;
}

/** How often the shown clock changes, in seconds (as in the encounter). */
const CLOCK_STEP = 0.1;

export class ReplayController {
  readonly cursor: ReplayCursor;
  private time = 0;
  private speed: ReplaySpeed = 1;
  private playing = false;
  private lastNow = 0;
  private frame: number | undefined;
  private shownEntries = -1;
  private shownClock = -1;
  private view: EncounterView;
  private anchors: readonly FigureAnchor[] = [];
  private jumps = 0;
  private stopped = false;
  private readonly listeners = new Set<(status: ReplayStatus) => void>();
  private readonly unsubscribers: Array<() => void> = [];

  constructor(
    readonly compiled: CompiledScenario,
    readonly log: RunLog,
    private readonly deps: ReplayDeps,
  ) {
    this.cursor = replayCursor(compiled, log);
    this.view = this.cursor.viewAt(0);
    const scene = deps.scene();
    if (scene) {
      this.unsubscribers.push(
        scene.onLayout((anchors) => {
          this.anchors = anchors;
          this.publish();
        }),
      );
    }
    this.unsubscribers.push(deps.settings.subscribe(() => this.draw(false)));
    this.moveTo(0, true);
  }

  get status(): ReplayStatus {
    return {
      time: this.time,
      duration: this.cursor.duration,
      playing: this.playing,
      speed: this.speed,
      view: this.view,
      decisionPoints: this.cursor.decisionPoints,
      anchors: this.anchors,
      jumps: this.jumps,
    };
  }

  subscribe(listener: (status: ReplayStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  play(): void {
    if (this.stopped || this.playing) return;
    // Play at the end starts the run over, as a video player does.
    if (this.time >= this.cursor.duration) this.moveTo(0, true);
    this.playing = true;
    this.lastNow = this.deps.now();
    this.deps.scene()?.setPaused(false);
    this.frame = this.deps.frames.request(this.tick);
    this.publish();
  }

  pause(): void {
    if (!this.playing) return;
    this.halt();
    this.deps.scene()?.setPaused(true);
    this.publish();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: ReplaySpeed): void {
    if (!REPLAY_SPEEDS.includes(speed) || speed === this.speed) return;
    // Time played so far at the old speed is kept; the new speed counts from now.
    if (this.playing) this.advance();
    this.speed = speed;
    this.publish();
  }

  /** Shows the moment `t` (clamped to the run), drawn in place rather than animated to. */
  seek(t: number): void {
    if (this.stopped || !Number.isFinite(t)) return;
    this.lastNow = this.deps.now();
    this.moveTo(Math.min(Math.max(0, t), this.cursor.duration), true);
  }

  nextDecision(): DecisionPoint | undefined {
    const point = this.cursor.nextDecisionPoint(this.time);
    if (point) this.seek(point.t);
    return point;
  }

  previousDecision(): DecisionPoint | undefined {
    const point = this.cursor.previousDecisionPoint(this.time);
    if (point) this.seek(point.t);
    return point;
  }

  stop(): void {
    if (this.stopped) return;
    this.halt();
    this.stopped = true;
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.listeners.clear();
    const scene = this.deps.scene();
    // The stage is shared with the next encounter, which must not start frozen.
    scene?.setPaused(false);
    scene?.setBottomInset(0);
    scene?.clear();
  }

  private halt(): void {
    this.playing = false;
    if (this.frame !== undefined) this.deps.frames.cancel(this.frame);
    this.frame = undefined;
  }

  private readonly tick = (): void => {
    this.frame = undefined;
    if (this.stopped || !this.playing) return;
    this.advance();
    if (this.time >= this.cursor.duration) {
      // The end holds on the last moment; the stage finishes its motions rather than freezing.
      this.halt();
      this.publish();
      return;
    }
    this.frame = this.deps.frames.request(this.tick);
  };

  private advance(): void {
    const now = this.deps.now();
    const elapsed = Math.max(0, now - this.lastNow) / 1000;
    this.lastNow = now;
    const to = Math.min(this.cursor.duration, this.time + elapsed * this.speed);
    this.moveTo(this.skipIdle(to), false);
  }

  /**
   * Once the scene has ended nothing moves on the stage while the trainee writes the report, so a
   * long wait between two report answers plays as IDLE_HOLD seconds on each side of the gap.
   * The scrubber and the clock still show the real scene time, which the jump makes visible.
   */
  private skipIdle(to: number): number {
    if (!this.view.outcome) return to;
    const { entries } = this.cursor;
    const passed = this.cursor.entriesAt(this.time);
    const next = entries[passed];
    if (!next) return to;
    const previousAt = entries[passed - 1]?.t ?? 0;
    const gapStart = previousAt + IDLE_HOLD;
    const gapEnd = next.t - IDLE_HOLD;
    return to > gapStart && to < gapEnd ? gapEnd : to;
  }

  /**
   * Moves the shown moment to `t`. A jump sets the stage afresh, so that it shows the moment
   * itself rather than playing every motion between the old time and the new.
   */
  private moveTo(t: number, jump: boolean): void {
    this.time = t;
    if (jump) this.jumps++;
    const count = this.cursor.entriesAt(t);
    const clock = Math.floor(t / CLOCK_STEP);
    const changed = jump || count !== this.shownEntries;
    if (changed) {
      this.shownEntries = count;
      this.view = this.cursor.viewAt(t);
      this.draw(jump);
    }
    if (changed || clock !== this.shownClock) {
      this.shownClock = clock;
      this.publish();
    }
  }

  private draw(fresh: boolean): void {
    const scene = this.deps.scene();
    if (!scene || this.stopped) return;
    if (fresh) {
      scene.show(this.compiled.scenario);
      scene.setBottomInset(REPLAY_BAR_SHARE);
    }
    scene.render(this.view, this.sceneSettings());
  }

  private publish(): void {
    const status = this.status;
    for (const listener of this.listeners) listener(status);
  }

  private sceneSettings(): SceneSettings {
    return sceneSettingsOf(this.deps.settings.getState());
  }
}
