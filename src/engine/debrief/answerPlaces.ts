/**
 * Where each decision can be answered: in which segment, and in which decision window. A goto
 * leaves from the segment the scene is in when the choice is made, and what it does depends on the
 * window, so the branch map needs both; neither is written in the scenario file.
 *
 * Found by walking the compiled machine (the same machine the graph tests walk) without the clock:
 * every event the encounter could take next, from every state it can reach, until the scene ends.
 * Leaving time out keeps the walk finite, at one cost: a decision is assumed to stay open as long
 * as the trainee likes, so a window can appear that a real countdown would have closed first. One
 * piece of timing is kept because it changes the answer at the start of most scenarios: a scene
 * event due at the same instant as the one just played (a window mark and the beat it frames) plays
 * before any input, exactly as the live session and replay order them.
 */
import type { CompiledScenario } from '../encounter/compileScenario.ts';
import type { EncounterEvent } from '../encounter/events.ts';
import type { Window } from '../scenario/schema.ts';
import {
  applyEntry,
  currentWindow,
  possibleEvents,
  scenePosition,
  startRun,
  traineePosition,
  type RunState,
} from '../run/runner.ts';

/** segment id → decision id → the windows it can be answered in there. */
export type AnswerPlaces = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<Window>>>;

// The walk depends only on the compiled scenario, which is immutable, so one walk serves every
// run's debrief.
const walked = new WeakMap<CompiledScenario, AnswerPlaces>();

/** Pure (memoised per compiled scenario). */
export function answerPlaces(compiled: CompiledScenario): AnswerPlaces {
  const known = walked.get(compiled);
  if (known) return known;
  const places = new Map<string, Map<string, Set<Window>>>();
  const record = (segment: string, decision: string, window: Window) => {
    const bySegment = places.get(segment) ?? new Map<string, Set<Window>>();
    places.set(segment, bySegment);
    const windows = bySegment.get(decision) ?? new Set<Window>();
    bySegment.set(decision, windows);
    windows.add(window);
  };

  const start = startRun(compiled);
  const seen = new Set<string>([stateKey(start)]);
  const queue: RunState[] = [start];
  for (let state = queue.pop(); state !== undefined; state = queue.pop()) {
    const scene = scenePosition(state.snapshot);
    if (scene.kind !== 'playing') continue;
    const dueNow = sceneEventDueNow(compiled, scene.segment, scene.point);
    const decision = traineePosition(state.snapshot).decision;
    if (decision !== undefined && !dueNow) record(scene.segment, decision, currentWindow(state));
    for (const event of possibleEvents(compiled, state.snapshot)) {
      if (event.type === 'report.submit') continue;
      if (dueNow && !isSceneEvent(event)) continue;
      const next = applyEntry(compiled, state, { t: 0, event });
      const key = stateKey(next);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(next);
    }
  }
  walked.set(compiled, places);
  return places;
}

/** The machine's whole state: its state value and its one piece of context, the window. */
function stateKey(state: RunState): string {
  return `${JSON.stringify(state.snapshot.value)}|${currentWindow(state)}`;
}

function isSceneEvent(event: EncounterEvent): boolean {
  return event.type === 'scene.beat' || event.type === 'scene.window' || event.type === 'scene.end';
}

/** Whether the segment's next point (or its end) is due at the same offset as the current one. */
function sceneEventDueNow(compiled: CompiledScenario, segmentId: string, point: string): boolean {
  const segment = compiled.segments.get(segmentId);
  if (!segment) return false;
  const index = point === 'begin' ? -1 : segment.points.findIndex((p) => p.state === point);
  const now = index < 0 ? 0 : (segment.points[index]?.at ?? 0);
  const next = segment.points[index + 1]?.at ?? segment.segment.endsAt;
  return next === now;
}
