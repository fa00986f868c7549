/**
 * The asset manifest (assets/manifest.json): every image and sound the game uses, by key.
 * Scenarios name assets by key; the validator checks the keys, the build copies the files, and
 * the game loads them from here. Captions for sounds live here too, so a sound that carries
 * meaning is never played without its words.
 */
import { z } from 'zod';

const file = z
  .string()
  .regex(/^[a-z0-9][a-z0-9/._-]*$/, 'a path under assets/, lower-case, like "audio/taser.ogg"');

export const BackdropAssetSchema = z
  .object({
    kind: z.literal('backdrop'),
    file,
    /** What the picture shows, for the scene's text alternative. */
    description: z.string().min(1),
  })
  .strict();

export const SoundAssetSchema = z
  .object({
    kind: z.literal('sound'),
    /** Ogg Vorbis first; the mp3 is the fallback for browsers without Vorbis. */
    files: z.array(file).min(1),
    role: z.enum(['ambience', 'effect', 'ui']),
    /** Words for the sound, shown when it plays ("[Taser crackling]"); null for pure texture. */
    caption: z.string().min(1).nullable(),
    loop: z.boolean().default(false),
    /** 0 to 1, mixed under the player's volume settings. */
    volume: z.number().min(0).max(1).default(1),
  })
  .strict();

export const AssetEntrySchema = z.discriminatedUnion('kind', [BackdropAssetSchema, SoundAssetSchema]);
export const AssetManifestSchema = z.record(z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/), AssetEntrySchema);

export type AssetManifest = z.infer<typeof AssetManifestSchema>;
export type AssetEntry = z.infer<typeof AssetEntrySchema>;
export type SoundAsset = z.infer<typeof SoundAssetSchema>;
export type BackdropAsset = z.infer<typeof BackdropAssetSchema>;

/** Every file an entry names. */
export function filesOf(entry: AssetEntry): string[] {
  return entry.kind === 'backdrop' ? [entry.file] : entry.files;
}
