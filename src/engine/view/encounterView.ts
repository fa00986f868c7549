/**
 * What the screen shows of an encounter at a moment: plain data derived from the run, for the
 * Phaser scene (figures and their motions), the DOM overlay (captions, the stage, the open
 * decision, the report form) and audio (the beat that just played). Pure: the same run and time
 * give the same view, so replay and reload show the same thing.
 */
import type { CompiledScenario, TraineeStage } from '../encounter/compileScenario.ts';
import type { LogEntry } from '../run/runLog.ts';
import { currentWindow, scenePosition, traineePosition, type RunState } from '../run/runner.ts';
import { TRAINEE_ID } from '../scenario/checkScenario.ts';
import type {
  Beat,
  Scenario,
  CastMember,
  CueLevel,
  DecisionStage,
  Motion,
  Outcome,
  Window,
} from '../scenario/schema.ts';

export interface FigureView {
  readonly id: string;
  readonly name: string;
  readonly kind: CastMember['kind'] | 'trainee';
  readonly rank: CastMember['rank'];
  readonly appearance: CastMember['appearance'];
  /** The latest motion this figure made, and whom it was done to. */
  readonly action:
    | { readonly motion: Motion; readonly target: string | undefined; readonly since: number }
    | undefined;
  /** The latest motion done to this figure, and by whom. */
  readonly actedOn:
    { readonly motion: Motion; readonly by: string; readonly since: number } | undefined;
  /** A cue involving this figure is live (for hint mode): the newest cue's level. */
  readonly cue: CueLevel | undefined;
  /** Out of uniform: an off-duty trainee, a plain-clothes officer. */
  readonly plainClothes: boolean;
  /** Off stage until their first motion (medics always are). */
  readonly arrivesLater: boolean;
}

export interface CaptionView {
  readonly beat: string;
  readonly t: number;
  /** "Senior Officer Reyes" for a spoken line; undefined for a description of the action. */
  readonly speaker: string | undefined;
  readonly text: string;
  readonly cue: CueLevel | undefined;
  readonly sound: string | undefined;
}

export interface DecisionView {
  readonly id: string;
  readonly stage: DecisionStage;
  readonly prompt: string;
  readonly options: ReadonlyArray<{
    readonly id: string;
    readonly key: number;
    readonly text: string;
  }>;
  readonly openedAt: number;
  readonly deadline: number;
}

export interface ReportView {
  readonly prompt: string;
  /** Every statement the trainee may include, in a fixed order that does not group facts first. */
  readonly items: ReadonlyArray<{ readonly id: string; readonly text: string }>;
}

export interface EncounterView {
  readonly scenarioId: string;
  readonly stage: TraineeStage;
  readonly window: Window;
  readonly segment: string | undefined;
  readonly canSignal: boolean;
  readonly decision: DecisionView | undefined;
  readonly captions: readonly CaptionView[];
  readonly figures: readonly FigureView[];
  /** The beat played last, for sound and motion. */
  readonly lastBeat: { readonly beat: Beat; readonly t: number } | undefined;
  readonly outcome: Outcome | undefined;
  readonly report: ReportView | undefined;
  readonly finished: boolean;
}

/**
 * Everyone on stage (the cast, less supervisors heard only over the radio, and the trainee),
 * standing still: the stage before the clock starts, and the base of every view.
 */
export function restingFigures(scenario: Scenario): FigureView[] {
  const still = { action: undefined, actedOn: undefined, cue: undefined } as const;
  return [
    ...scenario.cast
      .filter((member) => member.kind !== 'supervisor-offscene')
      .map((member) => ({
        id: member.id,
        name: member.name,
        kind: member.kind,
        rank: member.rank,
        appearance: member.appearance,
        plainClothes: member.plainClothes,
        arrivesLater: member.arrivesLater,
        ...still,
      })),
    {
      id: TRAINEE_ID,
      name: 'You',
      kind: 'trainee',
      rank: scenario.trainee.rank,
      appearance: undefined,
      plainClothes: !scenario.trainee.inUniform,
      arrivesLater: false,
      ...still,
    },
  ];
}

/** How long a cue stays highlighted in hint mode, in seconds. */
const CUE_HIGHLIGHT_SECONDS = 6;

/** Pure: the view of a run given its state and log, at scenario time `now`. */
export function selectEncounterView(
  compiled: CompiledScenario,
  state: RunState,
  entries: readonly LogEntry[],
  now: number,
): EncounterView {
  const { scenario } = compiled;
  const trainee = traineePosition(state.snapshot);
  const scene = scenePosition(state.snapshot);
  const cast = new Map(scenario.cast.map((member) => [member.id, member]));

  const captions: CaptionView[] = [];
  const actions = new Map<string, FigureView['action']>();
  const actedOn = new Map<string, FigureView['actedOn']>();
  const cues = new Map<string, { level: CueLevel; t: number }>();
  let lastBeat: EncounterView['lastBeat'];
  for (const entry of entries) {
    if (entry.event.type !== 'scene.beat') continue;
    const found = compiled.beats.get(entry.event.beat);
    if (!found) continue;
    const { beat } = found;
    lastBeat = { beat, t: entry.t };
    if (beat.line !== undefined) {
      captions.push({
        beat: beat.id,
        t: entry.t,
        speaker: beat.speaker === undefined ? undefined : speakerLabel(beat.speaker, cast),
        text: beat.line,
        cue: beat.cue?.level,
        // A beat's sound is captioned once: with its description when it has one.
        sound: beat.caption === undefined ? beat.sound : undefined,
      });
    }
    if (beat.caption !== undefined) {
      captions.push({
        beat: beat.id,
        t: entry.t,
        speaker: undefined,
        text: beat.caption,
        cue: beat.cue?.level,
        sound: beat.sound,
      });
    }
    if (beat.actor !== undefined && beat.motion !== undefined) {
      actions.set(beat.actor, { motion: beat.motion, target: beat.target, since: entry.t });
      if (beat.target !== undefined)
        actedOn.set(beat.target, { motion: beat.motion, by: beat.actor, since: entry.t });
    }
    if (beat.cue) {
      for (const id of [beat.actor, beat.target, beat.speaker]) {
        if (id !== undefined) cues.set(id, { level: beat.cue.level, t: entry.t });
      }
    }
  }

  const liveCue = (id: string) => {
    const cue = cues.get(id);
    return cue && now - cue.t <= CUE_HIGHLIGHT_SECONDS ? cue.level : undefined;
  };
  const figures: FigureView[] = restingFigures(scenario).map((figure) => ({
    ...figure,
    action: actions.get(figure.id),
    actedOn: actedOn.get(figure.id),
    cue: liveCue(figure.id),
  }));

  const decision =
    trainee.decision === undefined ? undefined : compiled.decisions.get(trainee.decision);
  const outcome = scene.kind === 'concluded' ? compiled.outcomes.get(scene.outcome) : undefined;
  const writing = trainee.stage === 'report' && trainee.decision === undefined;
  return {
    scenarioId: scenario.id,
    stage: trainee.stage,
    window: currentWindow(state),
    segment: scene.kind === 'playing' ? scene.segment : undefined,
    canSignal: trainee.stage === 'see',
    decision:
      decision === undefined
        ? undefined
        : {
            id: decision.id,
            stage: decision.stage,
            prompt: decision.prompt,
            options: decision.options.map((option, i) => ({
              id: option.id,
              key: i + 1,
              text: option.text,
            })),
            openedAt: state.decisionOpenedAt ?? now,
            deadline: (state.decisionOpenedAt ?? now) + decision.timeout.after,
          },
    captions,
    figures,
    lastBeat,
    outcome,
    report: writing
      ? {
          prompt: scenario.report.prompt,
          items: [...scenario.report.items]
            .sort((a, b) => stableHash(a.id) - stableHash(b.id))
            .map((item) => ({ id: item.id, text: item.text })),
        }
      : undefined,
    finished: trainee.stage === 'done',
  };
}

/** "Sergeant Lee" for a cast member; "You" for the trainee; rank added when the name lacks it. */
export function speakerLabel(id: string, cast: ReadonlyMap<string, CastMember>): string {
  if (id === TRAINEE_ID) return 'You';
  const member = cast.get(id);
  if (!member) return id;
  const rank = member.title ?? member.rank?.replace(/-/g, ' ');
  if (rank === undefined || member.name.toLowerCase().includes(rank.toLowerCase()))
    return member.name;
  return `${member.name} (${rank})`;
}

/** A small deterministic hash, so report items appear in the same mixed order every time. */
function stableHash(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}
