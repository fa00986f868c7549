/**
 * The player's settings, kept on the device (localStorage) between visits. A stored value that
 * is corrupt or from an older version is repaired field by field: a bad field falls back to its
 * default and the good ones are kept.
 */
import { z } from 'zod';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';

const volume = z.number().min(0).max(1);

export const SettingsSchema = z.object({
  masterVolume: volume,
  voiceVolume: volume,
  effectsVolume: volume,
  /** Captions for spoken lines and meaningful sounds on screen. */
  captions: z.boolean(),
  /** Spoken lines read aloud by the browser's speech synthesis, where a voice exists. */
  speech: z.boolean(),
  textSize: z.enum(['normal', 'large', 'x-large']),
  highContrast: z.boolean(),
  reducedMotion: z.boolean(),
  showClock: z.boolean(),
  /** Emphasise cues in the scene as they happen: for learning, not for assessment. */
  hintMode: z.boolean(),
});

export type Settings = z.infer<typeof SettingsSchema>;

export interface SettingsActions {
  update(changes: Partial<Settings>): void;
  reset(): void;
}

export type SettingsState = Settings & SettingsActions;

export function defaultSettings(prefersReducedMotion = false): Settings {
  return {
    masterVolume: 0.8,
    voiceVolume: 1,
    effectsVolume: 0.8,
    captions: true,
    speech: false,
    textSize: 'normal',
    highContrast: false,
    reducedMotion: prefersReducedMotion,
    showClock: true,
    hintMode: false,
  };
}

export const SETTINGS_STORAGE_KEY = 'dti.settings';
const SETTINGS_VERSION = 1;

/** Keeps each stored field that is valid on its own; anything else takes its default. */
export function repairSettings(stored: unknown, defaults: Settings): Settings {
  if (stored === null || typeof stored !== 'object') return defaults;
  const repaired: Record<string, unknown> = { ...defaults };
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success) repaired[key] = parsed.data;
  }
  return repaired as Settings;
}

export function createSettingsStore(
  options: { storage?: StateStorage; prefersReducedMotion?: boolean } = {},
) {
  const defaults = defaultSettings(options.prefersReducedMotion ?? false);
  return createStore<SettingsState>()(
    persist(
      (set) => ({
        ...defaults,
        // An invalid change (a volume of 3, a text size that does not exist) keeps the old value.
        update: (changes) =>
          set((state) =>
            repairSettings({ ...pickSettings(state), ...changes }, pickSettings(state)),
          ),
        reset: () => set(defaults),
      }),
      {
        name: SETTINGS_STORAGE_KEY,
        version: SETTINGS_VERSION,
        storage: createJSONStorage(() => options.storage ?? safeLocalStorage()),
        partialize: (state) => pickSettings(state),
        merge: (stored, current) => ({ ...current, ...repairSettings(stored, defaults) }),
      },
    ),
  );
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** Only the settings, without the actions. */
export function pickSettings(state: Partial<Settings>): Settings {
  const out: Partial<Settings> = {};
  for (const key of Object.keys(SettingsSchema.shape) as Array<keyof Settings>) {
    if (state[key] !== undefined) (out as Record<string, unknown>)[key] = state[key];
  }
  return out as Settings;
}

/**
 * localStorage, or an in-memory stand-in where it is unavailable (private modes, blocked
 * storage): settings then last for the visit instead of breaking the game.
 */
function safeLocalStorage(): StateStorage {
  try {
    const storage = globalThis.localStorage;
    const probe = '__dti_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (name) => memory.get(name) ?? null,
      setItem: (name, value) => void memory.set(name, value),
      removeItem: (name) => void memory.delete(name),
    };
  }
}
