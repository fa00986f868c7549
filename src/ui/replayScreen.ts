/**
 * The replay screen: controls over the stage for watching a finished run again. Play and pause,
 * the speed, a scrubber over scene time with a tick at every decision, jumps to the previous and
 * next decision, and the way back to the debrief; above them the moment shown (its stage, its
 * captions, the clock) and the decision taken there, in words. Every control works by keyboard:
 * Space or K, 1 to 4, J and L (or [ and ]), and the scrubber's own arrow keys.
 */
import type { CaptionView, DecisionPoint, EncounterView } from '../engine/index.ts';
import { REPLAY_SPEEDS, type ReplaySpeed, type ReplayStatus } from '../bridge/replayController.ts';
import type { Settings } from '../store/settingsStore.ts';
import { button, formatClock, h, srOnly } from './dom.ts';
import { captionLine, nameTag } from './stageText.ts';
import { STAGE_NAMES } from './encounterOverlay.ts';
import './replay.css';

export interface ReplayCommands {
  toggle(): void;
  setSpeed(speed: ReplaySpeed): void;
  seek(t: number): void;
  previousDecision(): void;
  nextDecision(): void;
  back(): void;
}

export interface ReplayScreenOptions {
  readonly title: string;
  readonly commands: ReplayCommands;
  /** Words for a sound key, or undefined for a sound without meaning. */
  readonly soundCaption: (key: string) => string | undefined;
  /** Names of the people on stage by id, for name tags. */
  readonly names: ReadonlyMap<string, string>;
}

export interface ReplayScreen {
  readonly root: HTMLElement;
  update(status: ReplayStatus, settings: Settings): void;
  /** Handles a key press; returns true when the key was used. */
  handleKey(event: KeyboardEvent): boolean;
  destroy(): void;
}

/** How many captions a jump shows: the moment, not everything said before it. */
const CAPTIONS_AFTER_JUMP = 2;

export function mountReplayScreen(
  container: HTMLElement,
  options: ReplayScreenOptions,
): ReplayScreen {
  const { commands } = options;
  const stageName = h('p', { class: 'stage-name' });
  const moment = h(
    'div',
    { class: 'replay-moment', 'aria-live': 'polite', 'aria-atomic': 'true' },
    stageName,
  );
  const clock = h('p', { class: 'scene-clock replay-clock' });
  const hud = h(
    'header',
    { class: 'hud replay-hud' },
    h(
      'div',
      { class: 'hud-stage' },
      h('h2', { class: 'replay-title', id: 'replay-title' }, `Replay: ${options.title}`),
      moment,
    ),
    clock,
  );
  const captionLog = h('div', {
    class: 'captions replay-captions',
    role: 'log',
    'aria-live': 'polite',
    'aria-label': 'Captions',
  });
  const tags = h('div', { class: 'name-tags', 'aria-hidden': 'true' });
  const decisionText = h('p', { class: 'replay-decision', 'aria-live': 'polite' });

  const playButton = button('', () => commands.toggle(), {
    class: 'primary replay-play',
    'aria-keyshortcuts': 'Space K',
  });
  const speedSelect = h('select', { id: 'replay-speed', class: 'replay-speed' });
  for (const speed of REPLAY_SPEEDS) {
    speedSelect.append(h('option', { value: String(speed) }, `${speed}x`));
  }
  speedSelect.addEventListener('change', () => {
    commands.setSpeed(Number(speedSelect.value) as ReplaySpeed);
  });
  const scrubber = h('input', {
    type: 'range',
    id: 'replay-scrubber',
    class: 'replay-scrubber',
    min: 0,
    max: 0,
    step: 0.1,
    value: 0,
    'aria-describedby': 'replay-scrubber-help',
  });
  scrubber.addEventListener('input', () => commands.seek(Number(scrubber.value)));
  const ticks = h('div', { class: 'replay-ticks', 'aria-hidden': 'true' });
  const previousButton = button(
    h('span', {}, 'Previous decision', h('kbd', {}, 'J')),
    () => commands.previousDecision(),
    { 'aria-keyshortcuts': 'J [' },
  );
  const nextButton = button(
    h('span', {}, 'Next decision', h('kbd', {}, 'L')),
    () => commands.nextDecision(),
    { 'aria-keyshortcuts': 'L ]' },
  );
  const backButton = button('Back to the debrief', () => commands.back());
  const bar = h(
    'div',
    { class: 'replay-bar', role: 'group', 'aria-label': 'Replay controls' },
    h(
      'div',
      { class: 'replay-track' },
      h('label', { for: 'replay-scrubber' }, 'Scene time'),
      h('div', { class: 'replay-scrubber-wrap' }, scrubber, ticks),
      h(
        'p',
        { id: 'replay-scrubber-help', class: 'replay-help' },
        'Arrow keys move a tenth of a second, Page Up and Page Down further. Marks show decisions. Once the scene is over, long waits play short.',
      ),
    ),
    h(
      'div',
      { class: 'replay-buttons' },
      playButton,
      h(
        'span',
        { class: 'replay-speed-field' },
        h('label', { for: 'replay-speed' }, 'Speed'),
        speedSelect,
        srOnly('Keys 1 to 4 choose 0.5x, 1x, 2x or 4x.'),
      ),
      previousButton,
      nextButton,
      backButton,
    ),
    decisionText,
  );
  const root = h(
    'section',
    { class: 'replay-screen', 'aria-labelledby': 'replay-title' },
    hud,
    tags,
    captionLog,
    bar,
  );
  container.replaceChildren(root);
  playButton.focus({ preventScroll: true });

  let shownCaptions: string[] = [];
  let shownJumps = -1;
  let shownTicks = '';
  let shownPlaying: boolean | undefined;
  let shownDecision = '';

  function update(status: ReplayStatus, settings: Settings): void {
    const { view } = status;
    stageName.textContent = view.outcome
      ? `${STAGE_NAMES[view.stage]}. Outcome: ${view.outcome.title}`
      : STAGE_NAMES[view.stage];
    clock.textContent = `${formatClock(status.time)} of ${formatClock(status.duration)}`;
    if (shownPlaying !== status.playing) {
      shownPlaying = status.playing;
      playButton.replaceChildren(
        h('span', {}, status.playing ? 'Pause' : 'Play', h('kbd', {}, 'K')),
      );
    }
    speedSelect.value = String(status.speed);
    scrubber.max = String(status.duration);
    // The scrubber follows the replay unless the viewer is moving it.
    if (Number(scrubber.value) !== status.time) scrubber.value = String(status.time);
    scrubber.setAttribute(
      'aria-valuetext',
      `${formatClock(status.time)} of ${formatClock(status.duration)}`,
    );
    renderTicks(status);
    renderCaptions(view.captions, settings, status.jumps !== shownJumps);
    shownJumps = status.jumps;
    renderTags(status, view);
    const text = decisionSentence(status);
    if (text !== shownDecision) {
      shownDecision = text;
      decisionText.textContent = text;
    }
    previousButton.disabled = !status.decisionPoints.some((p) => p.t < status.time);
    nextButton.disabled = !status.decisionPoints.some((p) => p.t > status.time);
  }

  function renderTicks(status: ReplayStatus): void {
    const key = `${status.duration}:${status.decisionPoints.map((p) => p.t).join(',')}`;
    if (key === shownTicks) return;
    shownTicks = key;
    ticks.replaceChildren(
      ...status.decisionPoints.map((point) => {
        const tick = h('span', { class: `replay-tick ${point.kind}` });
        const at = status.duration > 0 ? point.t / status.duration : 0;
        tick.style.left = `${(at * 100).toFixed(2)}%`;
        return tick;
      }),
    );
  }

  function renderCaptions(
    captions: readonly CaptionView[],
    settings: Settings,
    jumped: boolean,
  ): void {
    captionLog.hidden = !settings.captions;
    const keys = captions.map((c) => `${c.beat}@${c.t}:${c.speaker ?? ''}`);
    const continues =
      !jumped &&
      keys.length >= shownCaptions.length &&
      shownCaptions.every((key, i) => keys[i] === key);
    let fresh: readonly CaptionView[];
    if (continues) {
      fresh = captions.slice(shownCaptions.length);
    } else {
      // A jump: the log starts again from the moment jumped to.
      captionLog.replaceChildren();
      fresh = captions.slice(-CAPTIONS_AFTER_JUMP);
    }
    for (const caption of fresh) captionLog.append(captionLine(caption, options.soundCaption));
    shownCaptions = keys;
    const lines = [...captionLog.children];
    lines.forEach((line, i) => line.classList.toggle('older', i < lines.length - 2));
  }

  function renderTags(status: ReplayStatus, view: EncounterView): void {
    tags.replaceChildren(...status.anchors.map((anchor) => nameTag(anchor, view, options.names)));
  }

  function handleKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    const key = event.key;
    // Space on a focused control is that control's own key.
    if ((key === ' ' || event.code === 'Space') && !isControl(event.target)) {
      commands.toggle();
      return true;
    }
    if (key === 'k' || key === 'K') {
      commands.toggle();
      return true;
    }
    if (/^[1-4]$/.test(key)) {
      const speed = REPLAY_SPEEDS[Number(key) - 1];
      if (speed !== undefined) commands.setSpeed(speed);
      return true;
    }
    if (key === 'j' || key === 'J' || key === '[') {
      commands.previousDecision();
      return true;
    }
    if (key === 'l' || key === 'L' || key === ']') {
      commands.nextDecision();
      return true;
    }
    return false;
  }

  return { root, update, handleKey, destroy: () => container.replaceChildren() };
}

/** The decision at the moment shown, in words: the one open now, or the last one answered. */
export function decisionSentence(status: ReplayStatus): string {
  const { view, decisionPoints, time } = status;
  if (view.decision) {
    const open = view.decision;
    const answer = decisionPoints.find(
      (p) => p.decision === open.id && p.kind !== 'opened' && p.t >= open.openedAt,
    );
    const prompt = `Decision open: ${open.prompt}`;
    if (!answer) return `${prompt} No answer was given.`;
    return `${prompt} ${answerWords(answer)}`;
  }
  const last = decisionPoints.findLast((p) => p.kind !== 'opened' && p.t <= time);
  if (!last) return 'No decision yet.';
  return `Last decision: ${last.prompt} ${answerWords(last)}`;
}

function answerWords(point: DecisionPoint): string {
  return point.kind === 'chosen'
    ? `At ${formatClock(point.t)} you chose: ${point.option?.text ?? ''}`
    : `At ${formatClock(point.t)} the time ran out with no answer.`;
}

function isControl(target: EventTarget | null): boolean {
  // A range has no use for Space, so on the scrubber Space still plays and pauses.
  if (target instanceof HTMLInputElement) return target.type !== 'range';
  return target instanceof HTMLElement && ['BUTTON', 'SELECT', 'A'].includes(target.tagName);
}
