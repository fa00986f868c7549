/**
 * The sound sheet as the rest of the game reads it: which manifest entry a sound key names, and
 * the words to show when it plays. A sound that carries meaning is never heard without its
 * caption, and is never missed when audio is muted, blocked or missing, because the overlay shows
 * the caption whatever the speakers do.
 */
import type { AssetManifest, SoundAsset } from '../assets/manifest.ts';
import type { UiSound } from './audioPort.ts';

/** Every interface sound the port can be asked for, in the order a run meets them. */
export const UI_SOUNDS: readonly UiSound[] = [
  'signal',
  'decision-open',
  'select',
  'timeout',
  'pause',
  'end',
];

/** The manifest key of an interface sound: "ui-" and its name. */
export function uiSoundKey(sound: UiSound): string {
  return `ui-${sound}`;
}

/** The sound entry a key names; undefined for a backdrop or an unknown key. */
export function soundEntry(manifest: AssetManifest, key: string): SoundAsset | undefined {
  const entry = Object.hasOwn(manifest, key) ? manifest[key] : undefined;
  return entry?.kind === 'sound' ? entry : undefined;
}

/**
 * The words for a sound ("Taser crackling"), or undefined when the key names pure texture (an
 * interface tone, a room's hum), no sound, or nothing at all.
 */
export function soundCaption(manifest: AssetManifest, key: string): string | undefined {
  return soundEntry(manifest, key)?.caption ?? undefined;
}

/** A caption as the overlay shows it, set apart from speech: "[Taser crackling]". */
export function bracketCaption(caption: string): string {
  return `[${caption}]`;
}

/** The overlay's line for a sound key ("[Taser crackling]"), or undefined when it has no words. */
export function soundCaptionLine(manifest: AssetManifest, key: string): string | undefined {
  const caption = soundCaption(manifest, key);
  return caption === undefined ? undefined : bracketCaption(caption);
}
