/**
 * The silent face of the audio port: plays nothing, remembers everything it was asked. Tests use
 * it to check what the game would have played; players get it with ?audio=off or in a browser
 * without Web Audio, and the game runs the same with captions. It never throws.
 */
import type { AudioPort, AudioStatus, UiSound, Volumes } from './audioPort.ts';
import { createSpeech, type Speech, type Speaker } from './speech.ts';

export interface SilentAudioOptions {
  /**
   * Sound is switched off for this session (?audio=off, or no way to play it): the status stays
   * 'muted', so the player is told once, and nothing is spoken either.
   */
  readonly off?: boolean;
  readonly speech?: Speech;
}

export class SilentAudio implements AudioPort {
  /** What was asked, in order: "ambience:<key>", "effect:<key>", "ui:<sound>", "stop". */
  readonly played: string[] = [];
  /** Lines asked to be spoken, whether or not speech was on. */
  readonly spoken: string[] = [];
  /** Keys asked to be preloaded. */
  readonly preloaded: string[] = [];
  /** The setting's loop that would be playing now. */
  ambience: string | undefined;
  paused = false;
  unlocked = false;
  volumes: Volumes = { master: 1, voice: 1, effects: 1 };

  private readonly off: boolean;
  private readonly speech: Speech;
  private readonly listeners = new Set<(status: AudioStatus) => void>();
  private current: AudioStatus;

  constructor(options: SilentAudioOptions = {}) {
    this.off = options.off ?? false;
    this.speech = options.speech ?? createSpeech();
    this.current = this.off ? 'muted' : 'ok';
  }

  get status(): AudioStatus {
    return this.current;
  }

  get speechEnabled(): boolean {
    return this.speech.enabled;
  }

  unlock(): void {
    this.unlocked = true;
  }

  setVolumes(volumes: Volumes): void {
    this.volumes = { ...volumes };
    this.update();
  }

  playAmbience(key: string | undefined): void {
    this.ambience = key;
    if (key !== undefined) this.played.push(`ambience:${key}`);
  }

  playEffect(key: string): void {
    this.played.push(`effect:${key}`);
  }

  playUi(sound: UiSound): void {
    this.played.push(`ui:${sound}`);
  }

  preload(keys: readonly string[]): void {
    this.preloaded.push(...keys);
  }

  speak(text: string, speaker: Speaker): void {
    this.spoken.push(text);
    if (this.off || this.paused) return;
    this.speech.say(text, speaker, this.volumes.voice * this.volumes.master);
  }

  setSpeech(enabled: boolean): void {
    this.speech.setEnabled(enabled);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) this.speech.pause();
    else this.speech.resume();
  }

  stopAll(): void {
    this.ambience = undefined;
    this.played.push('stop');
    this.speech.cancel();
  }

  onStatus(listener: (status: AudioStatus) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private update(): void {
    const next: AudioStatus = this.off || !(this.volumes.master > 0) ? 'muted' : 'ok';
    if (next === this.current) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        // A broken listener is a bug to see, but not a reason for audio to fail its caller.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
