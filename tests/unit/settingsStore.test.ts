import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import {
  createSettingsStore,
  defaultSettings,
  SETTINGS_STORAGE_KEY,
} from '../../src/store/settingsStore.ts';

function memoryStorage(
  initial: Record<string, string> = {},
): StateStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (name) => data.get(name) ?? null,
    setItem: (name, value) => void data.set(name, value),
    removeItem: (name) => void data.delete(name),
  };
}

describe('The settings', () => {
  it('start from the defaults, with reduced motion when the system asks for it', () => {
    const store = createSettingsStore({ storage: memoryStorage(), prefersReducedMotion: true });
    expect(store.getState().reducedMotion).toBe(true);
    expect(store.getState().captions).toBe(true);
    expect(store.getState().speech).toBe(false);
  });

  it('are kept on the device and come back on the next visit', () => {
    const storage = memoryStorage();
    createSettingsStore({ storage }).getState().update({ textSize: 'x-large', masterVolume: 0.3 });
    const again = createSettingsStore({ storage });
    expect(again.getState().textSize).toBe('x-large');
    expect(again.getState().masterVolume).toBe(0.3);
  });

  it('keep the good fields of a corrupt record and repair the rest', () => {
    const storage = memoryStorage({
      [SETTINGS_STORAGE_KEY]: JSON.stringify({
        state: { textSize: 'huge', masterVolume: 0.4, hintMode: 'yes' },
        version: 1,
      }),
    });
    const store = createSettingsStore({ storage });
    expect(store.getState().masterVolume).toBe(0.4);
    expect(store.getState().textSize).toBe(defaultSettings().textSize);
    expect(store.getState().hintMode).toBe(false);
  });

  it('survive a record that is not even JSON', () => {
    const storage = memoryStorage({ [SETTINGS_STORAGE_KEY]: '{not json' });
    expect(() => createSettingsStore({ storage })).not.toThrow();
  });

  it('refuse an invalid change and keep the old value', () => {
    const store = createSettingsStore({ storage: memoryStorage() });
    store.getState().update({ masterVolume: 3 });
    expect(store.getState().masterVolume).toBe(defaultSettings().masterVolume);
  });
});
