/**
 * The scenario list: every valid scenario with what an instructor needs to pick one, and every
 * broken file with its problems so that authors see what to fix. Plain DOM, no framework.
 */
import type { Scenario } from '../engine/index.ts';
import { formatProblem } from '../engine/scenario/problems.ts';
import { rankGap, type Rank } from '../engine/scenario/ranks.ts';
import type { ScenarioCatalog } from '../scenarioCatalog.ts';

export function renderScenarioList(root: HTMLElement, catalog: ScenarioCatalog): void {
  root.replaceChildren();
  const heading = element('h1', {}, 'Duty to Intervene');
  const lede = element(
    'p',
    { class: 'lede' },
    'Scenario-based practice in seeing the problem, deciding to act, and stepping in when a fellow officer crosses the line.',
  );
  const listHeading = element('h2', { id: 'scenarios-heading' }, 'Scenarios');
  const list = element('ul', { class: 'scenario-list', 'aria-labelledby': 'scenarios-heading' });
  for (const { scenario } of catalog.scenarios) list.append(scenarioCard(scenario));
  root.append(heading, lede, listHeading, list);

  if (catalog.broken.length > 0) {
    const brokenHeading = element('h2', { id: 'broken-heading' }, 'Scenario files with problems');
    const brokenList = element('ul', {
      class: 'scenario-list',
      'aria-labelledby': 'broken-heading',
    });
    for (const broken of catalog.broken) {
      const card = element('li', { class: 'scenario-card broken' });
      card.append(element('h3', {}, broken.file));
      const problems = element('ul');
      for (const problem of broken.problems) {
        const item = element('li');
        item.append(element('code', {}, formatProblem(problem)));
        problems.append(item);
      }
      card.append(problems);
      brokenList.append(card);
    }
    root.append(brokenHeading, brokenList);
  }
}

function scenarioCard(scenario: Scenario): HTMLElement {
  const card = element('li', { class: 'scenario-card', 'data-scenario': scenario.id });
  card.append(element('h3', {}, scenario.title), element('p', {}, scenario.summary));
  const facts = element('dl');
  const officers = scenario.cast
    .filter((member) => member.kind === 'officer')
    .map(
      (member) =>
        `${member.name}${member.rank ? ` (${describeRank(member.rank, scenario.trainee.rank)})` : ''}`,
    )
    .join(', ');
  const rows: Array<[string, string]> = [
    ['Setting', `${scenario.setting.place}, ${scenario.setting.timeOfDay}`],
    ['Length', `about ${scenario.estimatedMinutes} minutes`],
    ['Difficulty', scenario.difficulty],
    [
      'You are',
      `${scenario.trainee.rank.replace(/-/g, ' ')}, ${scenario.trainee.yearsOfService} years: ${scenario.trainee.role}`,
    ],
    ['Officers', officers || 'none'],
    ['Content warnings', scenario.contentWarnings.join('; ') || 'none'],
  ];
  for (const [term, value] of rows) {
    facts.append(
      element('dt', {}, term),
      element('dd', term === 'Content warnings' ? { class: 'warnings' } : {}, value),
    );
  }
  card.append(facts);
  return card;
}

/** "sergeant, outranks you" / "officer, same rank" / "probationary officer, junior to you". */
export function describeRank(rank: Rank, traineeRank: Rank): string {
  const gap = rankGap(rank, traineeRank);
  const relation = gap > 0 ? 'outranks you' : gap < 0 ? 'junior to you' : 'same rank';
  return `${rank.replace(/-/g, ' ')}, ${relation}`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
