/**
 * Wires the screens to the stores, the encounter controller, the stage, audio and the records:
 * which screen shows, what each command does, the keyboard, a hidden tab pausing the clock, audio
 * unlocking on the first gesture, and every run recorded under the trainee practising. The
 * screens only draw and report what the player did.
 */
import { compileScenario, score, type CompiledScenario, type RunLog } from '../engine/index.ts';
import type { AudioPort } from '../audio/audioPort.ts';
import type { ScenePort } from '../game/scenePort.ts';
import type { Records, RunRecord } from '../records/index.ts';
import type { ScenarioCatalog } from '../scenarioCatalog.ts';
import type { AppState, AppStore, DebriefFrom, Screen } from '../store/appStore.ts';
import type { Settings, SettingsStore } from '../store/settingsStore.ts';
import { renderBriefing, type Briefing } from '../ui/briefingScreen.ts';
import { h } from '../ui/dom.ts';
import { mountEncounterOverlay, type EncounterOverlay } from '../ui/encounterOverlay.ts';
import { renderClassSummary } from '../ui/classSummaryScreen.ts';
import { renderDebrief } from '../ui/debriefScreen.ts';
import { renderHistory } from '../ui/historyScreen.ts';
import {
  analyseRuns,
  importMessages,
  loadClassRecords,
  summarizeClass,
  traineeHistory,
} from '../records/classSummary.ts';
import { renderEnd } from '../ui/endScreen.ts';
import { mountReplayScreen, type ReplayScreen } from '../ui/replayScreen.ts';
import { renderMenu } from '../ui/menuScreen.ts';
import { downloadFile, isGuest, type DownloadFile } from '../ui/recordsPanel.ts';
import { renderSettings } from '../ui/settingsScreen.ts';
import {
  EncounterController,
  type FrameScheduler,
  type ResumePoint,
} from './encounterController.ts';
import { createRecordsMenu, resumeProblem } from './recordsMenu.ts';
import { ReplayController } from './replayController.ts';
import { broadcastLink, type ClassLink } from './classroom/classChannel.ts';
import { createClassroomHost, type ClassroomHost } from './classroom/classroomHost.ts';

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
  /** The trainee records on this device: every run is saved there as it happens. */
  readonly records: Records;
  /** Hands a file the player exported to the browser; a download unless a test says otherwise. */
  readonly download?: (file: DownloadFile) => void;
  /** The link to a presenter window; the browser's BroadcastChannel unless a test passes one. */
  readonly classLink?: ClassLink;
}

export interface MountedApp {
  /** The running encounter's controller, for tests and tools. */
  readonly controller: () => EncounterController | undefined;
  /** The replay being watched, for tests and tools. */
  readonly replay: () => ReplayController | undefined;
  /** Classroom mode: the class run, for tests and tools. */
  readonly classroom: ClassroomHost;
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

  let finishedLog: { readonly scenarioId: string; readonly log: RunLog } | undefined;
  /** Shows a saved run's debrief; returns why it cannot, when it cannot. */
  const openSavedDebrief = (record: RunRecord, from: DebriefFrom): string | undefined => {
    const made = compile(record.scenario.id);
    if (!made) return `The scenario "${record.scenario.id}" is not installed here.`;
    if (made.scenario.version !== record.scenario.version) {
      return `This run was played on version ${record.scenario.version} of "${made.scenario.title}"; version ${made.scenario.version} is installed, so it cannot be debriefed here.`;
    }
    finishedLog = { scenarioId: made.scenario.id, log: record.log };
    go({ name: 'debrief', scenarioId: made.scenario.id, from });
    return undefined;
  };
  /** Every finished run on this device, graded again from its log against the installed scenarios. */
  const analyseClass = async () =>
    analyseRuns({
      ...(await loadClassRecords(records)),
      scenarios: deps.catalog.scenarios.map((entry) => entry.scenario),
    });
  const openRunDebrief = (runId: string, from: DebriefFrom) =>
    void records.getRun(runId).then((record) => {
      if (record) openSavedDebrief(record, from);
    });
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
  let replayScreen: ReplayScreen | undefined;
  let replayController: ReplayController | undefined;
  let startWhenReady: string | undefined;
  const { records } = deps;

  /** A new run of scenario `id`, or, with `resumeFrom`, a saved one taken up again. */
  const startEncounter = (id: string, resumeFrom?: ResumePoint) => {
    const made = compile(id);
    if (!made) return go({ name: 'menu' });
    // Starting again mid-run leaves the old run: it is kept as abandoned.
    controller?.abandon();
    controller = undefined;
    const trainee = store.getState().trainee;
    controller = new EncounterController(
      made,
      {
        store,
        settings,
        audio,
        scene: () => scene,
        now: deps.now,
        frames: deps.frames,
        ...(deps.speed === undefined ? {} : { speed: deps.speed }),
        ...(trainee ? { record: (log) => records.startRun(trainee.id, log) } : {}),
      },
      resumeFrom,
    );
    go({ name: 'encounter', scenarioId: id });
  };

  const go = (screen: Screen) => store.getState().go(screen);

  const classroom = createClassroomHost({
    store,
    settings,
    audio,
    scene: () => scene,
    loadStage,
    compile,
    now: deps.now,
    frames: deps.frames,
    ...(deps.speed === undefined ? {} : { speed: deps.speed }),
    soundCaption: deps.soundCaption,
    link: deps.classLink ?? broadcastLink(),
    showDebrief: (scenarioId, log) => {
      finishedLog = { scenarioId, log };
      go({ name: 'debrief', scenarioId, from: 'classroom' });
    },
    openPresenter: () => {
      const url = new URL(window.location.href);
      url.search = '?view=presenter';
      window.open(url.href, 'dti-presenter', 'popup,width=1280,height=800');
    },
    toggleFullscreen: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.();
    },
  });

  const resumeRun = async (record: RunRecord): Promise<string | undefined> => {
    const problem = resumeProblem(record, deps.catalog);
    if (problem !== undefined) return problem;
    const [, trainees] = await Promise.all([loadStage(), records.listTrainees()]);
    // The player went elsewhere while the scene loaded: the run waits for another time.
    if (store.getState().screen.name !== 'menu') return undefined;
    const resumed = await records.resumeRun(record.id);
    if (!resumed) return 'That run is no longer waiting: it may be open in another tab.';
    const owner = trainees.find((t) => t.id === resumed.record.traineeId);
    if (owner) store.getState().setTrainee({ id: owner.id, name: owner.name });
    try {
      startEncounter(resumed.record.scenario.id, {
        log: resumed.record.log,
        recorder: resumed.recorder,
      });
      return undefined;
    } catch (error) {
      // Still on the menu: the encounter screen is only shown once the controller stands.
      resumed.recorder.abandon();
      store.getState().setEncounter(undefined);
      return `The run could not be rebuilt from its log (${error instanceof Error ? error.message : String(error)}). It is kept as abandoned.`;
    }
  };

  const recordsMenu = createRecordsMenu({
    records,
    store,
    catalog: deps.catalog,
    download: deps.download ?? downloadFile,
    resume: resumeRun,
    openDebrief: (record) => openSavedDebrief(record, 'menu'),
  });
  store.getState().setRecords(records.status);
  const unsubscribeRecords = records.onStatus((status) => store.getState().setRecords(status));

  const openSettings = () => {
    controller?.pause('pause');
    go({ name: 'settings', back: store.getState().screen });
  };

  /** Plays `run` back on the stage under the replay screen, once the stage is there. */
  const startReplay = (made: CompiledScenario, log: RunLog, screen: Screen, startAt: number) => {
    const begin = () => {
      // The viewer left while the stage loaded.
      if (store.getState().screen !== screen || !replayScreen) return;
      const shown = replayScreen;
      replayController = new ReplayController(made, log, {
        settings,
        scene: () => scene,
        now: deps.now,
        frames: deps.frames,
      });
      replayController.subscribe((status) => shown.update(status, settings.getState()));
      if (startAt > 0) replayController.seek(startAt);
      shown.update(replayController.status, settings.getState());
      replayController.play();
    };
    if (scene) begin();
    else void loadStage().then(begin);
  };

  const render = (screen: Screen) => {
    overlay?.destroy();
    overlay = undefined;
    briefing = undefined;
    replayController?.stop();
    replayController = undefined;
    replayScreen = undefined;
    classroom.unmount();
    // A class run lives on through its debrief and replay; any other screen ends it.
    const classScreens = ['classroom', 'debrief', 'replay', 'settings'];
    if (!classScreens.includes(screen.name)) classroom.end();
    root.classList.toggle(
      'in-encounter',
      screen.name === 'encounter' || screen.name === 'replay' || screen.name === 'classroom',
    );
    switch (screen.name) {
      case 'classroom': {
        if (!classroom.controller()) return go({ name: 'menu' });
        classroom.mount(screenHost);
        break;
      }
      case 'class': {
        screenHost.replaceChildren(
          h('p', { class: 'screen', role: 'status' }, 'Reading the runs kept on this device…'),
        );
        void analyseClass().then((analysed) => {
          if (store.getState().screen !== screen) return;
          renderClassSummary(
            screenHost,
            { summary: summarizeClass(analysed) },
            {
              importFiles: async (files) => {
                const report = await records.importFiles(files);
                return {
                  messages: importMessages(report),
                  summary: summarizeClass(await analyseClass()),
                };
              },
              openDebrief: (runId) => openRunDebrief(runId, 'class'),
              openHistory: (traineeId) => go({ name: 'history', traineeId }),
              back: () => go({ name: 'menu' }),
              backLabel: 'Back to the scenarios',
            },
          );
        });
        break;
      }
      case 'history': {
        screenHost.replaceChildren(
          h('p', { class: 'screen', role: 'status' }, 'Reading the runs kept on this device…'),
        );
        void analyseClass().then((analysed) => {
          if (store.getState().screen !== screen) return;
          renderHistory(
            screenHost,
            { history: traineeHistory(analysed, screen.traineeId) },
            {
              openDebrief: (runId) => openRunDebrief(runId, 'menu'),
              back: () => go({ name: 'menu' }),
              backLabel: 'Back to the scenarios',
            },
          );
        });
        break;
      }
      case 'menu': {
        const panel = recordsMenu.mount();
        const trainee = store.getState().trainee;
        renderMenu(
          screenHost,
          deps.catalog,
          {
            openBriefing: (id) => go({ name: 'briefing', scenarioId: id }),
            runForClass: (id) => void classroom.start(id),
            openSettings,
            openClassSummary: () => go({ name: 'class' }),
            ...(trainee
              ? { openHistory: () => go({ name: 'history', traineeId: trainee.id }) }
              : {}),
          },
          { beforeScenarios: panel.top, afterScenarios: panel.bottom },
        );
        break;
      }
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
        const trainee = store.getState().trainee;
        briefing = renderBriefing(
          screenHost,
          scenario,
          {
            start: () => {
              startWhenReady = scenario.id;
              // The run is recorded from its first moment, so the trainee must be known first.
              // Should the profile fail, the scene still plays, unrecorded, rather than not at all.
              const profile = recordsMenu.trainee().catch(() => undefined);
              void Promise.all([loadStage(), profile]).then(() => {
                const now = store.getState().screen;
                if (startWhenReady !== scenario.id) return;
                startWhenReady = undefined;
                if (now.name === 'briefing' && now.scenarioId === scenario.id) {
                  startEncounter(scenario.id);
                }
              });
            },
            back: () => {
              startWhenReady = undefined;
              go({ name: 'menu' });
            },
          },
          { recordNote: recordNote(trainee?.name, store.getState().records) },
        );
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
              controller?.abandon();
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
        // The debrief is a function of the log: keep it once the controller is gone.
        if (controller) finishedLog = { scenarioId: screen.scenarioId, log: controller.log };
        controller?.stop();
        controller = undefined;
        if (!result) return go({ name: 'menu' });
        const canDebrief = finishedLog?.scenarioId === screen.scenarioId;
        renderEnd(screenHost, outcome, result, {
          again: () => go({ name: 'briefing', scenarioId: screen.scenarioId }),
          menu: () => go({ name: 'menu' }),
          ...(canDebrief
            ? { debrief: () => go({ name: 'debrief', scenarioId: screen.scenarioId, from: 'end' }) }
            : {}),
        });
        break;
      }
      case 'debrief': {
        const made = compile(screen.scenarioId);
        const run = finishedLog?.scenarioId === screen.scenarioId ? finishedLog : undefined;
        if (!made || !run) return go({ name: 'menu' });
        renderDebrief(
          screenHost,
          { scenario: made.scenario, compiled: made, log: run.log, score: score(made, run.log) },
          {
            back: () =>
              go(
                screen.from === 'end'
                  ? { name: 'end', scenarioId: screen.scenarioId }
                  : screen.from === 'class'
                    ? { name: 'class' }
                    : screen.from === 'classroom'
                      ? { name: 'classroom', scenarioId: screen.scenarioId }
                      : { name: 'menu' },
              ),
            again: () =>
              screen.from === 'classroom'
                ? void classroom.start(screen.scenarioId)
                : go({ name: 'briefing', scenarioId: screen.scenarioId }),
            menu: () => go({ name: 'menu' }),
            replay: (startAt = 0) =>
              go({ name: 'replay', scenarioId: screen.scenarioId, from: screen.from, startAt }),
            ...(screen.from === 'menu' ? { backLabel: 'Back to my runs' } : {}),
            ...(screen.returnFrom === undefined ? {} : { focusReplayFrom: screen.returnFrom }),
            ...(screen.from === 'class' ? { backLabel: 'Back to the class summary' } : {}),
            ...(screen.from === 'classroom' ? { backLabel: 'Back to the scene' } : {}),
          },
        );
        break;
      }
      case 'replay': {
        const made = compile(screen.scenarioId);
        const run = finishedLog?.scenarioId === screen.scenarioId ? finishedLog : undefined;
        if (!made || !run) return go({ name: 'menu' });
        const back = () =>
          go({
            name: 'debrief',
            scenarioId: screen.scenarioId,
            from: screen.from,
            ...(screen.startAt ? { returnFrom: screen.startAt } : {}),
          });
        replayScreen = mountReplayScreen(screenHost, {
          title: made.scenario.title,
          soundCaption: deps.soundCaption,
          names: new Map(made.scenario.cast.map((member) => [member.id, member.name])),
          commands: {
            toggle: () => replayController?.toggle(),
            setSpeed: (speed) => replayController?.setSpeed(speed),
            seek: (t) => replayController?.seek(t),
            previousDecision: () => replayController?.previousDecision(),
            nextDecision: () => replayController?.nextDecision(),
            back,
          },
        });
        startReplay(made, run.log, screen, screen.startAt ?? 0);
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
    }
  });
  const unsubscribeSettings = settings.subscribe((current) => {
    applySettings(current);
    const encounter = store.getState().encounter;
    if (encounter) overlay?.update(encounter, current);
    if (replayController) replayScreen?.update(replayController.status, current);
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
    if (overlay?.handleKey(event) || replayScreen?.handleKey(event) || classroom.handleKey(event)) {
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
    if (document.visibilityState === 'hidden') {
      controller?.pause('hidden');
      replayController?.pause();
      // A projector window hidden behind the presenter is still what the room watches: a class
      // run goes on.
    } else controller?.resume('hidden');
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onGesture, { capture: true });
  document.addEventListener('keydown', onGesture, { capture: true });
  document.addEventListener('visibilitychange', onVisibility);

  render(store.getState().screen);

  return {
    controller: () => controller,
    replay: () => replayController,
    classroom,
    destroy() {
      classroom.destroy();
      // Like a closed tab: a run under way stays in progress, to be resumed next time.
      controller?.stop();
      replayController?.stop();
      recordsMenu.destroy();
      unsubscribeRecords();
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

/** What the briefing says about where the run will be kept. */
function recordNote(name: string | undefined, records: AppState['records']): string {
  if (records.state === 'not-kept') {
    return `Records are not being kept on this device: ${records.reason} Export your runs from the menu before closing.`;
  }
  const who = name ?? 'Guest';
  return isGuest(who)
    ? 'Your run is saved as you play, under "Guest". Choose your name on the menu to keep runs under it.'
    : `Your run is saved as you play, under ${who}.`;
}
