/**
 * Chooses the face of the audio port for this session: Howler when the browser can play sound,
 * the silent face when it cannot or when the URL says ?audio=off (automated runs, kiosks, a
 * trainer projecting in a quiet room). Either way the game gets an AudioPort and the same
 * captions.
 */
import type { AssetManifest } from '../assets/manifest.ts';
import type { AudioPort } from './audioPort.ts';
import { HowlerAudio } from './howlerAudio.ts';
import { SilentAudio } from './silentAudio.ts';
import { createSpeech } from './speech.ts';

export interface CreateAudioOptions {
  readonly manifest: AssetManifest;
  /** Where the contents of assets/ are served: "/" in dev, "./" in the build. */
  readonly assetBase: string;
  /** The page's query; defaults to the current location's. */
  readonly params?: URLSearchParams;
  /** Whether this browser can play sound at all; detected when not given. */
  readonly soundAvailable?: boolean;
}

/** ?audio=off turns sound off for the session. */
export function audioSwitchedOff(params: URLSearchParams): boolean {
  return params.get('audio') === 'off';
}

/**
 * Web Audio, which the loops need to run without a gap and which unlock() resumes. Every browser
 * the simulator supports has it; jsdom and some locked-down kiosks do not.
 */
export function browserCanPlaySound(): boolean {
  return typeof AudioContext === 'function' || 'webkitAudioContext' in globalThis;
}

function currentParams(): URLSearchParams {
  return new URLSearchParams(typeof location === 'undefined' ? '' : location.search);
}

export function createAudio(options: CreateAudioOptions): AudioPort {
  const params = options.params ?? currentParams();
  const available = options.soundAvailable ?? browserCanPlaySound();
  const speech = createSpeech();
  if (audioSwitchedOff(params) || !available) return new SilentAudio({ off: true, speech });
  return new HowlerAudio({ manifest: options.manifest, assetBase: options.assetBase, speech });
}
