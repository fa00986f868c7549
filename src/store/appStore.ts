/**
 * Where the app is: which screen, which scenario, whether the encounter is paused, and the view
 * of the running encounter that the overlay draws. The encounter's truth stays in the engine's
 * session; the bridge writes its view here.
 */
import { createStore } from 'zustand/vanilla';
import type { EncounterView, Score } from '../engine/index.ts';
import type { AudioStatus } from '../audio/audioPort.ts';
import type { FigureAnchor } from '../game/scenePort.ts';

export type Screen =
  | { readonly name: 'menu' }
  | { readonly name: 'settings'; readonly back: Screen }
  | { readonly name: 'briefing'; readonly scenarioId: string }
  | { readonly name: 'encounter'; readonly scenarioId: string }
  | { readonly name: 'end'; readonly scenarioId: string };

export interface EncounterStatus {
  readonly view: EncounterView;
  /** Scenario seconds now, refreshed a few times a second for the clock display. */
  readonly time: number;
  readonly paused: boolean;
  readonly anchors: readonly FigureAnchor[];
}

export interface AppState {
  readonly screen: Screen;
  /** The running encounter, while there is one. */
  readonly encounter: EncounterStatus | undefined;
  /** The last finished run's score, for the end screen. */
  readonly score: Score | undefined;
  /** Whether the stage (Phaser and its assets) is ready: 0 to 1. */
  readonly stageLoading: number;
  /** A message about the stage failing to load, shown instead of the scene. */
  readonly stageError: string | undefined;
  readonly audioStatus: AudioStatus;
}

export interface AppActions {
  go(screen: Screen): void;
  setEncounter(encounter: EncounterStatus | undefined): void;
  patchEncounter(changes: Partial<EncounterStatus>): void;
  setScore(score: Score | undefined): void;
  setStageLoading(progress: number, error?: string): void;
  setAudioStatus(status: AudioStatus): void;
}

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore() {
  return createStore<AppState & AppActions>()((set) => ({
    screen: { name: 'menu' },
    encounter: undefined,
    score: undefined,
    stageLoading: 0,
    stageError: undefined,
    audioStatus: 'locked',
    go: (screen) => set({ screen }),
    setEncounter: (encounter) => set({ encounter }),
    patchEncounter: (changes) =>
      set((state) => (state.encounter ? { encounter: { ...state.encounter, ...changes } } : {})),
    setScore: (score) => set({ score }),
    setStageLoading: (progress, error) => set({ stageLoading: progress, stageError: error }),
    setAudioStatus: (audioStatus) => set({ audioStatus }),
  }));
}
