/**
 * The run log: what happened in one encounter, as events on the scenario clock. Scoring, the
 * debrief and replay are pure functions of it, so it is the only thing a run needs to keep.
 */
import { z } from 'zod';
import { IdSchema, WindowSchema } from '../scenario/schema.ts';
import type { EncounterEvent } from '../encounter/events.ts';

/** Bumped when scoring or timing rules change, so a debrief can say which rules graded a run. */
export const ENGINE_VERSION = '0.1.0';
export const RUN_LOG_VERSION = 1;

export interface LogEntry {
  /** Seconds on the scenario clock (frozen while paused). */
  readonly t: number;
  readonly event: EncounterEvent;
}

export interface RunLog {
  readonly logVersion: typeof RUN_LOG_VERSION;
  readonly engineVersion: string;
  readonly scenario: { readonly id: string; readonly version: number };
  readonly entries: readonly LogEntry[];
}

const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scene.beat'), beat: IdSchema }).strict(),
  z.object({ type: z.literal('scene.window'), window: WindowSchema }).strict(),
  z.object({ type: z.literal('scene.end'), segment: IdSchema }).strict(),
  z.object({ type: z.literal('trainee.signal') }).strict(),
  z.object({ type: z.literal('decision.select'), decision: IdSchema, option: IdSchema }).strict(),
  z.object({ type: z.literal('decision.timeout'), decision: IdSchema }).strict(),
  z.object({ type: z.literal('report.submit'), items: z.array(IdSchema) }).strict(),
]);

/** Validates a log read back from storage or an import. */
export const RunLogSchema = z
  .object({
    logVersion: z.literal(RUN_LOG_VERSION),
    engineVersion: z.string().min(1),
    scenario: z.object({ id: IdSchema, version: z.number().int().positive() }).strict(),
    entries: z.array(z.object({ t: z.number().nonnegative(), event: EventSchema }).strict()),
  })
  .strict()
  .refine(
    (log) => log.entries.every((entry, i) => i === 0 || entry.t >= (log.entries[i - 1]?.t ?? 0)),
    {
      message: 'entries must be in time order',
      path: ['entries'],
    },
  );

/** Pure: a JSON string of the log, stable for the same log. */
export function serializeRunLog(log: RunLog): string {
  return JSON.stringify(log);
}

/** Pure: parses and validates a log; throws an Error naming the first problem. */
export function parseRunLog(json: string): RunLog {
  const parsed = RunLogSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `not a valid run log at ${issue?.path.join('.') ?? '(root)'}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  return parsed.data;
}
