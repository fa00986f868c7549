/**
 * The shapes of trainee records, as kept on the device and as exported. One zod schema per shape is
 * the single truth: types are inferred from them, and everything read back from IndexedDB or an
 * imported file goes through them. The run log inside a record is validated by the engine's own
 * RunLogSchema, so a record can never hold a log the engine would refuse to score or replay.
 */
import { z } from 'zod';
import { IdSchema, RunLogSchema, type RunLog } from '../engine/index.ts';

/** Names the file format, so a foreign JSON file is told apart from a damaged one of ours. */
export const RECORDS_FORMAT = 'dti-run-records';
/** The newest export format this game reads; bump it with a migration when an old file would no longer parse. */
export const RECORDS_FORMAT_VERSION = 1;

/**
 * Record ids end up in the database keys, file names and element ids of the UI: a narrow alphabet
 * keeps an imported file from smuggling anything odd into any of them.
 */
export const RecordIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'ids are 1 to 64 letters, digits, "-" or "_"' });

export const WallClockSchema = z.iso.datetime({
  error: 'expected an ISO 8601 time like 2025-01-31T09:30:00.000Z',
});

/** A name or academy ID as a trainee typed it: there are no accounts. */
export const TraineeNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'a trainee needs a name or academy ID' })
  .max(100, { error: 'a trainee name is at most 100 characters' });

export const TraineeSchema = z
  .object({ id: RecordIdSchema, name: TraineeNameSchema, createdAt: WallClockSchema })
  .strict();
export type Trainee = z.infer<typeof TraineeSchema>;

export const RunStatusSchema = z.enum(['in-progress', 'finished', 'abandoned']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

const seconds = z.number().finite();
const optionalSeconds = seconds.nullable();

/**
 * The score's headline numbers, kept beside a finished run so that lists, trends and gradebooks do
 * not replay every log. It is a cache: the log stays the truth and can always regrade the run.
 * Absent measures are null rather than missing, so the JSON says "not measured" explicitly.
 */
export const RunSummarySchema = z
  .object({
    /** The rules that produced these numbers (ENGINE_VERSION at grading time). */
    engineVersion: z.string().min(1).max(50),
    /** The outcome the scene reached, or null when the run stopped before one. */
    outcomeId: IdSchema.nullable(),
    outcomeScore: z.number().min(0).max(100),
    outcomeBand: z.string().max(100),
    processScore: z.number().min(0).max(100),
    processBand: z.string().max(100),
    recognitionTime: optionalSeconds,
    interventionAt: optionalSeconds,
    interventionMarginToHarm: optionalSeconds,
    harmExposure: seconds.nonnegative(),
    falseAlarms: z.number().int().nonnegative(),
    overInterventions: z.number().int().nonnegative(),
    reportAccuracy: z.number().min(0).max(1).nullable(),
  })
  .strict();
export type RunSummary = z.infer<typeof RunSummarySchema>;

const runInfoShape = {
  id: RecordIdSchema,
  traineeId: RecordIdSchema,
  scenario: z.object({ id: IdSchema, version: z.number().int().positive() }).strict(),
  status: RunStatusSchema,
  startedAt: WallClockSchema,
  /** The last time anything of the run was saved: when an interrupted run really stopped. */
  updatedAt: WallClockSchema,
  endedAt: WallClockSchema.nullable(),
  summary: RunSummarySchema.nullable(),
};

/** What a run's status promises about its other fields. */
function checkStatus(
  run: { status: RunStatus; endedAt: string | null; summary: RunSummary | null },
  ctx: z.RefinementCtx,
): void {
  if (run.status === 'in-progress' && run.endedAt !== null) {
    ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'a run in progress has not ended' });
  }
  if (run.status !== 'in-progress' && run.endedAt === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['endedAt'],
      message: `a ${run.status} run has an end time`,
    });
  }
  if (run.status !== 'finished' && run.summary !== null) {
    ctx.addIssue({ code: 'custom', path: ['summary'], message: 'only a finished run has a score' });
  }
}

/** A run without its log entries: enough for lists, history and gradebooks. */
export const RunInfoSchema = z.object(runInfoShape).strict().superRefine(checkStatus);
export interface RunInfo {
  readonly id: string;
  readonly traineeId: string;
  readonly scenario: { readonly id: string; readonly version: number };
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly endedAt: string | null;
  readonly summary: RunSummary | null;
}

/** One run with its whole log: what is exported, imported, resumed and replayed. */
export const RunRecordSchema = z
  .object({ ...runInfoShape, log: RunLogSchema })
  .strict()
  .superRefine((run, ctx) => {
    checkStatus(run, ctx);
    if (
      run.log.scenario.id !== run.scenario.id ||
      run.log.scenario.version !== run.scenario.version
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['log', 'scenario'],
        message: `the log is of scenario "${run.log.scenario.id}" version ${run.log.scenario.version}, but the run says "${run.scenario.id}" version ${run.scenario.version}`,
      });
    }
  });
export interface RunRecord extends RunInfo {
  readonly log: RunLog;
}

/** An export file: one run or many, with the profiles of the trainees who ran them. */
export const RecordsFileSchema = z
  .object({
    format: z.literal(RECORDS_FORMAT),
    formatVersion: z.literal(RECORDS_FORMAT_VERSION),
    exportedAt: WallClockSchema,
    trainees: z.array(TraineeSchema).max(100_000),
    runs: z.array(RunRecordSchema).max(100_000),
  })
  .strict()
  .superRefine((file, ctx) => {
    const known = new Set(file.trainees.map((t) => t.id));
    file.runs.forEach((run, i) => {
      if (!known.has(run.traineeId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['runs', i, 'traineeId'],
          message: `trainee "${run.traineeId}" is not among the file's trainees`,
        });
      }
    });
  });
export interface RecordsFile {
  readonly format: typeof RECORDS_FORMAT;
  readonly formatVersion: typeof RECORDS_FORMAT_VERSION;
  readonly exportedAt: string;
  readonly trainees: readonly Trainee[];
  readonly runs: readonly RunRecord[];
}

/**
 * A run as kept in the database: the record without its entries (they live one per key, so that
 * saving as the run happens appends a few entries instead of rewriting the whole log), plus the
 * log's own header.
 */
export const StoredRunSchema = z
  .object({
    ...runInfoShape,
    logVersion: RunLogSchema.shape.logVersion,
    engineVersion: RunLogSchema.shape.engineVersion,
  })
  .strict()
  .superRefine(checkStatus);
export interface StoredRun extends RunInfo {
  readonly logVersion: RunLog['logVersion'];
  readonly engineVersion: string;
}

/** A zod issue path as a reader finds it in the JSON: runs[2].log.entries[5].t */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the top level)' : out;
}
