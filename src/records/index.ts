/** Trainee records' public surface: code outside src/records imports from here. */
export {
  createRecords,
  describeStorageFailure,
  type AddTraineeResult,
  type ImportedFile,
  type ImportReport,
  type ImportSource,
  type Records,
  type RecordsOptions,
  type RecordsStatus,
  type RunLocks,
  type RunRecorder,
} from './records.ts';
export { DB_NAME, type RunQuery } from './backends.ts';
export { summarizeRun, summarizeScore } from './summary.ts';
export { CSV_COLUMNS, csvField, runsToCsv } from './csv.ts';
export {
  buildRecordsFile,
  MAX_IMPORT_CHARS,
  planImport,
  readRecordsFile,
  serializeRecordsFile,
  type FileReading,
  type ImportOptions,
  type PlannedFile,
} from './exchange.ts';
export { diffLog, type LogChange } from './logDiff.ts';
export {
  formatPath,
  RECORDS_FORMAT,
  RECORDS_FORMAT_VERSION,
  RecordsFileSchema,
  RunInfoSchema,
  RunRecordSchema,
  RunStatusSchema,
  RunSummarySchema,
  TraineeSchema,
  type RecordsFile,
  type RunInfo,
  type RunRecord,
  type RunStatus,
  type RunSummary,
  type Trainee,
} from './schema.ts';
