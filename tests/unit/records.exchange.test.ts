import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncounterSession, score, type LogEntry } from '../../src/engine/index.ts';
import {
  CSV_COLUMNS,
  csvField,
  diffLog,
  planImport,
  readRecordsFile,
  RECORDS_FORMAT_VERSION,
  runsToCsv,
  summarizeRun,
  summarizeScore,
  type RecordsFile,
  type RunRecord,
} from '../../src/records/index.ts';
import { mergeChanges } from '../../src/records/logDiff.ts';
import {
  bestLog,
  finishedRecord,
  minimalScenario,
  playBestUntilRolled,
  recordsFileText,
  TRAINEE,
} from '../helpers/recordsFixtures.ts';

/** RFC 4180, as a spreadsheet reads it: the test's own parser, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function readOk(name: string, text: string): RecordsFile {
  const reading = readRecordsFile(name, text);
  if (!reading.ok) throw new Error(reading.message);
  return reading.records;
}

describe('A run summary', () => {
  it('carries the score and the outcome the scene reached', () => {
    const compiled = minimalScenario();
    const log = bestLog(compiled);
    const summary = summarizeRun(compiled, log);
    const graded = score(compiled, log);
    expect(summary).toMatchObject({
      outcomeId: 'recovered',
      outcomeScore: graded.outcome.points,
      processScore: graded.process.points,
      recognitionTime: 11,
      interventionAt: 14,
      falseAlarms: 0,
    });
    expect(summary.engineVersion).toBe(graded.engineVersion);
  });

  it('says null, not nothing, for what a run never measured', () => {
    const compiled = minimalScenario();
    const session = new EncounterSession(compiled);
    session.advanceTo(5);
    const summary = summarizeScore(score(compiled, session.log), undefined);
    expect(summary.outcomeId).toBeNull();
    expect(summary.recognitionTime).toBeNull();
    expect(summary.interventionAt).toBeNull();
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('Reading an export file', () => {
  it('reads back what was exported', () => {
    const run = finishedRecord();
    const file = readOk('class.json', recordsFileText([run]));
    expect(file.runs).toEqual([run]);
    expect(file.trainees).toEqual([TRAINEE]);
    expect(file.formatVersion).toBe(RECORDS_FORMAT_VERSION);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(readRecordsFile('bom.json', `\uFEFF${recordsFileText([finishedRecord()])}`).ok).toBe(
      true,
    );
  });

  it('calls a truncated file truncated, naming it', () => {
    const text = recordsFileText([finishedRecord()]);
    const reading = readRecordsFile('week-3.json', text.slice(0, text.length / 2));
    expect(reading).toMatchObject({ ok: false, file: 'week-3.json' });
    if (reading.ok) return;
    expect(reading.message).toMatch(
      /^week-3\.json: is not valid JSON, so it is probably truncated/,
    );
  });

  it('tells a foreign file from a damaged one', () => {
    const reading = readRecordsFile('package.json', '{"name":"something else"}');
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.message).toBe(
      'package.json: is not a run records file from this game (it has no "format": "dti-run-records").',
    );
    expect(readRecordsFile('list.json', '[1,2,3]').ok).toBe(false);
    expect(readRecordsFile('empty.json', '  \n').ok).toBe(false);
  });

  it('asks for an update when the file is from a newer version of the game', () => {
    const file = JSON.parse(recordsFileText([finishedRecord()])) as { formatVersion: number };
    file.formatVersion = RECORDS_FORMAT_VERSION + 1;
    const reading = readRecordsFile('future.json', JSON.stringify(file));
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.message).toContain('future.json: was exported by a newer version of the game');
    expect(reading.message).toContain(`records format ${RECORDS_FORMAT_VERSION + 1}`);
  });

  it('points to the place in the JSON where a run log is wrong', () => {
    const file = JSON.parse(recordsFileText([finishedRecord()])) as {
      runs: Array<{ log: { entries: Array<{ t: unknown }> } }>;
    };
    const entry = file.runs[0]?.log.entries[2];
    if (entry) entry.t = -1;
    const reading = readRecordsFile('bad-log.json', JSON.stringify(file));
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.message).toMatch(
      /^bad-log\.json: is not valid at runs\[0\]\.log\.entries\[2\]\.t: /,
    );
  });

  it('refuses a run whose trainee is not in the file, or whose log is of another scenario', () => {
    const orphan = readRecordsFile('orphan.json', recordsFileText([finishedRecord()], []));
    expect(!orphan.ok && orphan.message).toContain('runs[0].traineeId');
    const run = finishedRecord();
    const mixed = { ...run, scenario: { id: 'other', version: 1 } };
    const reading = readRecordsFile('mixed.json', recordsFileText([mixed]));
    expect(!reading.ok && reading.message).toContain('runs[0].log.scenario');
  });

  it('refuses a finished run without an end, and a score on an abandoned run', () => {
    const unended = readRecordsFile('a.json', recordsFileText([finishedRecord({ endedAt: null })]));
    expect(!unended.ok && unended.message).toContain('runs[0].endedAt');
    const scored = readRecordsFile(
      'b.json',
      recordsFileText([finishedRecord({ status: 'abandoned' })]),
    );
    expect(!scored.ok && scored.message).toContain('runs[0].summary');
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const reading = readRecordsFile('fuzz.json', text);
          if (!reading.ok) expect(reading.message.startsWith('fuzz.json: ')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives JSON nested deeper than the parser can go', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(readRecordsFile('deep.json', deep).ok).toBe(false);
  });
});

describe('Planning an import', () => {
  const stored = { runIds: new Set(['r-stored']), traineeIds: new Set<string>() };

  it('skips runs already stored or seen earlier in the same import', () => {
    const a = finishedRecord({ id: 'r-a' });
    const b = finishedRecord({ id: 'r-stored' });
    const files = [
      { file: 'one.json', records: readOk('one.json', recordsFileText([a, b])) },
      { file: 'two.json', records: readOk('two.json', recordsFileText([a])) },
    ];
    const [one, two] = planImport(files, stored);
    expect(one?.runs.map((r) => r.id)).toEqual(['r-a']);
    expect(one?.duplicates).toEqual(['r-stored']);
    expect(one?.trainees).toEqual([TRAINEE]);
    expect(two?.runs).toEqual([]);
    expect(two?.duplicates).toEqual(['r-a']);
    expect(two?.trainees).toEqual([]);
  });

  it('keeps a run interrupted on another machine as abandoned', () => {
    const run = finishedRecord({
      id: 'r-open',
      status: 'in-progress',
      endedAt: null,
      summary: null,
    });
    const [plan] = planImport(
      [{ file: 'x.json', records: readOk('x.json', recordsFileText([run])) }],
      stored,
    );
    expect(plan?.runs[0]).toMatchObject({ status: 'abandoned', endedAt: run.updatedAt });
  });

  it('regrades finished runs from their logs when asked, and keeps the file summary otherwise', () => {
    const run = finishedRecord({ id: 'r-x' });
    const tampered: RunRecord = {
      ...run,
      summary: run.summary && { ...run.summary, outcomeScore: 100, processScore: 100 },
    };
    const records = readOk('x.json', recordsFileText([tampered]));
    const compiled = minimalScenario();
    const [regraded] = planImport([{ file: 'x.json', records }], stored, {
      summarize: (r) => summarizeRun(compiled, r.log),
    });
    expect(regraded?.runs[0]?.summary).toEqual(run.summary);
    const [unknown] = planImport([{ file: 'x.json', records }], stored, {
      summarize: () => {
        throw new Error('scenario not in this build');
      },
    });
    expect(unknown?.runs[0]?.summary).toEqual(tampered.summary);
  });
});

describe('The gradebook CSV', () => {
  it('has one row per run with the main measures, under a header', () => {
    const run = finishedRecord();
    const rows = parseCsv(runsToCsv([run], [TRAINEE]));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]?.[i]]));
    expect(row).toMatchObject({
      'run id': run.id,
      trainee: TRAINEE.name,
      scenario: 'minimal',
      version: '1',
      date: run.startedAt,
      status: 'finished',
      'outcome id': 'recovered',
      'outcome score': String(run.summary?.outcomeScore),
      'process score': String(run.summary?.processScore),
      'recognition time (s)': '11',
      'time to intervention (s)': '14',
      'false alarms': '0',
    });
    expect(rows).toHaveLength(2);
  });

  it('quotes commas, quotes and line breaks so every name stays in its cell', () => {
    const names = [
      'Doe, Jane',
      'Jim "JJ" Jones',
      'Line\nbreak',
      'Carriage\r\nreturn',
      'José Øyvind',
    ];
    const trainees = names.map((name, i) => ({ ...TRAINEE, id: `t-${i}`, name }));
    const runs = trainees.map((t, i) => finishedRecord({ id: `r-${i}`, traineeId: t.id }));
    const rows = parseCsv(runsToCsv(runs, trainees));
    expect(rows.slice(1).map((r) => r[1])).toEqual(names);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('keeps a spreadsheet from running a name as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-2.5)).toBe('-2.5');
  });

  it('leaves unmeasured cells empty and rounds away float noise', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(12.299999999)).toBe('12.3');
    const open = finishedRecord({ status: 'abandoned', summary: null });
    const [, row] = parseCsv(runsToCsv([open], []));
    expect(row?.[1]).toBe('');
    expect(row?.slice(7)).toEqual(['', '', '', '', '', '', '']);
  });

  it('ends rows with CRLF and adds a byte-order mark for Excel only when asked', () => {
    const text = runsToCsv([finishedRecord()], [TRAINEE]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(runsToCsv([], [], { excelBom: true }).startsWith('\uFEFF')).toBe(true);
  });

  it('round-trips any trainee name', () => {
    const run = finishedRecord();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (name) => {
        const rows = parseCsv(runsToCsv([run], [{ ...TRAINEE, name }]));
        const cell = rows[1]?.[1];
        expect(cell === name || cell === `'${name}`).toBe(true);
        expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('What changed in a log', () => {
  const compiled = minimalScenario();

  it('is nothing for the same log, and the new tail for an appended one', () => {
    const session = new EncounterSession(compiled);
    session.advanceTo(5);
    const before = session.log.entries;
    expect(diffLog(before, session.log.entries)).toBeUndefined();
    session.advanceTo(12);
    expect(diffLog(before, session.log.entries)).toEqual({ from: before.length, truncate: false });
  });

  it('rewrites from the late input when one is put back in its place', () => {
    const session = new EncounterSession(compiled);
    session.advanceTo(30);
    const before = session.log.entries;
    session.input({ type: 'trainee.signal' }, 11);
    const after = session.log.entries;
    const change = diffLog(before, after);
    expect(change?.truncate).toBe(true);
    expect(after.slice(0, change?.from)).toEqual(before.slice(0, change?.from));
    expect(after[change?.from ?? 0]).not.toEqual(before[change?.from ?? 0]);
  });

  it('compares entries by value, so a recomputed copy is not a change', () => {
    const session = new EncounterSession(compiled);
    playBestUntilRolled(session);
    const copy: LogEntry[] = structuredClone([...session.log.entries]);
    expect(diffLog(session.log.entries, copy)).toBeUndefined();
  });

  it('merges queued changes into one write from the earliest point', () => {
    expect(mergeChanges(undefined, { from: 4, truncate: false })).toEqual({
      from: 4,
      truncate: false,
    });
    expect(mergeChanges({ from: 4, truncate: false }, { from: 2, truncate: true })).toEqual({
      from: 2,
      truncate: true,
    });
    expect(mergeChanges({ from: 2, truncate: true }, { from: 6, truncate: false })).toEqual({
      from: 2,
      truncate: true,
    });
  });
});
