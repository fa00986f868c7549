/**
 * The Howler face of the audio port, and the only file that imports Howler. Howler itself is
 * reached through two seams, a factory for Howl-like sounds and a function that resumes the audio
 * context, so the rules here (locking, lazy loading, the mix, pausing, what the status says) are
 * tested in jsdom with fakes.
 *
 * Sound is a courtesy on top of the captions: any failure here (a missing file, a browser that
 * refuses to play) turns into a status for the player and silence, never an exception for the
 * game.
 */
import { Howl, Howler } from 'howler';
import type { AssetManifest, SoundAsset } from '../assets/manifest.ts';
import type { AudioPort, AudioStatus, UiSound, Volumes } from './audioPort.ts';
import { soundEntry, uiSoundKey } from './captions.ts';
import { createSpeech, type Speaker, type Speech } from './speech.ts';

/** The few methods of Howler's Howl the port calls. */
export interface SoundHandle {
  /** Starts a new playback (no id) or resumes a paused one; returns its id. */
  play(id?: number): number;
  pause(id?: number): unknown;
  stop(id?: number): unknown;
  playing(id?: number): boolean;
  /** Sets the volume of every playback of this sound, and of later ones. */
  volume(volume: number): unknown;
}

/** One sound to make: where its files are, how it plays, and whom to tell what happened. */
export interface SoundRequest {
  readonly key: string;
  /** URLs, Ogg Vorbis first: Howler takes the first one the browser can decode. */
  readonly src: readonly string[];
  readonly loop: boolean;
  readonly volume: number;
  readonly onLoadError: (error: unknown) => void;
  readonly onPlay: (id: number) => void;
  readonly onPlayError: (id: number, error: unknown) => void;
  /** For a loop, told at the end of every pass. */
  readonly onEnd: (id: number) => void;
}

export type SoundFactory = (request: SoundRequest) => SoundHandle;

/** Real sounds: a Howl per key, loading as soon as it is made. */
export const howlFactory: SoundFactory = (request) =>
  new Howl({
    src: [...request.src],
    loop: request.loop,
    volume: request.volume,
    preload: true,
    onloaderror: (_id, error) => request.onLoadError(error),
    onplay: (id) => request.onPlay(id),
    onplayerror: (id, error) => request.onPlayError(id, error),
    onend: (id) => request.onEnd(id),
  });

/** How long a browser may sit on resume() before the port calls sound blocked. */
const RESUME_DEADLINE_MS = 2000;

/**
 * Resumes Howler's audio context. Called from a gesture: reading the volume makes Howler create
 * its context now, inside the gesture, where browsers let it start running.
 */
export async function resumeHowlerContext(): Promise<void> {
  Howler.volume();
  // Howler's typings promise a context, but it has none without Web Audio (HTML5 Audio unlocks
  // each element as it plays).
  const context = Howler.ctx as AudioContext | null | undefined;
  if (!context || context.state === 'running') return;
  // Chrome leaves resume() pending rather than rejecting it when it will not allow sound.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('the browser kept audio suspended')),
      RESUME_DEADLINE_MS,
    );
  });
  try {
    await Promise.race([context.resume(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A file named in the manifest, as a URL under the asset base ("/", "./" or ""). */
export function assetUrl(assetBase: string, file: string): string {
  if (assetBase === '') return file;
  return assetBase.endsWith('/') ? `${assetBase}${file}` : `${assetBase}/${file}`;
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** Calls into Howler that fail must not reach the game: the status already says what is wrong. */
function safely(action: () => void): boolean {
  try {
    action();
    return true;
  } catch {
    return false;
  }
}

export interface HowlerAudioOptions {
  readonly manifest: AssetManifest;
  /** Where the contents of assets/ are served: "/" in dev, "./" in the build. */
  readonly assetBase: string;
  /** Defaults to Howler's Howl; tests pass fakes. */
  readonly createSound?: SoundFactory;
  /** Defaults to resuming Howler's context; rejects when the browser will not play. */
  readonly resumeContext?: () => Promise<void>;
  readonly speech?: Speech;
}

interface LoadedSound {
  readonly key: string;
  readonly entry: SoundAsset;
  /** Undefined only while the factory runs, or if it threw. */
  handle: SoundHandle | undefined;
  failed: boolean;
  /** Playbacks started and not yet ended or stopped. */
  readonly active: Set<number>;
}

interface Playback {
  readonly sound: LoadedSound;
  readonly id: number;
}

export class HowlerAudio implements AudioPort {
  private readonly manifest: AssetManifest;
  private readonly assetBase: string;
  private readonly createSound: SoundFactory;
  private readonly resumeContext: () => Promise<void>;
  private readonly speech: Speech;

  private readonly sounds = new Map<string, LoadedSound>();
  private readonly listeners = new Set<(status: AudioStatus) => void>();
  private volumes: Volumes = { master: 1, voice: 1, effects: 1 };
  private unlocked = false;
  private resuming = false;
  private blocked = false;
  private missing = false;
  private paused = false;
  /** The setting's loop as asked for; it may not be playing yet (locked, paused, muted). */
  private ambienceKey: string | undefined;
  private ambience: Playback | undefined;
  /** What setPaused(true) held, to resume on setPaused(false). */
  private held: Playback[] = [];
  private current: AudioStatus = 'locked';

  constructor(options: HowlerAudioOptions) {
    this.manifest = options.manifest;
    this.assetBase = options.assetBase;
    this.createSound = options.createSound ?? howlFactory;
    this.resumeContext = options.resumeContext ?? resumeHowlerContext;
    this.speech = options.speech ?? createSpeech();
  }

  get status(): AudioStatus {
    return this.current;
  }

  /**
   * Optimistic on the first gesture: the browser allows sound inside one, so the status turns
   * 'ok' at once and the setting's loop starts, and only a refusal turns it 'blocked'. Once
   * blocked, each later gesture tries again and the status turns 'ok' only when the browser
   * agrees. Cheap to call on every gesture.
   */
  unlock(): void {
    if (this.resuming || (this.unlocked && !this.blocked)) return;
    this.unlocked = true;
    this.resuming = true;
    this.update();
    this.syncAmbience();
    let resumed: Promise<void>;
    try {
      resumed = this.resumeContext();
    } catch (error) {
      resumed = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    resumed.then(
      () => {
        this.resuming = false;
        if (!this.blocked) return;
        this.blocked = false;
        this.update();
        this.syncAmbience();
      },
      () => {
        this.resuming = false;
        this.blocked = true;
        this.update();
      },
    );
  }

  setVolumes(volumes: Volumes): void {
    this.volumes = {
      master: clampUnit(volumes.master),
      voice: clampUnit(volumes.voice),
      effects: clampUnit(volumes.effects),
    };
    for (const sound of this.sounds.values()) {
      const level = this.levelOf(sound.entry);
      safely(() => sound.handle?.volume(level));
    }
    this.update();
    // Turning the volume up from zero brings the setting's loop back.
    this.syncAmbience();
  }

  playAmbience(key: string | undefined): void {
    // The same setting again keeps its loop running rather than restarting it.
    if (key === this.ambienceKey) return;
    this.stopAmbience();
    this.ambienceKey = key;
    // Loaded as soon as it is asked for, even while locked, so it is ready at the first gesture.
    if (key !== undefined) this.load(key);
    this.syncAmbience();
  }

  /** Dropped while locked, muted or paused: a late sound would mislead more than none. */
  playEffect(key: string): void {
    if (!this.mayStart()) return;
    const sound = this.load(key);
    if (sound) this.start(sound);
  }

  /** Unlike effects, interface tones play while paused: the pause menu is still answering. */
  playUi(sound: UiSound): void {
    if (!this.unlocked || this.volumes.master <= 0) return;
    const loaded = this.load(uiSoundKey(sound));
    if (loaded) this.start(loaded);
  }

  preload(keys: readonly string[]): void {
    for (const key of keys) this.load(key);
  }

  speak(text: string, speaker: Speaker): void {
    if (!this.unlocked || this.paused || this.volumes.master <= 0) return;
    this.speech.say(text, speaker, this.volumes.voice * this.volumes.master);
  }

  setSpeech(enabled: boolean): void {
    this.speech.setEnabled(enabled);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      for (const sound of this.sounds.values()) {
        if (sound.entry.role === 'ui') continue;
        for (const id of sound.active) this.hold(sound, id);
      }
      this.speech.pause();
      return;
    }
    const held = this.held;
    this.held = [];
    for (const { sound, id } of held) {
      if (!sound.failed && sound.active.has(id)) safely(() => sound.handle?.play(id));
    }
    this.speech.resume();
    this.syncAmbience();
  }

  stopAll(): void {
    for (const sound of this.sounds.values()) {
      safely(() => sound.handle?.stop());
      sound.active.clear();
    }
    this.held = [];
    this.ambience = undefined;
    this.ambienceKey = undefined;
    this.speech.cancel();
  }

  onStatus(listener: (status: AudioStatus) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // -------------------------------------------------------------------------------------------

  /** The sound's own level under the player's settings; every role sits under "effects". */
  private levelOf(entry: SoundAsset): number {
    return clampUnit(entry.volume * this.volumes.effects * this.volumes.master);
  }

  private mayStart(): boolean {
    return this.unlocked && !this.paused && this.volumes.master > 0;
  }

  /** The loaded (or loading) sound for a key; undefined, and the status told, if there is none. */
  private load(key: string): LoadedSound | undefined {
    const known = this.sounds.get(key);
    if (known) return known.failed ? undefined : known;
    const entry = soundEntry(this.manifest, key);
    if (!entry) {
      // The scenario validator checks keys against the manifest, so this is a stale build or a
      // typo in code: the player hears a gap, and the status says sound is missing.
      this.markMissing();
      return undefined;
    }
    const sound: LoadedSound = {
      key,
      entry,
      handle: undefined,
      failed: false,
      active: new Set(),
    };
    this.sounds.set(key, sound);
    const made = safely(() => {
      sound.handle = this.createSound({
        key,
        src: entry.files.map((file) => assetUrl(this.assetBase, file)),
        loop: entry.loop,
        volume: this.levelOf(entry),
        onLoadError: () => this.loadFailed(sound),
        onPlay: (id) => this.played(sound, id),
        onPlayError: (id) => this.playFailed(sound, id),
        onEnd: (id) => {
          if (!sound.entry.loop) sound.active.delete(id);
        },
      });
    });
    if (!made) this.loadFailed(sound);
    return sound.failed ? undefined : sound;
  }

  private start(sound: LoadedSound): number | undefined {
    if (sound.failed || !sound.handle) return undefined;
    const handle = sound.handle;
    let id: unknown;
    if (!safely(() => (id = handle.play()))) {
      this.blocked = true;
      this.update();
      return undefined;
    }
    // Howler answers null, with no playback, for a sound it has given up on.
    if (typeof id !== 'number') return undefined;
    sound.active.add(id);
    return id;
  }

  private hold(sound: LoadedSound, id: number): void {
    const handle = sound.handle;
    if (!handle || !handle.playing(id)) return;
    safely(() => handle.pause(id));
    this.held.push({ sound, id });
  }

  private syncAmbience(): void {
    const key = this.ambienceKey;
    if (key === undefined || this.ambience || !this.mayStart()) return;
    const sound = this.load(key);
    if (!sound) return;
    const id = this.start(sound);
    if (id !== undefined) this.ambience = { sound, id };
  }

  private stopAmbience(): void {
    const ambience = this.ambience;
    if (!ambience) return;
    this.ambience = undefined;
    this.forget(ambience.sound, ambience.id);
    safely(() => ambience.sound.handle?.stop(ambience.id));
  }

  private forget(sound: LoadedSound, id: number): void {
    sound.active.delete(id);
    this.held = this.held.filter((held) => held.sound !== sound || held.id !== id);
    if (this.ambience?.sound === sound && this.ambience.id === id) this.ambience = undefined;
  }

  private played(sound: LoadedSound, id: number): void {
    // A sound that was still loading when the game paused starts late: hold it with the rest.
    if (this.paused && sound.entry.role !== 'ui' && sound.active.has(id)) this.hold(sound, id);
    if (this.blocked && !this.resuming) {
      this.blocked = false;
      this.update();
    }
  }

  private playFailed(sound: LoadedSound, id: number): void {
    // The loop is forgotten, not the setting: the next successful unlock starts it again.
    this.forget(sound, id);
    this.blocked = true;
    this.update();
  }

  private loadFailed(sound: LoadedSound): void {
    sound.failed = true;
    for (const id of [...sound.active]) this.forget(sound, id);
    this.markMissing();
  }

  private markMissing(): void {
    this.missing = true;
    this.update();
  }

  /**
   * One status, in the order that explains the silence best: the player's own choice first, then
   * the browser, then files.
   */
  private statusNow(): AudioStatus {
    if (this.volumes.master <= 0) return 'muted';
    if (this.blocked) return 'blocked';
    if (!this.unlocked) return 'locked';
    if (this.missing) return 'missing';
    return 'ok';
  }

  private update(): void {
    const next = this.statusNow();
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
