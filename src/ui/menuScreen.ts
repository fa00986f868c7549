/**
 * The menu: every valid scenario with what an instructor needs to pick one (setting, length,
 * difficulty, the officers and how their rank stands to the trainee's, content warnings), every
 * broken file with its problems so that authors see what to fix, and the settings. The trainee's
 * records (who is practising, unfinished runs, past runs) are drawn elsewhere and placed in slots.
 */
import type { Scenario } from '../engine/index.ts';
import { formatProblem } from '../engine/scenario/problems.ts';
import { rankGap, type Rank } from '../engine/scenario/ranks.ts';
import type { ScenarioCatalog } from '../scenarioCatalog.ts';
import { button, h, years } from './dom.ts';

export interface MenuCommands {
  openBriefing(scenarioId: string): void;
  openSettings(): void;
  /** For instructors: every run on this device, by scenario and stage. */
  openClassSummary?(): void;
  /** The trainee's own attempts and trends; only when a trainee is chosen. */
  openHistory?(): void;
  /** Classroom mode: the scenario on a projector for a class; no button without it. */
  runForClass?(scenarioId: string): void;
}

/** Parts of the menu drawn by others: above the scenarios and below them. */
export interface MenuSlots {
  readonly beforeScenarios?: Node;
  readonly afterScenarios?: Node;
}

export function renderMenu(
  root: HTMLElement,
  catalog: ScenarioCatalog,
  commands: MenuCommands,
  slots: MenuSlots = {},
): void {
  const list = h('ul', { class: 'scenario-list', 'aria-labelledby': 'scenarios-heading' });
  for (const scenario of inCourseOrder(catalog)) list.append(scenarioCard(scenario, commands));
  root.replaceChildren(
    h(
      'div',
      { class: 'menu screen' },
      h(
        'header',
        { class: 'menu-header' },
        h(
          'div',
          {},
          h('h1', {}, 'Duty to Intervene'),
          h(
            'p',
            { class: 'lede' },
            'Scenario-based practice in seeing the problem, deciding to act, and stepping in when a fellow officer crosses the line.',
          ),
        ),
        h(
          'div',
          { class: 'menu-actions' },
          commands.openHistory ? button('My progress', () => commands.openHistory?.()) : null,
          commands.openClassSummary
            ? button('Class summary', () => commands.openClassSummary?.())
            : null,
          button('Settings', () => commands.openSettings(), { class: 'settings-button' }),
        ),
      ),
      slots.beforeScenarios ?? null,
      h('h2', { id: 'scenarios-heading' }, 'Scenarios'),
      catalog.scenarios.length === 0
        ? h(
            'p',
            { class: 'empty' },
            'No scenarios are installed yet. Add YAML files to the scenarios folder (see scenarios/README.md).',
          )
        : list,
      slots.afterScenarios ?? null,
      catalog.broken.length > 0 ? brokenSection(catalog) : null,
    ),
  );
}

/**
 * The brief's outlines in their teaching order (S1 to S17), then new scenarios by title: file
 * names sort s1, s10, s11, which would put the first lesson next to the tenth.
 */
function inCourseOrder(catalog: ScenarioCatalog): Scenario[] {
  const order = (scenario: Scenario) => {
    const outline = scenario.coverage?.outline;
    return outline ? Number(outline.slice(1)) : Number.MAX_SAFE_INTEGER;
  };
  return catalog.scenarios
    .map((entry) => entry.scenario)
    .sort((a, b) => order(a) - order(b) || a.title.localeCompare(b.title));
}

function scenarioCard(scenario: Scenario, commands: MenuCommands): HTMLElement {
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
      `${scenario.trainee.rank.replace(/-/g, ' ')}, ${years(scenario.trainee.yearsOfService)}: ${scenario.trainee.role}`,
    ],
    ['Officers', officers || 'none'],
    ['Content warnings', scenario.contentWarnings.join('; ') || 'none'],
  ];
  const facts = h('dl');
  for (const [term, value] of rows) {
    facts.append(
      h('dt', {}, term),
      h('dd', term === 'Content warnings' ? { class: 'warnings' } : {}, value),
    );
  }
  const titleId = `title-${scenario.id}`;
  return h(
    'li',
    { class: 'scenario-card', 'data-scenario': scenario.id, 'aria-labelledby': titleId },
    h('h3', { id: titleId }, scenario.title),
    h('p', {}, scenario.summary),
    facts,
    h(
      'div',
      { class: 'card-actions' },
      button('Brief me', () => commands.openBriefing(scenario.id), {
        class: 'primary',
        'aria-describedby': titleId,
      }),
      commands.runForClass
        ? button('Run for a class', () => commands.runForClass?.(scenario.id), {
            'aria-describedby': titleId,
          })
        : null,
    ),
  );
}

function brokenSection(catalog: ScenarioCatalog): HTMLElement {
  const list = h('ul', { class: 'scenario-list', 'aria-labelledby': 'broken-heading' });
  for (const broken of catalog.broken) {
    list.append(
      h(
        'li',
        { class: 'scenario-card broken' },
        h('h3', {}, broken.file),
        h(
          'ul',
          {},
          ...broken.problems.map((problem) => h('li', {}, h('code', {}, formatProblem(problem)))),
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'broken-files' },
    h('h2', { id: 'broken-heading' }, 'Scenario files with problems'),
    list,
  );
}

/** "sergeant, outranks you" / "officer, same rank" / "probationary officer, junior to you". */
export function describeRank(rank: Rank, traineeRank: Rank): string {
  const gap = rankGap(rank, traineeRank);
  const relation = gap > 0 ? 'outranks you' : gap < 0 ? 'junior to you' : 'same rank';
  return `${rank.replace(/-/g, ' ')}, ${relation}`;
}
