/**
 * Every scenario the game ships (and the engine fixtures): it validates, and xstate/graph walks
 * its machine to every reachable state and through every transition. Each covered path is played
 * on to its end with a timed log and scored: the score must be defined, within range and
 * explained. A new scenario file gets all of this without anyone writing a test.
 */
import { basename } from 'node:path';
import { createTestModel, getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  accepts,
  applyEntry,
  compileScenario,
  isFinished,
  isInputEvent,
  nextClockEvent,
  possibleEvents,
  score,
  startRun,
  traineePosition,
  scenePosition,
  ENGINE_VERSION,
  RUN_LOG_VERSION,
  type CompiledScenario,
  type EncounterEvent,
  type EncounterSnapshot,
  type LogEntry,
  type RunLog,
  type RunState,
} from '../../src/engine/index.ts';
import { loadScenarioFiles, scenarioFilesIn } from '../../tools/scenarioFiles.ts';
import { FIXTURES } from '../helpers/scenarios.ts';

const files = [...scenarioFilesIn(), `${FIXTURES}/minimal.yaml`, `${FIXTURES}/lawful.yaml`];
const results = loadScenarioFiles(files);

/**
 * Times a graph path the way a run would: each clock event at its scheduled time (or now, if
 * the path takes it early), each input a quarter second after the previous event.
 */
function timeEvent(compiled: CompiledScenario, state: RunState, event: EncounterEvent): number {
  if (isInputEvent(event)) {
    const due = nextClockEvent(compiled, state);
    return due ? Math.min(state.time + 0.25, Math.max(state.time, due.t)) : state.time + 0.25;
  }
  const due = nextClockEvent(compiled, state);
  if (due && JSON.stringify(due.event) === JSON.stringify(event)) return due.t;
  if (event.type === 'decision.timeout' && state.decisionOpenedAt !== undefined) {
    const decision = compiled.decisions.get(event.decision);
    return Math.max(state.time, state.decisionOpenedAt + (decision?.timeout.after ?? 0));
  }
  return state.time;
}

/** Plays a path, then lets the clock run out and hands in the report, so every path ends. */
function playToEnd(
  compiled: CompiledScenario,
  events: readonly EncounterEvent[],
): { log: RunLog; state: RunState } {
  let state = startRun(compiled);
  const entries: LogEntry[] = [];
  const take = (event: EncounterEvent, t: number) => {
    const entry = { t, event };
    expect(accepts(state, event), `${JSON.stringify(event)} should be taken`).toBe(true);
    state = applyEntry(compiled, state, entry);
    entries.push(entry);
  };
  for (const event of events) take(event, timeEvent(compiled, state, event));
  for (let guard = 0; guard < 1_000 && !isFinished(state); guard++) {
    const trainee = traineePosition(state.snapshot);
    if (trainee.stage === 'report' && trainee.decision === undefined) {
      take(
        {
          type: 'report.submit',
          items: compiled.scenario.report.items.filter((i) => i.kind === 'fact').map((i) => i.id),
        },
        state.time + 1,
      );
    } else {
      const due = nextClockEvent(compiled, state);
      if (!due) break;
      take(due.event, due.t);
    }
  }
  const log: RunLog = {
    logVersion: RUN_LOG_VERSION,
    engineVersion: ENGINE_VERSION,
    scenario: { id: compiled.scenario.id, version: compiled.scenario.version },
    entries,
  };
  return { log, state };
}

/** An adjacency-map vertex, typed for the encounter (the machine is built from data). */
interface Vertex {
  readonly state: EncounterSnapshot;
  readonly transitions: Record<string, { readonly event: EncounterEvent }>;
}

function stateKey(snapshot: EncounterSnapshot): string {
  return JSON.stringify(snapshot.value) + JSON.stringify(snapshot.context);
}

describe.each(results.map((r) => [basename(r.file), r] as const))('Scenario %s', (name, result) => {
  it('validates', () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
  if (!result.ok) return;

  const compiled = compileScenario(result.scenario);
  const events = (snapshot: EncounterSnapshot) => possibleEvents(compiled, snapshot);

  it('compiles to a machine model-based testing accepts (no delays, no invoked actors)', () => {
    expect(() => createTestModel(compiled.machine, { events })).not.toThrow();
  });

  it('reaches every state and takes every transition, and every covered path ends scored and explained', () => {
    const adjacency = getAdjacencyMap(compiled.machine, { events }) as unknown as Record<
      string,
      Vertex
    >;
    const shortest = getShortestPaths(compiled.machine, { events });
    // Paths start with XState's own init step, which is not an encounter event.
    const pathTo = new Map(
      shortest.map((p) => [
        stateKey(p.state as EncounterSnapshot),
        p.steps.map((s) => s.event as EncounterEvent).filter((e) => !e.type.startsWith('xstate.')),
      ]),
    );

    const edges: Array<{ from: string; event: EncounterEvent }> = [];
    for (const [key, vertex] of Object.entries(adjacency)) {
      const from = stateKey(vertex.state);
      for (const { event } of Object.values(vertex.transitions)) {
        if (vertex.state.can(event)) edges.push({ from, event });
      }
      expect(pathTo.has(from), `no shortest path to ${key}`).toBe(true);
    }

    const segmentsSeen = new Set<string>();
    const outcomesSeen = new Set<string>();
    const optionsTaken = new Set<string>();
    const pointsSeen = new Set<string>();
    let endedPaths = 0;
    for (const edge of edges) {
      const path = [...(pathTo.get(edge.from) ?? []), edge.event];
      if (edge.event.type === 'decision.select')
        optionsTaken.add(`${edge.event.decision}/${edge.event.option}`);
      const { log, state } = playToEnd(compiled, path);
      expect(isFinished(state), `path ${JSON.stringify(path)} should end`).toBe(true);
      endedPaths++;
      const result = score(compiled, log);
      for (const part of [result.outcome, result.process]) {
        expect(part.points).toBeGreaterThanOrEqual(0);
        expect(part.points).toBeLessThanOrEqual(100);
        expect(Number.isFinite(part.points)).toBe(true);
        for (const component of part.components) {
          expect(component.reason, component.id).toMatch(/\w{3}/);
          expect(component.reference, component.id).toMatch(/\w{3}/);
          expect(component.points).toBeLessThanOrEqual(component.max);
        }
      }
      for (const entry of log.entries) {
        if (entry.event.type === 'scene.beat') pointsSeen.add(entry.event.beat);
      }
      const scene = scenePosition(state.snapshot);
      if (scene.kind === 'concluded') outcomesSeen.add(scene.outcome);
    }
    for (const vertex of Object.values(adjacency)) {
      const scene = scenePosition(vertex.state);
      if (scene.kind === 'playing') segmentsSeen.add(scene.segment);
    }

    const scenario = compiled.scenario;
    expect([...segmentsSeen].sort()).toEqual(scenario.segments.map((s) => s.id).sort());
    expect([...outcomesSeen].sort()).toEqual(scenario.outcomes.map((o) => o.id).sort());
    expect([...pointsSeen].sort()).toEqual(
      scenario.segments.flatMap((s) => s.beats.map((b) => b.id)).sort(),
    );
    const allOptions = scenario.decisions.flatMap((d) => d.options.map((o) => `${d.id}/${o.id}`));
    expect([...optionsTaken].sort()).toEqual(allOptions.sort());

    console.log(
      `${name}: ${Object.keys(adjacency).length} states, ${edges.length} transitions, ${shortest.length} shortest paths, ${endedPaths} covered paths played to the end and scored`,
    );
  }, 300_000);
});
