/**
 * What the game asks of audio. Two faces: Howler (./howlerAudio.ts, the only file that imports
 * Howler) and silent (./silentAudio.ts, for tests and when sound is off). Every sound that carries
 * meaning has a caption, so nothing is lost when audio is blocked, missing or muted.
 */

export interface Volumes {
  /** 0 to 1 each. */
  readonly master: number;
  readonly voice: number;
  readonly effects: number;
}

/** Why sound is not playing, said once to the player; 'ok' when it is. */
export type AudioStatus = 'ok' | 'locked' | 'blocked' | 'missing' | 'muted';

export type UiSound = 'signal' | 'decision-open' | 'select' | 'timeout' | 'pause' | 'end';

export interface AudioPort {
  /** Call from a real user gesture (key, click, tap): browsers keep audio locked until then. */
  unlock(): void;
  setVolumes(volumes: Volumes): void;
  /** Starts the setting's loop (undefined stops it). */
  playAmbience(key: string | undefined): void;
  /** Plays a sound named in assets/manifest.json. */
  playEffect(key: string): void;
  playUi(sound: UiSound): void;
  /**
   * Starts loading these sounds now (a scenario's beat sounds, when the encounter opens), so
   * the first taser crackle is not late by a download. Optional: without it, sounds load on
   * first use.
   */
  preload?(keys: readonly string[]): void;
  /** Reads a spoken line aloud when speech is on and a voice exists. */
  speak(text: string, speaker: { readonly id: string; readonly kind: string }): void;
  setSpeech(enabled: boolean): void;
  /** Holds or resumes everything (pause menu, hidden tab). */
  setPaused(paused: boolean): void;
  stopAll(): void;
  readonly status: AudioStatus;
  /** Told whenever the status changes. */
  onStatus(listener: (status: AudioStatus) => void): () => void;
}
