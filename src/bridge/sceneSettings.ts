/** The part of the player's settings the stage draws by, for both the encounter and its replay. */
import type { SceneSettings } from '../game/scenePort.ts';
import type { Settings } from '../store/settingsStore.ts';

export function sceneSettingsOf(settings: Settings): SceneSettings {
  return {
    reducedMotion: settings.reducedMotion,
    hintMode: settings.hintMode,
    highContrast: settings.highContrast,
  };
}
