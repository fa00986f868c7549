/** Composition root: wiring only. */
import manifest from 'virtual:asset-manifest';
import { soundCaption } from './audio/captions.ts';
import { createAudio } from './audio/createAudio.ts';
import { mountApp } from './bridge/mountApp.ts';
import { broadcastLink } from './bridge/classroom/classChannel.ts';
import type { RendererChoice } from './game/scenePort.ts';
import { registerOffline } from './pwa/offline.ts';
import { createRecords } from './records/index.ts';
import { scenarioCatalog } from './scenarioCatalog.ts';
import { createAppStore } from './store/appStore.ts';
import { createSettingsStore } from './store/settingsStore.ts';

const root = document.getElementById('ui');
const stage = document.getElementById('game');
if (!root || !stage) throw new Error('index.html lost its #ui or #game element');

const params = new URLSearchParams(window.location.search);

/** The game itself: the menu, encounters, records; in classroom mode, the projector window. */
function startGame(ui: HTMLElement, stageElement: HTMLElement): void {
  const assetBase = import.meta.env.BASE_URL;
  const store = createAppStore();
  const settings = createSettingsStore({
    prefersReducedMotion: window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  });
  const audio = createAudio({ manifest, assetBase, params });
  // Opened at once, so that the menu can offer runs a reload or a closed tab left part way.
  const records = createRecords();

  const renderer: RendererChoice =
    params.get('renderer') === 'canvas'
      ? 'canvas'
      : params.get('renderer') === 'webgl'
        ? 'webgl'
        : 'auto';

  // ?speed=N runs the scene clock N times faster: for automated tests, never shown to players.
  const speed = Number(params.get('speed') ?? '1');

  const app = mountApp({
    root: ui,
    catalog: scenarioCatalog,
    store,
    settings,
    audio,
    // Phaser is loaded only when a scenario is chosen, so the menu never waits for it.
    loadStage: async (onProgress) => {
      onProgress(0.1);
      const { createPhaserStage } = await import('./game/PhaserStage.ts');
      onProgress(0.6);
      return createPhaserStage({ parent: stageElement, renderer, assetBase });
    },
    soundCaption: (key) => soundCaption(manifest, key),
    now: () => performance.now(),
    speed: Number.isFinite(speed) && speed > 0 ? speed : 1,
    records,
    frames: {
      request: (callback) => requestAnimationFrame(callback),
      cancel: (handle) => cancelAnimationFrame(handle),
    },
  });

  // Tests and benchmarks reach the running game through this handle; players never need it.
  (window as unknown as { dti?: unknown }).dti = { app, store, settings, records };

  registerOffline(store);
}

/** Classroom mode's second window: the instructor's notes and controls, no stage. */
function startPresenter(ui: HTMLElement): void {
  const link = broadcastLink();
  if (!link) {
    ui.textContent =
      'This browser cannot link two windows (no BroadcastChannel). Run the class from the projector window with its keys.';
    return;
  }
  document.title = 'Presenter: Duty to Intervene simulator';
  // Only the presenter window needs the presenter's code: the game's own start stays small.
  void import('./bridge/classroom/presenterApp.ts').then(({ mountPresenterApp }) =>
    mountPresenterApp({
      root: ui,
      catalog: scenarioCatalog,
      link,
      openProjector: () => window.open(window.location.pathname, 'dti-projector'),
    }),
  );
}

if (params.get('view') === 'presenter') startPresenter(root);
else startGame(root, stage);
