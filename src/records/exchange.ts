/**
 * Export and import of run records as versioned JSON. Pure: reading a file never throws, whatever
 * bytes it holds, and says what is wrong with it in words that name the file; deciding what an
 * import adds never looks at more than the ids already stored, so it cannot alter them.
 */
import {
  formatPath,
  RECORDS_FORMAT,
  RECORDS_FORMAT_VERSION,
  RecordsFileSchema,
  type RecordsFile,
  type RunRecord,
  type RunSummary,
  type Trainee,
} from './schema.ts';

/** Larger than years of a whole academy's runs; anything bigger is not a records file. */
export const MAX_IMPORT_CHARS = 50_000_000;

/** Pure: the export file for `runs`, with the profiles of their trainees and no others. */
export function buildRecordsFile(
  runs: readonly RunRecord[],
  trainees: readonly Trainee[],
  exportedAt: string,
): RecordsFile {
  const used = new Set(runs.map((r) => r.traineeId));
  return {
    format: RECORDS_FORMAT,
    formatVersion: RECORDS_FORMAT_VERSION,
    exportedAt,
    trainees: trainees.filter((t) => used.has(t.id)),
    runs,
  };
}

/** Pure: the JSON text of an export file, indented so an instructor can read it. */
export function serializeRecordsFile(file: RecordsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type FileReading =
  | { readonly ok: true; readonly file: string; readonly records: RecordsFile }
  | { readonly ok: false; readonly file: string; readonly message: string };

/**
 * Pure: reads and validates one export file. Never throws. A problem comes back as a sentence that
 * names the file and, where the schema found it, the place in the JSON.
 */
export function readRecordsFile(file: string, text: string): FileReading {
  const fail = (problem: string): FileReading => ({
    ok: false,
    file,
    message: `${file}: ${problem}`,
  });
  try {
    if (text.length > MAX_IMPORT_CHARS) {
      return fail(`is too large to be a records file (${Math.round(text.length / 1e6)} MB).`);
    }
    const body = text.replace(/^\uFEFF/, '');
    if (body.trim() === '') return fail('is empty.');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      return fail(
        `is not valid JSON, so it is probably truncated or damaged (${errorText(error)}).`,
      );
    }
    if (!isObject(json) || json.format !== RECORDS_FORMAT) {
      return fail(
        `is not a run records file from this game (it has no "format": "${RECORDS_FORMAT}").`,
      );
    }
    const version = json.formatVersion;
    if (
      typeof version === 'number' &&
      Number.isInteger(version) &&
      version > RECORDS_FORMAT_VERSION
    ) {
      return fail(
        `was exported by a newer version of the game (records format ${version}; this version reads format ${RECORDS_FORMAT_VERSION}). Update the game to import it.`,
      );
    }
    const parsed = RecordsFileSchema.safeParse(json);
    if (!parsed.success) {
      const [first, ...rest] = parsed.error.issues;
      const where = formatPath(first?.path ?? []);
      const more =
        rest.length === 0
          ? ''
          : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
      return fail(`is not valid at ${where}: ${first?.message ?? 'unknown problem'}${more}.`);
    }
    return { ok: true, file, records: parsed.data };
  } catch (error) {
    // Deeply nested JSON can overflow the stack in the parser or the schema; that is still only a
    // bad file, never a crash of the game.
    return fail(`could not be read (${errorText(error)}).`);
  }
}

export interface PlannedFile {
  readonly file: string;
  /** New runs to add, in file order. */
  readonly runs: readonly RunRecord[];
  /** Trainee profiles those runs need that are not stored yet. */
  readonly trainees: readonly Trainee[];
  /** Run ids already stored, or seen earlier in the same import: skipped. */
  readonly duplicates: readonly string[];
}

export interface ImportOptions {
  /**
   * Regrades a finished run from its log (the log is the truth; a summary in a file is only what
   * the other machine said). Return undefined when the scenario version is not known here: the
   * file's summary is kept. Anything it throws is treated as undefined.
   */
  readonly summarize?: (record: RunRecord) => RunSummary | undefined;
}

/**
 * Pure: what each good file adds, given the run and trainee ids already stored. Files are taken in
 * order, so a run in two files of one import is added once and reported as a duplicate the second
 * time. A run still in progress in the file is added as abandoned: it was interrupted on another
 * machine, and offering it for resume here would be a surprise.
 */
export function planImport(
  readings: readonly { file: string; records: RecordsFile }[],
  stored: { readonly runIds: ReadonlySet<string>; readonly traineeIds: ReadonlySet<string> },
  options: ImportOptions = {},
): PlannedFile[] {
  const seenRuns = new Set(stored.runIds);
  const seenTrainees = new Set(stored.traineeIds);
  return readings.map(({ file, records }) => {
    const runs: RunRecord[] = [];
    const duplicates: string[] = [];
    for (const run of records.runs) {
      if (seenRuns.has(run.id)) {
        duplicates.push(run.id);
        continue;
      }
      seenRuns.add(run.id);
      runs.push(settle(run, options));
    }
    const needed = new Set(runs.map((r) => r.traineeId));
    const trainees = records.trainees.filter((t) => needed.has(t.id) && !seenTrainees.has(t.id));
    for (const t of trainees) seenTrainees.add(t.id);
    return { file, runs, trainees, duplicates };
  });
}

function settle(run: RunRecord, options: ImportOptions): RunRecord {
  if (run.status === 'in-progress') return { ...run, status: 'abandoned', endedAt: run.updatedAt };
  if (run.status !== 'finished' || !options.summarize) return run;
  let summary: RunSummary | undefined;
  try {
    summary = options.summarize(run);
  } catch {
    summary = undefined;
  }
  return summary ? { ...run, summary } : run;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    return String(error);
  } catch {
    return 'unknown error';
  }
}
