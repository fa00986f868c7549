import { describe, expect, it } from 'vitest';
import {
  COVERAGE_FLOORS,
  coverageRow,
  coverageShortfalls,
  loadScenario,
  type CoverageRow,
} from '../../src/engine/index.ts';
import { ASSET_KEYS, fixtureText } from '../helpers/scenarios.ts';

const TAGS = `coverage:
  outline: S1
  setting: parking-lot
  misconduct: [prolonged-restraint]
  involvedOfficer: lee
  medical: true
  reportPressure: true
`;

/** The minimal fixture with a coverage block, edited by `change` as text. */
function load(tags = TAGS, change: (text: string) => string = (t) => t) {
  const text = change(
    fixtureText('minimal.yaml').replace('interventionRequired:', `${tags}interventionRequired:`),
  );
  return loadScenario(text, 'minimal.yaml', { assetKeys: ASSET_KEYS });
}

function problemsOf(tags: string, change?: (text: string) => string): string[] {
  const result = load(tags, change);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('Coverage tags', () => {
  it('derive a row: the involved officer outranks the trainee, the best D comes from styleFit', () => {
    const result = load();
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(coverageRow(result.scenario)).toMatchObject({
      id: 'minimal',
      outline: 'S1',
      setting: 'parking-lot',
      involvedRank: 'sergeant',
      outranksTrainee: true,
      traineeIsInvolved: false,
      bestD: ['direct'],
      subtle: false,
      medical: true,
      reportPressure: true,
    });
  });

  it('mark verbal misconduct as subtle and the trainee as the one intervened upon', () => {
    const result = load(
      TAGS.replace('prolonged-restraint', 'verbal-abuse').replace('lee', 'trainee'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const row = coverageRow(result.scenario);
    expect(row?.subtle).toBe(true);
    expect(row?.traineeIsInvolved).toBe(true);
    expect(row?.outranksTrainee).toBe(false);
    expect(row?.involvedOfficer).toBe('the trainee');
  });

  it('are optional for fixtures: no tags, no row', () => {
    const result = loadScenario(fixtureText('minimal.yaml'), 'minimal.yaml', {
      assetKeys: ASSET_KEYS,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(coverageRow(result.scenario)).toBeUndefined();
  });

  it('name an involved officer who is in the cast and is an officer', () => {
    expect(problemsOf(TAGS.replace('lee', 'lea'))).toEqual([
      'coverage.involvedOfficer: there is no cast member "lea".',
    ]);
    expect(problemsOf(TAGS.replace('involvedOfficer: lee', 'involvedOfficer: man'))).toEqual([
      'coverage.involvedOfficer: "man" is a subject, not an officer.',
    ]);
  });

  it('agree with interventionRequired and do not mix "none" with misconduct', () => {
    expect(problemsOf(TAGS.replace('[prolonged-restraint]', '[none]'))).toEqual([
      'coverage.misconduct: misconduct is "none" but interventionRequired is true.',
    ]);
    expect(problemsOf(TAGS.replace('[prolonged-restraint]', '[none, verbal-abuse]'))).toContain(
      'coverage.misconduct: "none" is listed beside other misconduct.',
    );
  });

  it('claim report pressure only where the report has a decision to carry it', () => {
    expect(problemsOf(TAGS, (text) => text.replace('  start: pressure\n', ''))).toContain(
      'coverage.reportPressure: reportPressure is true but the report has no "start" decision where the pressure comes.',
    );
  });

  it('reject a setting kind or misconduct kind the schema does not know, naming the field', () => {
    const problems = problemsOf(TAGS.replace('parking-lot', 'car-park'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^coverage\.setting: /);
  });
});

describe('Coverage floors', () => {
  const row = (over: Partial<CoverageRow>): CoverageRow => ({
    id: 'x',
    title: 'x',
    outline: undefined,
    setting: 'street',
    place: 'x',
    misconduct: ['excessive-force'],
    subtle: false,
    involvedOfficer: 'x',
    involvedRank: 'officer',
    outranksTrainee: false,
    traineeIsInvolved: false,
    bestD: ['direct'],
    interventionRequired: true,
    medical: false,
    reportPressure: false,
    difficulty: 'introductory',
    minutes: 5,
    ...over,
  });

  it('list every floor an empty library falls short of', () => {
    expect(coverageShortfalls([])).toHaveLength(11);
  });

  it('pass a library that reaches every floor, and name the one floor a library misses', () => {
    const settings = [
      'street',
      'alley',
      'jail',
      'station',
      'park',
      'business',
      'residence',
      'encampment',
    ];
    const rows = Array.from({ length: COVERAGE_FLOORS.scenarios }, (_, i) =>
      row({
        id: `s${i}`,
        setting: settings[i % settings.length] ?? 'street',
        bestD: [(['distract', 'direct', 'delegate'] as const)[i % 3] ?? 'direct'],
        outranksTrainee: i < 4,
        interventionRequired: i !== 5 && i !== 6,
        subtle: i === 7 || i === 8,
        medical: i === 9 || i === 10,
        reportPressure: i === 11 || i === 12,
        traineeIsInvolved: i === 13,
      }),
    );
    expect(coverageShortfalls(rows)).toEqual([]);
    const oneLessSetting = rows.map((r) =>
      r.setting === 'encampment' ? { ...r, setting: 'street' } : r,
    );
    expect(coverageShortfalls(oneLessSetting)).toEqual(['distinct settings: 7, need at least 8']);
  });
});
