/**
 * Where records are kept: IndexedDB through `idb`, or memory when the browser gives us no storage.
 * Both take the same calls; the Records facade decides which is in use and catches what they throw.
 * Reads return unknown: whatever is stored is validated (and repaired) by the caller, because the
 * database outlives any one version of this code.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LogEntry } from '../engine/index.ts';
import type { RunRecord, RunStatus, StoredRun, Trainee } from './schema.ts';

export interface EntryWrite {
  readonly from: number;
  readonly truncate: boolean;
  readonly entries: readonly LogEntry[];
}

export interface RunWrite {
  readonly run: StoredRun;
  readonly entries?: EntryWrite;
}

export interface RunQuery {
  readonly status?: RunStatus;
  readonly traineeId?: string;
}

export interface Backend {
  /** All writes in one transaction: a batch is saved whole or not at all. */
  writeRuns(writes: readonly RunWrite[]): Promise<void>;
  putTrainee(trainee: Trainee): Promise<void>;
  /** Adds, never overwrites, in one transaction: fails whole if any id is already taken. */
  addRecords(trainees: readonly Trainee[], runs: readonly RunRecord[]): Promise<void>;
  readTrainees(): Promise<unknown[]>;
  readRuns(query?: RunQuery): Promise<unknown[]>;
  readRun(id: string): Promise<unknown>;
  readEntries(id: string): Promise<unknown[]>;
  runIds(): Promise<Set<string>>;
  close(): void;
}

export const DB_NAME = 'dti-records';
const DB_VERSION = 1;

interface RecordsDB extends DBSchema {
  trainees: { key: string; value: unknown };
  runs: { key: string; value: unknown; indexes: { status: string; traineeId: string } };
  /** One log entry per key [run id, index], so saving as the run happens is an append. */
  entries: { key: [string, number]; value: unknown };
}

/** Every entry key of one run from `from` on. */
function entryRange(runId: string, from = 0): IDBKeyRange {
  return IDBKeyRange.bound([runId, from], [runId, Infinity]);
}

function header(run: RunRecord): StoredRun {
  const { log, ...info } = run;
  return { ...info, logVersion: log.logVersion, engineVersion: log.engineVersion };
}

export interface IdbEvents {
  /** The browser closed the database under us (storage cleared, disk trouble). */
  readonly terminated: () => void;
  /** Another tab needs a newer database version: we must let go of ours. */
  readonly blocking: () => void;
}

export async function openIdbBackend(name: string, events: IdbEvents): Promise<Backend> {
  const db = await openDB<RecordsDB>(name, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('trainees', { keyPath: 'id' });
      const runs = database.createObjectStore('runs', { keyPath: 'id' });
      runs.createIndex('status', 'status');
      runs.createIndex('traineeId', 'traineeId');
      database.createObjectStore('entries');
    },
    terminated: events.terminated,
    blocking: () => {
      db.close();
      events.blocking();
    },
  });
  return new IdbBackend(db);
}

/**
 * Issues a transaction's requests and waits for it to commit. A request that throws as it is made
 * (a value that cannot be cloned, a full disk in some browsers) would otherwise let the
 * transaction commit the requests made before it: abort, so a batch is never half saved.
 */
async function fill(
  tx: { abort(): void; readonly done: Promise<void> },
  issue: (requests: Promise<unknown>[]) => void,
): Promise<void> {
  const requests: Promise<unknown>[] = [];
  try {
    issue(requests);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished: nothing was left to undo.
    }
    await Promise.allSettled([...requests, tx.done]);
    throw error;
  }
  await Promise.all([...requests, tx.done]);
}

class IdbBackend implements Backend {
  constructor(private readonly db: IDBPDatabase<RecordsDB>) {}

  async writeRuns(writes: readonly RunWrite[]): Promise<void> {
    const tx = this.db.transaction(['runs', 'entries'], 'readwrite');
    await fill(tx, (requests) => {
      const runs = tx.objectStore('runs');
      const entries = tx.objectStore('entries');
      for (const write of writes) {
        requests.push(runs.put(write.run));
        const change = write.entries;
        if (!change) continue;
        if (change.truncate) requests.push(entries.delete(entryRange(write.run.id, change.from)));
        change.entries.forEach((entry, i) => {
          requests.push(entries.put(entry, [write.run.id, change.from + i]));
        });
      }
    });
  }

  async putTrainee(trainee: Trainee): Promise<void> {
    await this.db.put('trainees', trainee);
  }

  async addRecords(trainees: readonly Trainee[], runs: readonly RunRecord[]): Promise<void> {
    const tx = this.db.transaction(['trainees', 'runs', 'entries'], 'readwrite');
    await fill(tx, (requests) => {
      for (const trainee of trainees) requests.push(tx.objectStore('trainees').add(trainee));
      for (const run of runs) {
        requests.push(tx.objectStore('runs').add(header(run)));
        run.log.entries.forEach((entry, i) => {
          requests.push(tx.objectStore('entries').add(entry, [run.id, i]));
        });
      }
    });
  }

  readTrainees(): Promise<unknown[]> {
    return this.db.getAll('trainees');
  }

  async readRuns(query: RunQuery = {}): Promise<unknown[]> {
    const { status, traineeId } = query;
    const runs =
      status !== undefined
        ? await this.db.getAllFromIndex('runs', 'status', status)
        : traineeId !== undefined
          ? await this.db.getAllFromIndex('runs', 'traineeId', traineeId)
          : await this.db.getAll('runs');
    // One index narrows the read; the other condition is checked here.
    return traineeId === undefined || status === undefined
      ? runs
      : runs.filter((r) => (r as { traineeId?: unknown }).traineeId === traineeId);
  }

  readRun(id: string): Promise<unknown> {
    return this.db.get('runs', id);
  }

  readEntries(id: string): Promise<unknown[]> {
    return this.db.getAll('entries', entryRange(id));
  }

  async runIds(): Promise<Set<string>> {
    return new Set(await this.db.getAllKeys('runs'));
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Records for this visit only, where IndexedDB is missing or failing: the game goes on and the
 * runs can still be exported. Values are cloned in and out, as IndexedDB does, so a caller that
 * changes an object it saved or read cannot change what is kept.
 */
export class MemoryBackend implements Backend {
  private readonly trainees = new Map<string, Trainee>();
  private readonly runs = new Map<string, StoredRun>();
  private readonly entries = new Map<string, LogEntry[]>();

  writeRuns(writes: readonly RunWrite[]): Promise<void> {
    for (const write of writes) {
      this.runs.set(write.run.id, structuredClone(write.run));
      const change = write.entries;
      if (!change) continue;
      const kept = this.entries.get(write.run.id) ?? [];
      if (change.truncate) kept.length = Math.min(kept.length, change.from);
      change.entries.forEach((entry, i) => {
        kept[change.from + i] = structuredClone(entry);
      });
      this.entries.set(write.run.id, kept);
    }
    return Promise.resolve();
  }

  putTrainee(trainee: Trainee): Promise<void> {
    this.trainees.set(trainee.id, structuredClone(trainee));
    return Promise.resolve();
  }

  addRecords(trainees: readonly Trainee[], runs: readonly RunRecord[]): Promise<void> {
    const taken =
      trainees.find((t) => this.trainees.has(t.id))?.id ??
      runs.find((r) => this.runs.has(r.id))?.id;
    if (taken !== undefined) {
      return Promise.reject(new DOMException(`"${taken}" is already stored`, 'ConstraintError'));
    }
    for (const trainee of trainees) this.trainees.set(trainee.id, structuredClone(trainee));
    for (const run of runs) {
      this.runs.set(run.id, structuredClone(header(run)));
      this.entries.set(run.id, structuredClone([...run.log.entries]));
    }
    return Promise.resolve();
  }

  readTrainees(): Promise<unknown[]> {
    return Promise.resolve(structuredClone([...this.trainees.values()]));
  }

  readRuns(query: RunQuery = {}): Promise<unknown[]> {
    const runs = [...this.runs.values()].filter(
      (r) =>
        (query.status === undefined || r.status === query.status) &&
        (query.traineeId === undefined || r.traineeId === query.traineeId),
    );
    return Promise.resolve(structuredClone(runs));
  }

  readRun(id: string): Promise<unknown> {
    return Promise.resolve(structuredClone(this.runs.get(id)));
  }

  readEntries(id: string): Promise<unknown[]> {
    return Promise.resolve(structuredClone(this.entries.get(id) ?? []));
  }

  runIds(): Promise<Set<string>> {
    return Promise.resolve(new Set(this.runs.keys()));
  }

  close(): void {}
}
