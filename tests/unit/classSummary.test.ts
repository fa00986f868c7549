import { describe, expect, it } from 'vitest';
import {
  compileScenario,
  score,
  type RunLog,
  type Scenario,
  type CompiledScenario,
} from '../../src/engine/index.ts';
import {
  analyseRuns,
  classSummary,
  compareRank,
  importMessages,
  median,
  share,
  slope,
  summarizeClass,
  traineeHistory,
  trend,
  type ClassRun,
} from '../../src/records/classSummary.ts';
import type { RunRecord } from '../../src/records/index.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { ALL_FACTS, finishedRecord } from '../helpers/recordsFixtures.ts';
import { loadFixture } from '../helpers/scenarios.ts';

/** The minimal fixture, tagged so that Sergeant Lee (at fault) outranks the trainee officer. */
function superiorScenario(): Scenario {
  const s = structuredClone(loadFixture('minimal.yaml'));
  s.coverage = {
    setting: 'parking-lot',
    misconduct: ['prolonged-restraint'],
    involvedOfficer: 'lee',
    medical: true,
    reportPressure: true,
  };
  return s;
}

/** The same encounter with a peer at fault: another scenario id, Lee of the trainee's rank. */
function peerScenario(): Scenario {
  const s = superiorScenario();
  s.id = 'minimal-peer';
  s.title = 'Peer restraint';
  const lee = s.cast.find((m) => m.id === 'lee');
  if (lee) {
    lee.rank = 'officer';
    lee.name = 'Officer Lee';
  }
  return s;
}

const superior = superiorScenario();
const peer = peerScenario();
const lawful = loadFixture('lawful.yaml');
const compiled = new Map<string, CompiledScenario>(
  [superior, peer, lawful].map((s) => [s.id, compileScenario(s)]),
);
const machine = (s: Scenario) => compiled.get(s.id) as CompiledScenario;

/**
 * Signals at `at` (the first cue is at 0, so recognition time is `at`), then answers each stage a
 * second apart with the given D, and lets the scene play out.
 */
function played(s: Scenario, at: number, style: 'direct' | 'distract' = 'direct'): RunLog {
  return EncounterDriver.start(machine(s))
    .signal(at)
    .choose('assess', 'required', at + 1)
    .choose('own-it', 'mine', at + 2)
    .choose('how', style, at + 3)
    .finish(ALL_FACTS, 200).session.log;
}

/** Watches and never signals: nobody steps in. */
const waited = (s: Scenario) => EncounterDriver.start(machine(s)).finish([], 200).session.log;

let counter = 0;
function record(traineeId: string, log: RunLog, changes: Partial<RunRecord> = {}): RunRecord {
  counter += 1;
  return finishedRecord({
    id: `r-${counter}`,
    traineeId,
    scenario: { ...log.scenario },
    log,
    startedAt: `2025-03-${String(counter).padStart(2, '0')}T09:00:00.000Z`,
    ...changes,
  });
}

const trainees = [
  { id: 't-a', name: 'Recruit A' },
  { id: 't-b', name: 'Recruit B' },
  { id: 't-c', name: 'Recruit C' },
];

describe('statistics', () => {
  it('takes the middle value, or the mean of the two middle values, ignoring the unmeasured', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([undefined, 5, undefined])).toBe(5);
    expect(median([])).toBeUndefined();
  });

  it('gives a share with its count and base, and none of nothing', () => {
    expect(share(1, 4)).toEqual({ count: 1, of: 4, share: 0.25 });
    expect(share(0, 0).share).toBeUndefined();
  });

  it('fits the slope over attempt numbers, skipping the unmeasured', () => {
    expect(slope([10, 20, 30])).toBe(10);
    expect(slope([10, undefined, 30])).toBe(10);
    expect(slope([5])).toBeUndefined();
    expect(trend([40, 60, 80])).toMatchObject({ first: 40, latest: 80, change: 40, slope: 20 });
    expect(trend([7]).latest).toBeUndefined();
  });
});

describe('analyseRuns', () => {
  it('regrades each run from its log and ignores the summary the file carries', () => {
    const log = played(superior, 5);
    const rec = record('t-a', log);
    const lying = {
      ...rec,
      summary: rec.summary && { ...rec.summary, outcomeScore: 0, processScore: 0 },
    };
    const [run] = analyseRuns({ records: [lying], scenarios: [superior], trainees }).runs;
    const truth = score(machine(superior), log);
    expect(run?.outcomeScore).toBe(truth.outcome.points);
    expect(run?.processScore).toBe(truth.process.points);
    expect(run?.outcomeScore).toBeGreaterThan(0);
    expect(run?.traineeName).toBe('Recruit A');
  });

  it('counts runs of a version or scenario not installed here as skipped, with the reason', () => {
    const log = played(superior, 5);
    const newer = record('t-a', { ...log, scenario: { id: 'minimal', version: 2 } });
    const foreign = record('t-b', { ...log, scenario: { id: 'elsewhere', version: 1 } });
    const unfinished = record('t-c', log, { status: 'abandoned', summary: null });
    const good = record('t-c', log);
    const result = analyseRuns({
      records: [newer, foreign, unfinished, good],
      scenarios: [superior],
    });
    expect(result.runs.map((r) => r.runId)).toEqual([good.id]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      `Run ${newer.id} is of scenario "minimal" version 2, but version 1 is installed here.`,
      `Run ${foreign.id} is of scenario "elsewhere", which is not installed here.`,
      `Run ${unfinished.id} was not finished (abandoned).`,
    ]);
    expect(classSummary({ records: [newer, good], scenarios: [superior] }).skipped).toHaveLength(1);
  });

  it('rates the D against the window it was chosen in', () => {
    const runs = analyseRuns({
      records: [
        record('t-a', played(superior, 5, 'distract')), // green: distract is best there
        record('t-b', played(superior, 25, 'distract')), // amber: distract is acceptable at most
        record('t-c', played(superior, 25, 'direct')),
        record('t-c', waited(superior)),
      ],
      scenarios: [superior],
    }).runs;
    expect(runs.map((r) => [r.style, r.bestD])).toEqual([
      ['distract', true],
      ['distract', false],
      ['direct', true],
      [undefined, false],
    ]);
  });
});

describe('summarizeClass', () => {
  const records = [
    record('t-a', played(superior, 5)),
    record('t-b', played(superior, 15)),
    record('t-c', played(superior, 25, 'distract')),
    record('t-a', waited(superior)),
    record('t-a', played(peer, 3)),
    record('t-b', played(peer, 5)),
    record('t-a', EncounterDriver.start(machine(lawful)).signal(3).finish([], 200).session.log),
  ];
  const summary = classSummary({ records, scenarios: [superior, peer, lawful], trainees });
  const of = (id: string) => summary.scenarios.find((s) => s.scenarioId === id);

  it('counts runs and trainees per scenario and for the class', () => {
    expect(summary.trainees).toBe(3);
    expect(of('minimal')).toMatchObject({ runs: 4, trainees: 3, recognised: 3 });
    expect(of('minimal-peer')).toMatchObject({ runs: 2, trainees: 2 });
    expect(summary.runs).toHaveLength(7);
  });

  it('takes medians of recognition time, time to intervention, harm exposure and scores', () => {
    const minimal = of('minimal');
    expect(minimal?.medianRecognitionTime).toBe(15);
    // Intervention at signal + 3, counted from the first cue at 0 s.
    expect(minimal?.medianTimeToIntervention).toBe(18);
    const runs = summary.runs.filter((r) => r.scenarioId === 'minimal');
    expect(minimal?.medianHarmExposure).toBe(median(runs.map((r) => r.harmExposure)));
    expect(minimal?.medianOutcomeScore).toBe(median(runs.map((r) => r.outcomeScore)));
    expect(minimal?.medianProcessScore).toBe(median(runs.map((r) => r.processScore)));
  });

  it('gives the share choosing the best D, and none where the force was lawful', () => {
    expect(of('minimal')?.bestD).toEqual({ count: 2, of: 4, share: 0.5 });
    expect(of('lawful')?.bestD).toBeUndefined();
  });

  it('counts the outcomes reached and the false alarms', () => {
    expect(of('minimal')?.outcomes).toEqual([
      { id: 'recovered', title: 'He recovers', runs: 2 },
      { id: 'death', title: 'He dies', runs: 1 },
      { id: 'injured', title: 'Injured', runs: 1 },
    ]);
    // Any signal where force is lawful is a false alarm.
    expect(of('lawful')?.falseAlarms).toEqual({ total: 1, perRun: 1 });
    expect(of('minimal')?.falseAlarms).toEqual({ total: 0, perRun: 0 });
  });

  it('gives per stage the share of each rating and the median time there', () => {
    const stages = of('minimal')?.stages ?? [];
    const determine = stages.find((s) => s.stage === 'determine');
    expect(determine?.answers).toBe(3);
    expect(determine?.ratings.best).toEqual({ count: 3, of: 3, share: 1 });
    const choose = stages.find((s) => s.stage === 'choose');
    expect(choose?.ratings.best.count).toBe(2);
    expect(choose?.ratings.poor.count).toBe(1);
    // Every answer came a second after the last: one second at each stage.
    expect(choose?.medianSeconds).toBe(1);
    expect(summary.stages.map((s) => s.stage)).toEqual(['determine', 'commit', 'choose', 'act']);
    expect(summary.stages[0]?.answers).toBeGreaterThanOrEqual(determine?.answers ?? 0);
  });

  it('says how much longer trainees wait when the officer at fault outranks them', () => {
    const { rank } = summary;
    expect(rank.outranked).toMatchObject({ runs: 4, scenarios: 1, medianRecognitionTime: 15 });
    expect(rank.notOutranked).toMatchObject({ runs: 2, medianRecognitionTime: 4 });
    expect(rank.recognitionDifference).toBe(11);
    expect(rank.interventionDifference).toBe(18 - 7);
    expect(rank.sentence).toContain('a median of 15 seconds to recognise the problem');
    expect(rank.sentence).toContain('11 seconds longer');
  });
});

describe('compareRank', () => {
  const run = (outranked: boolean | undefined, recognitionTime: number | undefined) =>
    ({
      runId: 'x',
      scenarioId: 's',
      scenarioVersion: 1,
      interventionRequired: true,
      outranked,
      recognitionTime,
      timeToIntervention: recognitionTime,
    }) as ClassRun;

  it('says when there is nothing to compare', () => {
    const rank = compareRank([run(false, 3)]);
    expect(rank.recognitionDifference).toBeUndefined();
    expect(rank.sentence).toMatch(/^No comparison by rank yet/);
  });

  it('says sooner when trainees act faster with a superior, and leaves untagged runs out', () => {
    const rank = compareRank([run(true, 2), run(false, 6), run(undefined, 100)]);
    expect(rank.recognitionDifference).toBe(-4);
    expect(rank.untagged).toBe(1);
    expect(rank.sentence).toContain('4 seconds sooner');
  });
});

describe('traineeHistory', () => {
  it('lays out attempts per scenario in order, with the trend of both scores and recognition', () => {
    const first = record('t-a', waited(superior), { startedAt: '2025-04-01T09:00:00.000Z' });
    const second = record('t-a', played(superior, 25), { startedAt: '2025-04-02T09:00:00.000Z' });
    const third = record('t-a', played(superior, 5), { startedAt: '2025-04-03T09:00:00.000Z' });
    const other = record('t-b', played(superior, 5));
    const old = record('t-a', { ...waited(superior), scenario: { id: 'minimal', version: 9 } });
    const analysed = analyseRuns({
      // Given out of order on purpose: the history sorts by start time.
      records: [third, first, other, second, old],
      scenarios: [superior],
      trainees,
    });
    const history = traineeHistory(analysed, 't-a');
    expect(history.traineeName).toBe('Recruit A');
    expect(history.skipped.map((s) => s.runId)).toEqual([old.id]);
    const [minimal] = history.scenarios;
    expect(minimal?.attempts.map((a) => [a.attempt, a.runId])).toEqual([
      [1, first.id],
      [2, second.id],
      [3, third.id],
    ]);
    expect(minimal?.recognition).toMatchObject({ first: 25, latest: 5, change: -20 });
    expect(minimal?.recognition.slope).toBe(-20);
    expect(minimal?.outcome.change).toBeGreaterThan(0);
    expect(minimal?.process.slope).toBeGreaterThan(0);
  });
});

describe('importMessages', () => {
  it('names each file, with what it added or what was wrong', () => {
    const messages = importMessages({
      files: [
        { file: 'a.json', added: 2, duplicates: ['r-1'] },
        { file: 'b.json', added: 0, duplicates: [], problem: 'b.json: is empty.' },
      ],
      added: 2,
      duplicates: 1,
      problems: ['b.json: is empty.'],
    });
    expect(messages).toEqual([
      {
        file: 'a.json',
        ok: true,
        text: 'a.json: 2 runs added; 1 run already here, left as they were.',
      },
      { file: 'b.json', ok: false, text: 'b.json: is empty.' },
    ]);
  });
});

it('summarizeClass of nothing is empty and says there is no comparison', () => {
  const empty = summarizeClass({ runs: [], skipped: [] });
  expect(empty.scenarios).toEqual([]);
  expect(empty.rank.sentence).toMatch(/^No comparison/);
});
