/**
 * The records side of the menu: reads the trainees, the runs and the unfinished runs from the
 * records for the panel to draw, and carries out what the player asks (choose a trainee, discard,
 * export, import). Resuming a run is the app's: it needs the stage and the encounter.
 */
import type { Records, RunInfo, RunRecord } from '../records/index.ts';
import type { ScenarioCatalog } from '../scenarioCatalog.ts';
import type { AppStore, TraineeProfile } from '../store/appStore.ts';
import {
  GUEST_NAME,
  isGuest,
  mountRecordsPanel,
  type DownloadFile,
  type RecordsPanel,
  type RunRow,
  type UnfinishedRow,
} from '../ui/recordsPanel.ts';

export interface RecordsMenuDeps {
  readonly records: Records;
  readonly store: AppStore;
  readonly catalog: ScenarioCatalog;
  readonly download: (file: DownloadFile) => void;
  /** Takes the unfinished run up again; resolves with a problem to show, if it could not. */
  readonly resume: (record: RunRecord) => Promise<string | undefined>;
  /** Shows the debrief of a saved run; returns a problem to show, if it cannot. */
  readonly openDebrief: (record: RunRecord) => string | undefined;
}

export interface RecordsMenu {
  /** A fresh panel for a menu being drawn, filled in as the records answer. */
  mount(): RecordsPanel;
  /** The trainee runs go under: the one chosen, or the Guest profile (made on first need). */
  trainee(): Promise<TraineeProfile>;
  destroy(): void;
}

export function createRecordsMenu(deps: RecordsMenuDeps): RecordsMenu {
  const { records, store, catalog } = deps;
  // Kept across visits to the menu within this visit to the game.
  let everyone = false;
  let panel: RecordsPanel | undefined;
  let busy = false;
  let guest: Promise<TraineeProfile> | undefined;

  const titleOf = (scenarioId: string) =>
    catalog.scenarios.find((s) => s.scenario.id === scenarioId)?.scenario.title ??
    `${scenarioId} (not installed here)`;

  const profile = (t: { id: string; name: string }): TraineeProfile => ({ id: t.id, name: t.name });

  const trainee = async (): Promise<TraineeProfile> => {
    const chosen = store.getState().trainee;
    if (chosen) return chosen;
    guest ??= records.addTrainee(GUEST_NAME).then((made) => {
      // "Guest" is always a valid name: this is only for the type checker.
      if (!made.ok) throw new Error(made.message);
      return profile(made.trainee);
    });
    const made = await guest;
    if (!store.getState().trainee) store.getState().setTrainee(made);
    return store.getState().trainee ?? made;
  };

  /** Whose runs "My runs" lists: the chosen trainee, else Guest if that profile exists yet. */
  const listedTrainee = (trainees: readonly TraineeProfile[]) =>
    store.getState().trainee ?? trainees.find((t) => isGuest(t.name));

  const refreshTrainees = async (target: RecordsPanel) => {
    const trainees = (await records.listTrainees()).map(profile);
    target.setTrainee(store.getState().trainee, trainees);
    return trainees;
  };

  const refreshRuns = async (target: RecordsPanel) => {
    target.setRuns(undefined, everyone);
    const trainees = (await records.listTrainees()).map(profile);
    const names = new Map(trainees.map((t) => [t.id, t.name]));
    const whose = listedTrainee(trainees);
    const runs = everyone
      ? await records.listRuns()
      : whose
        ? await records.listRuns({ traineeId: whose.id })
        : [];
    target.setRuns(
      runs
        .slice()
        .reverse()
        .map((run) => runRow(run, titleOf(run.scenario.id), names.get(run.traineeId))),
      everyone,
    );
  };

  const refreshUnfinished = async (target: RecordsPanel) => {
    const [open, trainees] = await Promise.all([records.unfinishedRuns(), records.listTrainees()]);
    const names = new Map(trainees.map((t) => [t.id, t.name]));
    target.setUnfinished(
      open.map((record) => unfinishedRow(record, catalog, names.get(record.traineeId))),
    );
  };

  /** Runs `task` unless another is under way, so a double press does not do it twice. */
  const once = async (task: () => Promise<void>) => {
    if (busy) return;
    busy = true;
    try {
      await task();
    } finally {
      busy = false;
    }
  };

  const exportFile = async (format: 'json' | 'csv', runIds?: readonly string[]) => {
    const day = new Date().toISOString().slice(0, 10);
    const name = runIds?.length === 1 ? `dti-run-${runIds[0] ?? ''}` : `dti-runs-${day}`;
    try {
      if (format === 'json') {
        const text = await records.exportJson(runIds);
        deps.download({ name: `${name}.json`, type: 'application/json', text });
      } else {
        // Gradebooks are opened in Excel, which needs the byte-order mark to read accented names.
        const text = await records.exportCsv(runIds, { excelBom: true });
        deps.download({ name: `${name}.csv`, type: 'text/csv', text });
      }
      panel?.showMessages([`Saved ${name}.${format} to your downloads.`]);
    } catch (error) {
      panel?.showMessages([`The export failed (${describe(error)}).`]);
    }
  };

  const mount = (): RecordsPanel => {
    const made: RecordsPanel = mountRecordsPanel({
      chooseTrainee: async (name) => {
        const result = await records.addTrainee(name).catch((error: unknown) => ({
          ok: false as const,
          message: describe(error),
        }));
        if (!result.ok) return `That name cannot be used: ${result.message}.`;
        store.getState().setTrainee(profile(result.trainee));
        await refreshTrainees(made);
        await refreshRuns(made);
        return undefined;
      },
      resume: (runId) =>
        void once(async () => {
          const record = (await records.unfinishedRuns()).find((r) => r.id === runId);
          if (!record) {
            made.sayAboutUnfinished(
              'That run is no longer waiting: it may be open in another tab.',
            );
            await refreshUnfinished(made);
            return;
          }
          made.sayAboutUnfinished('Loading the scene…');
          const problem = await deps.resume(record);
          if (problem !== undefined) {
            made.sayAboutUnfinished(problem);
            await refreshUnfinished(made);
          }
        }),
      discard: (runId) =>
        void once(async () => {
          const done = await records.abandonRun(runId);
          made.sayAboutUnfinished(
            done
              ? 'The run was discarded. It is kept as abandoned.'
              : 'That run could not be discarded: it may be open in another tab.',
          );
          await refreshUnfinished(made);
          await refreshRuns(made);
        }),
      exportAll: (format) => void exportFile(format),
      exportRun: (runId) => void exportFile('json', [runId]),
      openDebrief: (runId) =>
        void (async () => {
          const record = await records.getRun(runId);
          const problem = record
            ? deps.openDebrief(record)
            : 'That run is no longer on this device.';
          if (problem) made.showMessages([problem]);
        })(),
      importFiles: (files) =>
        void (async () => {
          made.showMessages([
            `Importing ${files.length === 1 ? 'one file' : `${files.length} files`}…`,
          ]);
          const report = await records.importFiles(files);
          made.showMessages(report.files.map(importMessage));
          await refreshTrainees(made);
          await refreshRuns(made);
        })(),
      showEveryone: (all) => {
        everyone = all;
        void refreshRuns(made);
      },
    });
    panel = made;
    made.setStatus(store.getState().records);
    made.setTrainee(store.getState().trainee, []);
    made.setRuns(undefined, everyone);
    void (async () => {
      await refreshTrainees(made);
      await Promise.all([refreshUnfinished(made), refreshRuns(made)]);
    })();
    return made;
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.records !== previous.records) panel?.setStatus(state.records);
  });

  return { mount, trainee, destroy: unsubscribe };
}

function runRow(run: RunInfo, scenario: string, trainee: string | undefined): RunRow {
  const summary = run.summary;
  return {
    id: run.id,
    scenario,
    trainee: trainee ?? 'Unknown trainee',
    startedAt: run.startedAt,
    status: run.status,
    outcome: summary ? { points: summary.outcomeScore, band: summary.outcomeBand } : undefined,
    process: summary ? { points: summary.processScore, band: summary.processBand } : undefined,
  };
}

/** Why a saved run cannot be played on from here, if it cannot. */
export function resumeProblem(record: RunRecord, catalog: ScenarioCatalog): string | undefined {
  const installed = catalog.scenarios.find((s) => s.scenario.id === record.scenario.id)?.scenario;
  if (!installed) return 'Its scenario is not installed here, so it cannot be resumed.';
  if (installed.version !== record.scenario.version) {
    return `It was played on version ${record.scenario.version} of the scenario, which has changed since (now version ${installed.version}), so it cannot be resumed.`;
  }
  return undefined;
}

function unfinishedRow(
  record: RunRecord,
  catalog: ScenarioCatalog,
  trainee: string | undefined,
): UnfinishedRow {
  const title = catalog.scenarios.find((s) => s.scenario.id === record.scenario.id)?.scenario.title;
  const blocked = resumeProblem(record, catalog);
  return {
    id: record.id,
    scenario: title ?? record.scenario.id,
    trainee: trainee ?? 'Unknown trainee',
    startedAt: record.startedAt,
    reached: record.log.entries.at(-1)?.t ?? 0,
    ...(blocked === undefined ? {} : { blocked }),
  };
}

function importMessage(file: {
  file: string;
  added: number;
  duplicates: readonly string[];
  problem?: string;
}): string {
  if (file.problem !== undefined) return file.problem;
  const added = file.added === 1 ? '1 run added' : `${file.added} runs added`;
  const skipped =
    file.duplicates.length === 0
      ? ''
      : file.duplicates.length === 1
        ? ', 1 already on this device (left as it was)'
        : `, ${file.duplicates.length} already on this device (left as they were)`;
  return `${file.file}: ${added}${skipped}.`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
