/**
 * Trainee records kept on the device. The game records a run as it happens through a RunRecorder
 * whose calls are synchronous, cheap and never throw: each call only notes what changed, and the
 * changes of a frame go to IndexedDB together, in one transaction, after the frame's code has run.
 * A reload or crash therefore loses at most the last frame, and the run is offered for resume.
 *
 * When IndexedDB is missing or fails (private browsing, a full disk, site data cleared), the status
 * says records are not being kept and everything goes on in memory for the rest of the visit: the
 * run plays, its debrief shows, and it can still be exported.
 */
import type { LogEntry, RunLog } from '../engine/index.ts';
import {
  DB_NAME,
  MemoryBackend,
  openIdbBackend,
  type Backend,
  type RunQuery,
  type RunWrite,
} from './backends.ts';
import { runsToCsv } from './csv.ts';
import {
  buildRecordsFile,
  errorText,
  planImport,
  readRecordsFile,
  serializeRecordsFile,
  type FileReading,
  type ImportOptions,
} from './exchange.ts';
import { diffLog, mergeChanges, type LogChange } from './logDiff.ts';
import { repairRun, repairStoredRun, repairTrainee } from './repair.ts';
import {
  RecordIdSchema,
  RunSummarySchema,
  TraineeNameSchema,
  type RunInfo,
  type RunRecord,
  type RunSummary,
  type StoredRun,
  type Trainee,
} from './schema.ts';

export type RecordsStatus =
  | { readonly state: 'opening' }
  | { readonly state: 'kept' }
  /** `reason` is a sentence for the player: what went wrong, not what to do about it. */
  | { readonly state: 'not-kept'; readonly reason: string };

/** Records one run as it happens. Every call returns at once and never throws. */
export interface RunRecorder {
  readonly runId: string;
  /** The log as it is now (pass the session's log whenever it changes; unchanged logs cost nothing). */
  update(log: RunLog): void;
  /** The run reached its end; `summary` is from summarizeRun or summarizeScore. */
  finish(log: RunLog, summary?: RunSummary): void;
  /** The trainee left the run (menu, new run). */
  abandon(): void;
}

/** Anything with a name and its text: a browser File, or a stand-in in tests. */
export interface ImportSource {
  readonly name: string;
  text(): Promise<string>;
}

export interface ImportedFile {
  readonly file: string;
  readonly added: number;
  /** Run ids already stored (or earlier in this import): skipped, the stored run untouched. */
  readonly duplicates: readonly string[];
  /** Why nothing of this file was loaded, naming the file. */
  readonly problem?: string;
}

export interface ImportReport {
  readonly files: readonly ImportedFile[];
  readonly added: number;
  readonly duplicates: number;
  readonly problems: readonly string[];
}

export type AddTraineeResult =
  | { readonly ok: true; readonly trainee: Trainee; readonly created: boolean }
  | { readonly ok: false; readonly message: string };

/** The Web Locks API, which tells a run being played in another tab from an interrupted one. */
export type RunLocks = Pick<LockManager, 'request' | 'query'>;

export interface RecordsOptions {
  readonly dbName?: string;
  readonly now?: () => Date;
  readonly newId?: (kind: 'run' | 'trainee') => string;
  /** How long to wait for IndexedDB before playing on without it (an open can hang when blocked). */
  readonly openTimeoutMs?: number;
  /** Defaults to navigator.locks where the browser has it; null turns the check off. */
  readonly locks?: RunLocks | null;
}

export interface Records {
  readonly status: RecordsStatus;
  /** Resolves once IndexedDB is open, or given up on. */
  readonly ready: Promise<RecordsStatus>;
  onStatus(listener: (status: RecordsStatus) => void): () => void;

  listTrainees(): Promise<Trainee[]>;
  /** Finds the profile with this name (ignoring case and spacing) or makes one. */
  addTrainee(name: string): Promise<AddTraineeResult>;

  startRun(traineeId: string, log: RunLog): RunRecorder;
  /** Runs left in progress by an earlier visit (not live here or in another tab), oldest first. */
  unfinishedRuns(): Promise<RunRecord[]>;
  /** Takes over an unfinished run; replay its log into a new session and go on recording. */
  resumeRun(runId: string): Promise<{ record: RunRecord; recorder: RunRecorder } | undefined>;
  abandonRun(runId: string): Promise<boolean>;
  /** Marks every unfinished run abandoned; returns how many. */
  abandonUnfinished(): Promise<number>;

  /** Runs without their logs, oldest first. */
  listRuns(query?: RunQuery): Promise<RunInfo[]>;
  getRun(runId: string): Promise<RunRecord | undefined>;

  /** The export file of these runs (all when omitted) as JSON text. */
  exportJson(runIds?: readonly string[]): Promise<string>;
  exportCsv(runIds?: readonly string[], options?: { excelBom?: boolean }): Promise<string>;
  /** Loads export files; a bad file is reported and skipped, the others still load. */
  importFiles(files: Iterable<ImportSource>, options?: ImportOptions): Promise<ImportReport>;

  /** Resolves when everything recorded so far has been written (or given up on). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createRecords(options: RecordsOptions = {}): Records {
  return new DeviceRecords(options);
}

const NO_STORAGE =
  'This browser gives the game no storage (private browsing, or site data is blocked).';

/** A player-facing sentence for a storage error. */
export function describeStorageFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return 'The device has no room left for records.';
  if (name === 'SecurityError') return NO_STORAGE;
  return `Records could not be saved (${errorText(error)}).`;
}

function describeOpenFailure(error: unknown): string {
  if (error instanceof TimeoutError) {
    return 'The records database did not open (another tab may be holding it).';
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'VersionError') {
    return 'The records on this device are from a newer version of the game.';
  }
  if (name === 'QuotaExceededError') return 'The device has no room left for records.';
  return NO_STORAGE;
}

interface LiveRun {
  info: StoredRun;
  /** The log as last given; the part from `change.from` on is not saved yet. */
  entries: readonly LogEntry[];
  change: LogChange | undefined;
  dirty: boolean;
  closed: boolean;
  release: (() => void) | undefined;
}

const LOCK_PREFIX = 'dti-records-run:';

class DeviceRecords implements Records {
  private currentStatus: RecordsStatus = { state: 'opening' };
  private readonly listeners = new Set<(status: RecordsStatus) => void>();
  private durable: Backend | undefined;
  /** Trainees and imports while the device's storage is failing. */
  private readonly memory = new MemoryBackend();
  /** Runs started or resumed in this visit: complete and newest, whatever was saved. */
  private readonly live = new Map<string, LiveRun>();
  private queue: Promise<void>;
  private flushQueued = false;
  private readonly now: () => Date;
  private readonly newId: (kind: 'run' | 'trainee') => string;
  private readonly locks: RunLocks | undefined;
  readonly ready: Promise<RecordsStatus>;

  constructor(private readonly options: RecordsOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomId;
    this.locks = options.locks === null ? undefined : (options.locks ?? defaultLocks());
    this.ready = this.open();
    this.queue = this.ready.then(() => undefined);
  }

  get status(): RecordsStatus {
    return this.currentStatus;
  }

  onStatus(listener: (status: RecordsStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Trainees ---------------------------------------------------------------------------------------

  async listTrainees(): Promise<Trainee[]> {
    await this.queue;
    return this.readTrainees();
  }

  /** Without waiting for the queue: safe to call from inside a queued task. */
  private async readTrainees(): Promise<Trainee[]> {
    const byId = new Map<string, Trainee>();
    for (const backend of this.readable()) {
      for (const raw of await safely(() => backend.readTrainees(), [])) {
        const trainee = repairTrainee(raw);
        if (trainee) byId.set(trainee.id, trainee);
      }
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async addTrainee(name: string): Promise<AddTraineeResult> {
    const parsed = TraineeNameSchema.safeParse(name);
    if (!parsed.success) {
      return { ok: false, message: parsed.error.issues[0]?.message ?? 'not a valid name' };
    }
    const wanted = normalizeName(parsed.data);
    // Looked up inside the queue, so two quick submissions of one name make one profile.
    return this.serial(async (): Promise<AddTraineeResult> => {
      const existing = (await this.readTrainees()).find((t) => normalizeName(t.name) === wanted);
      if (existing) return { ok: true, trainee: existing, created: false };
      const trainee: Trainee = {
        id: this.makeId('trainee'),
        name: parsed.data,
        createdAt: this.safeStamp(),
      };
      try {
        await this.writable().putTrainee(trainee);
      } catch (error) {
        this.fail(describeStorageFailure(error));
        await this.memory.putTrainee(trainee);
      }
      return { ok: true, trainee, created: true };
    });
  }

  // Recording --------------------------------------------------------------------------------------

  startRun(traineeId: string, log: RunLog): RunRecorder {
    const at = this.safeStamp();
    const run: LiveRun = {
      info: {
        id: this.makeId('run'),
        // A bad id is a wiring mistake; the run is still worth keeping, under a placeholder.
        traineeId: RecordIdSchema.safeParse(traineeId).success ? traineeId : 'unknown',
        scenario: { id: log.scenario.id, version: log.scenario.version },
        status: 'in-progress',
        startedAt: at,
        updatedAt: at,
        endedAt: null,
        summary: null,
        logVersion: log.logVersion,
        engineVersion: log.engineVersion,
      },
      entries: [],
      change: undefined,
      dirty: true,
      closed: false,
      release: undefined,
    };
    this.live.set(run.info.id, run);
    this.hold(run);
    this.noteLog(run, log);
    this.scheduleFlush();
    return this.recorder(run);
  }

  private recorder(run: LiveRun): RunRecorder {
    const guard = (change: () => void) => {
      try {
        if (run.closed) return;
        change();
        if (run.dirty) this.scheduleFlush();
      } catch {
        // Recording must never stop the game; a bad call leaves the record as it was.
      }
    };
    const close = (status: 'finished' | 'abandoned', summary: RunSummary | null) => {
      const at = this.safeStamp();
      run.info = { ...run.info, status, updatedAt: at, endedAt: at, summary };
      run.dirty = true;
      run.closed = true;
      run.release?.();
    };
    return {
      runId: run.info.id,
      update: (log) => guard(() => this.noteLog(run, log)),
      finish: (log, summary) =>
        guard(() => {
          this.noteLog(run, log);
          const valid = summary === undefined ? undefined : RunSummarySchema.safeParse(summary);
          close('finished', valid?.success === true ? valid.data : null);
        }),
      abandon: () => guard(() => close('abandoned', null)),
    };
  }

  private noteLog(run: LiveRun, log: RunLog): void {
    const change = diffLog(run.entries, log.entries);
    if (!change) return;
    // A copy: a caller that keeps appending to its own array must not change what we think is saved.
    run.entries = [...log.entries];
    run.change = mergeChanges(run.change, change);
    run.info = { ...run.info, updatedAt: this.safeStamp() };
    run.dirty = true;
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Queued behind the open and any write in flight, so every change made meanwhile rides along.
    void this.serial(() => this.writeLive());
  }

  flush(): Promise<void> {
    return this.serial(() => this.writeLive());
  }

  private async writeLive(): Promise<void> {
    this.flushQueued = false;
    const writes: RunWrite[] = [];
    for (const run of this.live.values()) {
      if (!run.dirty) continue;
      const change = run.change;
      writes.push({
        run: run.info,
        ...(change ? { entries: { ...change, entries: run.entries.slice(change.from) } } : {}),
      });
      run.dirty = false;
      run.change = undefined;
    }
    // Without working storage the live runs are the only copy, and they are complete.
    if (writes.length === 0 || !this.healthy()) return;
    try {
      await this.durable?.writeRuns(writes);
    } catch (error) {
      this.fail(describeStorageFailure(error));
    }
  }

  // Interrupted runs -------------------------------------------------------------------------------

  async unfinishedRuns(): Promise<RunRecord[]> {
    const stored = await this.readRuns({ status: 'in-progress' });
    const held = await this.heldLocks();
    const open = stored.filter((r) => !this.live.has(r.id) && !held.has(LOCK_PREFIX + r.id));
    const records = await Promise.all(open.map((r) => this.readRecord(r.id)));
    return records.filter((r): r is RunRecord => r !== undefined && r.status === 'in-progress');
  }

  async resumeRun(
    runId: string,
  ): Promise<{ record: RunRecord; recorder: RunRecorder } | undefined> {
    const record = (await this.unfinishedRuns()).find((r) => r.id === runId);
    if (!record || this.live.has(runId)) return undefined;
    const { log, ...info } = record;
    const run: LiveRun = {
      info: { ...info, logVersion: log.logVersion, engineVersion: log.engineVersion },
      entries: log.entries,
      change: undefined,
      dirty: false,
      closed: false,
      release: undefined,
    };
    this.live.set(runId, run);
    this.hold(run);
    return { record, recorder: this.recorder(run) };
  }

  async abandonRun(runId: string): Promise<boolean> {
    const record = (await this.unfinishedRuns()).find((r) => r.id === runId);
    if (!record) return false;
    return this.markAbandoned([record]).then((n) => n === 1);
  }

  async abandonUnfinished(): Promise<number> {
    return this.markAbandoned(await this.unfinishedRuns());
  }

  /** An interrupted run ended when it was last saved, not when someone noticed. */
  private markAbandoned(records: readonly RunRecord[]): Promise<number> {
    if (records.length === 0) return Promise.resolve(0);
    return this.serial(async () => {
      if (!this.healthy() || !this.durable) return 0;
      const writes = records.map(({ log, ...info }) => ({
        run: {
          ...info,
          status: 'abandoned' as const,
          endedAt: info.updatedAt,
          logVersion: log.logVersion,
          engineVersion: log.engineVersion,
        },
      }));
      try {
        await this.durable.writeRuns(writes);
        return writes.length;
      } catch (error) {
        this.fail(describeStorageFailure(error));
        return 0;
      }
    });
  }

  // Reading ----------------------------------------------------------------------------------------

  async listRuns(query: RunQuery = {}): Promise<RunInfo[]> {
    return (await this.readRuns(query)).map(toInfo);
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    await this.queue;
    return this.readRecord(runId);
  }

  private async readRuns(query: RunQuery): Promise<StoredRun[]> {
    await this.queue;
    const byId = new Map<string, StoredRun>();
    for (const backend of this.readable()) {
      for (const raw of await safely(() => backend.readRuns(query), [])) {
        const run = repairStoredRun(raw);
        if (run) byId.set(run.id, run);
      }
    }
    for (const run of this.live.values()) {
      const matches =
        (query.status === undefined || run.info.status === query.status) &&
        (query.traineeId === undefined || run.info.traineeId === query.traineeId);
      if (matches) byId.set(run.info.id, run.info);
      else byId.delete(run.info.id);
    }
    return [...byId.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  private async readRecord(runId: string): Promise<RunRecord | undefined> {
    const live = this.live.get(runId);
    if (live) return toRecord(live.info, live.entries);
    // Memory last: while storage fails, what was imported there is the newer copy.
    let found: RunRecord | undefined;
    for (const backend of this.readable()) {
      const raw = await safely(() => backend.readRun(runId), undefined);
      if (raw === undefined) continue;
      const entries = await safely(() => backend.readEntries(runId), []);
      found = repairRun(raw, entries) ?? found;
    }
    return found;
  }

  // Export and import ------------------------------------------------------------------------------

  async exportJson(runIds?: readonly string[]): Promise<string> {
    const runs = await this.recordsFor(runIds);
    const file = buildRecordsFile(runs, await this.listTrainees(), this.safeStamp());
    return serializeRecordsFile(file);
  }

  async exportCsv(
    runIds?: readonly string[],
    options: { excelBom?: boolean } = {},
  ): Promise<string> {
    const wanted = runIds === undefined ? undefined : new Set(runIds);
    const runs = (await this.listRuns()).filter((r) => !wanted || wanted.has(r.id));
    return runsToCsv(runs, await this.listTrainees(), options);
  }

  private async recordsFor(runIds: readonly string[] | undefined): Promise<RunRecord[]> {
    const ids = runIds ?? (await this.readRuns({})).map((r) => r.id);
    const records = await Promise.all([...new Set(ids)].map((id) => this.getRun(id)));
    return records.filter((r): r is RunRecord => r !== undefined);
  }

  async importFiles(
    files: Iterable<ImportSource>,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    const readings: FileReading[] = [];
    try {
      for (const source of files) readings.push(await readSource(source));
    } catch (error) {
      // The iterable itself failed (a FileList gone stale): report it, load what was read.
      readings.push({
        ok: false,
        file: 'the chosen files',
        message: `The chosen files could not be read (${errorText(error)}).`,
      });
    }
    const results = await this.serial(() => this.store(readings, options));
    return {
      files: results,
      added: results.reduce((sum, f) => sum + f.added, 0),
      duplicates: results.reduce((sum, f) => sum + f.duplicates.length, 0),
      problems: results.flatMap((f) => (f.problem === undefined ? [] : [f.problem])),
    };
  }

  private async store(
    readings: readonly FileReading[],
    options: ImportOptions,
  ): Promise<ImportedFile[]> {
    const runIds = new Set(this.live.keys());
    for (const backend of this.readable()) {
      for (const id of await safely(() => backend.runIds(), new Set<string>())) runIds.add(id);
    }
    const traineeIds = new Set((await this.readTrainees()).map((t) => t.id));
    const good = readings.flatMap((r) => (r.ok ? [r] : []));
    const plans = planImport(good, { runIds, traineeIds }, options);
    const results: ImportedFile[] = [];
    let next = 0;
    for (const reading of readings) {
      if (!reading.ok) {
        results.push({ file: reading.file, added: 0, duplicates: [], problem: reading.message });
        continue;
      }
      const plan = plans[next++];
      if (!plan) continue;
      const problem = plan.runs.length === 0 ? undefined : await this.add(plan.trainees, plan.runs);
      results.push({
        file: plan.file,
        added: problem === undefined ? plan.runs.length : 0,
        duplicates: plan.duplicates,
        ...(problem === undefined
          ? {}
          : { problem: `${plan.file}: could not be stored (${problem}).` }),
      });
    }
    return results;
  }

  /** Adds one file's records in one transaction; the reason it failed, if it did. */
  private async add(
    trainees: readonly Trainee[],
    runs: readonly RunRecord[],
  ): Promise<string | undefined> {
    try {
      await this.writable().addRecords(trainees, runs);
      return undefined;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConstraintError') return errorText(error);
      this.fail(describeStorageFailure(error));
      // The instructor can still review the class in this visit, from memory.
      try {
        await this.memory.addRecords(trainees, runs);
        return undefined;
      } catch (again) {
        return errorText(again);
      }
    }
  }

  // Storage ----------------------------------------------------------------------------------------

  async close(): Promise<void> {
    await this.flush();
    for (const run of this.live.values()) run.release?.();
    this.durable?.close();
  }

  private async open(): Promise<RecordsStatus> {
    let factory: unknown;
    try {
      factory = globalThis.indexedDB;
    } catch {
      factory = undefined;
    }
    if (factory === undefined || factory === null) {
      this.fail(NO_STORAGE);
      return this.currentStatus;
    }
    try {
      this.durable = await withTimeout(
        openIdbBackend(this.options.dbName ?? DB_NAME, {
          terminated: () => this.fail('The browser closed the records database.'),
          blocking: () =>
            this.fail('A newer version of the game is open in another tab: reload this one.'),
        }),
        this.options.openTimeoutMs ?? 5_000,
        (late) => late.close(),
      );
      if (this.currentStatus.state === 'opening') this.setStatus({ state: 'kept' });
    } catch (error) {
      this.fail(describeOpenFailure(error));
    }
    return this.currentStatus;
  }

  private healthy(): boolean {
    return this.currentStatus.state === 'kept' && this.durable !== undefined;
  }

  private writable(): Backend {
    return this.healthy() && this.durable ? this.durable : this.memory;
  }

  /** Storage first, memory last: after a failure, what is stored still shows. */
  private readable(): Backend[] {
    return this.durable ? [this.durable, this.memory] : [this.memory];
  }

  private fail(reason: string): void {
    if (this.currentStatus.state === 'not-kept') return;
    this.setStatus({ state: 'not-kept', reason });
  }

  private setStatus(status: RecordsStatus): void {
    this.currentStatus = status;
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A listener's failure is the listener's: the records go on.
      }
    }
  }

  /** Runs tasks one after another, so a write never overtakes an earlier one. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Holds the run's lock while it is live here, so other tabs do not offer it for resume. */
  private hold(run: LiveRun): void {
    const locks = this.locks;
    if (!locks) return;
    const released = new Promise<void>((resolve) => {
      run.release = resolve;
    });
    void safely(() => locks.request(LOCK_PREFIX + run.info.id, () => released), undefined);
  }

  private makeId(kind: 'run' | 'trainee'): string {
    try {
      const id = this.newId(kind);
      if (RecordIdSchema.safeParse(id).success) return id;
    } catch {
      // Fall through to an id that cannot fail.
    }
    return `${kind === 'run' ? 'r' : 't'}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  }

  private async heldLocks(): Promise<Set<string>> {
    const locks = this.locks;
    if (!locks) return new Set();
    const state = await safely(() => locks.query(), { held: [] });
    return new Set((state.held ?? []).flatMap((lock) => (lock.name ? [lock.name] : [])));
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private safeStamp(): string {
    try {
      return this.stamp();
    } catch {
      return new Date().toISOString();
    }
  }
}

function toInfo(run: StoredRun): RunInfo {
  const { logVersion: _logVersion, engineVersion: _engineVersion, ...info } = run;
  return info;
}

function toRecord(info: StoredRun, entries: readonly LogEntry[]): RunRecord {
  const { logVersion, engineVersion, ...rest } = info;
  return {
    ...rest,
    log: { logVersion, engineVersion, scenario: { ...info.scenario }, entries: [...entries] },
  };
}

async function readSource(source: ImportSource): Promise<FileReading> {
  let name = 'a file without a name';
  try {
    if (typeof source.name === 'string' && source.name !== '') name = source.name;
    return readRecordsFile(name, await source.text());
  } catch (error) {
    return { ok: false, file: name, message: `${name}: could not be read (${errorText(error)}).` };
  }
}

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

async function safely<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    return fallback;
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, cleanUp: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new TimeoutError(`no answer in ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (done) cleanUp(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!done) reject(error instanceof Error ? error : new Error(errorText(error)));
      },
    );
  });
}

function defaultLocks(): RunLocks | undefined {
  try {
    return (globalThis as { navigator?: { locks?: RunLocks } }).navigator?.locks;
  } catch {
    return undefined;
  }
}

/** Random ids from the platform's CSPRNG, which (unlike randomUUID) works outside secure contexts. */
function randomId(kind: 'run' | 'trainee'): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${kind === 'run' ? 'r' : 't'}-${hex}`;
}
