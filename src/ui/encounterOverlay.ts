/**
 * The encounter overlay: everything the trainee reads or chooses while the scene plays, as DOM
 * over the canvas. The stage they are at, the clock, captions in a live region, the always
 * available "Something's wrong", the open decision with numbered options, the report form, and
 * the pause menu. Keyboard (Space, 1 to 4, Esc), mouse and touch all reach every action.
 */
import type {
  CaptionView,
  DecisionView,
  EncounterView,
  ReportView,
  TraineeStage,
} from '../engine/index.ts';
import type { EncounterStatus } from '../store/appStore.ts';
import type { Settings } from '../store/settingsStore.ts';
import { button, formatClock, h, srOnly } from './dom.ts';
import { captionLine, nameTag } from './stageText.ts';

export interface EncounterCommands {
  signal(timestamp: number): void;
  choose(decision: string, option: string, timestamp: number): void;
  submitReport(items: string[], timestamp: number): void;
  pause(): void;
  resume(): void;
  restart(): void;
  quit(): void;
  openSettings(): void;
}

export interface OverlayOptions {
  readonly commands: EncounterCommands;
  /** Words for a sound key ("Taser crackling"), or undefined for a sound without meaning. */
  readonly soundCaption: (key: string) => string | undefined;
  /** Names of the people on stage by id, for name tags. */
  readonly names: ReadonlyMap<string, string>;
}

export const STAGE_NAMES: Record<TraineeStage, string> = {
  see: 'Stage 1: See the problem',
  determine: 'Stage 2: Is action required?',
  commit: 'Stage 3: Take responsibility',
  choose: 'Stage 4: How to intervene',
  act: 'Stage 5: Take action',
  resolved: 'You have stepped in',
  report: 'Report and document',
  done: 'Report handed in',
};

/** Shown under the stage name while the trainee watches: what the signal is for. */
const WATCH_HINT =
  'Watch your colleagues as well as the subject. Press Space the moment something is wrong.';

export interface EncounterOverlay {
  readonly root: HTMLElement;
  update(status: EncounterStatus, settings: Settings): void;
  /** Handles a key press; returns true when the key was used. */
  handleKey(event: KeyboardEvent): boolean;
  destroy(): void;
}

export function mountEncounterOverlay(
  container: HTMLElement,
  options: OverlayOptions,
): EncounterOverlay {
  const { commands } = options;
  const stageName = h('h2', { class: 'stage-name', id: 'stage-name' });
  const stageHint = h('p', { class: 'stage-hint' });
  const clock = h('p', { class: 'scene-clock', 'aria-label': 'Scene clock' });
  const pauseButton = button('Pause (Esc)', () => commands.pause(), {
    class: 'pause-button',
    'aria-keyshortcuts': 'Escape',
  });
  const hud = h(
    'header',
    { class: 'hud' },
    h('div', { class: 'hud-stage' }, stageName, stageHint),
    clock,
    pauseButton,
  );

  const captionLog = h('div', {
    class: 'captions',
    role: 'log',
    'aria-live': 'polite',
    'aria-label': 'Captions',
  });
  const tags = h('div', { class: 'name-tags', 'aria-hidden': 'true' });
  const people = h('ul', { class: 'sr-only', 'aria-label': 'People in the scene' });
  const signalButton = button(
    h('span', {}, "Something's wrong", h('kbd', {}, 'Space')),
    (timestamp) => commands.signal(timestamp),
    { class: 'signal-button', 'aria-keyshortcuts': 'Space' },
  );
  const decisionSlot = h('div', { class: 'decision-slot' });
  const reportSlot = h('div', { class: 'report-slot' });
  const pauseSlot = h('div', { class: 'pause-slot' });
  const root = h(
    'section',
    { class: 'encounter-overlay', 'aria-labelledby': 'stage-name' },
    hud,
    tags,
    people,
    captionLog,
    signalButton,
    decisionSlot,
    reportSlot,
    pauseSlot,
  );
  container.replaceChildren(root);

  let shownCaptions = 0;
  let shownDecision: string | undefined;
  let shownReport = false;
  let shownPause = false;
  let current: EncounterStatus | undefined;
  let currentSettings: Settings | undefined;
  let peopleShown = '';

  function update(status: EncounterStatus, settings: Settings): void {
    const { view } = status;
    current = status;
    currentSettings = settings;
    stageName.textContent = STAGE_NAMES[view.stage];
    stageHint.textContent = view.stage === 'see' ? WATCH_HINT : '';
    clock.textContent = formatClock(status.time);
    clock.hidden = !settings.showClock;
    signalButton.hidden = !view.canSignal || status.paused;
    root.classList.toggle('paused', status.paused);

    renderCaptions(view.captions, settings);
    renderTags(status, view);
    renderDecision(view.decision, status, settings);
    renderReport(view.report);
    renderPause(status.paused);
  }

  function renderCaptions(captions: readonly CaptionView[], settings: Settings): void {
    captionLog.hidden = !settings.captions;
    if (captions.length < shownCaptions) {
      captionLog.replaceChildren();
      shownCaptions = 0;
    }
    for (const caption of captions.slice(shownCaptions)) {
      captionLog.append(captionLine(caption, options.soundCaption));
    }
    shownCaptions = captions.length;
    // Only the newest lines stay on screen; the log keeps them all for screen readers.
    const lines = [...captionLog.children];
    lines.forEach((line, i) => line.classList.toggle('older', i < lines.length - 2));
  }

  function renderTags(status: EncounterStatus, view: EncounterView): void {
    tags.replaceChildren(...status.anchors.map((anchor) => nameTag(anchor, view, options.names)));
    const listed = view.figures
      .map((f) => `${f.name}${f.action ? `: ${f.action.motion.replace(/-/g, ' ')}` : ''}`)
      .join('|');
    if (listed !== peopleShown) {
      peopleShown = listed;
      people.replaceChildren(...listed.split('|').map((text) => h('li', {}, text)));
    }
  }

  function renderDecision(
    decision: DecisionView | undefined,
    status: EncounterStatus,
    settings: Settings,
  ): void {
    const key = decision ? `${decision.id}@${decision.openedAt}` : undefined;
    if (key !== shownDecision) {
      shownDecision = key;
      decisionSlot.replaceChildren();
      if (decision) {
        const panel = decisionPanel(decision);
        decisionSlot.append(panel);
        panel.focus({ preventScroll: true });
      }
    }
    const bar = decisionSlot.querySelector<HTMLElement>('.time-bar-fill');
    if (bar && decision) {
      const total = decision.deadline - decision.openedAt;
      const left = Math.max(0, decision.deadline - status.time);
      bar.style.transform = `scaleX(${total > 0 ? left / total : 0})`;
      bar.parentElement?.toggleAttribute('hidden', !settings.showClock);
    }
  }

  function decisionPanel(decision: DecisionView): HTMLElement {
    const promptId = `prompt-${decision.id}`;
    const list = h('ol', { class: 'options' });
    for (const option of decision.options) {
      list.append(
        h(
          'li',
          {},
          button(
            h('span', {}, h('kbd', {}, String(option.key)), ' ', option.text),
            (timestamp) => commands.choose(decision.id, option.id, timestamp),
            { class: 'option', 'aria-keyshortcuts': String(option.key), 'data-option': option.id },
          ),
        ),
      );
    }
    return h(
      'section',
      { class: `decision stage-${decision.stage}`, 'aria-labelledby': promptId, tabindex: -1 },
      h('p', { class: 'decision-stage' }, STAGE_NAMES[decision.stage]),
      h('h3', { id: promptId, class: 'decision-prompt' }, decision.prompt),
      h('div', { class: 'time-bar', role: 'presentation' }, h('div', { class: 'time-bar-fill' })),
      list,
      srOnly('Press the number of your choice. The scene keeps moving while you decide.'),
    );
  }

  function renderReport(report: ReportView | undefined): void {
    if (Boolean(report) === shownReport) return;
    shownReport = Boolean(report);
    reportSlot.replaceChildren();
    if (!report) return;
    const fields = report.items.map((item) =>
      h(
        'li',
        {},
        h(
          'label',
          {},
          h('input', { type: 'checkbox', name: 'report-item', value: item.id }),
          ` ${item.text}`,
        ),
      ),
    );
    const form = h(
      'form',
      { class: 'report-form', 'aria-labelledby': 'report-heading' },
      h('h3', { id: 'report-heading' }, 'Your report'),
      h('p', {}, report.prompt),
      h(
        'p',
        { class: 'report-help' },
        'Tick every statement that belongs in your report, in your own words. Leave out what is untrue or hides what happened.',
      ),
      h('ul', { class: 'report-items' }, ...fields),
      h('button', { type: 'submit', class: 'primary' }, 'Hand in the report'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const items = [
        ...form.querySelectorAll<HTMLInputElement>('input[name="report-item"]:checked'),
      ].map((input) => input.value);
      commands.submitReport(items, event.timeStamp);
    });
    reportSlot.append(form);
    form.querySelector('h3')?.setAttribute('tabindex', '-1');
    form.querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
  }

  function renderPause(paused: boolean): void {
    if (paused === shownPause) return;
    shownPause = paused;
    pauseSlot.replaceChildren();
    if (!paused) {
      pauseButton.focus({ preventScroll: true });
      return;
    }
    const resume = button('Resume', () => commands.resume(), { class: 'primary' });
    const dialog = h(
      'div',
      {
        class: 'pause-menu',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'pause-heading',
      },
      h('h2', { id: 'pause-heading' }, 'Paused'),
      h('p', {}, 'The scene clock has stopped. Nothing happens until you resume.'),
      resume,
      button('Restart the scenario', () => commands.restart()),
      button('Settings', () => commands.openSettings()),
      button('Quit to the menu', () => commands.quit()),
    );
    pauseSlot.append(dialog);
    resume.focus({ preventScroll: true });
  }

  function handleKey(event: KeyboardEvent): boolean {
    if (!current || !currentSettings) return false;
    const { view, paused } = current;
    if (event.key === 'Escape') {
      if (paused) commands.resume();
      else commands.pause();
      return true;
    }
    if (paused) return trapFocus(event);
    if (
      (event.key === ' ' || event.code === 'Space') &&
      view.canSignal &&
      !isFormControl(event.target)
    ) {
      commands.signal(event.timeStamp);
      return true;
    }
    if (view.decision && /^[1-4]$/.test(event.key) && !isTextField(event.target)) {
      const option = view.decision.options.find((o) => o.key === Number(event.key));
      if (option) {
        commands.choose(view.decision.id, option.id, event.timeStamp);
        return true;
      }
    }
    return false;
  }

  /** Keeps Tab inside the pause menu while it is open. */
  function trapFocus(event: KeyboardEvent): boolean {
    if (event.key !== 'Tab') return false;
    const focusable = [...pauseSlot.querySelectorAll<HTMLElement>('button')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return false;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !pauseSlot.contains(active))) {
      last.focus();
      return true;
    }
    if (!event.shiftKey && (active === last || !pauseSlot.contains(active))) {
      first.focus();
      return true;
    }
    return false;
  }

  return {
    root,
    update,
    handleKey,
    destroy: () => container.replaceChildren(),
  };
}

/** Space on a focused control belongs to that control, not to the signal. */
function isFormControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.classList.contains('signal-button')) return false;
  return ['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'A'].includes(target.tagName);
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio'
  );
}
