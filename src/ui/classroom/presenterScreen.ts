/**
 * The presenter view of classroom mode: the instructor's own window, on the laptop, while the
 * projector window plays the scene for the room. The projector is the authority; this view shows
 * the status it sends (the clock, the state, the open decision with the room's hands, the notes
 * that only the instructor should see) and sends commands back. The same commands are on keys,
 * so a class can also be run from one window or with a clicker.
 *
 * Statuses arrive about ten times a second, so nothing here is rebuilt on every update: the
 * fixed parts are made once and patched, and lists are redrawn only when their content changes,
 * with focus put back on the same control. A number being typed is never overwritten.
 *
 * Everything from a scenario file (prompts, options, notes) is someone else's text: it reaches
 * the page through h() and textContent only.
 */
import type {
  ClassCommand,
  ClassCue,
  ClassDecision,
  ClassOption,
  ClassStatus,
  CueLevel,
  Rating,
} from '../../engine/index.ts';
import { formatClock, h, srOnly } from '../dom.ts';
import { STAGE_NAMES } from '../encounterOverlay.ts';
import { CLASS_KEYS, classKeyAction } from './classKeys.ts';
import './presenter.css';

export interface PresenterOptions {
  /** Scenarios the instructor can start, in menu order. */
  readonly scenarios: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  /** Sends a command to the projector window. */
  send(command: ClassCommand): void;
  /** Opens the projector window (when none answers); optional. */
  openProjector?(): void;
}

export interface PresenterScreen {
  readonly root: HTMLElement;
  /** `undefined`: no projector window has answered yet (show how to open one). */
  update(status: ClassStatus | undefined): void;
  /** Handles a key press via classKeyAction; returns true when used. Fullscreen/presenter actions are ignored here. */
  handleKey(event: KeyboardEvent): boolean;
  destroy(): void;
}

const RATING_WORDS: Readonly<Record<Rating, string>> = {
  best: 'Best',
  acceptable: 'Acceptable',
  poor: 'Poor',
  harmful: 'Harmful',
};

const LEVEL_WORDS: Readonly<Record<CueLevel, string>> = {
  early: 'Early',
  warning: 'Warning',
  critical: 'Critical',
};

/** The hands one input accepts; the command's schema allows no more. */
const MOST_HANDS = 10_000;

/** A button that shows its key and can be switched off without losing focus. */
interface Control {
  readonly node: HTMLButtonElement;
  readonly label: HTMLElement;
}

export function mountPresenterScreen(
  container: HTMLElement,
  options: PresenterOptions,
): PresenterScreen {
  const send = (command: ClassCommand): void => options.send(command);
  let status: ClassStatus | undefined;
  /** Ending a class is asked twice: a stray click must not end a lesson. */
  let confirmingEnd = false;

  // The header: whose window this is, and whether a projector window answers.
  const title = h('h1', { id: 'presenter-title', class: 'presenter-title' }, 'Presenter');
  const connection = h('p', { class: 'presenter-connection', role: 'status' });
  const openButton =
    options.openProjector &&
    plainButton('Open the projector window', () => options.openProjector?.(), 'primary');
  const notice = h('p', { class: 'presenter-notice', role: 'status' });

  // Before a scenario: which one to start.
  const scenarioSelect = h(
    'select',
    { id: 'presenter-scenario', class: 'presenter-select' },
    ...options.scenarios.map((scenario) => h('option', { value: scenario.id }, scenario.title)),
  );
  scenarioSelect.disabled = options.scenarios.length === 0;
  const startButton = plainButton(
    'Start on the projector',
    () => {
      if (scenarioSelect.value !== '') send({ type: 'start', scenarioId: scenarioSelect.value });
    },
    'primary',
  );
  setEnabled(startButton, options.scenarios.length > 0);
  const picker = h(
    'section',
    { class: 'presenter-panel presenter-picker', 'aria-labelledby': 'presenter-picker-title' },
    h('h2', { id: 'presenter-picker-title' }, 'Start a scenario'),
    h(
      'p',
      { class: 'help' },
      options.scenarios.length > 0
        ? 'The scene plays on the projector window; the controls and your notes stay here.'
        : 'No scenario is ready to run: check the scenario files.',
    ),
    h(
      'div',
      { class: 'presenter-field' },
      h('label', { for: 'presenter-scenario' }, 'Scenario'),
      scenarioSelect,
      startButton,
    ),
  );

  // The scene now: clock, stage, state and the controls.
  const clock = h('span', { class: 'presenter-time' }, formatClock(0));
  const stageLine = h('p', { class: 'presenter-stage' });
  const stateLine = h('p', {
    class: 'presenter-state',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  const pause = control('Pause', CLASS_KEYS.pause, `${CLASS_KEYS.pause} Space`, () =>
    send(status?.paused ? { type: 'resume' } : { type: 'pause' }),
  );
  const signal = control("Something's wrong", CLASS_KEYS.signal, CLASS_KEYS.signal, () =>
    send({ type: 'signal' }),
  );
  signal.node.classList.add('presenter-signal');
  const step = control('Step forward', CLASS_KEYS.step, CLASS_KEYS.step, () =>
    send({ type: 'step' }),
  );
  const reveal = control('Reveal the cues', CLASS_KEYS.reveal, CLASS_KEYS.reveal, () =>
    send({ type: 'reveal' }),
  );
  const blank = control('Blank the projector', CLASS_KEYS.blank, `${CLASS_KEYS.blank} .`, () =>
    send({ type: 'blank' }),
  );
  const debrief = control('Show the debrief', CLASS_KEYS.debrief, CLASS_KEYS.debrief, () =>
    send({ type: 'debrief' }),
  );
  const endButton = plainButton('End the class', () => openConfirm());
  const keepGoing = plainButton('Keep going', () => closeConfirm(true));
  const endConfirm = h(
    'div',
    { class: 'presenter-confirm', role: 'group', 'aria-labelledby': 'presenter-confirm-text' },
    h(
      'p',
      { id: 'presenter-confirm-text' },
      'End the class? The projector goes back to the list of scenarios.',
    ),
    plainButton(
      'Yes, end the class',
      () => {
        closeConfirm(false);
        send({ type: 'menu' });
      },
      'danger',
    ),
    keepGoing,
  );
  endConfirm.hidden = true;
  const controls = h(
    'div',
    { class: 'presenter-controls', role: 'group', 'aria-label': 'Controls' },
    pause.node,
    signal.node,
    step.node,
    reveal.node,
    blank.node,
    debrief.node,
    endButton,
  );
  const nowSection = h(
    'section',
    { class: 'presenter-panel presenter-now', 'aria-labelledby': 'presenter-now-title' },
    h('h2', { id: 'presenter-now-title' }, 'The scene now'),
    h(
      'div',
      { class: 'presenter-moment' },
      h('p', { class: 'presenter-clock' }, h('span', { class: 'presenter-label' }, 'Clock'), clock),
      h('div', {}, stateLine, stageLine),
    ),
    controls,
    endConfirm,
  );

  // A setting of the whole class, chosen before the start too: it lives in the header.
  const freezeBox = h('input', {
    type: 'checkbox',
    id: 'presenter-freeze',
    'aria-describedby': 'presenter-freeze-help',
  });
  freezeBox.checked = true;
  freezeBox.addEventListener('change', () =>
    send({ type: 'freeze-at-decisions', on: freezeBox.checked }),
  );
  const freezeField = h(
    'div',
    { class: 'presenter-switch' },
    freezeBox,
    h('label', { for: 'presenter-freeze' }, 'Freeze at each decision'),
    h(
      'p',
      { id: 'presenter-freeze-help', class: 'help' },
      'The scene holds as each decision opens, for the room to discuss and vote.',
    ),
  );
  const header = h(
    'header',
    { class: 'presenter-header' },
    h('div', { class: 'presenter-heading' }, title, connection),
    freezeField,
    openButton,
  );

  // The open decision and the room's vote.
  const decisionStage = h('p', { class: 'presenter-decision-stage' });
  const decisionPrompt = h('p', { class: 'presenter-prompt' });
  const discussionText = h('span', {});
  const discussion = h(
    'p',
    { class: 'presenter-ask' },
    h('strong', {}, 'Ask the room: '),
    discussionText,
  );
  const optionList = h('ol', { class: 'presenter-options', 'aria-label': 'Options' });
  const voteSummary = h('p', {
    class: 'presenter-vote-summary',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  const tieLine = h('p', { class: 'presenter-tie' });
  const play = control("Play the class's choice", CLASS_KEYS.playVote, CLASS_KEYS.playVote, () =>
    send({ type: 'play-vote' }),
  );
  play.node.classList.add('primary');
  const clearHands = control('Clear the hands', CLASS_KEYS.clearHands, CLASS_KEYS.clearHands, () =>
    send({ type: 'clear-hands' }),
  );
  const decisionTitle = h(
    'h2',
    { id: 'presenter-decision-title', tabindex: -1 },
    'Decision for the room',
  );
  const decisionSection = h(
    'section',
    { class: 'presenter-panel presenter-decision', 'aria-labelledby': 'presenter-decision-title' },
    decisionTitle,
    decisionStage,
    decisionPrompt,
    discussion,
    h(
      'p',
      { class: 'help' },
      'Ratings are for you only: the projector shows letters and options. Keys 1 to 4 add a hand to A to D (with Shift, take one away).',
    ),
    optionList,
    voteSummary,
    tieLine,
    h('div', { class: 'presenter-vote-actions' }, play.node, clearHands.node),
  );

  // How it ended.
  const outcomeTitle = h('p', { class: 'presenter-outcome-title' });
  const outcomeText = h('p', {});
  const outcomeSection = h(
    'section',
    { class: 'presenter-panel presenter-outcome', 'aria-labelledby': 'presenter-outcome-heading' },
    h('h2', { id: 'presenter-outcome-heading' }, 'How it ended'),
    outcomeTitle,
    outcomeText,
  );

  // The instructor's notes.
  const teachingList = h('div', {});
  const cuesList = h('div', {});
  const comingList = h('div', {});
  const votesList = h('div', {});
  const branchesList = h('div', {});
  const rewindList = h('div', {});
  const notesSection = h(
    'section',
    { class: 'presenter-panel presenter-notes', 'aria-labelledby': 'presenter-notes-title' },
    h('h2', { id: 'presenter-notes-title' }, 'Notes'),
    h('h3', {}, 'Teaching points'),
    teachingList,
    h('h3', {}, 'Cues so far'),
    cuesList,
    h('h3', {}, 'Coming next'),
    h(
      'p',
      { class: 'help' },
      'A forecast for the part of the scene now playing: the room’s choices can change it.',
    ),
    comingList,
    h('h3', {}, 'How the room voted'),
    votesList,
    h('h3', {}, 'Branches tried'),
    branchesList,
    h('h3', {}, 'Go back to a decision'),
    h(
      'p',
      { class: 'help' },
      `Try another branch from an earlier decision ("what if"). ${keyName(CLASS_KEYS.rewind)} goes back to the last one.`,
    ),
    rewindList,
  );

  const keysHelp = h(
    'details',
    { class: 'presenter-keys' },
    h('summary', {}, 'Keys and clicker'),
    h(
      'dl',
      {},
      ...keyRows([
        [`${keyName(CLASS_KEYS.advance)} or →`, 'Next: resume, play the vote, show the debrief'],
        [`${keyName(CLASS_KEYS.rewind)} or ←`, 'Back to the last decision'],
        [`${CLASS_KEYS.blank} or .`, 'Blank the projector, or show it again'],
        [`${CLASS_KEYS.pause} or Space`, 'Pause or resume'],
        [CLASS_KEYS.signal, "Something's wrong"],
        [CLASS_KEYS.reveal, 'Reveal the cues so far'],
        [CLASS_KEYS.step, 'Step forward to the next thing in the scene'],
        ['1 to 4', 'One more hand for A to D (with Shift, one fewer)'],
        [CLASS_KEYS.clearHands, 'Clear the hands'],
        [CLASS_KEYS.playVote, "Play the class's choice"],
        [CLASS_KEYS.debrief, 'Show the debrief once the scene has ended'],
      ]),
    ),
  );

  const nowColumn = h(
    'div',
    { class: 'presenter-column' },
    picker,
    nowSection,
    outcomeSection,
    decisionSection,
  );
  const notesColumn = h('div', { class: 'presenter-column' }, notesSection, keysHelp);
  const root = h(
    'div',
    { class: 'presenter' },
    header,
    notice,
    h('div', { class: 'presenter-body' }, nowColumn, notesColumn),
  );
  container.replaceChildren(root);

  const drawn = new WeakMap<HTMLElement, string>();

  function update(next: ClassStatus | undefined): void {
    const before = document.activeElement;
    const focusWasHere = before instanceof HTMLElement && root.contains(before);
    const wasInDecision = focusWasHere && decisionSection.contains(before);
    status = next;
    const idle = next === undefined || next.phase === 'idle';
    root.classList.toggle('presenter-idle', idle);

    setText(title, next?.scenario && !idle ? `Presenter: ${next.scenario.title}` : 'Presenter');
    setText(
      connection,
      next
        ? 'Connected to the projector window'
        : options.openProjector
          ? 'No projector window yet: open the game on the projector and choose Run for a class, or press Open the projector window'
          : 'No projector window yet: open the game on the projector and choose Run for a class',
    );
    if (openButton) showIf(openButton, next === undefined);
    setText(notice, next?.notice ?? '');
    freezeBox.checked = next?.freezeAtDecisions ?? true;

    showIf(picker, idle);
    showIf(nowSection, !idle);
    showIf(notesSection, !idle);
    if (next === undefined || idle) {
      showIf(decisionSection, false);
      showIf(outcomeSection, false);
      closeConfirm(false);
    } else {
      renderNow(next);
      renderDecision(next.decision, next);
      renderOutcome(next);
      renderNotes(next);
    }

    if (focusWasHere) keepFocus(before, wasInDecision);
  }

  function renderNow(next: ClassStatus): void {
    setText(clock, formatClock(next.time));
    setText(stageLine, next.stage ? STAGE_NAMES[next.stage] : '');
    const state = stateWords(next);
    setText(stateLine, state.words);
    stateLine.dataset.state = state.kind;

    setText(pause.label, next.paused ? 'Resume' : 'Pause');
    const running = next.phase === 'running';
    setEnabled(pause.node, running);
    setEnabled(signal.node, next.canSignal);
    setEnabled(step.node, running);
    setEnabled(debrief.node, next.phase === 'ended' || next.phase === 'debrief');
    setAttribute(reveal.node, 'aria-pressed', String(next.revealed));
    setAttribute(blank.node, 'aria-pressed', String(next.blank));
  }

  function renderDecision(decision: ClassDecision | undefined, next: ClassStatus): void {
    showIf(decisionSection, decision !== undefined);
    if (!decision) return;
    setText(
      decisionStage,
      `${STAGE_NAMES[decision.stage]}. Opened at ${formatClock(decision.openedAt)}.`,
    );
    setText(decisionPrompt, decision.prompt);
    setText(discussionText, decision.discussion ?? '');
    showIf(discussion, decision.discussion !== undefined && decision.discussion !== '');

    // A new decision redraws its options; the same one is patched, so typing is not lost.
    redraw(optionList, `${decision.id}@${decision.openedAt}`, () =>
      decision.options.map(optionRow),
    );
    const tied = new Set(next.tiedBetween);
    decision.options.forEach((option, i) => patchOption(option, i, tied.has(option.id)));

    setText(voteSummary, next.voteSummary);
    const tiedLetters = decision.options.filter((o) => tied.has(o.id)).map((o) => o.letter);
    setText(tieLine, tiedLetters.length > 0 ? `Tie between ${joinWords(tiedLetters)}.` : '');
    showIf(tieLine, tiedLetters.length > 0);
    const hands = decision.options.reduce((sum, option) => sum + option.hands, 0);
    setEnabled(play.node, hands > 0 && next.tiedBetween.length === 0);
    setEnabled(clearHands.node, hands > 0);
  }

  function optionRow(option: ClassOption, index: number): HTMLElement {
    const inputId = `presenter-hands-${index}`;
    const digit = index < 4 ? String(index + 1) : undefined;
    const input = h('input', {
      type: 'number',
      id: inputId,
      class: 'presenter-hands',
      min: 0,
      max: MOST_HANDS,
      step: 1,
      inputmode: 'numeric',
      'data-focus-key': `hands-${index}`,
    });
    input.value = String(option.hands);
    input.addEventListener('change', () => {
      send({ type: 'hands', option: option.id, hands: wholeHands(input.value) });
    });
    const fewer = h(
      'button',
      {
        type: 'button',
        class: 'presenter-step-hands',
        'data-focus-key': `fewer-${index}`,
        'aria-keyshortcuts': digit && `Shift+${digit}`,
      },
      h('span', { 'aria-hidden': 'true' }, '−'),
      srOnly(`One hand fewer for ${option.letter}`),
    );
    fewer.addEventListener('click', () => send({ type: 'adjust', option: option.id, delta: -1 }));
    const more = h(
      'button',
      {
        type: 'button',
        class: 'presenter-step-hands',
        'data-focus-key': `more-${index}`,
        'aria-keyshortcuts': digit,
      },
      h('span', { 'aria-hidden': 'true' }, '+'),
      srOnly(`One more hand for ${option.letter}`),
      digit && h('kbd', { 'aria-hidden': 'true' }, digit),
    );
    more.addEventListener('click', () => send({ type: 'adjust', option: option.id, delta: 1 }));
    return h(
      'li',
      { class: 'presenter-option', 'data-option': option.id },
      h(
        'p',
        { class: 'presenter-option-text' },
        h('span', { class: 'presenter-letter' }, option.letter),
        h('span', {}, option.text),
      ),
      h(
        'p',
        { class: 'presenter-rating' },
        h('span', { class: 'presenter-only' }, 'For you only:'),
        ' ',
        h('span', { class: 'rating-word' }),
        srOnly('.'),
        ' ',
        h('span', { class: 'rating-reason' }),
      ),
      h(
        'div',
        { class: 'presenter-vote' },
        h('label', { for: inputId }, `Hands for ${option.letter}`),
        fewer,
        input,
        more,
      ),
    );
  }

  function patchOption(option: ClassOption, index: number, tied: boolean): void {
    const row = optionList.children[index];
    if (!(row instanceof HTMLElement)) return;
    row.classList.toggle('tied', tied);
    const word = row.querySelector<HTMLElement>('.rating-word');
    if (word) {
      setText(word, RATING_WORDS[option.rating]);
      word.dataset.rating = option.rating;
    }
    const reason = row.querySelector<HTMLElement>('.rating-reason');
    if (reason) setText(reason, option.reason);
    const input = row.querySelector<HTMLInputElement>('input.presenter-hands');
    // The instructor may be typing a count: theirs stands until they leave the field.
    if (input && document.activeElement !== input && input.value !== String(option.hands)) {
      input.value = String(option.hands);
    }
  }

  function renderOutcome(next: ClassStatus): void {
    const shown =
      next.outcome !== undefined && (next.phase === 'ended' || next.phase === 'debrief');
    showIf(outcomeSection, shown);
    setText(outcomeTitle, next.outcome?.title ?? '');
    setText(outcomeText, next.outcome?.description ?? '');
  }

  function renderNotes(next: ClassStatus): void {
    listOrEmpty(
      teachingList,
      next.teachingPoints,
      (point) => h('li', {}, point),
      'This scenario has no teaching points.',
    );
    listOrEmpty(cuesList, next.cuesSoFar, cueItem, 'No cue yet.', 'ol');
    listOrEmpty(
      comingList,
      next.comingCues,
      cueItem,
      'No more cues in this part of the scene.',
      'ol',
    );
    listOrEmpty(
      votesList,
      next.votes,
      (vote) =>
        h('li', {}, h('span', { class: 'presenter-vote-prompt' }, vote.prompt), ' ', vote.summary),
      'No vote yet.',
    );
    listOrEmpty(
      branchesList,
      next.branchesTried,
      (branch) => h('li', {}, branch),
      'None yet: this is the first branch.',
    );
    listOrEmpty(
      rewindList,
      next.rewindPoints,
      rewindItem,
      'No decision yet.',
      'ol',
      'presenter-rewinds',
    );
  }

  function rewindItem(point: ClassStatus['rewindPoints'][number]): HTMLElement {
    const answerId = `presenter-rewind-answer-${point.index}`;
    return h(
      'li',
      {},
      plainButton(
        `Go back to ${formatClock(point.t)}: ${point.prompt}`,
        () => send({ type: 'rewind', index: point.index }),
        undefined,
        { 'data-focus-key': `rewind-${point.index}`, 'aria-describedby': answerId },
      ),
      h(
        'p',
        { id: answerId, class: 'presenter-rewind-answer' },
        point.answer === undefined
          ? 'Not answered yet in this branch.'
          : `Answered in this branch: ${point.answer}`,
      ),
    );
  }

  /** A list, or a line saying it is empty; redrawn only when `data` has changed. */
  function listOrEmpty<T>(
    holder: HTMLElement,
    data: readonly T[],
    item: (entry: T) => HTMLElement,
    empty: string,
    tag: 'ul' | 'ol' = 'ul',
    className?: string,
  ): void {
    redraw(holder, JSON.stringify(data), () =>
      data.length === 0
        ? [h('p', { class: 'empty' }, empty)]
        : [h(tag, { class: className }, ...data.map(item))],
    );
  }

  /** Replaces `holder`'s content when `key` changes, keeping focus on the same control. */
  function redraw(holder: HTMLElement, key: string, build: () => Node[]): void {
    if (drawn.get(holder) === key) return;
    drawn.set(holder, key);
    const active = document.activeElement;
    const focusKey =
      active instanceof HTMLElement && holder.contains(active)
        ? active.dataset.focusKey
        : undefined;
    holder.replaceChildren(...build());
    if (focusKey === undefined) return;
    const again = [...holder.querySelectorAll<HTMLElement>('[data-focus-key]')].find(
      (node) => node.dataset.focusKey === focusKey,
    );
    again?.focus({ preventScroll: true });
  }

  /**
   * Focus inside something that went away or was hidden would fall to the page and leave a
   * keyboard user lost, so it goes to the nearest sensible control instead.
   */
  function keepFocus(before: HTMLElement, wasInDecision: boolean): void {
    const now = document.activeElement;
    // Already put back (a redrawn list does that) or moved on purpose.
    if (now instanceof HTMLElement && now !== before && root.contains(now)) return;
    if (before.isConnected && before.closest('[hidden]') === null) {
      if (now !== before) before.focus({ preventScroll: true });
      return;
    }
    const idle = status === undefined || status.phase === 'idle';
    let target: HTMLElement;
    if (idle) target = scenarioSelect.disabled ? startButton : scenarioSelect;
    else if (wasInDecision && !decisionSection.hidden) target = decisionTitle;
    else target = pause.node;
    target.focus({ preventScroll: true });
  }

  function openConfirm(): void {
    confirmingEnd = true;
    endConfirm.hidden = false;
    keepGoing.focus({ preventScroll: true });
  }

  function closeConfirm(refocus: boolean): void {
    if (!confirmingEnd) return;
    confirmingEnd = false;
    endConfirm.hidden = true;
    if (refocus) endButton.focus({ preventScroll: true });
  }

  function handleKey(event: KeyboardEvent): boolean {
    if (event.key === 'Escape' && confirmingEnd) {
      closeConfirm(true);
      return true;
    }
    const target = event.target;
    const paging = event.key === 'PageDown' || event.key === 'PageUp';
    // A field being typed in keeps its keys; a clicker's page keys still work over a number.
    if (isTyping(target) && !(paging && target instanceof HTMLInputElement)) return false;
    // Space and Enter on a focused button or box are that control's own.
    if (isControl(target) && (event.key === ' ' || event.key === 'Enter')) return false;
    const action = classKeyAction(event, status);
    if (action?.kind !== 'command') return false;
    send(action.command);
    return true;
  }

  return {
    root,
    update,
    handleKey,
    destroy: () => container.replaceChildren(),
  };
}

/** The state of the class run in words, and a kind for its colour. */
function stateWords(status: ClassStatus): { words: string; kind: string } {
  const main =
    status.phase === 'debrief'
      ? { words: 'Showing the debrief', kind: 'ended' }
      : status.phase === 'ended'
        ? { words: 'Ended', kind: 'ended' }
        : status.frozen
          ? { words: 'Frozen at a decision: discuss', kind: 'frozen' }
          : status.paused
            ? { words: 'Paused', kind: 'paused' }
            : { words: 'Running', kind: 'running' };
  return status.blank
    ? { words: `${main.words}. Blank screen on the projector`, kind: main.kind }
    : main;
}

function cueItem(cue: ClassCue): HTMLElement {
  return h(
    'li',
    { class: 'presenter-cue' },
    h('span', { class: 'presenter-cue-time' }, formatClock(cue.t)),
    ' ',
    h('span', { class: `presenter-cue-level ${cue.level}` }, LEVEL_WORDS[cue.level]),
    ' ',
    h('span', {}, cue.note),
  );
}

function keyRows(rows: ReadonlyArray<readonly [string, string]>): HTMLElement[] {
  return rows.flatMap(([keys, meaning]) => [h('dt', {}, h('kbd', {}, keys)), h('dd', {}, meaning)]);
}

/** "PageDown" as people read it on a keyboard. */
function keyName(key: string): string {
  return key.replace(/^Page(Up|Down)$/, 'Page $1');
}

function control(label: string, key: string, shortcuts: string, onPress: () => void): Control {
  const text = h('span', {}, label);
  const node = h(
    'button',
    { type: 'button', 'aria-keyshortcuts': shortcuts },
    text,
    h('kbd', {}, keyName(key)),
  );
  node.addEventListener('click', () => {
    if (isEnabled(node)) onPress();
  });
  return { node, label: text };
}

function plainButton(
  label: string,
  onPress: () => void,
  className?: string,
  attributes: Record<string, string> = {},
): HTMLButtonElement {
  const node = h('button', { type: 'button', class: className, ...attributes }, label);
  node.addEventListener('click', () => {
    if (isEnabled(node)) onPress();
  });
  return node;
}

/**
 * aria-disabled rather than disabled: a button that goes off under the instructor's focus (the
 * signal as the scene moves on) keeps the focus instead of dropping it to the page.
 */
function setEnabled(node: HTMLButtonElement, enabled: boolean): void {
  setAttribute(node, 'aria-disabled', enabled ? undefined : 'true');
}

function isEnabled(node: HTMLElement): boolean {
  return node.getAttribute('aria-disabled') !== 'true';
}

function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

function setAttribute(node: HTMLElement, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

function showIf(node: HTMLElement, shown: boolean): void {
  if (node.hidden === shown) node.hidden = !shown;
}

/** What was typed as a number of hands: whole, at least 0, at most what a command carries. */
function wholeHands(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) return 0;
  return Math.min(MOST_HANDS, Math.max(0, Math.round(number)));
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

function isTyping(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLElement && target.isContentEditable;
}

function isControl(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return true;
  return (
    target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY', 'SELECT'].includes(target.tagName)
  );
}
