/**
 * The coverage matrix: one row per scenario, derived from its tags and its content, and the
 * floors a library must reach so that a class can practise every D, intervening with a superior,
 * holding back when force is lawful, subtle misconduct, medical distress and report pressure.
 */
import { TRAINEE_ID } from './checkScenario.ts';
import { rankGap, type Rank } from './ranks.ts';
import {
  MISCONDUCT_KINDS,
  type InterventionStyle,
  type MisconductKind,
  type Scenario,
} from './schema.ts';

export interface CoverageRow {
  readonly id: string;
  readonly title: string;
  readonly outline: string | undefined;
  readonly setting: string;
  readonly place: string;
  readonly misconduct: readonly MisconductKind[];
  readonly subtle: boolean;
  readonly involvedOfficer: string;
  /** The involved officer's rank, or undefined when the involved officer is the trainee. */
  readonly involvedRank: Rank | undefined;
  readonly outranksTrainee: boolean;
  readonly traineeIsInvolved: boolean;
  /** The Ds rated best for this scenario (styleFit); empty when none is. */
  readonly bestD: readonly InterventionStyle[];
  readonly interventionRequired: boolean;
  readonly medical: boolean;
  readonly reportPressure: boolean;
  readonly difficulty: Scenario['difficulty'];
  readonly minutes: number;
}

const STYLES: readonly InterventionStyle[] = ['distract', 'direct', 'delegate'];

/** Undefined when the scenario carries no coverage tags. */
export function coverageRow(scenario: Scenario): CoverageRow | undefined {
  const tags = scenario.coverage;
  if (!tags) return undefined;
  const traineeIsInvolved = tags.involvedOfficer === TRAINEE_ID;
  const officer = scenario.cast.find((m) => m.id === tags.involvedOfficer);
  const involvedRank = traineeIsInvolved ? scenario.trainee.rank : officer?.rank;
  return {
    id: scenario.id,
    title: scenario.title,
    outline: tags.outline,
    setting: tags.setting,
    place: scenario.setting.place,
    misconduct: tags.misconduct,
    subtle: tags.misconduct.some((kind) => MISCONDUCT_KINDS[kind].subtle),
    involvedOfficer: traineeIsInvolved ? 'the trainee' : (officer?.name ?? tags.involvedOfficer),
    involvedRank,
    outranksTrainee:
      !traineeIsInvolved &&
      involvedRank !== undefined &&
      rankGap(involvedRank, scenario.trainee.rank) > 0,
    traineeIsInvolved,
    bestD: STYLES.filter((style) => scenario.styleFit[style] === 'best'),
    interventionRequired: scenario.interventionRequired,
    medical: tags.medical,
    reportPressure: tags.reportPressure,
    difficulty: scenario.difficulty,
    minutes: scenario.estimatedMinutes,
  };
}

/** The floors the shipped library must reach (issue: scenario library, coverage matrix). */
export const COVERAGE_FLOORS = {
  scenarios: 17,
  bestDEach: 3,
  outranksTrainee: 4,
  interventionNotRequired: 2,
  subtle: 2,
  medical: 2,
  reportPressure: 2,
  settings: 8,
  traineeIntervenedUpon: 1,
} as const;

/** One line per floor the rows fall short of; empty when the library reaches them all. */
export function coverageShortfalls(rows: readonly CoverageRow[]): string[] {
  const count = (test: (row: CoverageRow) => boolean) => rows.filter(test).length;
  const shortfalls: string[] = [];
  const need = (what: string, have: number, floor: number) => {
    if (have < floor) shortfalls.push(`${what}: ${have}, need at least ${floor}`);
  };
  need('scenarios', rows.length, COVERAGE_FLOORS.scenarios);
  for (const style of STYLES) {
    need(
      `scenarios where ${style} is best`,
      count((r) => r.bestD.includes(style)),
      COVERAGE_FLOORS.bestDEach,
    );
  }
  need(
    'scenarios where the involved officer outranks the trainee',
    count((r) => r.outranksTrainee),
    COVERAGE_FLOORS.outranksTrainee,
  );
  need(
    'scenarios where intervention is not required',
    count((r) => !r.interventionRequired),
    COVERAGE_FLOORS.interventionNotRequired,
  );
  need(
    'scenarios with subtle or verbal misconduct',
    count((r) => r.subtle),
    COVERAGE_FLOORS.subtle,
  );
  need(
    'scenarios with medical distress',
    count((r) => r.medical),
    COVERAGE_FLOORS.medical,
  );
  need(
    'scenarios with report pressure',
    count((r) => r.reportPressure),
    COVERAGE_FLOORS.reportPressure,
  );
  need('distinct settings', new Set(rows.map((r) => r.setting)).size, COVERAGE_FLOORS.settings);
  need(
    'scenarios where the trainee is the one intervened upon',
    count((r) => r.traineeIsInvolved),
    COVERAGE_FLOORS.traineeIntervenedUpon,
  );
  return shortfalls;
}
