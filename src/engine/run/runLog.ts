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

/** A class's show of hands at one decision, as the instructor entered it. */
export interface ClassVote {
  readonly decision: string;
  /** Scenario time of the choice the vote made. */
  readonly t: number;
  /** The index in `entries` of the decision.select the vote played. */
  readonly entry: number;
  /** Hands per option id; options nobody raised a hand for may be left out. */
  readonly tally: Readonly<Record<string, number>>;
  /** The option with the most hands: the one that played. */
  readonly option: string;
}

/** The class went back to an earlier decision to try another branch ("what if"). */
export interface ClassRewind {
  /** When the decision gone back to had opened: the log was cut back to this moment. */
  readonly t: number;
  readonly decision: string;
  /** How far the branch left behind had got, in scenario seconds. */
  readonly left: number;
  /** The outcome that branch had reached, if it had reached one. */
  readonly outcome?: string | undefined;
}

/** What a classroom run adds: how the room voted, and the branches it went back from. */
export interface ClassroomRecord {
  readonly votes: readonly ClassVote[];
  readonly rewinds: readonly ClassRewind[];
}

export interface RunLog {
  readonly logVersion: typeof RUN_LOG_VERSION;
  readonly engineVersion: string;
  readonly scenario: { readonly id: string; readonly version: number };
  readonly entries: readonly LogEntry[];
  /** Present only for a run played by a class in classroom mode. Scoring never reads it. */
  readonly classroom?: ClassroomRecord | undefined;
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

const ClassroomSchema = z
  .object({
    votes: z.array(
      z
        .object({
          decision: IdSchema,
          t: z.number().nonnegative(),
          entry: z.number().int().nonnegative(),
          tally: z.record(IdSchema, z.number().int().nonnegative()),
          option: IdSchema,
        })
        .strict(),
    ),
    rewinds: z.array(
      z
        .object({
          t: z.number().nonnegative(),
          decision: IdSchema,
          left: z.number().nonnegative(),
          outcome: IdSchema.optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Validates a log read back from storage or an import. */
export const RunLogSchema = z
  .object({
    logVersion: z.literal(RUN_LOG_VERSION),
    engineVersion: z.string().min(1),
    scenario: z.object({ id: IdSchema, version: z.number().int().positive() }).strict(),
    entries: z.array(z.object({ t: z.number().nonnegative(), event: EventSchema }).strict()),
    classroom: ClassroomSchema.optional(),
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
