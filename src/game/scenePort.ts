/**
 * What the rest of the game asks of the scene renderer. The Phaser implementation lives in
 * ./PhaserStage.ts and is loaded only when an encounter starts, so the menu never waits for
 * Phaser; tests use a recording fake. The scene draws; it decides nothing.
 */
import type { EncounterView, Scenario } from '../engine/index.ts';

export interface SceneSettings {
  /** Replace motion with still poses and fades (prefers-reduced-motion or the setting). */
  readonly reducedMotion: boolean;
  /** Emphasise cues as they happen (an outline pulse on the people involved). */
  readonly hintMode: boolean;
  readonly highContrast: boolean;
}

/** Where a figure's name label belongs, as fractions of the stage's width and height. */
export interface FigureAnchor {
  readonly id: string;
  /** Above the head, centred. */
  readonly x: number;
  readonly y: number;
}

export interface ScenePort {
  /** Sets the stage for a scenario: its backdrop and its people, before the clock starts. */
  show(scenario: Scenario): void;
  /**
   * Draws the encounter as the view describes it. Called whenever the view changes; the scene
   * animates from what it drew last to what the view now says (a new action starts its motion).
   */
  render(view: EncounterView, settings: SceneSettings): void;
  /**
   * Tells where each figure's label belongs whenever figures move, so that the DOM overlay can
   * put readable, accessible name tags over the canvas (no words are drawn in the canvas).
   */
  onLayout(listener: (anchors: readonly FigureAnchor[]) => void): () => void;
  /** Holds or resumes all animation (pause menu, instructor freeze, hidden tab). */
  setPaused(paused: boolean): void;
  /**
   * The share of the screen's height that controls cover at the bottom (the replay bar): the
   * stage lifts so that people's feet stay above them. 0 (the default) for the encounter.
   */
  setBottomInset(share: number): void;
  /**
   * The share of the screen's width a decision panel covers on the right, so the stage pans the
   * action clear of it; 0 (the default) for the trainee's own panel.
   */
  setPanelShare(share: number): void;
  /** Empties the stage (back to the menu). */
  clear(): void;
  /** Releases the renderer for good. */
  destroy(): void;
}

export type RendererChoice = 'auto' | 'canvas' | 'webgl';

export interface StageOptions {
  /** The element the canvas goes into. */
  readonly parent: HTMLElement;
  /** Phaser.AUTO for users; tests and benchmarks force canvas with ?renderer=canvas. */
  readonly renderer: RendererChoice;
  /** Where assets are served from, relative to the page (the build uses relative paths). */
  readonly assetBase: string;
}
