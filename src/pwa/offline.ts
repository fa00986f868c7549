/**
 * Keeps the whole game on the device after the first visit: registers the service worker that
 * vite-plugin-pwa builds (see vite.config.ts), which stores every script, style, scenario, backdrop
 * and sound when it installs and answers from that store from then on, with or without a network.
 *
 * A newer version, once installed, waits. Taking it reloads the page, so the trainee is asked, and
 * only on the menu (offerUpdate): a class in the middle of an encounter, a debrief or a replay
 * never loses it to an update, and an unanswered notice simply waits for the next menu.
 */
import { registerSW } from 'virtual:pwa-register';
import type { AppStore } from '../store/appStore.ts';
import { offerUpdate, UPDATE_READY_TEXT, USE_UPDATE_LABEL } from './offerUpdate.ts';
import './offline.css';

/**
 * A classroom may keep one tab open all day, and browsers look for a new service worker only on
 * navigation; an hourly look lets an update made during the day reach the next menu.
 */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * A live region announces what changes inside it once it is in the page, not what it arrived
 * with, so the notice is attached empty and its sentence follows.
 */
const ANNOUNCE_DELAY_MS = 250;

/**
 * `waiting`: a newer version is installed and waits to be asked for. `taken-elsewhere`: another
 * tab of the game took it, so this page runs older code than its service worker until it reloads.
 */
type UpdateState = 'none' | 'waiting' | 'taken-elsewhere';

export interface OfflineGame {
  /** Whether a newer version of the game is installed and waits for the trainee. */
  updateReady(): boolean;
  /** Called when an update becomes ready; returns the way to stop listening. */
  onUpdateReady(listener: () => void): () => void;
}

/**
 * Registers the service worker and shows the update notice on the menu when there is one.
 * Returns undefined, and registers nothing, in the dev server (a cache there would serve stale
 * files while developers edit them) and in browsers without service workers.
 */
export function registerOffline(store: AppStore): OfflineGame | undefined {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return undefined;

  let update: UpdateState = 'none';
  let asked = false;
  const listeners = new Set<() => void>();

  const notice = createNotice(() => {
    if (update === 'taken-elsewhere') {
      window.location.reload();
      return;
    }
    if (asked) return;
    asked = true;
    notice.updating();
    // Hands control to the waiting worker; onNeedReload below then reloads this page.
    void applyUpdate(true);
  });

  const render = (): void => {
    notice.show(offerUpdate(store.getState().screen.name, update !== 'none'));
  };
  const become = (next: UpdateState): void => {
    update = next;
    render();
    for (const listener of listeners) listener();
  };

  const applyUpdate = registerSW({
    onNeedRefresh: () => become('waiting'),
    onNeedReload: () => {
      // Another tab's trainee may have taken the update while this one is mid-encounter: this
      // page keeps running what it loaded and offers the reload at its next menu instead.
      if (asked) window.location.reload();
      else become('taken-elsewhere');
    },
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
  });

  store.subscribe(render);

  return {
    updateReady: () => update !== 'none',
    onUpdateReady: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface UpdateNotice {
  show(visible: boolean): void;
  updating(): void;
}

/**
 * The notice lives beside #ui rather than in it: the screens redraw #ui as they change, and the
 * notice is nobody's screen. It is in the page only while it is offered.
 */
function createNotice(onUse: () => void): UpdateNotice {
  const element = document.createElement('aside');
  element.className = 'pwa-update';
  element.setAttribute('aria-label', 'Game update');
  const message = document.createElement('p');
  message.setAttribute('role', 'status');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = USE_UPDATE_LABEL;
  button.addEventListener('click', onUse);
  element.append(message, button);

  let announce: ReturnType<typeof setTimeout> | undefined;
  return {
    show(visible) {
      if (visible === element.isConnected) return;
      clearTimeout(announce);
      if (!visible) {
        element.remove();
        return;
      }
      message.textContent = '';
      const ui = document.getElementById('ui');
      (ui?.parentElement ?? document.body).insertBefore(element, ui);
      announce = setTimeout(() => {
        message.textContent = UPDATE_READY_TEXT;
      }, ANNOUNCE_DELAY_MS);
    },
    updating() {
      clearTimeout(announce);
      message.textContent = 'Updating the game…';
    },
  };
}
