/**
 * Where the app is: which screen, which scenario, whether the encounter is paused, and the view
 * of the running encounter that the overlay draws. The encounter's truth stays in the engine's
 * session; the bridge writes its view here. Also who is practising and whether their runs are
 * being kept, which the menu shows.
 */
import { createStore } from 'zustand/vanilla';
import type { EncounterView, Score } from '../engine/index.ts';
import type { AudioStatus } from '../audio/audioPort.ts';
import type { FigureAnchor } from '../game/scenePort.ts';

/** Where a debrief was opened from, so that "back" returns there. */
export type DebriefFrom = 'end' | 'menu' | 'class' | 'classroom';

export type Screen =
  | { readonly name: 'menu' }
  | { readonly name: 'settings'; readonly back: Screen }
  | { readonly name: 'briefing'; readonly scenarioId: string }
  | { readonly name: 'encounter'; readonly scenarioId: string }
  /** A scenario run for a class on a projector (classroom mode). */
  | { readonly name: 'classroom'; readonly scenarioId: string }
  | { readonly name: 'end'; readonly scenarioId: string }
  | { readonly name: 'class' }
  | { readonly name: 'history'; readonly traineeId: string }
  | {
      readonly name: 'debrief';
      readonly scenarioId: string;
      /** Where "back" goes: the end screen of the run just played, or the menu's run list. */
      readonly from: DebriefFrom;
      /** Coming back from a replay started at this moment: focus returns to its button. */
      readonly returnFrom?: number;
    }
  /** A finished run played back on the stage; "back" returns to its debrief. */
  | {
      readonly name: 'replay';
      readonly scenarioId: string;
      readonly from: DebriefFrom;
      /** The scene time to start from, when the debrief asked for a moment; 0 otherwise. */
      readonly startAt?: number;
    };

export interface EncounterStatus {
  readonly view: EncounterView;
  /** Scenario seconds now, refreshed a few times a second for the clock display. */
  readonly time: number;
  readonly paused: boolean;
  readonly anchors: readonly FigureAnchor[];
}

/** The trainee whose runs are being recorded: a profile kept by the records on this device. */
export interface TraineeProfile {
  readonly id: string;
  readonly name: string;
}

/** Whether runs are being saved on this device (the records' status, mirrored for the screens). */
export type RecordsState =
  | { readonly state: 'opening' }
  | { readonly state: 'kept' }
  /** `reason` is a sentence for the player. */
  | { readonly state: 'not-kept'; readonly reason: string };

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
  /** Who is practising, for this visit; undefined until chosen (runs then go under "Guest"). */
  readonly trainee: TraineeProfile | undefined;
  readonly records: RecordsState;
}

export interface AppActions {
  go(screen: Screen): void;
  setEncounter(encounter: EncounterStatus | undefined): void;
  patchEncounter(changes: Partial<EncounterStatus>): void;
  setScore(score: Score | undefined): void;
  setStageLoading(progress: number, error?: string): void;
  setAudioStatus(status: AudioStatus): void;
  setTrainee(trainee: TraineeProfile | undefined): void;
  setRecords(records: RecordsState): void;
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
    trainee: undefined,
    records: { state: 'opening' },
    go: (screen) => set({ screen }),
    setEncounter: (encounter) => set({ encounter }),
    patchEncounter: (changes) =>
      set((state) => (state.encounter ? { encounter: { ...state.encounter, ...changes } } : {})),
    setScore: (score) => set({ score }),
    setStageLoading: (progress, error) => set({ stageLoading: progress, stageError: error }),
    setAudioStatus: (audioStatus) => set({ audioStatus }),
    setTrainee: (trainee) => set({ trainee }),
    setRecords: (records) => set({ records }),
  }));
}
