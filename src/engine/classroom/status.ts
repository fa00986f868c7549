/**
 * What classroom mode shows and accepts, as plain data: the status the projector window works
 * out and sends to the presenter window (so both say the same thing), and the commands the
 * presenter (or the projector's own keys) send back. Pure, so the presenter's notes are tested
 * without a browser.
 */
import { z } from 'zod';
import type { CompiledScenario, TraineeStage } from '../encounter/compileScenario.ts';
import { consequenceIn } from '../scenario/consequence.ts';
import type { DecisionStage, Rating } from '../scenario/schema.ts';
import type { RunLog } from '../run/runLog.ts';
import type { RunState } from '../run/runner.ts';
import type { EncounterView } from '../view/encounterView.ts';
import { comingCues, cuesSoFar, type ClassCue } from './cues.ts';
import { rewindPoints } from './rewind.ts';
import { describeVote, handsFor, optionLetter, voteResult, type Tally } from './vote.ts';

/** idle: no scenario yet; running: the scene is on; ended: it reached its end; debrief: shown. */
export type ClassPhase = 'idle' | 'running' | 'ended' | 'debrief';

export interface ClassOption {
  readonly id: string;
  readonly letter: string;
  readonly text: string;
  /** For the instructor's eyes only: how the option rates in the window now, and why. */
  readonly rating: Rating;
  readonly reason: string;
  readonly hands: number;
}

export interface ClassDecision {
  readonly id: string;
  readonly stage: DecisionStage;
  readonly prompt: string;
  /** The scenario's question for the room at this point, if it has one. */
  readonly discussion: string | undefined;
  readonly openedAt: number;
  readonly options: readonly ClassOption[];
}

export interface ClassStatus {
  readonly phase: ClassPhase;
  readonly scenario: { readonly id: string; readonly title: string } | undefined;
  readonly time: number;
  readonly stage: TraineeStage | undefined;
  /** Held for any reason: the instructor's pause, a freeze at a decision, a step's end. */
  readonly paused: boolean;
  /** Held at a decision for the room to discuss and vote. */
  readonly frozen: boolean;
  /** The projector shows black (clicker B or period). */
  readonly blank: boolean;
  /** The stage outlines everyone the cues so far involved, and lists those cues. */
  readonly revealed: boolean;
  /** The scene freezes whenever a decision opens (on by default in class mode). */
  readonly freezeAtDecisions: boolean;
  readonly canSignal: boolean;
  readonly decision: ClassDecision | undefined;
  readonly tally: Tally;
  /** The vote in words: counts by letter and what will play, or the tie to settle. */
  readonly voteSummary: string;
  /** The options a tie is between, to put to the room again; empty without a tie. */
  readonly tiedBetween: readonly string[];
  readonly cuesSoFar: readonly ClassCue[];
  readonly comingCues: readonly ClassCue[];
  readonly teachingPoints: readonly string[];
  readonly rewindPoints: ReadonlyArray<{
    readonly index: number;
    readonly prompt: string;
    readonly t: number;
    /** What the room answered there in this branch, in words. */
    readonly answer: string | undefined;
  }>;
  /** How the room voted so far in this branch, one sentence per decision. */
  readonly votes: ReadonlyArray<{ readonly prompt: string; readonly summary: string }>;
  /** Branches the room went back from, in words. */
  readonly branchesTried: readonly string[];
  readonly outcome: { readonly title: string; readonly description: string } | undefined;
  /** A short message for the instructor: why a command did nothing, what to do next. */
  readonly notice: string | undefined;
}

export interface ClassStatusInput {
  readonly compiled: CompiledScenario;
  readonly state: RunState;
  readonly log: RunLog;
  readonly view: EncounterView;
  readonly time: number;
  readonly phase: ClassPhase;
  readonly paused: boolean;
  readonly frozen: boolean;
  readonly blank: boolean;
  readonly revealed: boolean;
  readonly freezeAtDecisions: boolean;
  readonly tally: Tally;
  readonly notice: string | undefined;
}

/** The status before any scenario is chosen. */
export function idleClassStatus(notice?: string): ClassStatus {
  return {
    phase: 'idle',
    scenario: undefined,
    time: 0,
    stage: undefined,
    paused: false,
    frozen: false,
    blank: false,
    revealed: false,
    freezeAtDecisions: true,
    canSignal: false,
    decision: undefined,
    tally: {},
    voteSummary: '',
    tiedBetween: [],
    cuesSoFar: [],
    comingCues: [],
    teachingPoints: [],
    rewindPoints: [],
    votes: [],
    branchesTried: [],
    outcome: undefined,
    notice,
  };
}

/** Pure: the classroom status of a run at scenario time `input.time`. */
export function classStatus(input: ClassStatusInput): ClassStatus {
  const { compiled, state, log, view, tally } = input;
  const { scenario } = compiled;
  const open = view.decision ? compiled.decisions.get(view.decision.id) : undefined;
  const decision: ClassDecision | undefined = open && {
    id: open.id,
    stage: open.stage,
    prompt: open.prompt,
    discussion: open.discussion,
    openedAt: view.decision?.openedAt ?? input.time,
    options: open.options.map((option, i) => {
      const consequence = consequenceIn(option, view.window);
      return {
        id: option.id,
        letter: optionLetter(i),
        text: option.text,
        rating: consequence.rating,
        reason: consequence.reason,
        hands: handsFor(tally, option.id),
      };
    }),
  };
  const result = open ? voteResult(open, tally) : undefined;
  const optionText = (decisionId: string, optionId: string | undefined) => {
    const found = compiled.decisions.get(decisionId);
    const index = found?.options.findIndex((o) => o.id === optionId) ?? -1;
    const option = found?.options[index];
    return option ? `${optionLetter(index)}: ${option.text}` : undefined;
  };
  const classroom = log.classroom ?? { votes: [], rewinds: [] };
  return {
    phase: input.phase,
    scenario: { id: scenario.id, title: scenario.title },
    time: input.time,
    stage: view.stage,
    paused: input.paused,
    frozen: input.frozen,
    blank: input.blank,
    revealed: input.revealed,
    freezeAtDecisions: input.freezeAtDecisions,
    canSignal: view.canSignal && input.phase === 'running',
    decision,
    tally,
    voteSummary: open ? describeVote(open, tally) : '',
    tiedBetween: result?.kind === 'tie' ? result.options : [],
    cuesSoFar: cuesSoFar(compiled, log.entries),
    comingCues: comingCues(compiled, state),
    teachingPoints: scenario.debrief.teachingPoints,
    rewindPoints: rewindPoints(compiled, log).map((point, index) => ({
      index,
      prompt: point.prompt,
      t: point.t,
      answer:
        point.answered?.kind === 'chosen'
          ? optionText(point.decision, point.answered.option?.id)
          : point.answered?.kind === 'timed-out'
            ? 'No answer: the time ran out.'
            : undefined,
    })),
    votes: classroom.votes.map((vote) => {
      const found = compiled.decisions.get(vote.decision);
      return {
        prompt: found?.prompt ?? vote.decision,
        summary: found ? describeVote(found, vote.tally) : '',
      };
    }),
    branchesTried: classroom.rewinds.map((rewind) => {
      const prompt = compiled.decisions.get(rewind.decision)?.prompt ?? rewind.decision;
      const outcome =
        rewind.outcome === undefined ? undefined : compiled.outcomes.get(rewind.outcome)?.title;
      return outcome === undefined
        ? `Went back to "${prompt}" after ${Math.round(rewind.left)} s of scene.`
        : `Went back to "${prompt}" from the outcome "${outcome}".`;
    }),
    outcome: view.outcome && {
      title: view.outcome.title,
      description: view.outcome.description,
    },
    notice: input.notice,
  };
}

const OptionIdSchema = z.string().min(1).max(100);

/** Everything the presenter window (or a key on the projector) can ask of a class run. */
export const ClassCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), scenarioId: z.string().min(1).max(200) }).strict(),
  /** Page Down on a clicker: the next thing (resume, play the vote, show the debrief). */
  z.object({ type: z.literal('advance') }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('signal') }).strict(),
  z
    .object({
      type: z.literal('hands'),
      option: OptionIdSchema,
      hands: z.number().int().min(0).max(10_000),
    })
    .strict(),
  z
    .object({
      type: z.literal('adjust'),
      option: OptionIdSchema,
      delta: z.number().int().min(-1000).max(1000),
    })
    .strict(),
  z.object({ type: z.literal('clear-hands') }).strict(),
  z.object({ type: z.literal('play-vote') }).strict(),
  z.object({ type: z.literal('reveal') }).strict(),
  /** Plays on to the next thing that happens in the scene, then holds. */
  z.object({ type: z.literal('step') }).strict(),
  /** Back to an earlier decision: by its index in the status's rewind points, or the last one. */
  z.object({ type: z.literal('rewind'), index: z.number().int().min(0).optional() }).strict(),
  z.object({ type: z.literal('freeze-at-decisions'), on: z.boolean() }).strict(),
  z.object({ type: z.literal('blank') }).strict(),
  z.object({ type: z.literal('debrief') }).strict(),
  z.object({ type: z.literal('menu') }).strict(),
]);
export type ClassCommand = z.infer<typeof ClassCommandSchema>;
