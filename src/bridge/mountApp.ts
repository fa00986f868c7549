/**
 * Wires the screens to the stores, the encounter controller, the stage and audio: which screen
 * shows, what each command does, the keyboard, a hidden tab pausing the clock, and audio
 * unlocking on the first gesture. The screens only draw and report what the player did.
 */
import { compileScenario, type CompiledScenario } from '../engine/index.ts';
import type { AudioPort } from '../audio/audioPort.ts';
import type { ScenePort } from '../game/scenePort.ts';
import type { ScenarioCatalog } from '../scenarioCatalog.ts';
import type { AppStore, Screen } from '../store/appStore.ts';
import type { Settings, SettingsStore } from '../store/settingsStore.ts';
import { renderBriefing, type Briefing } from '../ui/briefingScreen.ts';
import { h } from '../ui/dom.ts';
import { mountEncounterOverlay, type EncounterOverlay } from '../ui/encounterOverlay.ts';
import { renderEnd } from '../ui/endScreen.ts';
import { renderMenu } from '../ui/menuScreen.ts';
import { renderSettings } from '../ui/settingsScreen.ts';
import { EncounterController, type FrameScheduler } from './encounterController.ts';

export interface AppDeps {
  readonly root: HTMLElement;
  readonly catalog: ScenarioCatalog;
  readonly store: AppStore;
  readonly settings: SettingsStore;
  readonly audio: AudioPort;
  /** Loads the stage on first need; rejects when it cannot be drawn. */
  readonly loadStage: (onProgress: (fraction: number) => void) => Promise<ScenePort>;
  readonly soundCaption: (key: string) => string | undefined;
  readonly now: () => number;
  readonly frames: FrameScheduler;
  /** Scenario seconds per real second; 1 unless a test asks for more. */
  readonly speed?: number;
}

export interface MountedApp {
  /** The running encounter's controller, for tests and tools. */
  readonly controller: () => EncounterController | undefined;
  destroy(): void;
}

const AUDIO_MESSAGES: Partial<Record<AudioPort['status'], string>> = {
  blocked: 'Sound is blocked by the browser. The scene plays on with captions.',
  missing: 'Some sounds could not be loaded. The scene plays on with captions.',
  muted: 'Sound is muted. Captions show every spoken line and meaningful sound.',
};

export function mountApp(deps: AppDeps): MountedApp {
  const { root, store, settings, audio } = deps;
  const screenHost = h('div', { class: 'screen-host' });
  const toast = h('p', { class: 'toast', role: 'status' });
  root.replaceChildren(screenHost, toast);

  const compiled = new Map<string, CompiledScenario>();
  const compile = (id: string) => {
    const existing = compiled.get(id);
    if (existing) return existing;
    const entry = deps.catalog.scenarios.find((s) => s.scenario.id === id);
    if (!entry) return undefined;
    const made = compileScenario(entry.scenario);
    compiled.set(id, made);
    return made;
  };

  let scene: ScenePort | undefined;
  let stagePromise: Promise<ScenePort | undefined> | undefined;
  const loadStage = () => {
    stagePromise ??= deps
      .loadStage((fraction) => store.getState().setStageLoading(Math.min(fraction, 0.99)))
      .then((loaded) => {
        scene = loaded;
        store.getState().setStageLoading(1);
        return loaded;
      })
      .catch((error: unknown) => {
        store.getState().setStageLoading(1, error instanceof Error ? error.message : String(error));
        return undefined;
      });
    return stagePromise;
  };

  let controller: EncounterController | undefined;
  let overlay: EncounterOverlay | undefined;
  let briefing: Briefing | undefined;
  let startWhenReady: string | undefined;

  const startEncounter = (id: string) => {
    const made = compile(id);
    if (!made) return go({ name: 'menu' });
    controller?.stop();
    controller = new EncounterController(made, {
      store,
      settings,
      audio,
      scene: () => scene,
      now: deps.now,
      frames: deps.frames,
      ...(deps.speed === undefined ? {} : { speed: deps.speed }),
    });
    go({ name: 'encounter', scenarioId: id });
  };

  const go = (screen: Screen) => store.getState().go(screen);

  const openSettings = () => {
    controller?.pause('pause');
    go({ name: 'settings', back: store.getState().screen });
  };

  const render = (screen: Screen) => {
    overlay?.destroy();
    overlay = undefined;
    briefing = undefined;
    root.classList.toggle('in-encounter', screen.name === 'encounter');
    switch (screen.name) {
      case 'menu':
        renderMenu(screenHost, deps.catalog, {
          openBriefing: (id) => go({ name: 'briefing', scenarioId: id }),
          openSettings,
        });
        break;
      case 'settings':
        renderSettings(screenHost, settings.getState(), {
          update: (changes) => settings.getState().update(changes),
          reset: () => {
            settings.getState().reset();
            render(screen);
          },
          close: () => go(screen.back),
        });
        break;
      case 'briefing': {
        const scenario = deps.catalog.scenarios.find(
          (s) => s.scenario.id === screen.scenarioId,
        )?.scenario;
        if (!scenario) return go({ name: 'menu' });
        void loadStage();
        briefing = renderBriefing(screenHost, scenario, {
          start: () => {
            if (store.getState().stageLoading >= 1) startEncounter(scenario.id);
            else startWhenReady = scenario.id;
          },
          back: () => go({ name: 'menu' }),
        });
        briefing.setLoading(store.getState().stageLoading, store.getState().stageError);
        break;
      }
      case 'encounter': {
        const made = compile(screen.scenarioId);
        overlay = mountEncounterOverlay(screenHost, {
          soundCaption: deps.soundCaption,
          names: new Map(made?.scenario.cast.map((member) => [member.id, member.name]) ?? []),
          commands: {
            signal: (timestamp) => controller?.signal(timestamp),
            choose: (decision, option, timestamp) =>
              controller?.choose(decision, option, timestamp),
            submitReport: (items, timestamp) => controller?.submitReport(items, timestamp),
            pause: () => controller?.pause('pause'),
            resume: () => controller?.resume('pause'),
            restart: () => startEncounter(screen.scenarioId),
            quit: () => {
              controller?.stop();
              controller = undefined;
              go({ name: 'menu' });
            },
            openSettings,
          },
        });
        const encounter = store.getState().encounter;
        if (encounter) overlay.update(encounter, settings.getState());
        break;
      }
      case 'end': {
        const result = store.getState().score;
        const outcome = store.getState().encounter?.view.outcome;
        controller?.stop();
        controller = undefined;
        if (!result) return go({ name: 'menu' });
        renderEnd(screenHost, outcome, result, {
          again: () => go({ name: 'briefing', scenarioId: screen.scenarioId }),
          menu: () => go({ name: 'menu' }),
        });
        break;
      }
    }
  };

  const applySettings = (current: Settings) => {
    const html = document.documentElement;
    html.dataset['textSize'] = current.textSize;
    html.classList.toggle('high-contrast', current.highContrast);
    html.classList.toggle('reduced-motion', current.reducedMotion);
    audio.setVolumes({
      master: current.masterVolume,
      voice: current.voiceVolume,
      effects: current.effectsVolume,
    });
    audio.setSpeech(current.speech);
  };

  const unsubscribeStore = store.subscribe((state, previous) => {
    if (state.screen !== previous.screen) {
      // Back from settings during an encounter, the pause menu is still open: the player resumes.
      render(state.screen);
    } else if (state.encounter && state.encounter !== previous.encounter) {
      overlay?.update(state.encounter, settings.getState());
    }
    if (state.stageLoading !== previous.stageLoading || state.stageError !== previous.stageError) {
      briefing?.setLoading(state.stageLoading, state.stageError);
      if (state.stageLoading >= 1 && startWhenReady !== undefined) {
        const id = startWhenReady;
        startWhenReady = undefined;
        startEncounter(id);
      }
    }
  });
  const unsubscribeSettings = settings.subscribe((current) => {
    applySettings(current);
    const encounter = store.getState().encounter;
    if (encounter) overlay?.update(encounter, current);
  });
  applySettings(settings.getState());

  let toldAboutAudio = false;
  const onAudioStatus = (status: AudioPort['status']) => {
    store.getState().setAudioStatus(status);
    const message = AUDIO_MESSAGES[status];
    if (message && !toldAboutAudio) {
      toldAboutAudio = true;
      toast.textContent = message;
      window.setTimeout(() => (toast.textContent = ''), 8_000);
    }
  };
  const unsubscribeAudio = audio.onStatus(onAudioStatus);
  // The silent face starts muted and never changes: say so at once.
  if (audio.status !== 'locked') onAudioStatus(audio.status);

  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.repeat) return;
    if (overlay?.handleKey(event)) {
      event.preventDefault();
      return;
    }
    const screen = store.getState().screen;
    if (event.key === 'Escape' && screen.name === 'settings') {
      event.preventDefault();
      go(screen.back);
    }
  };
  const onGesture = () => audio.unlock();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') controller?.pause('hidden');
    else controller?.resume('hidden');
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onGesture, { capture: true });
  document.addEventListener('keydown', onGesture, { capture: true });
  document.addEventListener('visibilitychange', onVisibility);

  render(store.getState().screen);

  return {
    controller: () => controller,
    destroy() {
      controller?.stop();
      unsubscribeStore();
      unsubscribeSettings();
      unsubscribeAudio();
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onGesture, { capture: true });
      document.removeEventListener('keydown', onGesture, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
      root.replaceChildren();
    },
  };
}
