import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EncounterSession, isInputEvent, type RunLog } from '../../src/engine/index.ts';
import {
  createRecords,
  DB_NAME,
  summarizeRun,
  type ImportSource,
  type Records,
  type RecordsOptions,
  type RecordsStatus,
  type RunLocks,
  type RunRecord,
} from '../../src/records/index.ts';
import {
  finishedRecord,
  minimalScenario,
  playBestUntilRolled,
  playToEnd,
  recordsFileText,
  TRAINEE,
} from '../helpers/recordsFixtures.ts';

const compiled = minimalScenario();
const opened: Records[] = [];

beforeEach(() => {
  // A fresh, empty IndexedDB for every test: idb opens whatever `indexedDB` is at call time.
  vi.stubGlobal('indexedDB', new IDBFactory());
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

let clock = Date.parse('2025-03-01T09:00:00.000Z');
/** A tab of the game: its own connection to the same database. */
function openTab(options: RecordsOptions = {}): Records {
  const records = createRecords({
    locks: null,
    now: () => new Date((clock += 1000)),
    ...options,
  });
  opened.push(records);
  return records;
}

/** What the game will do: start recording with the session, and pass each change of its log. */
function play(records: Records, traineeId = TRAINEE.id) {
  const session = new EncounterSession(compiled);
  const recorder = records.startRun(traineeId, session.log);
  session.subscribe((s) => recorder.update(s.log));
  return { session, recorder };
}

/** How the game resumes: a new session fed the saved inputs at their times reaches the same log. */
function resumeSession(log: RunLog): EncounterSession {
  const session = new EncounterSession(compiled);
  for (const entry of log.entries) {
    session.advanceTo(entry.t);
    if (isInputEvent(entry.event)) session.input(entry.event, entry.t);
  }
  return session;
}

function file(name: string, text: string): ImportSource {
  return { name, text: () => Promise.resolve(text) };
}

/** Everything stored, as read back: what an import must never change. */
async function snapshot(records: Records) {
  const runs = await records.listRuns();
  return {
    trainees: await records.listTrainees(),
    runs: await Promise.all(runs.map((r) => records.getRun(r.id))),
  };
}

describe('Recording a run as it happens', () => {
  it('saves each change without being asked, so a crashed tab loses nothing', async () => {
    const tab = openTab();
    expect(await tab.ready).toEqual({ state: 'kept' });
    const { session, recorder } = play(tab);
    playBestUntilRolled(session);
    // The tab dies here: no flush, no close. The next visit opens the same database.
    const next = openTab();
    await vi.waitFor(async () => {
      const [run] = await next.unfinishedRuns();
      expect(run?.log).toEqual(session.log);
    });
    const [run] = await next.unfinishedRuns();
    expect(run).toMatchObject({
      id: recorder.runId,
      traineeId: TRAINEE.id,
      scenario: { id: 'minimal', version: 1 },
      status: 'in-progress',
      endedAt: null,
      summary: null,
    });
  });

  it('writes the changes of one frame in one transaction', async () => {
    const tab = openTab();
    await tab.ready;
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const { session, recorder } = play(tab);
    for (let t = 0; t <= 50; t += 1 / 60) session.advanceTo(t);
    recorder.update(session.log);
    await tab.flush();
    expect(transaction).toHaveBeenCalledTimes(1);
  });

  it('keeps the log right when a late input rewrites its tail', async () => {
    const tab = openTab();
    const { session } = play(tab);
    session.advanceTo(30);
    await tab.flush();
    // A key pressed at 11 s that reached the game only now: the log is recomputed from 11 s.
    expect(session.input({ type: 'trainee.signal' }, 11)).toBe(true);
    session.advanceTo(31);
    await tab.flush();
    const [run] = await openTab().unfinishedRuns();
    expect(run?.log).toEqual(session.log);
  });

  it('keeps a finished run with its summary after the tab is closed', async () => {
    const tab = openTab();
    const { session, recorder } = play(tab);
    playBestUntilRolled(session);
    playToEnd(session);
    recorder.finish(session.log, summarizeRun(compiled, session.log));
    recorder.update(session.log); // too late: the run is closed
    await tab.close();
    const next = openTab();
    const run = await next.getRun(recorder.runId);
    expect(run?.status).toBe('finished');
    expect(run?.summary).toEqual(summarizeRun(compiled, session.log));
    expect(run?.log).toEqual(session.log);
    expect(run?.endedAt).not.toBeNull();
    expect(await next.unfinishedRuns()).toEqual([]);
  });

  it('lists runs by trainee and by status without their logs', async () => {
    const tab = openTab();
    const a = play(tab, 't-a');
    const b = play(tab, 't-b');
    b.recorder.abandon();
    await tab.close();
    const next = openTab();
    expect((await next.listRuns({ traineeId: 't-a' })).map((r) => r.id)).toEqual([
      a.recorder.runId,
    ]);
    expect((await next.listRuns({ status: 'abandoned' })).map((r) => r.id)).toEqual([
      b.recorder.runId,
    ]);
    expect(await next.listRuns()).toHaveLength(2);
    expect(await next.listRuns({ traineeId: 't-a', status: 'abandoned' })).toEqual([]);
    expect(Object.keys((await next.listRuns())[0] ?? {})).not.toContain('log');
  });
});

describe('Runs left in progress', () => {
  async function interrupted() {
    const tab = openTab();
    const { session, recorder } = play(tab);
    playBestUntilRolled(session);
    await tab.flush();
    return { session, runId: recorder.runId };
  }

  it('are offered for resume, and a resumed run records on to its finish', async () => {
    const { session: before, runId } = await interrupted();
    const next = openTab();
    const resumed = await next.resumeRun(runId);
    if (!resumed) throw new Error('the run should be resumable');
    const session = resumeSession(resumed.record.log);
    expect(session.log).toEqual(before.log);
    session.subscribe((s) => resumed.recorder.update(s.log));
    playToEnd(session);
    resumed.recorder.finish(session.log, summarizeRun(compiled, session.log));
    await next.close();
    const last = openTab();
    const run = await last.getRun(runId);
    expect(run?.status).toBe('finished');
    expect(run?.log).toEqual(session.log);
    expect(await last.unfinishedRuns()).toEqual([]);
  });

  it('are not offered while live in this tab, or in another tab that holds the run', async () => {
    const held = new Set<string>();
    const locks = {
      request: (name: string, callback: () => Promise<void>) => {
        held.add(name);
        return callback().finally(() => held.delete(name));
      },
      query: () => Promise.resolve({ held: [...held].map((name) => ({ name })), pending: [] }),
    } as unknown as RunLocks;
    const first = openTab({ locks });
    const { recorder } = play(first);
    await first.flush();
    expect(await first.unfinishedRuns()).toEqual([]);
    const second = openTab({ locks });
    expect(await second.unfinishedRuns()).toEqual([]);
    expect(await second.resumeRun(recorder.runId)).toBeUndefined();
    expect(await second.abandonRun(recorder.runId)).toBe(false);
    recorder.abandon();
    await first.flush();
    expect(held.size).toBe(0);
  });

  it('are marked abandoned, ending when they were last saved', async () => {
    const { runId } = await interrupted();
    const next = openTab();
    const [open] = await next.unfinishedRuns();
    expect(await next.abandonUnfinished()).toBe(1);
    const run = await next.getRun(runId);
    expect(run?.status).toBe('abandoned');
    expect(run?.endedAt).toBe(open?.updatedAt);
    expect(run?.log).toEqual(open?.log);
    expect(await next.unfinishedRuns()).toEqual([]);
    expect(await next.resumeRun(runId)).toBeUndefined();
    expect(await next.abandonRun(runId)).toBe(false);
  });

  it('are abandoned one at a time too', async () => {
    const { runId } = await interrupted();
    const next = openTab();
    expect(await next.abandonRun(runId)).toBe(true);
    expect((await next.getRun(runId))?.status).toBe('abandoned');
  });
});

describe('Trainee profiles', () => {
  it('are kept on the device and found again by name, whatever the case and spacing', async () => {
    const tab = openTab();
    const made = await tab.addTrainee('  Jane   Doe ');
    expect(made).toMatchObject({ ok: true, created: true, trainee: { name: 'Jane   Doe' } });
    const [again, other] = await Promise.all([
      tab.addTrainee('jane doe'),
      tab.addTrainee('A-1042'),
    ]);
    expect(again).toMatchObject({ ok: true, created: false });
    if (!made.ok || !again.ok || !other.ok) throw new Error('names should be accepted');
    expect(again.trainee.id).toBe(made.trainee.id);
    await tab.close();
    expect((await openTab().listTrainees()).map((t) => t.name)).toEqual(['A-1042', 'Jane   Doe']);
  });

  it('need a name', async () => {
    expect(await openTab().addTrainee('   ')).toEqual({
      ok: false,
      message: 'a trainee needs a name or academy ID',
    });
  });
});

describe('Export and import', () => {
  async function aClass(tab: Records) {
    const jane = await tab.addTrainee('Jane Doe');
    const raj = await tab.addTrainee('Raj, "R" Patel');
    if (!jane.ok || !raj.ok) throw new Error('names should be accepted');
    const done = play(tab, jane.trainee.id);
    playBestUntilRolled(done.session);
    playToEnd(done.session);
    done.recorder.finish(done.session.log, summarizeRun(compiled, done.session.log));
    const left = play(tab, raj.trainee.id);
    left.session.advanceTo(20);
    left.recorder.abandon();
    await tab.flush();
    return [done.recorder.runId, left.recorder.runId];
  }

  it('round-trips runs and their trainees through a JSON file', async () => {
    const source = openTab({ dbName: 'academy-a' });
    const ids = await aClass(source);
    const json = await source.exportJson();
    const target = openTab({ dbName: 'academy-b' });
    const report = await target.importFiles([file('class.json', json)]);
    expect(report).toMatchObject({ added: 2, duplicates: 0, problems: [] });
    for (const id of ids) expect(await target.getRun(id)).toEqual(await source.getRun(id));
    expect(await target.listTrainees()).toEqual(await source.listTrainees());
    const again = JSON.parse(await target.exportJson()) as { exportedAt: string };
    expect({ ...again, exportedAt: '' }).toEqual({ ...JSON.parse(json), exportedAt: '' });
  });

  it('exports one run with only its own trainee', async () => {
    const tab = openTab();
    const [first] = await aClass(tab);
    const file = JSON.parse(await tab.exportJson([first ?? ''])) as {
      runs: RunRecord[];
      trainees: unknown[];
    };
    expect(file.runs.map((r) => r.id)).toEqual([first]);
    expect(file.trainees).toHaveLength(1);
  });

  it('exports the gradebook as CSV', async () => {
    const tab = openTab();
    await aClass(tab);
    const lines = (await tab.exportCsv()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',Jane Doe,');
    expect(lines[2]).toContain(',"Raj, ""R"" Patel",');
  });

  it('skips and reports runs already stored, leaving them as they are', async () => {
    const tab = openTab();
    const [id] = await aClass(tab);
    const before = await snapshot(tab);
    const exported = JSON.parse(await tab.exportJson()) as { runs: RunRecord[] };
    const changed = exported.runs.map((r) => ({ ...r, startedAt: '2000-01-01T00:00:00.000Z' }));
    const report = await tab.importFiles([
      file('changed.json', JSON.stringify({ ...exported, runs: changed })),
    ]);
    expect(report).toMatchObject({ added: 0, duplicates: 2, problems: [] });
    expect(report.files[0]?.duplicates).toContain(id);
    expect(await snapshot(tab)).toEqual(before);
  });

  it('names each bad file and its problem, and still loads the good ones', async () => {
    const tab = openTab();
    await aClass(tab);
    const before = await snapshot(tab);
    const good = recordsFileText([finishedRecord({ id: 'r-good' })]);
    const newer = good.replace('"formatVersion": 1', '"formatVersion": 7');
    const badLog = good.replace('"t": 0,', '"t": "soon",');
    const unreadable: ImportSource = {
      name: 'gone.json',
      text: () => Promise.reject(new DOMException('The file was moved', 'NotReadableError')),
    };
    const report = await tab.importFiles([
      file('truncated.json', good.slice(0, 500)),
      file('foreign.json', '{"hello":"world"}'),
      file('newer.json', newer),
      file('bad-log.json', badLog),
      unreadable,
      file('good.json', good),
    ]);
    expect(report.added).toBe(1);
    expect(report.files.map((f) => f.added)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(report.problems).toEqual([
      expect.stringMatching(/^truncated\.json: is not valid JSON, so it is probably truncated/),
      expect.stringMatching(/^foreign\.json: is not a run records file from this game/),
      expect.stringMatching(/^newer\.json: was exported by a newer version of the game/),
      expect.stringMatching(/^bad-log\.json: is not valid at runs\[0\]\.log\.entries\[0\]\.t: /),
      'gone.json: could not be read (The file was moved).',
    ]);
    const after = await snapshot(tab);
    expect(after.runs.filter((r) => r?.id !== 'r-good')).toEqual(before.runs);
    expect(after.trainees).toEqual(expect.arrayContaining(before.trainees));
  });

  it('never throws on fuzzed files and never alters what is stored', async () => {
    const tab = openTab();
    const [id] = await aClass(tab);
    const base = JSON.parse(await tab.exportJson([id ?? ''])) as unknown;
    const text = JSON.stringify(base);
    const paths = leafPaths(base);
    const fuzzedFile = fc.oneof(
      // The stored run again, or under a new id: a duplicate to skip, or a run to add.
      fc.constantFrom(text, text.replaceAll(id ?? '', 'r-fresh')),
      fc.string(),
      fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      // A valid file with one value replaced: most are invalid, some collide with the stored run.
      fc
        .tuple(fc.constantFrom(...paths), fc.jsonValue())
        .map(([path, value]) => JSON.stringify(setAt(structuredClone(base), path, value))),
    );
    const before = await snapshot(tab);
    const seen = { added: 0, duplicates: 0, problems: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzedFile, { minLength: 1, maxLength: 3 }), async (texts) => {
        const report = await tab.importFiles(texts.map((t, i) => file(`fuzz-${i}.json`, t)));
        for (const problem of report.problems) expect(problem).toMatch(/^fuzz-\d\.json: /);
        seen.added += report.added;
        seen.duplicates += report.duplicates;
        seen.problems += report.problems.length;
        const after = await snapshot(tab);
        for (const run of before.runs) {
          expect(after.runs.find((r) => r?.id === run?.id)).toEqual(run);
        }
        for (const trainee of before.trainees) expect(after.trainees).toContainEqual(trainee);
      }),
      { numRuns: 60 },
    );
    // The fuzz reached every path: files added, duplicates skipped, bad files refused.
    expect(seen.added).toBeGreaterThan(0);
    expect(seen.duplicates).toBeGreaterThan(0);
    expect(seen.problems).toBeGreaterThan(0);
  });
});

describe('Without working storage', () => {
  async function playWhole(records: Records) {
    const { session, recorder } = play(records);
    playBestUntilRolled(session);
    playToEnd(session);
    recorder.finish(session.log, summarizeRun(compiled, session.log));
    await records.flush();
    return { session, runId: recorder.runId };
  }

  it('says records are not kept when the browser has no IndexedDB, and the game plays on', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const tab = openTab();
    expect(await tab.ready).toEqual({
      state: 'not-kept',
      reason: 'This browser gives the game no storage (private browsing, or site data is blocked).',
    });
    const trainee = await tab.addTrainee('Jane Doe');
    expect(trainee.ok).toBe(true);
    const { session, runId } = await playWhole(tab);
    expect((await tab.getRun(runId))?.log).toEqual(session.log);
    expect((await tab.listRuns()).map((r) => r.status)).toEqual(['finished']);
    const exported = JSON.parse(await tab.exportJson()) as { runs: RunRecord[] };
    expect(exported.runs[0]?.log).toEqual(session.log);
    const report = await tab.importFiles([file('class.json', recordsFileText([finishedRecord()]))]);
    expect(report.added).toBe(1);
    expect(await tab.listRuns()).toHaveLength(2);
    expect(await tab.unfinishedRuns()).toEqual([]);
  });

  it('says so when opening is refused (private mode)', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const tab = openTab();
    expect((await tab.ready).state).toBe('not-kept');
    await playWhole(tab);
    expect(await tab.listRuns()).toHaveLength(1);
  });

  it('says so when the records on the device are from a newer version of the game', async () => {
    (await openDB(DB_NAME, 9)).close();
    const tab = openTab();
    expect(await tab.ready).toEqual({
      state: 'not-kept',
      reason: 'The records on this device are from a newer version of the game.',
    });
    await playWhole(tab);
    expect(await tab.listRuns()).toHaveLength(1);
  });

  it('gives up waiting for a database that never opens', async () => {
    vi.stubGlobal('indexedDB', { open: () => new IDBOpenDBRequest() });
    const tab = openTab({ openTimeoutMs: 20 });
    expect(await tab.ready).toEqual({
      state: 'not-kept',
      reason: 'The records database did not open (another tab may be holding it).',
    });
  });

  it('switches to memory when the disk fills mid-run, keeping the whole run for export', async () => {
    const tab = openTab();
    await tab.ready;
    const statuses: RecordsStatus[] = [];
    tab.onStatus((s) => statuses.push(s));
    const { session, recorder } = play(tab);
    session.advanceTo(5);
    await tab.flush();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    playBestUntilRolled(session);
    playToEnd(session);
    expect(() => recorder.finish(session.log, summarizeRun(compiled, session.log))).not.toThrow();
    await tab.flush();
    const notKept = { state: 'not-kept', reason: 'The device has no room left for records.' };
    expect(tab.status).toEqual(notKept);
    expect(statuses).toEqual([notKept]);
    const run = await tab.getRun(recorder.runId);
    expect(run?.status).toBe('finished');
    expect(run?.log).toEqual(session.log);
    const exported = JSON.parse(await tab.exportJson()) as { runs: RunRecord[] };
    expect(exported.runs.map((r) => r.status)).toEqual(['finished']);
    // The next run of the visit is recorded in memory too.
    vi.restoreAllMocks();
    const next = await playWhole(tab);
    expect((await tab.getRun(next.runId))?.log).toEqual(next.session.log);
  });

  it('leaves nothing half saved when a write fails part way', async () => {
    const tab = openTab();
    const { session, recorder } = play(tab);
    session.advanceTo(5);
    await tab.flush();
    const [saved] = await openTab().unfinishedRuns();
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++calls === 3) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    });
    playBestUntilRolled(session);
    await tab.flush();
    vi.restoreAllMocks();
    const [after] = await openTab().unfinishedRuns();
    expect(after).toEqual(saved);
    expect(after?.id).toBe(recorder.runId);
  });
});

describe('Damaged records in the database', () => {
  it('are repaired where they can be and skipped where they cannot, without being changed', async () => {
    const tab = openTab();
    const { session, recorder } = play(tab);
    playBestUntilRolled(session);
    await tab.close();
    const db = await openDB(DB_NAME);
    const header = (await db.get('runs', recorder.runId)) as Record<string, unknown>;
    await db.put('runs', {
      ...header,
      id: 'r-summary',
      status: 'finished',
      endedAt: header.updatedAt,
      summary: { junk: 1 },
    });
    for (const [i, entry] of session.log.entries.entries()) {
      await db.put('entries', i === 4 ? { t: 'later' } : entry, ['r-summary', i]);
    }
    await db.put('runs', { id: 'r-nonsense', status: 'maybe' });
    db.close();
    const next = openTab();
    expect((await next.listRuns()).map((r) => r.id).sort()).toEqual(
      [recorder.runId, 'r-summary'].sort(),
    );
    const repaired = await next.getRun('r-summary');
    expect(repaired?.summary).toBeNull();
    expect(repaired?.log.entries).toEqual(session.log.entries.slice(0, 4));
    expect(await next.getRun('r-nonsense')).toBeUndefined();
    const raw = await openDB(DB_NAME);
    expect(await raw.get('runs', 'r-nonsense')).toEqual({ id: 'r-nonsense', status: 'maybe' });
    raw.close();
  });
});

function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return [path, ...value.flatMap((v, i) => leafPaths(v, [...path, i]))];
  }
  if (typeof value === 'object' && value !== null) {
    return [path, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))];
  }
  return [path];
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
  return root;
}
