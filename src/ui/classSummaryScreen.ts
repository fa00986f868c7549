/**
 * Instructor review: import many run files (file picker or drag and drop), then read the class
 * summary per scenario and per stage, the comparison by rank of the officer at fault, and open any
 * run's debrief.
 *
 * The numbers come from src/records/classSummary.ts; this file only lays them out. Everything that
 * came from an imported file (trainee names, file names, messages) is someone else's text, so it
 * reaches the page through h() and textContent only, never as HTML.
 */
import './instructor.css';
import type {
  ClassSummary,
  ImportMessage,
  RankComparison,
  ScenarioSummary,
  Share,
  StageSummary,
} from '../records/classSummary.ts';
import { RATINGS } from '../records/classSummary.ts';
import { button, h } from './dom.ts';

export interface ClassSummaryInput {
  readonly summary: ClassSummary;
  /** Messages of an import just made, to show in the import area. */
  readonly messages?: readonly ImportMessage[];
}

export interface ImportOutcome {
  /** One per file, naming it (importMessages makes them from the records' ImportReport). */
  readonly messages: readonly ImportMessage[];
  /** The class summary with the new runs in it; the tables are redrawn when given. */
  readonly summary?: ClassSummary;
}

export interface ClassSummaryCommands {
  importFiles(files: readonly File[]): Promise<ImportOutcome>;
  openDebrief(runId: string): void;
  /** Shows one trainee's history; the trainee column gets buttons when given. */
  openHistory?(traineeId: string): void;
  back?(): void;
  readonly backLabel?: string;
}

export interface ClassSummaryScreen {
  update(summary: ClassSummary): void;
  showMessages(messages: readonly ImportMessage[]): void;
}

export function renderClassSummary(
  root: HTMLElement,
  input: ClassSummaryInput,
  commands: ClassSummaryCommands,
): ClassSummaryScreen {
  const lede = h('p', { class: 'lede' });
  const body = h('div', { class: 'class-body' });
  const importArea = importSection(commands, (summary) => update(summary));
  const container = h(
    'div',
    { class: 'instructor class-summary screen' },
    h(
      'header',
      { class: 'instructor-header' },
      h('p', { class: 'eyebrow' }, 'Instructor review'),
      h('h1', { id: 'class-summary-heading', tabindex: -1 }, 'Class summary'),
      lede,
      h(
        'div',
        { class: 'actions instructor-actions' },
        commands.back ? button(commands.backLabel ?? 'Back', () => commands.back?.()) : null,
        button('Print', () => window.print()),
      ),
    ),
    importArea.element,
    body,
  );

  function update(summary: ClassSummary): void {
    lede.textContent =
      `${count(summary.runs.length, 'finished run')} by ${count(summary.trainees, 'trainee')}. ` +
      'Every score and time is recomputed from the run’s own log with the scenario installed here. ' +
      'Times are seconds of scenario time.';
    body.replaceChildren(...summaryParts(summary, commands));
  }

  update(input.summary);
  if (input.messages) importArea.show(input.messages);
  root.replaceChildren(container);
  root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  return { update, showMessages: (messages) => importArea.show(messages) };
}

// Import ------------------------------------------------------------------------------------------

function importSection(
  commands: ClassSummaryCommands,
  onSummary: (summary: ClassSummary) => void,
): { element: HTMLElement; show(messages: readonly ImportMessage[]): void } {
  const input = h('input', {
    id: 'class-import-input',
    type: 'file',
    multiple: true,
    accept: '.json,application/json',
    class: 'sr-only',
    // The button below is the keyboard's way in; one tab stop for one action.
    tabindex: -1,
    'aria-label': 'Run files to import',
  });
  const list = h('ul', { class: 'import-messages' });
  const status = h('div', { class: 'import-status', role: 'status', 'aria-live': 'polite' }, list);
  const choose = button('Choose run files', () => input.click(), {
    class: 'primary',
    'aria-describedby': 'drop-zone-hint',
  });
  const zone = h(
    'div',
    { class: 'drop-zone', role: 'group', 'aria-labelledby': 'drop-zone-label' },
    h('p', { id: 'drop-zone-label', class: 'drop-zone-label' }, 'Drop run files here'),
    h(
      'p',
      { id: 'drop-zone-hint', class: 'help' },
      'Exported run files (.json), as many as you like; or choose them with the button.',
    ),
    choose,
    input,
  );

  let busy = false;
  const show = (messages: readonly ImportMessage[]) => {
    list.replaceChildren(
      ...messages.map((m) => h('li', { class: m.ok ? 'import-ok' : 'import-problem' }, m.text)),
    );
  };
  const take = async (files: readonly File[]) => {
    if (busy) return;
    if (files.length === 0) {
      show([{ file: '', ok: false, text: 'Nothing to import: drop or choose run files (.json).' }]);
      return;
    }
    busy = true;
    choose.disabled = true;
    show([{ file: '', ok: true, text: `Importing ${count(files.length, 'file')}…` }]);
    try {
      const outcome = await commands.importFiles(files);
      if (outcome.summary) onSummary(outcome.summary);
      show(outcome.messages);
    } catch (error) {
      show([{ file: '', ok: false, text: `The import failed (${describe(error)}).` }]);
    } finally {
      busy = false;
      choose.disabled = false;
    }
  };

  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    void take(files);
  });
  const leave = () => zone.classList.remove('dragging');
  const over = (event: DragEvent) => {
    // Without this the browser opens the dropped file in place of the game.
    event.preventDefault();
    const transfer = event.dataTransfer;
    if (transfer) transfer.dropEffect = 'copy';
    zone.classList.add('dragging');
  };
  zone.addEventListener('dragenter', over);
  zone.addEventListener('dragover', over);
  zone.addEventListener('dragleave', leave);
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    leave();
    void take(Array.from(event.dataTransfer?.files ?? []));
  });

  const element = h(
    'section',
    { class: 'instructor-section import-area', 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, 'Import run files'),
    zone,
    status,
  );
  return { element, show };
}

// Summary -----------------------------------------------------------------------------------------

function summaryParts(summary: ClassSummary, commands: ClassSummaryCommands): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (summary.runs.length === 0) {
    parts.push(
      h(
        'p',
        { class: 'empty' },
        'No finished runs yet. Import run files exported from the trainees’ devices.',
      ),
    );
  } else {
    parts.push(
      rankSection(summary.rank),
      section('by-scenario', 'By scenario', scenarioTable(summary.scenarios)),
      ...summary.scenarios.map((s, i) => scenarioSection(s, i)),
      section(
        'by-stage',
        'By stage, all scenarios together',
        stageTable('Answers at each stage, all scenarios', summary.stages),
      ),
      section('runs', 'Every run', runsTable(summary, commands)),
    );
  }
  if (summary.skipped.length > 0) {
    parts.push(
      section(
        'skipped',
        `Runs not included (${summary.skipped.length})`,
        h('ul', { class: 'skipped' }, ...summary.skipped.map((s) => h('li', {}, s.reason))),
      ),
    );
  }
  return parts;
}

function section(id: string, title: string, ...children: Node[]): HTMLElement {
  return h(
    'section',
    { class: 'instructor-section', id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, title),
    ...children,
  );
}

function rankSection(rank: RankComparison): HTMLElement {
  const row = (label: string, g: RankComparison['outranked']) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      h('td', {}, String(g.runs)),
      h('td', {}, secondsCell(g.medianRecognitionTime)),
      h('td', {}, secondsCell(g.medianTimeToIntervention)),
    );
  return section(
    'rank',
    'Waiting when the officer at fault outranks the trainee',
    h('p', { class: 'rank-sentence' }, rank.sentence),
    table(
      'Median times by rank of the officer at fault',
      ['Officer at fault', 'Runs', 'Median recognition time', 'Median time to intervention'],
      [
        row('Outranks the trainee', rank.outranked),
        row('Does not outrank the trainee', rank.notOutranked),
      ],
    ),
    h(
      'p',
      { class: 'help' },
      'Only scenarios that call for intervention count. Times are from the first cue.' +
        (rank.untagged > 0
          ? ` ${count(rank.untagged, 'run')} of scenarios that do not name the officer at fault are left out.`
          : ''),
    ),
  );
}

function scenarioTable(scenarios: readonly ScenarioSummary[]): HTMLElement {
  return table(
    'Class summary by scenario',
    [
      'Scenario',
      'Runs',
      'Trainees',
      'Median recognition time',
      'Chose the best D',
      'Median time to intervention',
      'Median harm exposure',
      'False alarms (per run)',
      'Median outcome score',
      'Median process score',
    ],
    scenarios.map((s) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, scenarioName(s)),
        h('td', {}, String(s.runs)),
        h('td', {}, String(s.trainees)),
        h(
          'td',
          {},
          `${secondsCell(s.medianRecognitionTime)} (${s.recognised} of ${s.runs} saw it)`,
        ),
        h('td', {}, s.bestD ? shareText(s.bestD) : 'No D called for'),
        h('td', {}, secondsCell(s.medianTimeToIntervention)),
        h('td', {}, secondsCell(s.medianHarmExposure)),
        h('td', {}, `${s.falseAlarms.total} (${s.falseAlarms.perRun ?? 0})`),
        h('td', {}, scoreCell(s.medianOutcomeScore)),
        h('td', {}, scoreCell(s.medianProcessScore)),
      ),
    ),
  );
}

function scenarioSection(s: ScenarioSummary, index: number): HTMLElement {
  const id = `scenario-${index + 1}`;
  const outcomes = table(
    `Outcomes reached: ${scenarioName(s)}`,
    ['Outcome', 'Runs'],
    [
      ...s.outcomes.map((o) =>
        h('tr', {}, h('th', { scope: 'row' }, o.title), h('td', {}, String(o.runs))),
      ),
      ...(s.noOutcome > 0
        ? [
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, 'Stopped before an outcome'),
              h('td', {}, String(s.noOutcome)),
            ),
          ]
        : []),
    ],
  );
  return h(
    'section',
    { class: 'instructor-section scenario-summary', id, 'aria-labelledby': `${id}-heading` },
    h('h3', { id: `${id}-heading` }, scenarioName(s)),
    h(
      'p',
      {},
      `${count(s.runs, 'run')} by ${count(s.trainees, 'trainee')}. ` +
        (s.outranked === true
          ? 'The officer at fault outranks the trainee.'
          : s.outranked === false
            ? 'The officer at fault does not outrank the trainee.'
            : ''),
    ),
    outcomes,
    stageTable(`Answers at each stage: ${scenarioName(s)}`, s.stages),
  );
}

function stageTable(caption: string, stages: readonly StageSummary[]): HTMLElement {
  return table(
    caption,
    ['Stage', 'Answers', 'Best', 'Acceptable', 'Poor', 'Harmful', 'Median time at the stage'],
    stages.map((stage) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, stage.name),
        h('td', {}, String(stage.answers)),
        ...RATINGS.map((rating) => h('td', {}, shareText(stage.ratings[rating]))),
        h('td', {}, secondsCell(stage.medianSeconds)),
      ),
    ),
  );
}

function runsTable(summary: ClassSummary, commands: ClassSummaryCommands): HTMLElement {
  return table(
    'Every run in the summary',
    [
      'Trainee',
      'Scenario',
      'Started',
      'Outcome',
      'Outcome score',
      'Process score',
      'Recognition time',
      'Debrief',
    ],
    summary.runs.map((run) => {
      const who = commands.openHistory
        ? button(run.traineeName, () => commands.openHistory?.(run.traineeId), {
            class: 'link-button',
            'aria-label': `History of ${run.traineeName}`,
          })
        : run.traineeName;
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, who),
        h('td', {}, run.scenarioTitle),
        h('td', {}, dateCell(run.startedAt)),
        h('td', {}, run.outcomeTitle ?? 'None reached'),
        h('td', {}, String(run.outcomeScore)),
        h('td', {}, String(run.processScore)),
        h(
          'td',
          {},
          run.interventionRequired
            ? secondsCell(run.recognitionTime, 'Did not recognise it')
            : 'Lawful force: nothing to recognise',
        ),
        h(
          'td',
          {},
          button('Debrief', () => commands.openDebrief(run.runId), {
            'aria-label': `Debrief: ${run.traineeName}, ${run.scenarioTitle}, ${formatDate(run.startedAt)}`,
          }),
        ),
      );
    }),
  );
}

// Shared with the history screen ------------------------------------------------------------------

export function table(
  caption: string,
  headings: readonly string[],
  rows: readonly HTMLElement[],
): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...headings.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows),
    ),
  );
}

export function secondsCell(value: number | undefined, none = 'None'): string {
  return value === undefined ? none : `${value.toFixed(1)} s`;
}

function scoreCell(value: number | undefined): string {
  return value === undefined ? 'None' : `${value} / 100`;
}

function shareText(s: Share): string {
  if (s.share === undefined) return 'None';
  return `${Math.round(s.share * 100)}% (${s.count} of ${s.of})`;
}

function scenarioName(s: ScenarioSummary): string {
  return `${s.title} (version ${s.version})`;
}

export function dateCell(iso: string): HTMLElement {
  return h('time', { datetime: iso }, formatDate(iso));
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
