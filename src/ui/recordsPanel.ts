/**
 * The trainee's records on the menu: who is practising (pick a profile kept on this device or type
 * a name or academy ID), whether runs are being kept, runs a reload or a closed tab left part way
 * (resume or discard), and the trainee's past runs with export and import.
 *
 * The panel only draws and reports what the player did; the bridge reads and writes the records.
 * Everything that came from the records (names, file names, import messages) is set as text,
 * never as HTML: an imported file is someone else's.
 */
import type { RecordsState, TraineeProfile } from '../store/appStore.ts';
import { button, formatClock, h } from './dom.ts';

export type RunStatusName = 'in-progress' | 'finished' | 'abandoned';

export interface ScoreCell {
  readonly points: number;
  readonly band: string;
}

export interface RunRow {
  readonly id: string;
  /** The scenario's title (or its id when it is not installed here). */
  readonly scenario: string;
  readonly trainee: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly status: RunStatusName;
  readonly outcome: ScoreCell | undefined;
  readonly process: ScoreCell | undefined;
}

export interface UnfinishedRow {
  readonly id: string;
  readonly scenario: string;
  readonly trainee: string;
  readonly startedAt: string;
  /** Scenario seconds the saved log reached. */
  readonly reached: number;
  /** Why the run cannot be resumed here, when it cannot (it can still be discarded). */
  readonly blocked?: string;
}

export interface RecordsPanelCommands {
  /** Resolves with a problem to show next to the name, or undefined once the name is in use. */
  chooseTrainee(name: string): Promise<string | undefined>;
  resume(runId: string): void;
  discard(runId: string): void;
  exportAll(format: 'json' | 'csv'): void;
  exportRun(runId: string): void;
  /** Opens the debrief of a finished run. */
  openDebrief(runId: string): void;
  importFiles(files: readonly File[]): void;
  showEveryone(everyone: boolean): void;
}

export interface RecordsPanel {
  /** Goes above the scenarios: who is practising, the records warning, unfinished runs. */
  readonly top: HTMLElement;
  /** Goes below them: past runs, export and import. */
  readonly bottom: HTMLElement;
  setStatus(status: RecordsState): void;
  setTrainee(current: TraineeProfile | undefined, known: readonly TraineeProfile[]): void;
  setUnfinished(rows: readonly UnfinishedRow[]): void;
  /** `rows` undefined while they load; `everyone` lists every trainee's runs, not only theirs. */
  setRuns(rows: readonly RunRow[] | undefined, everyone: boolean): void;
  /** A message about the unfinished runs (loading the scene, a run that could not be resumed). */
  sayAboutUnfinished(message: string): void;
  /** A message about export and import (per-file import results, a failed export). */
  showMessages(messages: readonly string[]): void;
}

/** The name runs are kept under until the trainee chooses theirs. */
export const GUEST_NAME = 'Guest';

export function isGuest(name: string): boolean {
  return name.trim().toLocaleLowerCase() === GUEST_NAME.toLocaleLowerCase();
}

const STATUS_WORDS: Record<RunStatusName, string> = {
  'in-progress': 'In progress',
  finished: 'Finished',
  abandoned: 'Abandoned',
};

export function mountRecordsPanel(commands: RecordsPanelCommands): RecordsPanel {
  // Trainee ---------------------------------------------------------------------------------------
  const currentName = h('strong', { class: 'trainee-name' }, GUEST_NAME);
  const guestNote = h('p', { class: 'help guest-note' });
  const changeButton = button('Choose your name', () => openForm(), {
    class: 'change-trainee',
    'aria-expanded': 'false',
    'aria-controls': 'trainee-form',
  });
  const nameInput = h('input', {
    id: 'trainee-name-input',
    name: 'trainee',
    type: 'text',
    autocomplete: 'off',
    maxlength: 100,
    'aria-describedby': 'trainee-problem',
  });
  const problem = h('p', { id: 'trainee-problem', class: 'problem', role: 'status' });
  const known = h('ul', { class: 'known-trainees', 'aria-labelledby': 'known-trainees-label' });
  const knownBlock = h(
    'div',
    { class: 'known-block', hidden: true },
    h('p', { id: 'known-trainees-label' }, 'Or pick a trainee kept on this device:'),
    known,
  );
  const form = h(
    'form',
    { id: 'trainee-form', class: 'trainee-form', 'aria-label': 'Who is practising', hidden: true },
    h('label', { for: 'trainee-name-input' }, 'Your name or academy ID'),
    h(
      'div',
      { class: 'trainee-entry' },
      nameInput,
      h('button', { type: 'submit', class: 'primary' }, 'Practise under this name'),
      button('Cancel', () => closeForm()),
    ),
    problem,
    knownBlock,
  );
  let choosing = false;
  const choose = async (name: string) => {
    if (choosing) return;
    choosing = true;
    problem.textContent = '';
    try {
      const trouble = await commands.chooseTrainee(name);
      if (trouble === undefined) closeForm();
      else {
        problem.textContent = trouble;
        nameInput.focus();
      }
    } finally {
      choosing = false;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void choose(nameInput.value);
  });
  function openForm(): void {
    form.hidden = false;
    changeButton.setAttribute('aria-expanded', 'true');
    problem.textContent = '';
    nameInput.focus();
  }
  function closeForm(): void {
    const wasOpen = !form.hidden;
    form.hidden = true;
    changeButton.setAttribute('aria-expanded', 'false');
    nameInput.value = '';
    if (wasOpen) changeButton.focus();
  }
  const traineeBar = h(
    'section',
    { class: 'trainee-bar', 'aria-label': 'Trainee' },
    h('p', { class: 'practising' }, 'Practising as: ', currentName, ' ', changeButton),
    guestNote,
    form,
  );

  // Records warning -------------------------------------------------------------------------------
  const warningText = h('p', { role: 'status' });
  const warning = h(
    'section',
    { class: 'records-warning', 'aria-label': 'Records on this device', hidden: true },
    warningText,
    h('div', { class: 'actions' }, ...exportButtons(commands)),
  );

  // Unfinished runs -------------------------------------------------------------------------------
  const unfinishedList = h('ul', {
    class: 'unfinished-list',
    'aria-labelledby': 'unfinished-heading',
  });
  const unfinishedMessage = h('p', { class: 'unfinished-message', role: 'status' });
  const unfinished = h(
    'section',
    { class: 'unfinished', 'aria-labelledby': 'unfinished-heading', hidden: true },
    h('h2', { id: 'unfinished-heading' }, 'Unfinished runs'),
    h(
      'p',
      { class: 'help' },
      'These runs stopped part way, when the page was reloaded or closed. Resume one to carry on from where it stopped, or discard it: a discarded run is kept as abandoned.',
    ),
    unfinishedList,
  );

  // Past runs -------------------------------------------------------------------------------------
  const runsHeading = h('h2', { id: 'runs-heading' }, 'My runs');
  const runsIntro = h('p', { class: 'help' });
  const everyoneBox = h('input', { id: 'runs-everyone', type: 'checkbox' });
  everyoneBox.addEventListener('change', () => commands.showEveryone(everyoneBox.checked));
  const runsBody = h('div', { class: 'runs-body' });
  const fileInput = h('input', {
    id: 'import-runs',
    type: 'file',
    multiple: true,
    accept: '.json,application/json',
  });
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    // Cleared so that choosing the same file again (after fixing it) is a change too.
    fileInput.value = '';
    if (files.length > 0) commands.importFiles(files);
  });
  const messages = h('ul', { class: 'records-messages' });
  const runs = h(
    'section',
    { class: 'my-runs', 'aria-labelledby': 'runs-heading' },
    runsHeading,
    runsIntro,
    h(
      'div',
      { class: 'field switch' },
      everyoneBox,
      h('label', { for: 'runs-everyone' }, "Show every trainee's runs on this device"),
    ),
    runsBody,
    h('div', { class: 'actions' }, ...exportButtons(commands)),
    h(
      'div',
      { class: 'import' },
      h('label', { for: 'import-runs' }, 'Import runs (one or more exported .json files)'),
      fileInput,
    ),
    h('div', { role: 'status', 'aria-label': 'Export and import' }, messages),
  );

  let traineeName = GUEST_NAME;
  return {
    // The message stays outside the section, which hides once its last run is gone.
    top: h('div', { class: 'records-top' }, traineeBar, warning, unfinished, unfinishedMessage),
    bottom: runs,
    setStatus(status) {
      warning.hidden = status.state !== 'not-kept';
      warningText.textContent =
        status.state === 'not-kept'
          ? `Records are not being kept on this device: ${status.reason} Export your runs before closing.`
          : '';
    },
    setTrainee(current, trainees) {
      traineeName = current?.name ?? GUEST_NAME;
      currentName.textContent = traineeName;
      const guest = isGuest(traineeName);
      guestNote.textContent = guest
        ? `Your runs are kept under "${GUEST_NAME}" until you choose your name or academy ID.`
        : '';
      changeButton.textContent = guest ? 'Choose your name' : 'Change';
      known.replaceChildren(
        ...trainees
          .filter((t) => t.id !== current?.id)
          .map((t) =>
            h(
              'li',
              {},
              button(t.name, () => void choose(t.name)),
            ),
          ),
      );
      knownBlock.hidden = known.childElementCount === 0;
      if (!everyoneBox.checked) runsIntro.textContent = introFor(traineeName);
    },
    setUnfinished(rows) {
      const focused = unfinished.contains(document.activeElement);
      unfinished.hidden = rows.length === 0;
      unfinishedList.replaceChildren(...rows.map((row) => unfinishedItem(row, commands)));
      // The button pressed went away with its row: keep the keyboard user in the section.
      if (focused && !unfinishedList.contains(document.activeElement)) {
        const next = unfinishedList.querySelector<HTMLElement>('button');
        if (next) next.focus();
        else changeButton.focus();
      }
    },
    setRuns(rows, everyone) {
      everyoneBox.checked = everyone;
      runsHeading.textContent = everyone ? 'Runs on this device' : 'My runs';
      runsIntro.textContent = everyone
        ? 'Every trainee on this device, newest first. Runs stay on this device unless you export them.'
        : introFor(traineeName);
      runsBody.replaceChildren(
        rows === undefined
          ? h('p', { class: 'empty' }, 'Reading the runs…')
          : rows.length === 0
            ? h('p', { class: 'empty' }, 'No runs yet.')
            : runsTable(rows, everyone, commands),
      );
    },
    sayAboutUnfinished(message) {
      unfinishedMessage.textContent = message;
    },
    showMessages(lines) {
      messages.replaceChildren(...lines.map((line) => h('li', {}, line)));
    },
  };
}

function introFor(name: string): string {
  return `Runs of ${name} on this device, newest first. They stay on this device unless you export them.`;
}

function exportButtons(commands: RecordsPanelCommands): HTMLElement[] {
  return [
    button('Export all runs (JSON)', () => commands.exportAll('json')),
    button('Export all runs (CSV)', () => commands.exportAll('csv')),
  ];
}

function unfinishedItem(row: UnfinishedRow, commands: RecordsPanelCommands): HTMLElement {
  const id = `unfinished-${row.id}`;
  return h(
    'li',
    { class: 'unfinished-run', 'data-run': row.id },
    h(
      'p',
      { id },
      h('strong', {}, row.scenario),
      `: ${row.trainee}, started ${formatDate(row.startedAt)}, stopped at ${formatClock(row.reached)} in the scene.`,
      row.blocked === undefined ? null : ` ${row.blocked}`,
    ),
    h(
      'div',
      { class: 'actions' },
      row.blocked === undefined
        ? button('Resume', () => commands.resume(row.id), {
            class: 'primary',
            'aria-describedby': id,
          })
        : null,
      button('Discard', () => commands.discard(row.id), { 'aria-describedby': id }),
    ),
  );
}

function runsTable(
  rows: readonly RunRow[],
  everyone: boolean,
  commands: RecordsPanelCommands,
): HTMLElement {
  const headings = ['Scenario', ...(everyone ? ['Trainee'] : []), 'Date', 'Status'];
  return h(
    'table',
    { class: 'runs-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...headings.map((text) => h('th', { scope: 'col' }, text)),
        h('th', { scope: 'col' }, 'Outcome'),
        h('th', { scope: 'col' }, 'Process'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Export')),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((row) => {
        const date = formatDate(row.startedAt);
        return h(
          'tr',
          { 'data-run': row.id },
          h('th', { scope: 'row' }, row.scenario),
          everyone ? h('td', {}, row.trainee) : null,
          h('td', {}, h('time', { datetime: row.startedAt }, date)),
          h('td', {}, STATUS_WORDS[row.status]),
          h('td', {}, scoreText(row.outcome)),
          h('td', {}, scoreText(row.process)),
          h(
            'td',
            {},
            // The visible words start the accessible name, so speech control finds the button.
            row.status === 'finished'
              ? button('Debrief', () => commands.openDebrief(row.id), {
                  'aria-label': `Debrief, ${row.scenario}, ${date}`,
                })
              : null,
            button('Export JSON', () => commands.exportRun(row.id), {
              'aria-label': `Export JSON, ${row.scenario}, ${date}`,
            }),
          ),
        );
      }),
    ),
  );
}

function scoreText(cell: ScoreCell | undefined): string {
  return cell === undefined ? 'Not scored' : `${cell.points} / 100, ${cell.band}`;
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export interface DownloadFile {
  readonly name: string;
  /** A MIME type. */
  readonly type: string;
  readonly text: string;
}

/** Saves text as a file through the browser's download: a Blob and a temporary link. */
export function downloadFile(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const link = h('a', { href: url, download: file.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Not at once: a browser may start reading the blob only after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
