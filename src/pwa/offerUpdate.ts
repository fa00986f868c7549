/**
 * When the game may offer a newer version of itself, and what the offer says. Using the update
 * reloads the page, so it is only offered on the menu: a class in the middle of an encounter, a
 * debrief or a replay must never lose it to an update.
 */
import type { Screen } from '../store/appStore.ts';

export const UPDATE_READY_TEXT = 'An update of the game is ready.';
export const USE_UPDATE_LABEL = 'Use the update now';

export function offerUpdate(screenName: Screen['name'], updateWaiting: boolean): boolean {
  return updateWaiting && screenName === 'menu';
}
