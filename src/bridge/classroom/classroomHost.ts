/**
 * Classroom mode inside the app: starting a class run, the projector overlay, the keys and the
 * link to the presenter window. The presenter can start a run from the menu, so the link listens
 * for as long as the app is open; the projector answers every presenter that says hello.
 */
import type { ClassCommand, ClassStatus, CompiledScenario, RunLog } from '../../engine/index.ts';
import { idleClassStatus } from '../../engine/index.ts';
import type { AudioPort } from '../../audio/audioPort.ts';
import type { ScenePort } from '../../game/scenePort.ts';
import type { AppStore } from '../../store/appStore.ts';
import type { SettingsStore } from '../../store/settingsStore.ts';
import { classKeyAction } from '../../ui/classroom/classKeys.ts';
import {
  mountProjectorOverlay,
  type ProjectorOverlay,
} from '../../ui/classroom/projectorOverlay.ts';
import type { FrameScheduler } from '../encounterController.ts';
import type { ClassLink } from './classChannel.ts';
import { ClassroomController } from './classroomController.ts';

/** How often the projector tells the presenter it is there, in milliseconds. */
const HEARTBEAT_MS = 1_000;

export interface ClassroomHostDeps {
  readonly store: AppStore;
  readonly settings: SettingsStore;
  readonly audio: AudioPort;
  readonly scene: () => ScenePort | undefined;
  readonly loadStage: () => Promise<ScenePort | undefined>;
  readonly compile: (id: string) => CompiledScenario | undefined;
  readonly now: () => number;
  readonly frames: FrameScheduler;
  readonly speed?: number;
  readonly soundCaption: (key: string) => string | undefined;
  /** The presenter link; classroom mode works with keys alone without it. */
  readonly link: ClassLink | undefined;
  /** Shows the debrief of a class run, coming back to the class on "back". */
  readonly showDebrief: (scenarioId: string, log: RunLog) => void;
  readonly openPresenter: () => void;
  readonly toggleFullscreen: () => void;
}

export interface ClassroomHost {
  /** Starts a class run of scenario `id` (the stage loads first); ends any run before it. */
  start(id: string): Promise<void>;
  /** Draws the projector view into `host`, for the classroom screen. */
  mount(host: HTMLElement): void;
  /** The screen went elsewhere: the overlay goes; the run stays only for its debrief. */
  unmount(): void;
  /** Back from the debrief to the scene as it ended. */
  backFromDebrief(): void;
  /** Ends the class run, if any, and tells the presenter. */
  end(): void;
  handleKey(event: KeyboardEvent): boolean;
  /** The run now, for tests and tools. */
  readonly controller: () => ClassroomController | undefined;
  destroy(): void;
}

export function createClassroomHost(deps: ClassroomHostDeps): ClassroomHost {
  const { store, settings, link } = deps;
  let controller: ClassroomController | undefined;
  let overlay: ProjectorOverlay | undefined;
  let unsubscribeController: (() => void) | undefined;
  let starting: string | undefined;

  const status = (): ClassStatus => controller?.status ?? idleClassStatus();
  const tellPresenter = () => link?.post({ kind: 'status', status: status() });
  const draw = () => {
    if (!overlay || !controller) return;
    overlay.update(controller.status, store.getState().encounter, settings.getState());
  };

  const end = () => {
    starting = undefined;
    unsubscribeController?.();
    unsubscribeController = undefined;
    controller?.stop();
    controller = undefined;
    tellPresenter();
  };

  const start = async (id: string) => {
    const compiled = deps.compile(id);
    if (!compiled) {
      link?.post({ kind: 'status', status: idleClassStatus(`There is no scenario "${id}".`) });
      return;
    }
    starting = id;
    await deps.loadStage();
    if (starting !== id) return;
    starting = undefined;
    end();
    controller = new ClassroomController(compiled, {
      store,
      settings,
      audio: deps.audio,
      scene: deps.scene,
      now: deps.now,
      frames: deps.frames,
      ...(deps.speed === undefined ? {} : { speed: deps.speed }),
      showDebrief: (log) => deps.showDebrief(id, log),
    });
    unsubscribeController = controller.subscribe(() => {
      draw();
      tellPresenter();
    });
    store.getState().go({ name: 'classroom', scenarioId: id });
    tellPresenter();
  };

  const command = (command: ClassCommand) => {
    if (command.type === 'start') {
      void start(command.scenarioId);
      return;
    }
    if (command.type === 'menu') {
      end();
      store.getState().go({ name: 'menu' });
      return;
    }
    if (!controller) {
      link?.post({
        kind: 'status',
        status: idleClassStatus('No class run is on: start a scenario first.'),
      });
      return;
    }
    const screen = store.getState().screen;
    // From the debrief, going back to a decision brings the room back to the scene first.
    if (command.type === 'rewind' && screen.name !== 'classroom') {
      store.getState().go({ name: 'classroom', scenarioId: controller.compiled.scenario.id });
    }
    controller.command(command);
  };

  const unsubscribeLink = link?.onMessage((message) => {
    if (message.kind === 'hello' && message.from === 'presenter') tellPresenter();
    if (message.kind === 'command') command(message.command);
  });
  link?.post({ kind: 'hello', from: 'projector' });
  // A frozen scene sends nothing new: a heartbeat tells the presenter the projector is still
  // there (and brings a presenter opened later up to date).
  const heartbeat = link ? window.setInterval(tellPresenter, HEARTBEAT_MS) : undefined;
  const unsubscribeStore = store.subscribe((state, previous) => {
    if (state.encounter !== previous.encounter) draw();
  });

  return {
    start,
    mount(host) {
      const compiled = controller?.compiled;
      if (!compiled) return;
      overlay = mountProjectorOverlay(host, {
        title: compiled.scenario.title,
        soundCaption: deps.soundCaption,
        names: new Map(compiled.scenario.cast.map((member) => [member.id, member.name])),
        send: command,
        toggleFullscreen: deps.toggleFullscreen,
        openPresenter: deps.openPresenter,
      });
      controller?.backFromDebrief();
      draw();
    },
    unmount() {
      overlay?.destroy();
      overlay = undefined;
    },
    backFromDebrief() {
      controller?.backFromDebrief();
    },
    end,
    handleKey(event) {
      if (!overlay) return false;
      // Enter and Space on a focused button are that button's own.
      const onControl =
        event.target instanceof HTMLButtonElement || event.target instanceof HTMLInputElement;
      if (onControl && (event.key === 'Enter' || event.key === ' ')) return false;
      const action = classKeyAction(event, controller?.status);
      if (!action) return false;
      if (action.kind === 'fullscreen') deps.toggleFullscreen();
      else if (action.kind === 'presenter') deps.openPresenter();
      else command(action.command);
      return true;
    },
    controller: () => controller,
    destroy() {
      end();
      unsubscribeLink?.();
      window.clearInterval(heartbeat);
      unsubscribeStore();
      overlay?.destroy();
    },
  };
}
