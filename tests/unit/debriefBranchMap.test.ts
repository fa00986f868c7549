import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileScenario,
  EncounterSession,
  type CompiledScenario,
  type Scenario,
} from '../../src/engine/index.ts';
import {
  branchMap,
  debriefTimeline,
  type BranchMap,
  type BranchNodeKey,
} from '../../src/engine/debrief/index.ts';
import { loadScenarioFiles, scenarioFilesIn } from '../../tools/scenarioFiles.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

const minimal = (change?: (s: Scenario) => void) =>
  EncounterDriver.start(compiledFixture('minimal.yaml', change));

const mapOf = (run: EncounterDriver): BranchMap => branchMap(run.compiled, run.session.log);

/** The map of a scenario before anything has happened: the graph alone. */
const graphOf = (compiled: CompiledScenario): BranchMap =>
  branchMap(compiled, new EncounterSession(compiled).log);

const node = (map: BranchMap, key: BranchNodeKey) => {
  const found = map.nodes.find((n) => n.key === key);
  if (!found) throw new Error(`no node ${key}`);
  return found;
};

const edge = (map: BranchMap, key: string) => {
  const found = map.edges.find((e) => e.key === key);
  if (!found) throw new Error(`no edge ${key}; edges: ${map.edges.map((e) => e.key).join(', ')}`);
  return found;
};

describe('The nodes', () => {
  it('has one per segment and one per outcome, with what an instructor needs to read', () => {
    const map = graphOf(compiledFixture('minimal.yaml'));
    expect(map.nodes.map((n) => n.key)).toEqual([
      'segment:restraint',
      'segment:rolled',
      'segment:refused',
      'outcome:recovered',
      'outcome:injured',
      'outcome:death',
    ]);
    expect(node(map, 'segment:restraint')).toMatchObject({
      title: 'Knee on the back',
      harmful: true,
      start: true,
    });
    expect(node(map, 'outcome:death')).toMatchObject({
      title: 'He dies',
      description: 'Nobody intervened.',
      severity: 'fatal',
      branch: 'no-intervention',
      branchLabel: 'B4: no intervention',
    });
  });

  it('describes a segment, which has no description, by its beats as captioned', () => {
    const map = graphOf(compiledFixture('minimal.yaml'));
    expect(node(map, 'segment:rolled').description).toBe(
      'Lee rolls him onto his side. You radio for EMS. The man: "Thank you."',
    );
  });
});

describe('The edges', () => {
  it("draws each segment's then as the delay branch", () => {
    const map = graphOf(compiledFixture('minimal.yaml'));
    expect(edge(map, 'then:restraint')).toMatchObject({
      kind: 'then',
      from: 'segment:restraint',
      to: 'outcome:death',
      windows: [],
      after: 70,
      label: 'Waiting (70.0 s)',
    });
  });

  it('labels a goto with the decision, the option text, its windows and its rating', () => {
    const map = graphOf(compiledFixture('minimal.yaml'));
    expect(edge(map, 'choice:restraint:how:direct:segment:rolled:best')).toMatchObject({
      from: 'segment:restraint',
      to: 'segment:rolled',
      decision: { id: 'how', prompt: 'How do you intervene?', stage: 'choose' },
      option: { id: 'direct', text: '"Sarge, he is cuffed. Let us roll him now."' },
      windows: ['green', 'amber'],
      rating: 'best',
      reason: 'Harm is happening; direct fits.',
    });
  });

  it("quotes each window's own reason when one edge spans windows that differ", () => {
    const map = graphOf(compiledFixture('minimal.yaml'));
    const late = edge(map, 'choice:restraint:how:direct:segment:refused:acceptable');
    expect(late.windows).toEqual(['red', 'late']);
    expect(late.reason).toBe('In red: Late, but it stops the harm. In late: After the harm point.');
  });

  it('leaves out the goto of a prompt that always finds the trainee busy', () => {
    // "refused" prompts "persist" at its first instant, while every way in has the trainee at
    // the follow-through: the prompt is always missed, so its push never moves the scene.
    const map = graphOf(compiledFixture('minimal.yaml'));
    expect(map.edges.filter((e) => e.decision?.id === 'persist')).toEqual([]);
  });

  it('draws that goto, in the windows it can be answered in, once the trainee can be free', () => {
    const map = graphOf(
      compiledFixture('minimal.yaml', (s) => {
        const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
        if (direct?.inWindow?.red) direct.inWindow.red.next = 'observe';
      }),
    );
    expect(edge(map, 'choice:refused:persist:push:outcome:injured:best').windows).toEqual(['red']);
  });

  it('leaves out windows the scene has already left before anyone can answer', () => {
    // The green mark plays at 0 s, before any input at 0 s: "clear" is never in force for a choice.
    const map = graphOf(compiledFixture('minimal.yaml'));
    expect(map.edges.flatMap((e) => e.windows)).not.toContain('clear');
  });

  it('draws a timeout that moves the scene as inaction', () => {
    const map = graphOf(
      compiledFixture('minimal.yaml', (s) => {
        const how = s.decisions.find((d) => d.id === 'how');
        if (how) how.timeout.goto = { segment: 'refused' };
      }),
    );
    expect(edge(map, 'timeout:restraint:how:timeout:segment:refused:poor')).toMatchObject({
      kind: 'timeout',
      option: undefined,
      after: 8,
      label: '"How do you intervene?" runs out (green, amber, red or late, poor)',
    });
  });
});

describe('The path the run took', () => {
  it('follows the segments in order to the outcome, through the choice that moved the scene', () => {
    const run = minimal()
      .signal(15)
      .choose('assess', 'required', 16)
      .choose('own-it', 'mine', 17)
      .choose('how', 'direct', 18)
      .finish([], 200);
    const map = mapOf(run);
    expect(map.taken.steps).toEqual([
      { node: 'segment:restraint', t: 0, via: undefined },
      { node: 'segment:rolled', t: 18, via: 'choice:restraint:how:direct:segment:rolled:best' },
      { node: 'outcome:recovered', t: 33, via: 'then:rolled' },
    ]);
    expect(map.taken.outcome).toBe('outcome:recovered');
    expect(map.edges.filter((e) => e.taken).map((e) => e.key)).toEqual([
      'then:rolled',
      'choice:restraint:how:direct:segment:rolled:best',
    ]);
    expect(node(map, 'segment:refused').taken).toBe(false);
  });

  it('follows the delay branch when nobody acts', () => {
    const map = mapOf(minimal().finish([], 200));
    expect(map.taken.steps.map((s) => [s.node, s.via])).toEqual([
      ['segment:restraint', undefined],
      ['outcome:death', 'then:restraint'],
    ]);
  });

  it('counts each visit when a choice sends the scene back into a segment', () => {
    const run = minimal()
      .signal(21)
      .choose('assess', 'required', 22)
      .choose('own-it', 'mine', 23)
      .choose('how', 'distract', 24) // amber: refused
      .choose('follow-through', 'leave', 25)
      .signal(26)
      .choose('assess', 'required', 27)
      .choose('own-it', 'mine', 28)
      .choose('how', 'distract', 29); // still amber, inherited: refused again
    const map = mapOf(run);
    expect(map.taken.steps.map((s) => s.node)).toEqual([
      'segment:restraint',
      'segment:refused',
      'segment:refused',
    ]);
    expect(node(map, 'segment:refused').visits).toEqual([1, 2]);
    expect(map.taken.steps[2]?.via).toBe('choice:refused:how:distract:segment:refused:poor');
  });
});

describe('The best path', () => {
  it('takes the best-rated option in its earliest window, then waits', () => {
    const map = graphOf(compiledFixture('minimal.yaml'));
    expect(map.best).toEqual({
      nodes: ['segment:restraint', 'segment:rolled', 'outcome:recovered'],
      edges: ['choice:restraint:how:direct:segment:rolled:best', 'then:rolled'],
      complete: true,
    });
    expect(map.nodes.filter((n) => n.best).map((n) => n.key)).toEqual(map.best.nodes);
  });

  it('waits where no best option moves the scene (lawful force: monitor and support)', () => {
    const map = graphOf(compiledFixture('lawful.yaml'));
    expect(map.best.edges).toEqual(['then:threat']);
    expect(map.best.nodes).toEqual(['segment:threat', 'outcome:safe']);
  });

  it('prefers the earlier window between best options', () => {
    const map = graphOf(
      compiledFixture('minimal.yaml', (s) => {
        const direct = s.decisions.find((d) => d.id === 'how')?.options[0];
        if (!direct) return;
        direct.goto = { segment: 'refused' };
        direct.inWindow = { amber: { goto: { segment: 'rolled' } } };
      }),
    );
    expect(map.best.edges[0]).toBe('choice:restraint:how:direct:segment:refused:best');
  });

  it('prefers the earlier stage between best options in the same window', () => {
    const map = graphOf(
      compiledFixture('minimal.yaml', (s) => {
        const required = s.decisions.find((d) => d.id === 'assess')?.options[0];
        if (required) required.goto = { segment: 'rolled' };
      }),
    );
    expect(map.best.edges[0]).toBe('choice:restraint:assess:required:segment:rolled:best');
  });
});

describe('What if', () => {
  it('says how you get to a node and what happens there, in the scenario’s words', () => {
    const map = graphOf(compiledFixture('minimal.yaml'));
    const rolled = node(map, 'segment:rolled').whatIf;
    expect(rolled.routes).toContain(
      'Choosing "Sarge, he is cuffed. Let us roll him now." at "How do you intervene?" during "Knee on the back" or "Rolled to his side", in the green or amber window: best. Harm is happening; direct fits.',
    );
    expect(rolled.happens).toBe(
      'Lee rolls him onto his side. You radio for EMS. The man: "Thank you."',
    );
    expect(rolled.text).toMatch(/^How you get here: Choosing .* What happens: Lee rolls him/);
  });

  it('gives waiting as the way into the delay branch, and the outcome’s own description', () => {
    const death = node(graphOf(compiledFixture('minimal.yaml')), 'outcome:death').whatIf;
    expect(death.routes).toEqual([
      'Waiting: if nobody changes its course, "Knee on the back" runs its 70.0 s and the scene comes here.',
    ]);
    expect(death.happens).toBe(
      'The scene ends: "He dies". Nobody intervened. Harm remaining: fatal.',
    );
  });

  it('says where the scene starts', () => {
    const restraint = node(graphOf(compiledFixture('minimal.yaml')), 'segment:restraint');
    expect(restraint.whatIf.routes[0]).toBe('The scene starts here.');
    expect(restraint.whatIf.happens).toContain('Harm goes on while this plays.');
  });
});

describe('Every shipped scenario', () => {
  const results = loadScenarioFiles(scenarioFilesIn());

  it.each(results.map((r) => [basename(r.file), r] as const))(
    '%s: builds a consistent timeline and branch map for a run where nobody acts',
    (_, result) => {
      if (!result.ok) throw new Error(`${result.file} does not load`);
      const compiled = compileScenario(result.scenario);
      const session = new EncounterSession(compiled);
      session.advanceTo(10_000);
      session.input({ type: 'report.submit', items: [] }, 10_000);
      const { log } = session;
      const timeline = debriefTimeline(compiled, log);
      const map = branchMap(compiled, log);

      // The scene track covers the scene without gaps, from 0 s to the outcome.
      const { segments, windows, cues, outcome } = timeline.scene;
      expect(outcome).toBeDefined();
      for (const spans of [segments, windows]) {
        expect(spans[0]?.from).toBe(0);
        expect(spans[spans.length - 1]?.to).toBe(timeline.sceneEndedAt);
        spans.slice(1).forEach((span, i) => expect(span.from).toBe(spans[i]?.to));
      }
      // Nobody recognised anything, so every cue was missed.
      expect(timeline.missedCues).toHaveLength(cues.length);
      expect(timeline.measures.every((m) => m.sentence.length > 0)).toBe(true);
      const times = timeline.rows.map((r) => r.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const row of timeline.rows)
        if (row.entry !== undefined) expect(log.entries[row.entry]?.t).toBe(row.t);

      // Every edge joins two nodes, and every node can be reached from the start.
      const keys = new Set(map.nodes.map((n) => n.key));
      for (const e of map.edges) expect(keys.has(e.from) && keys.has(e.to)).toBe(true);
      const reached = new Set<string>([map.start]);
      for (let grew = true; grew;) {
        grew = false;
        for (const e of map.edges)
          if (reached.has(e.from) && !reached.has(e.to)) grew = Boolean(reached.add(e.to));
      }
      expect([...keys].filter((k) => !reached.has(k))).toEqual([]);
      for (const n of map.nodes) {
        expect(n.whatIf.routes.length, n.key).toBeGreaterThan(0);
        expect(n.whatIf.happens.length, n.key).toBeGreaterThan(0);
      }

      // The path taken is the timeline's segments then its outcome, each step through an edge
      // that joins them; waiting only ever takes the delay branch or a timeout.
      expect(map.taken.steps.map((s) => s.node)).toEqual([
        ...segments.map((s) => `segment:${s.segment}`),
        `outcome:${outcome?.outcome ?? ''}`,
      ]);
      map.taken.steps.slice(1).forEach((step, i) => {
        const via = edge(map, step.via ?? '');
        expect([via.from, via.to]).toEqual([map.taken.steps[i]?.node, step.node]);
        expect(via.kind).not.toBe('choice');
      });

      // The best path runs from the start to an outcome through joined edges, and every choice on
      // it is rated best.
      expect(map.best.complete).toBe(true);
      expect(map.best.nodes[0]).toBe(map.start);
      expect(map.best.nodes[map.best.nodes.length - 1]).toMatch(/^outcome:/);
      map.best.edges.forEach((key, i) => {
        const e = edge(map, key);
        expect([e.from, e.to]).toEqual([map.best.nodes[i], map.best.nodes[i + 1]]);
        if (e.kind !== 'then') expect(e.rating).toBe('best');
      });
    },
  );
});
