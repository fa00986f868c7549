/**
 * The projector view of a class run: the scene large, and over it only what the room should
 * read from the back: captions, the decision with its options lettered A to D and the hands
 * counted, the discussion question while the scene is frozen, the cues revealed, the outcome.
 * No trainee names and no scores: those are the instructor's to show (the debrief).
 *
 * Everything a viewer reads is DOM, sized in viewport height so that 1280x720 and 3840x2160 show
 * the same layout; the controls are keys (a clicker's Page Up, Page Down, B and period among
 * them) and a small bar of buttons for a mouse.
 */
import type { ClassCommand, ClassStatus, EncounterView } from '../../engine/index.ts';
import type { EncounterStatus } from '../../store/appStore.ts';
import type { Settings } from '../../store/settingsStore.ts';
import { button, formatClock, h, srOnly } from '../dom.ts';
import { STAGE_NAMES } from '../encounterOverlay.ts';
import { captionLine, nameTag } from '../stageText.ts';
import { CLASS_KEYS } from './classKeys.ts';
import './projector.css';

export interface ProjectorOptions {
  readonly title: string;
  readonly soundCaption: (key: string) => string | undefined;
  readonly names: ReadonlyMap<string, string>;
  send(command: ClassCommand): void;
  toggleFullscreen(): void;
  openPresenter(): void;
}

export interface ProjectorOverlay {
  readonly root: HTMLElement;
  update(status: ClassStatus, encounter: EncounterStatus | undefined, settings: Settings): void;
  destroy(): void;
}

const LEVEL_WORDS = { early: 'Early', warning: 'Warning', critical: 'Critical' } as const;

export function mountProjectorOverlay(
  container: HTMLElement,
  options: ProjectorOptions,
): ProjectorOverlay {
  const heading = h('h1', { class: 'class-title', id: 'class-title' }, options.title);
  const state = h('p', { class: 'class-state', 'aria-live': 'polite' });
  const clock = h('p', { class: 'class-clock', 'aria-label': 'Scene clock' });
  const top = h('header', { class: 'class-top' }, h('div', {}, heading, state), clock);
  const captions = h('div', {
    class: 'class-captions',
    role: 'log',
    'aria-live': 'polite',
    'aria-label': 'Captions',
  });
  const tags = h('div', { class: 'name-tags class-tags', 'aria-hidden': 'true' });
  const panel = h('div', { class: 'class-panel' });
  const reveal = h('div', { class: 'class-reveal' });
  const notice = h('p', { class: 'class-notice', role: 'status' });
  const blank = h(
    'div',
    { class: 'class-blank', hidden: true },
    srOnly('The projector is blank. Press B to show the scene again.'),
  );

  const playButton = button('', () => options.send({ type: 'advance' }), {
    'aria-keyshortcuts': 'PageDown',
  });
  const controls = h(
    'div',
    { class: 'class-controls', role: 'group', 'aria-label': 'Class controls' },
    playButton,
    control('Previous decision', CLASS_KEYS.rewind, 'PgUp', () => options.send({ type: 'rewind' })),
    control('Reveal cues', CLASS_KEYS.reveal, 'R', () => options.send({ type: 'reveal' })),
    control('Step', CLASS_KEYS.step, 'N', () => options.send({ type: 'step' })),
    control('Blank', CLASS_KEYS.blank, 'B', () => options.send({ type: 'blank' })),
    control('Full screen', CLASS_KEYS.fullscreen, 'F', () => options.toggleFullscreen()),
    control('Presenter', CLASS_KEYS.presenter, 'P', () => options.openPresenter()),
    control('End class', '', '', () => options.send({ type: 'menu' })),
  );
  const root = h(
    'section',
    { class: 'class-projector', 'aria-labelledby': 'class-title' },
    top,
    tags,
    captions,
    panel,
    reveal,
    notice,
    controls,
    blank,
  );
  container.replaceChildren(root);

  let shownCaptions = '';
  let shownPanel = '';
  let shownPlay = '';

  function update(
    status: ClassStatus,
    encounter: EncounterStatus | undefined,
    settings: Settings,
  ): void {
    root.classList.toggle('revealed', status.revealed);
    blank.hidden = !status.blank;
    state.textContent = stateWords(status);
    clock.textContent = formatClock(status.time);
    notice.textContent = status.notice ?? '';
    const play =
      status.phase === 'ended' || status.phase === 'debrief'
        ? 'Show the debrief'
        : status.frozen
          ? status.tiedBetween.length === 0 && Object.keys(status.tally).length > 0
            ? "Play the class's choice"
            : 'Play on'
          : status.paused
            ? 'Play'
            : 'Pause';
    if (play !== shownPlay) {
      shownPlay = play;
      playButton.replaceChildren(h('span', {}, play, h('kbd', {}, 'PgDn')));
    }
    if (encounter) {
      renderCaptions(encounter.view, settings);
      tags.replaceChildren(
        ...encounter.anchors.map((anchor) => nameTag(anchor, encounter.view, options.names)),
      );
    }
    renderPanel(status);
  }

  function renderCaptions(view: EncounterView, settings: Settings): void {
    captions.hidden = !settings.captions;
    const recent = view.captions.slice(-2);
    const key = recent.map((c) => `${c.beat}@${c.t}`).join('|');
    if (key === shownCaptions) return;
    shownCaptions = key;
    captions.replaceChildren(...recent.map((c) => captionLine(c, options.soundCaption)));
  }

  function renderPanel(status: ClassStatus): void {
    // Rebuilt only when something in it changes: the clock ticks ten times a second.
    const key = JSON.stringify([
      status.phase,
      status.decision?.id,
      status.decision?.openedAt,
      status.tally,
      status.frozen,
      status.revealed,
      status.revealed ? status.cuesSoFar.length : 0,
      status.outcome?.title,
      status.canSignal,
    ]);
    if (key === shownPanel) return;
    shownPanel = key;
    const parts: HTMLElement[] = [];
    if (status.outcome && status.phase !== 'running') parts.push(outcomeCard(status));
    else if (status.decision) parts.push(decisionCard(status));
    else if (status.canSignal) {
      parts.push(
        h(
          'p',
          { class: 'class-watch' },
          'Watch closely. Say when something is wrong.',
          srOnly(' The instructor presses S when the class calls it.'),
        ),
      );
    }
    panel.replaceChildren(...parts);
    reveal.replaceChildren(...(status.revealed ? [cueCard(status)] : []));
  }

  return { root, update, destroy: () => container.replaceChildren() };
}

function control(label: string, shortcut: string, key: string, onPress: () => void) {
  return button(
    h('span', {}, label, key ? h('kbd', {}, key) : null),
    onPress,
    shortcut ? { 'aria-keyshortcuts': shortcut } : {},
  );
}

function stateWords(status: ClassStatus): string {
  if (status.blank) return 'Blank';
  if (status.phase === 'ended' || status.phase === 'debrief') return 'The scene has ended';
  const stage = status.stage ? STAGE_NAMES[status.stage] : '';
  if (status.frozen) return `Frozen for discussion. ${stage}`;
  if (status.paused) return `Paused. ${stage}`;
  return stage;
}

function decisionCard(status: ClassStatus): HTMLElement {
  const decision = status.decision;
  if (!decision) return h('div');
  const most = Math.max(0, ...decision.options.map((o) => o.hands));
  const total = decision.options.reduce((sum, o) => sum + o.hands, 0);
  return h(
    'section',
    { class: 'class-decision', 'aria-labelledby': 'class-decision-prompt' },
    h('h2', { id: 'class-decision-prompt', class: 'class-prompt' }, decision.prompt),
    status.frozen && decision.discussion
      ? h('p', { class: 'class-discussion' }, h('strong', {}, 'Discuss: '), decision.discussion)
      : null,
    h(
      'ol',
      { class: 'class-options' },
      ...decision.options.map((option) => {
        const leading = option.hands > 0 && option.hands === most;
        const item = h(
          'li',
          {
            class: `class-option${leading ? ' leading' : ''}${status.tiedBetween.includes(option.id) ? ' tied' : ''}`,
          },
          h('span', { class: 'class-letter', 'aria-hidden': 'true' }, option.letter),
          h('span', { class: 'class-option-text' }, srOnly(`${option.letter}: `), option.text),
          option.hands > 0
            ? h(
                'span',
                { class: 'class-hands' },
                `${option.hands} ${option.hands === 1 ? 'hand' : 'hands'}`,
              )
            : null,
        );
        if (total > 0) {
          item.style.setProperty('--share', String(option.hands / total));
        }
        return item;
      }),
    ),
    status.frozen
      ? h(
          'p',
          { class: 'class-vote-help' },
          total > 0 ? status.voteSummary : `Hands up for ${letterList(decision.options)}.`,
        )
      : null,
  );
}

/** "A, B or C": the letters of the options, as the room hears them. */
function letterList(options: ReadonlyArray<{ readonly letter: string }>): string {
  const letters = options.map((option) => option.letter);
  const last = letters.pop();
  return letters.length === 0 ? (last ?? '') : `${letters.join(', ')} or ${last ?? ''}`;
}

function outcomeCard(status: ClassStatus): HTMLElement {
  return h(
    'section',
    { class: 'class-outcome', 'aria-labelledby': 'class-outcome-title' },
    h('p', { class: 'class-eyebrow' }, 'How it ended'),
    h('h2', { id: 'class-outcome-title' }, status.outcome?.title ?? ''),
    h('p', {}, status.outcome?.description ?? ''),
    h(
      'p',
      { class: 'class-vote-help' },
      'Page Down shows the debrief. Page Up goes back to a decision to try another answer.',
    ),
  );
}

function cueCard(status: ClassStatus): HTMLElement {
  return h(
    'section',
    { class: 'class-cues', 'aria-labelledby': 'class-cues-title' },
    h('h2', { id: 'class-cues-title' }, 'What there was to notice'),
    status.cuesSoFar.length === 0
      ? h('p', {}, 'No cue yet.')
      : h(
          'ol',
          {},
          ...status.cuesSoFar.map((cue) =>
            h(
              'li',
              { class: `cue-${cue.level}` },
              h(
                'span',
                { class: 'class-cue-time' },
                `${formatClock(cue.t)} ${LEVEL_WORDS[cue.level]}: `,
              ),
              cue.note,
            ),
          ),
        ),
  );
}
