/**
 * The presenter window: the instructor's notes and controls for the class run that the projector
 * window plays. It draws no stage and keeps no records; it says hello, shows every status the
 * projector sends, and sends the instructor's commands back.
 */
import type { ClassStatus } from '../../engine/index.ts';
import type { ScenarioCatalog } from '../../scenarioCatalog.ts';
import { mountPresenterScreen } from '../../ui/classroom/presenterScreen.ts';
import type { ClassLink } from './classChannel.ts';

/** How long without a word from the projector before the presenter says it has none. */
const PROJECTOR_SILENCE_MS = 4_000;

export interface PresenterAppDeps {
  readonly root: HTMLElement;
  readonly catalog: ScenarioCatalog;
  readonly link: ClassLink;
  readonly openProjector: () => void;
}

export function mountPresenterApp(deps: PresenterAppDeps): { destroy(): void } {
  const screen = mountPresenterScreen(deps.root, {
    scenarios: deps.catalog.scenarios.map((entry) => ({
      id: entry.scenario.id,
      title: entry.scenario.title,
    })),
    send: (command) => deps.link.post({ kind: 'command', command }),
    openProjector: deps.openProjector,
  });
  let last: ClassStatus | undefined;
  let silence: number | undefined;
  const listen = () => {
    window.clearTimeout(silence);
    silence = window.setTimeout(() => {
      // The projector window was closed: ask again, and say so until it answers.
      last = undefined;
      screen.update(undefined);
      deps.link.post({ kind: 'hello', from: 'presenter' });
      listen();
    }, PROJECTOR_SILENCE_MS);
  };
  const unsubscribe = deps.link.onMessage((message) => {
    if (message.kind === 'status') {
      last = message.status;
      screen.update(last);
      listen();
    }
    // A projector that opens after the presenter introduces itself: ask for its status.
    if (message.kind === 'hello' && message.from === 'projector') {
      deps.link.post({ kind: 'hello', from: 'presenter' });
    }
  });
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.repeat) return;
    if (screen.handleKey(event)) event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  screen.update(last);
  deps.link.post({ kind: 'hello', from: 'presenter' });
  listen();
  return {
    destroy() {
      window.clearTimeout(silence);
      unsubscribe();
      document.removeEventListener('keydown', onKey);
      screen.destroy();
    },
  };
}
