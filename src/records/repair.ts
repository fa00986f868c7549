/**
 * Repair on load: what comes back from the database is checked against the schemas, because the
 * database outlives any one version of this code and can be damaged. Like the settings, a run keeps
 * every part that is still good: a bad summary is dropped (the log can regrade the run), and a log
 * keeps its good entries up to the first bad one. Only a run whose own identity is unreadable is
 * skipped, and it is left as it is in the database. Pure.
 */
import { RunLogSchema, type LogEntry } from '../engine/index.ts';
import {
  RunRecordSchema,
  StoredRunSchema,
  TraineeSchema,
  type RunRecord,
  type StoredRun,
  type Trainee,
} from './schema.ts';

const EntrySchema = RunLogSchema.shape.entries.element;

export function repairTrainee(raw: unknown): Trainee | undefined {
  const parsed = TraineeSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function repairStoredRun(raw: unknown): StoredRun | undefined {
  const parsed = StoredRunSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const withoutSummary = StoredRunSchema.safeParse({ ...raw, summary: null });
  return withoutSummary.success ? withoutSummary.data : undefined;
}

/** The entries up to the first one that is malformed or out of time order. */
export function repairEntries(raw: readonly unknown[]): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const item of raw) {
    const parsed = EntrySchema.safeParse(item);
    const last = entries[entries.length - 1];
    if (!parsed.success || (last !== undefined && parsed.data.t < last.t)) break;
    entries.push(parsed.data);
  }
  return entries;
}

export function repairRun(rawRun: unknown, rawEntries: readonly unknown[]): RunRecord | undefined {
  const stored = repairStoredRun(rawRun);
  if (!stored) return undefined;
  const { logVersion, engineVersion, ...info } = stored;
  const record = {
    ...info,
    log: { logVersion, engineVersion, scenario: info.scenario, entries: repairEntries(rawEntries) },
  };
  const parsed = RunRecordSchema.safeParse(record);
  return parsed.success ? parsed.data : undefined;
}
