import {
  fireEvent,
  getAllByRole,
  getByRole,
  getByText,
  waitFor,
  within,
} from '@testing-library/dom';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compileScenario, type RunLog, type Scenario } from '../../src/engine/index.ts';
import {
  analyseRuns,
  summarizeClass,
  traineeHistory,
  type ClassSummary,
} from '../../src/records/classSummary.ts';
import type { RunRecord } from '../../src/records/index.ts';
import {
  renderClassSummary,
  type ClassSummaryCommands,
  type ImportOutcome,
} from '../../src/ui/classSummaryScreen.ts';
import { renderHistory } from '../../src/ui/historyScreen.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { ALL_FACTS, finishedRecord } from '../helpers/recordsFixtures.ts';
import { loadFixture } from '../helpers/scenarios.ts';

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<main id="ui"></main>';
  root = document.getElementById('ui') as HTMLElement;
});

function tagged(id: string, rank: 'sergeant' | 'officer'): Scenario {
  const s = structuredClone(loadFixture('minimal.yaml'));
  s.id = id;
  s.title = rank === 'sergeant' ? 'Sergeant kneels' : 'Partner kneels';
  const lee = s.cast.find((m) => m.id === 'lee');
  if (lee) lee.rank = rank;
  s.coverage = {
    setting: 'parking-lot',
    misconduct: ['prolonged-restraint'],
    involvedOfficer: 'lee',
    medical: true,
    reportPressure: true,
  };
  return s;
}
const superior = tagged('superior', 'sergeant');
const peer = tagged('peer', 'officer');

function played(s: Scenario, at: number): RunLog {
  return EncounterDriver.start(compileScenario(s))
    .signal(at)
    .choose('assess', 'required', at + 1)
    .choose('own-it', 'mine', at + 2)
    .choose('how', 'direct', at + 3)
    .finish(ALL_FACTS, 200).session.log;
}

const rec = (id: string, traineeId: string, log: RunLog, day: number): RunRecord =>
  finishedRecord({
    id,
    traineeId,
    scenario: { ...log.scenario },
    log,
    startedAt: `2025-05-${String(day).padStart(2, '0')}T09:00:00.000Z`,
  });

const HOSTILE = '<img src=x onerror="alert(1)">Ann';
const trainees = [
  { id: 't-a', name: HOSTILE },
  { id: 't-b', name: 'Recruit B' },
];
const records = [
  rec('r-1', 't-a', played(superior, 25), 1),
  rec('r-2', 't-a', played(superior, 5), 2),
  rec('r-3', 't-b', played(superior, 15), 3),
  rec('r-4', 't-b', played(peer, 4), 4),
  rec('r-5', 't-b', { ...played(peer, 4), scenario: { id: 'peer', version: 7 } }, 5),
];
const analysed = analyseRuns({ records, scenarios: [superior, peer], trainees });
const summary = summarizeClass(analysed);

function commands(outcome: ImportOutcome = { messages: [] }) {
  return {
    importFiles: vi.fn<ClassSummaryCommands['importFiles']>(() => Promise.resolve(outcome)),
    openDebrief: vi.fn<(runId: string) => void>(),
    openHistory: vi.fn<(traineeId: string) => void>(),
  };
}

const show = (cmd = commands(), data: ClassSummary = summary) =>
  renderClassSummary(root, { summary: data }, cmd);

const file = (name: string) => new File(['{}'], name, { type: 'application/json' });

async function a11yViolations(): Promise<string[]> {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    // jsdom lays nothing out, so colours and sizes are checked in the browser tests.
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

describe('class summary screen', () => {
  it('shows a table per scenario and per stage, each with its caption', () => {
    show();
    const overview = getByRole(root, 'table', { name: 'Class summary by scenario' });
    const rows = within(overview).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const sergeantRow = within(overview).getByRole('rowheader', {
      name: 'Sergeant kneels (version 1)',
    }).parentElement as HTMLElement;
    expect(sergeantRow.textContent).toContain('15.0 s (3 of 3 saw it)');
    expect(sergeantRow.textContent).toContain('100% (3 of 3)');
    getByRole(root, 'table', { name: 'Answers at each stage: Sergeant kneels (version 1)' });
    getByRole(root, 'table', { name: 'Outcomes reached: Partner kneels (version 1)' });
    const stages = getByRole(root, 'table', { name: 'Answers at each stage, all scenarios' });
    expect(within(stages).getByRole('rowheader', { name: /Stage 4/ })).toBeTruthy();
  });

  it('says the rank comparison in a sentence an instructor can read aloud', () => {
    show();
    const region = getByRole(root, 'region', {
      name: 'Waiting when the officer at fault outranks the trainee',
    });
    expect(region.querySelector('.rank-sentence')?.textContent).toBe(summary.rank.sentence);
    expect(summary.rank.sentence).toContain('11 seconds longer');
    getByRole(region, 'table', { name: 'Median times by rank of the officer at fault' });
  });

  it('opens any run’s debrief and a trainee’s history', () => {
    const cmd = commands();
    show(cmd);
    const runs = getByRole(root, 'table', { name: 'Every run in the summary' });
    const debriefs = within(runs).getAllByRole('button', { name: /^Debrief: Recruit B/ });
    expect(debriefs).toHaveLength(2);
    fireEvent.click(debriefs[0] as HTMLElement);
    // Runs are listed by scenario title: Partner kneels comes first.
    expect(cmd.openDebrief).toHaveBeenCalledWith('r-4');
    fireEvent.click(
      within(runs).getAllByRole('button', { name: 'History of Recruit B' })[0] as HTMLElement,
    );
    expect(cmd.openHistory).toHaveBeenCalledWith('t-b');
  });

  it('shows names from the records as text, never as HTML', () => {
    show();
    expect(root.querySelector('img')).toBeNull();
    expect(getAllByRole(root, 'rowheader', { name: HOSTILE }).length).toBeGreaterThan(0);
  });

  it('lists the runs it left out, with the reason', () => {
    show();
    const region = getByRole(root, 'region', { name: 'Runs not included (1)' });
    expect(region.textContent).toContain('version 7, but version 1 is installed here');
  });

  it('imports the files chosen in the picker and shows each file’s message as text', async () => {
    const cmd = commands({
      messages: [
        { file: 'a.json', ok: true, text: 'a.json: 2 runs added.' },
        { file: '<b>x</b>.json', ok: false, text: '<b>x</b>.json: is empty.' },
      ],
    });
    show(cmd);
    const input = root.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    const files = [file('a.json'), file('<b>x</b>.json')];
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    fireEvent.change(input);
    expect(cmd.importFiles).toHaveBeenCalledWith(files);
    const status = getByRole(root, 'status');
    await waitFor(() => expect(within(status).getAllByRole('listitem')).toHaveLength(2));
    expect(within(status).getByText('<b>x</b>.json: is empty.')).toBeTruthy();
    expect(status.querySelector('b')).toBeNull();
  });

  it('reaches the file picker from the keyboard through the drop zone’s button', () => {
    show();
    const zone = getByRole(root, 'group', { name: 'Drop run files here' });
    const choose = within(zone).getByRole('button', { name: 'Choose run files' });
    const input = zone.querySelector('input[type="file"]') as HTMLInputElement;
    const click = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    choose.focus();
    expect(document.activeElement).toBe(choose);
    fireEvent.click(choose);
    expect(click).toHaveBeenCalled();
  });

  it('imports files dropped on the drop zone and redraws the summary', async () => {
    const smaller = summarizeClass(
      analyseRuns({ records: records.slice(0, 1), scenarios: [superior], trainees }),
    );
    const cmd = commands({
      messages: [{ file: 'c.json', ok: true, text: 'c.json: 1 run added.' }],
      summary: smaller,
    });
    show(cmd);
    const zone = getByRole(root, 'group', { name: 'Drop run files here' });
    fireEvent.dragEnter(zone, { dataTransfer: { files: [], dropEffect: 'none' } });
    expect(zone.classList.contains('dragging')).toBe(true);
    const dropped = [file('c.json')];
    const drop = fireEvent.drop(zone, { dataTransfer: { files: dropped } });
    expect(drop).toBe(false); // default prevented: the browser must not open the file
    expect(zone.classList.contains('dragging')).toBe(false);
    expect(cmd.importFiles).toHaveBeenCalledWith(dropped);
    await waitFor(() => getByText(root, 'c.json: 1 run added.'));
    const runs = getByRole(root, 'table', { name: 'Every run in the summary' });
    expect(within(runs).getAllByRole('button', { name: /^Debrief/ })).toHaveLength(1);
  });

  it('says so when a drop holds no files', () => {
    const cmd = commands();
    show(cmd);
    fireEvent.drop(getByRole(root, 'group', { name: 'Drop run files here' }), {
      dataTransfer: { files: [] },
    });
    expect(cmd.importFiles).not.toHaveBeenCalled();
    expect(getByRole(root, 'status').textContent).toContain('Nothing to import');
  });

  it('invites an import when there are no runs', () => {
    show(commands(), summarizeClass({ runs: [], skipped: [] }));
    expect(root.textContent).toContain('No finished runs yet');
    expect(root.querySelector('table')).toBeNull();
  });

  it('has no axe violations of WCAG A and AA that jsdom can check', async () => {
    show();
    expect(await a11yViolations()).toEqual([]);
  });
});

describe('history screen', () => {
  const history = traineeHistory(analysed, 't-a');

  it('lays out the attempts at each scenario side by side', () => {
    const openDebrief = vi.fn<(runId: string) => void>();
    renderHistory(root, { history }, { openDebrief });
    expect(getByRole(root, 'heading', { level: 1 }).textContent).toBe(HOSTILE);
    const attempts = getByRole(root, 'table', {
      name: 'Attempts at Sergeant kneels, side by side',
    });
    const headers = within(attempts)
      .getAllByRole('columnheader')
      .map((c) => c.textContent);
    expect(headers).toEqual(['', 'Attempt 1', 'Attempt 2']);
    const recognition = within(attempts).getByRole('rowheader', { name: 'Recognition time' })
      .parentElement as HTMLElement;
    expect(recognition.textContent).toBe('Recognition time25.0 s5.0 s');
    fireEvent.click(within(attempts).getByRole('button', { name: /^Debrief of attempt 2/ }));
    expect(openDebrief).toHaveBeenCalledWith('r-2');
  });

  it('gives each trend in words and as a sparkline with a text alternative', () => {
    renderHistory(root, { history }, { openDebrief: vi.fn() });
    const list = root.querySelector('.trends') as HTMLElement;
    expect(list.textContent).toContain(
      'Recognition time: 25 seconds at first, 5 seconds at the latest attempt (better by 20 seconds).',
    );
    const line = getByRole(root, 'img', {
      name: 'Recognition time by attempt: 25 seconds, 5 seconds.',
    });
    expect(line.querySelectorAll('circle')).toHaveLength(2);
  });

  it('has no axe violations of WCAG A and AA that jsdom can check', async () => {
    renderHistory(root, { history }, { openDebrief: vi.fn(), back: vi.fn() });
    expect(await a11yViolations()).toEqual([]);
  });
});
