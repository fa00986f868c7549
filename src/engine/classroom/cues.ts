/**
 * The cues of a class run, for the instructor: those the scene has shown so far (to reveal what
 * should have been noticed) and those coming next in the part of the scene now playing (for the
 * presenter's notes). Pure functions of the compiled scenario, the run state and the log.
 */
import type { CompiledScenario } from '../encounter/compileScenario.ts';
import type { LogEntry } from '../run/runLog.ts';
import { scenePosition, type RunState } from '../run/runner.ts';
import type { CueLevel } from '../scenario/schema.ts';
import type { EncounterView } from '../view/encounterView.ts';

export interface ClassCue {
  readonly beat: string;
  /** Scenario time it played (past cues) or is due (coming cues). */
  readonly t: number;
  readonly level: CueLevel;
  /** What the trainee should notice, in the scenario's words. */
  readonly note: string;
  /** The people the cue involves: who acts, who is acted on, who speaks. */
  readonly people: readonly string[];
}

const LEVEL_ORDER: Readonly<Record<CueLevel, number>> = { early: 0, warning: 1, critical: 2 };

/** Pure: every cue the scene has played so far, in order. */
export function cuesSoFar(compiled: CompiledScenario, entries: readonly LogEntry[]): ClassCue[] {
  const cues: ClassCue[] = [];
  for (const entry of entries) {
    if (entry.event.type !== 'scene.beat') continue;
    const beat = compiled.beats.get(entry.event.beat)?.beat;
    if (!beat?.cue) continue;
    cues.push({
      beat: beat.id,
      t: entry.t,
      level: beat.cue.level,
      note: beat.cue.note,
      people: peopleOf(beat),
    });
  }
  return cues;
}

/**
 * Pure: the cues still to come in the segment now playing, if nobody changes its course, with
 * the times they are due. A choice can send the scene elsewhere, so these are a forecast.
 */
export function comingCues(compiled: CompiledScenario, state: RunState, limit = 3): ClassCue[] {
  const scene = scenePosition(state.snapshot);
  if (scene.kind !== 'playing') return [];
  const segment = compiled.segments.get(scene.segment);
  if (!segment) return [];
  const index =
    scene.point === 'begin' ? -1 : segment.points.findIndex((p) => p.state === scene.point);
  const cues: ClassCue[] = [];
  for (const point of segment.points.slice(index + 1)) {
    if (point.kind !== 'beat' || !point.beat.cue) continue;
    cues.push({
      beat: point.beat.id,
      t: state.segmentStartedAt + point.at,
      level: point.beat.cue.level,
      note: point.beat.cue.note,
      people: peopleOf(point.beat),
    });
    if (cues.length >= limit) break;
  }
  return cues;
}

/**
 * Pure: the view with every figure a past cue involved marked with the strongest level of those
 * cues, so that the stage outlines them all at once ("this is what you should have seen").
 */
export function revealCues(view: EncounterView, cues: readonly ClassCue[]): EncounterView {
  const strongest = new Map<string, CueLevel>();
  for (const cue of cues) {
    for (const id of cue.people) {
      const held = strongest.get(id);
      if (held === undefined || LEVEL_ORDER[cue.level] > LEVEL_ORDER[held]) {
        strongest.set(id, cue.level);
      }
    }
  }
  return {
    ...view,
    figures: view.figures.map((figure) => ({
      ...figure,
      cue: strongest.get(figure.id) ?? figure.cue,
    })),
  };
}

function peopleOf(beat: {
  readonly actor?: string | undefined;
  readonly target?: string | undefined;
  readonly speaker?: string | undefined;
}): string[] {
  return [
    ...new Set([beat.actor, beat.target, beat.speaker].filter((id) => id !== undefined)),
  ] as string[];
}
