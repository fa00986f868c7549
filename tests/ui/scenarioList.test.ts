import { getByRole, getAllByRole, queryByRole, within } from '@testing-library/dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderScenarioList, describeRank } from '../../src/ui/scenarioList.ts';
import type { ScenarioCatalog } from '../../src/scenarioCatalog.ts';
import { loadFixture } from '../helpers/scenarios.ts';

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<main id="ui"></main>';
  root = document.getElementById('ui') as HTMLElement;
});

const catalog = (broken: ScenarioCatalog['broken'] = []): ScenarioCatalog => ({
  scenarios: [
    { file: 'minimal.yaml', scenario: loadFixture('minimal.yaml') },
    { file: 'lawful.yaml', scenario: loadFixture('lawful.yaml') },
  ],
  broken,
});

describe('The scenario list', () => {
  it('lists every scenario with what an instructor needs to choose it', () => {
    renderScenarioList(root, catalog());
    const list = getByRole(root, 'list', { name: 'Scenarios' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    const first = within(cards[0] as HTMLElement);
    expect(first.getByRole('heading', { name: 'Minimal test encounter' })).toBeTruthy();
    expect(first.getByText('Sergeant Lee (sergeant, outranks you)')).toBeTruthy();
    expect(first.getByText('restraint')).toBeTruthy();
    expect(first.getByText('about 2 minutes')).toBeTruthy();
  });

  it('shows no section for broken files when every file is valid', () => {
    renderScenarioList(root, catalog());
    expect(queryByRole(root, 'heading', { name: 'Scenario files with problems' })).toBeNull();
  });

  it('lists broken files with each problem, its place and its fix', () => {
    renderScenarioList(
      root,
      catalog([
        {
          file: 'scenarios/broken.yaml',
          problems: [
            {
              file: 'scenarios/broken.yaml',
              line: 4,
              column: 7,
              path: 'title',
              message: 'missing required field "title".',
              fix: 'add "title:".',
            },
          ],
        },
      ]),
    );
    const broken = getByRole(root, 'list', { name: 'Scenario files with problems' });
    expect(within(broken).getByRole('heading', { name: 'scenarios/broken.yaml' })).toBeTruthy();
    expect(
      within(broken).getByText(
        'scenarios/broken.yaml:4:7 title: missing required field "title". Fix: add "title:".',
      ),
    ).toBeTruthy();
    expect(getAllByRole(root, 'list', { name: 'Scenarios' })).toHaveLength(1);
  });
});

describe('Describing a rank', () => {
  it('says how the officer stands relative to the trainee', () => {
    expect(describeRank('sergeant', 'officer')).toBe('sergeant, outranks you');
    expect(describeRank('officer', 'officer')).toBe('officer, same rank');
    expect(describeRank('probationary-officer', 'officer')).toBe(
      'probationary officer, junior to you',
    );
  });
});
