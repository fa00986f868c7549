import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import {
  findByRole,
  findByText,
  fireEvent,
  getAllByRole,
  getByLabelText,
  getByRole,
  queryByRole,
  within,
} from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountApp, type MountedApp } from '../../src/bridge/mountApp.ts';
import type { EncounterController } from '../../src/bridge/encounterController.ts';
import { createRecords, summarizeRun, type Records } from '../../src/records/index.ts';
import type { ScenarioCatalog } from '../../src/scenarioCatalog.ts';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { createSettingsStore } from '../../src/store/settingsStore.ts';
import { downloadFile, type DownloadFile } from '../../src/ui/recordsPanel.ts';
import { FakeAudio, FakeScene, ManualFrames } from '../helpers/fakes.ts';
import { finishedRecord, recordsFileText, TRAINEE } from '../helpers/recordsFixtures.ts';
import { compiledFixture, loadFixture } from '../helpers/scenarios.ts';

const catalog: ScenarioCatalog = {
  scenarios: [{ file: 'minimal.yaml', scenario: loadFixture('minimal.yaml') }],
  broken: [],
};
const ALL_FACTS = ['knee', 'breathing-said', 'rolled-fact'];

const opened: Records[] = [];
const mounted: MountedApp[] = [];

beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  vi.stubGlobal('indexedDB', new IDBFactory());
  document.body.innerHTML = '';
});

afterEach(async () => {
  for (const app of mounted.splice(0)) app.destroy();
  await Promise.all(opened.splice(0).map((r) => r.close()));
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A tab of the game: its own page, stores, clock and connection to the records. */
function openTab(scenarios: ScenarioCatalog = catalog) {
  const root = document.createElement('main');
  document.body.append(root);
  const records = createRecords({ locks: null });
  opened.push(records);
  const frames = new ManualFrames();
  const store: AppStore = createAppStore();
  const memory = new Map<string, string>();
  const settings = createSettingsStore({
    storage: {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    },
  });
  const downloads: DownloadFile[] = [];
  const app = mountApp({
    root,
    catalog: scenarios,
    store,
    settings,
    audio: new FakeAudio(),
    loadStage: () => Promise.resolve(new FakeScene()),
    soundCaption: () => undefined,
    now: () => frames.now,
    frames,
    records,
    download: (file) => downloads.push(file),
  });
  mounted.push(app);
  const controller = (): EncounterController => {
    const running = app.controller();
    if (!running) throw new Error('no encounter is running');
    return running;
  };
  return { root, records, frames, store, app, downloads, controller };
}

type Tab = ReturnType<typeof openTab>;

function chooseName(tab: Tab, name: string): void {
  const bar = getByRole(tab.root, 'region', { name: 'Trainee' });
  fireEvent.click(within(bar).getByRole('button', { name: /Choose your name|Change/ }));
  const form = getByRole(bar, 'form', { name: 'Who is practising' });
  fireEvent.input(within(form).getByRole('textbox', { name: 'Your name or academy ID' }), {
    target: { value: name },
  });
  fireEvent.submit(form);
}

async function startMinimal(tab: Tab): Promise<void> {
  fireEvent.click(await findByRole(tab.root, 'button', { name: 'Brief me' }));
  fireEvent.click(getByRole(tab.root, 'button', { name: 'Start' }));
  await findByRole(tab.root, 'heading', { name: 'Stage 1: See the problem' });
}

/** Signals and takes the best answers at the first two stages: the run is part way. */
function playPartWay(tab: Tab): void {
  tab.frames.run(11_000);
  tab.controller().signal(tab.frames.now);
  tab.frames.run(600);
  tab.controller().choose('assess', 'required', tab.frames.now);
  tab.frames.run(400);
}

function playOn(tab: Tab): void {
  for (const [decision, option] of [
    ['own-it', 'mine'],
    ['how', 'direct'],
    ['follow-through', 'stay'],
  ] as const) {
    tab.controller().choose(decision, option, tab.frames.now);
    tab.frames.run(500);
  }
  tab.frames.run(300_000);
  tab.controller().submitReport(ALL_FACTS, tab.frames.now);
}

async function runsTable(tab: Tab): Promise<HTMLElement> {
  const section = getByRole(tab.root, 'region', { name: /My runs|Runs on this device/ });
  return within(section).findByRole('table');
}

describe('Who is practising', () => {
  it('says runs are kept under Guest until the trainee types a name, then keeps theirs', async () => {
    const tab = openTab();
    const bar = getByRole(tab.root, 'region', { name: 'Trainee' });
    expect(bar.textContent).toContain('Practising as: Guest');
    expect(bar.textContent).toContain('Your runs are kept under "Guest"');

    chooseName(tab, '   ');
    expect(await within(bar).findByText(/That name cannot be used/)).toBeTruthy();
    expect(tab.store.getState().trainee).toBeUndefined();

    chooseName(tab, 'Jane Doe');
    await vi.waitFor(() => expect(tab.store.getState().trainee?.name).toBe('Jane Doe'));
    await vi.waitFor(() => expect(bar.textContent).toContain('Practising as: Jane Doe'));
    expect(bar.textContent).not.toContain('kept under "Guest"');
    expect(queryByRole(bar, 'form')).toBeNull();
    expect(document.activeElement).toBe(within(bar).getByRole('button', { name: 'Change' }));

    // Remembered for the visit: back from a briefing, the menu still knows who it is.
    fireEvent.click(getByRole(tab.root, 'button', { name: 'Brief me' }));
    expect(tab.root.textContent).toContain('Your run is saved as you play, under Jane Doe.');
    fireEvent.click(getByRole(tab.root, 'button', { name: 'Back to the scenarios' }));
    expect(getByRole(tab.root, 'region', { name: 'Trainee' }).textContent).toContain(
      'Practising as: Jane Doe',
    );
  });

  it('offers the profiles kept on this device to pick from', async () => {
    const tab = openTab();
    await tab.records.addTrainee('A-1042');
    await tab.records.addTrainee('Jane Doe');
    // The menu drawn again reads the profiles afresh.
    tab.store.getState().go({ name: 'settings', back: { name: 'menu' } });
    tab.store.getState().go({ name: 'menu' });
    const bar = getByRole(tab.root, 'region', { name: 'Trainee' });
    fireEvent.click(within(bar).getByRole('button', { name: 'Choose your name' }));
    const picks = await within(bar).findByRole('list', { name: /Or pick a trainee/ });
    fireEvent.click(await within(picks).findByRole('button', { name: 'A-1042' }));
    await vi.waitFor(() => expect(tab.store.getState().trainee?.name).toBe('A-1042'));
    // Picking again by typing finds the same profile, whatever the case.
    chooseName(tab, 'jane doe');
    await vi.waitFor(() => expect(tab.store.getState().trainee?.name).toBe('Jane Doe'));
    expect((await tab.records.listTrainees()).map((t) => t.name)).toEqual(['A-1042', 'Jane Doe']);
  });
});

describe('Recording runs from the menu', () => {
  it('saves a run as it is played under the trainee, and lists it with both scores', async () => {
    const tab = openTab();
    chooseName(tab, 'Jane Doe');
    await vi.waitFor(() => expect(tab.store.getState().trainee).toBeDefined());
    await startMinimal(tab);
    const runId = tab.controller().runId ?? '';
    playPartWay(tab);
    await tab.records.flush();
    const saved = await tab.records.getRun(runId);
    expect(saved?.status).toBe('in-progress');
    expect(saved?.log).toEqual(tab.controller().log);
    expect(saved?.traineeId).toBe(tab.store.getState().trainee?.id);

    playOn(tab);
    expect(tab.store.getState().screen.name).toBe('end');
    await tab.records.flush();
    const finished = await tab.records.getRun(runId);
    expect(finished?.status).toBe('finished');
    expect(finished?.summary?.outcomeScore).toBe(tab.store.getState().score?.outcome.points);

    tab.store.getState().go({ name: 'menu' });
    const table = await runsTable(tab);
    const row = within(table).getByRole('row', { name: /Minimal test encounter/ });
    expect(row.textContent).toContain('Finished');
    const summary = finished?.summary;
    expect(row.textContent).toContain(`${summary?.outcomeScore} / 100, ${summary?.outcomeBand}`);
    expect(row.textContent).toContain(`${summary?.processScore} / 100, ${summary?.processBand}`);
  });

  it('keeps a run the trainee quits or restarts as abandoned', async () => {
    const tab = openTab();
    await startMinimal(tab);
    const first = tab.controller().runId ?? '';
    tab.frames.run(3_000);
    tab.app.controller()?.pause('pause');
    fireEvent.click(await findByRole(tab.root, 'button', { name: 'Restart the scenario' }));
    const second = tab.controller().runId ?? '';
    expect(second).not.toBe(first);
    tab.frames.run(3_000);
    tab.app.controller()?.pause('pause');
    fireEvent.click(await findByRole(tab.root, 'button', { name: 'Quit to the menu' }));
    await tab.records.flush();
    expect((await tab.records.getRun(first))?.status).toBe('abandoned');
    expect((await tab.records.getRun(second))?.status).toBe('abandoned');
    // Both went under the Guest profile, made when the first run began.
    const [guest] = await tab.records.listTrainees();
    expect(guest?.name).toBe('Guest');
    expect((await tab.records.getRun(first))?.traineeId).toBe(guest?.id);
    const table = await runsTable(tab);
    expect(within(table).getAllByText('Abandoned')).toHaveLength(2);
    expect(within(table).getAllByText('Not scored')).toHaveLength(4);
  });
});

describe('Runs left in progress', () => {
  /** Plays part way in one tab and leaves it the way a reload does: nothing is stopped. */
  async function interruptedRun(name = 'Jane Doe') {
    const before = openTab();
    chooseName(before, name);
    await vi.waitFor(() => expect(before.store.getState().trainee).toBeDefined());
    await startMinimal(before);
    playPartWay(before);
    await before.records.flush();
    const log = before.controller().log;
    const view = before.store.getState().encounter?.view;
    const runId = before.controller().runId ?? '';
    before.app.destroy();
    return { log, view, runId };
  }

  it('are offered on the menu, and Resume rebuilds the run and plays it on to its end', async () => {
    const { log, view, runId } = await interruptedRun();
    const tab = openTab();
    expect(tab.store.getState().trainee).toBeUndefined();
    const section = await findByRole(tab.root, 'region', { name: 'Unfinished runs' });
    const item = within(section).getByRole('listitem');
    expect(item.textContent).toContain('Minimal test encounter: Jane Doe, started');
    expect(item.textContent).toContain(`stopped at 0:${log.entries.at(-1)?.t.toFixed(1)}`);

    fireEvent.click(within(item).getByRole('button', { name: 'Resume' }));
    await findByRole(tab.root, 'heading', { name: /Stage 3/ });
    expect(tab.controller().runId).toBe(runId);
    expect(tab.controller().log).toEqual(log);
    const resumed = tab.store.getState().encounter?.view;
    expect(resumed?.stage).toBe(view?.stage);
    expect(resumed?.decision?.id).toBe(view?.decision?.id);
    expect(resumed?.captions).toEqual(view?.captions);
    // The run's trainee is the one practising now.
    expect(tab.store.getState().trainee?.name).toBe('Jane Doe');

    playOn(tab);
    expect(tab.store.getState().screen.name).toBe('end');
    await tab.records.flush();
    const run = await tab.records.getRun(runId);
    expect(run?.status).toBe('finished');
    expect(run?.log.entries.slice(0, log.entries.length)).toEqual(log.entries);
    expect(run?.summary).toEqual(summarizeRun(compiledFixture('minimal.yaml'), run?.log ?? log));
    expect(await tab.records.unfinishedRuns()).toEqual([]);
  });

  it('are kept as abandoned when discarded', async () => {
    const { runId } = await interruptedRun();
    const tab = openTab();
    const section = await findByRole(tab.root, 'region', { name: 'Unfinished runs' });
    fireEvent.click(within(section).getByRole('button', { name: 'Discard' }));
    await findByText(tab.root, 'The run was discarded. It is kept as abandoned.');
    await vi.waitFor(() => expect(section.hidden).toBe(true));
    expect((await tab.records.getRun(runId))?.status).toBe('abandoned');
  });

  it('cannot be resumed once their scenario has changed, and say why', async () => {
    await interruptedRun();
    const changed = structuredClone(loadFixture('minimal.yaml'));
    changed.version += 1;
    const tab = openTab({ scenarios: [{ file: 'minimal.yaml', scenario: changed }], broken: [] });
    const section = await findByRole(tab.root, 'region', { name: 'Unfinished runs' });
    expect(section.textContent).toContain('which has changed since');
    expect(within(section).queryByRole('button', { name: 'Resume' })).toBeNull();
    expect(within(section).getByRole('button', { name: 'Discard' })).toBeTruthy();
  });
});

describe('Export and import', () => {
  function chooseFiles(input: HTMLElement, files: File[]): void {
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    fireEvent.change(input);
  }

  it('names each imported file with what happened to it, as text and never as HTML', async () => {
    const tab = openTab();
    const hostile = { ...TRAINEE, name: '<img src=x onerror="window.hacked=1">' };
    const good = recordsFileText([finishedRecord()], [hostile]);
    chooseFiles(getByLabelText(tab.root, /Import runs/), [
      new File([good], 'class.json'),
      new File([good], 'again.json'),
      new File(['{"hello":"world"}'], '<b>foreign</b>.json'),
    ]);
    const status = getByRole(tab.root, 'status', { name: 'Export and import' });
    await vi.waitFor(() => expect(within(status).getAllByRole('listitem')).toHaveLength(3));
    expect(
      within(status)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'class.json: 1 run added.',
      'again.json: 0 runs added, 1 already on this device (left as it was).',
      expect.stringMatching(/^<b>foreign<\/b>\.json: is not a run records file from this game/),
    ]);
    fireEvent.click(getByRole(tab.root, 'checkbox', { name: /every trainee's runs/ }));
    const table = await runsTable(tab);
    expect(within(table).getByText(hostile.name)).toBeTruthy();
    expect(tab.root.querySelector('img, b')).toBeNull();
  });

  it('downloads every run as JSON or CSV, and one run as JSON', async () => {
    const tab = openTab();
    await tab.records.importFiles([
      {
        name: 'class.json',
        text: () =>
          Promise.resolve(
            recordsFileText([finishedRecord(), finishedRecord({ id: 'r-fixture-2' })]),
          ),
      },
    ]);
    const section = getByRole(tab.root, 'region', { name: 'My runs' });
    fireEvent.click(within(section).getByRole('button', { name: 'Export all runs (JSON)' }));
    fireEvent.click(within(section).getByRole('button', { name: 'Export all runs (CSV)' }));
    await vi.waitFor(() => expect(tab.downloads).toHaveLength(2));
    const json = tab.downloads.find((d) => d.name.endsWith('.json'));
    const csv = tab.downloads.find((d) => d.name.endsWith('.csv'));
    expect(json?.name).toMatch(/^dti-runs-\d{4}-\d{2}-\d{2}\.json$/);
    expect((JSON.parse(json?.text ?? '') as { runs: unknown[] }).runs).toHaveLength(2);
    expect(csv?.type).toBe('text/csv');
    expect(csv?.text.trimEnd().split('\r\n')).toHaveLength(3);

    fireEvent.click(within(section).getByRole('checkbox', { name: /every trainee's runs/ }));
    const table = await runsTable(tab);
    const buttons = getAllByRole(table, 'button', { name: /^Export JSON, Minimal test encounter/ });
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[0] as HTMLElement);
    await vi.waitFor(() => expect(tab.downloads).toHaveLength(3));
    const one = JSON.parse(tab.downloads[2]?.text ?? '') as { runs: Array<{ id: string }> };
    expect(one.runs.map((r) => r.id)).toEqual(['r-fixture-2']);
    expect(tab.downloads[2]?.name).toBe('dti-run-r-fixture-2.json');
  });

  it('saves a download through a temporary link to a Blob', () => {
    const created: Blob[] = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return 'blob:runs';
      },
      revokeObjectURL: vi.fn(),
    });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    downloadFile({ name: 'runs.csv', type: 'text/csv', text: 'a,b\r\n' });
    expect(created[0]?.type).toBe('text/csv');
    expect(clicked[0]?.getAttribute('download')).toBe('runs.csv');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:runs');
    expect(document.querySelector('a[download]')).toBeNull();
  });
});

describe('Without working storage', () => {
  it('says records are not being kept, why, and offers export', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const tab = openTab();
    const warning = await findByRole(tab.root, 'region', { name: 'Records on this device' });
    await vi.waitFor(() =>
      expect(within(warning).getByRole('status').textContent).toBe(
        'Records are not being kept on this device: This browser gives the game no storage (private browsing, or site data is blocked). Export your runs before closing.',
      ),
    );
    await startMinimal(tab);
    playPartWay(tab);
    playOn(tab);
    tab.store.getState().go({ name: 'menu' });
    const again = getByRole(tab.root, 'region', { name: 'Records on this device' });
    fireEvent.click(within(again).getByRole('button', { name: 'Export all runs (JSON)' }));
    await vi.waitFor(() => expect(tab.downloads).toHaveLength(1));
    const file = JSON.parse(tab.downloads[0]?.text ?? '') as { runs: Array<{ status: string }> };
    expect(file.runs.map((r) => r.status)).toEqual(['finished']);
  });
});

describe('From the end screen to the debrief', () => {
  it('opens the debrief of the run just played, and comes back', async () => {
    const tab = openTab();
    await startMinimal(tab);
    playPartWay(tab);
    playOn(tab);
    expect(tab.store.getState().screen.name).toBe('end');
    fireEvent.click(getByRole(tab.root, 'button', { name: 'Open the debrief' }));
    expect(tab.store.getState().screen.name).toBe('debrief');
    expect(getByRole(tab.root, 'heading', { level: 1 }).textContent).toContain(
      'Minimal test encounter',
    );
    expect(getByRole(tab.root, 'heading', { name: /Branch/ })).toBeTruthy();
    fireEvent.click(getByRole(tab.root, 'button', { name: 'Back to the scores' }));
    expect(tab.store.getState().screen.name).toBe('end');
  });
});

describe('Debriefs of saved runs', () => {
  it('opens the debrief of a finished run from My runs, and goes back to the menu', async () => {
    const tab = openTab();
    await startMinimal(tab);
    playPartWay(tab);
    playOn(tab);
    await tab.records.flush();
    tab.store.getState().go({ name: 'menu' });
    const table = await runsTable(tab);
    const row = within(table).getByRole('row', { name: /Minimal test encounter/ });
    fireEvent.click(within(row).getByRole('button', { name: /^Debrief/ }));
    await vi.waitFor(() => expect(tab.store.getState().screen.name).toBe('debrief'));
    expect(getByRole(tab.root, 'heading', { level: 2, name: 'Timeline' })).toBeTruthy();
    fireEvent.click(getByRole(tab.root, 'button', { name: 'Back to my runs' }));
    expect(tab.store.getState().screen.name).toBe('menu');
  });
});

describe('The class summary and a trainee history, from the menu', () => {
  it('reads the runs on this device, opens a debrief from them, and comes back', async () => {
    const tab = openTab();
    chooseName(tab, 'Jane Doe');
    await vi.waitFor(() => expect(tab.store.getState().trainee).toBeDefined());
    await startMinimal(tab);
    playPartWay(tab);
    playOn(tab);
    await tab.records.flush();
    tab.store.getState().go({ name: 'menu' });

    fireEvent.click(getByRole(tab.root, 'button', { name: 'Class summary' }));
    await findByRole(tab.root, 'heading', { level: 1, name: 'Class summary' });
    const debrief = await within(tab.root).findAllByRole('button', { name: /^Debrief/ });
    fireEvent.click(debrief[0] as HTMLElement);
    await vi.waitFor(() => expect(tab.store.getState().screen.name).toBe('debrief'));
    fireEvent.click(getByRole(tab.root, 'button', { name: 'Back to the class summary' }));
    await findByRole(tab.root, 'heading', { level: 1, name: 'Class summary' });

    tab.store.getState().go({ name: 'menu' });
    fireEvent.click(getByRole(tab.root, 'button', { name: 'My progress' }));
    await findByRole(tab.root, 'heading', { level: 1, name: 'Jane Doe' });
  });
});
