import { fireEvent, getAllByRole, getByRole, queryByRole, within } from '@testing-library/dom';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compileScenario, type Scenario } from '../../src/engine/index.ts';
import { renderDebrief, type DebriefCommands } from '../../src/ui/debriefScreen.ts';
import { renderEnd } from '../../src/ui/endScreen.ts';
import { loadScenarioFiles } from '../../tools/scenarioFiles.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<main id="ui"></main>';
  root = document.getElementById('ui') as HTMLElement;
});

const minimal = (change?: (s: Scenario) => void) =>
  EncounterDriver.start(compiledFixture('minimal.yaml', change));

/** Signals, owns it and rolls him in the green window: the best path. */
const bestRun = () =>
  minimal()
    .signal(5)
    .choose('assess', 'required', 6)
    .choose('own-it', 'mine', 7)
    .choose('how', 'direct', 8);

function commands(): DebriefCommands & Record<string, ReturnType<typeof vi.fn>> {
  return { back: vi.fn(), again: vi.fn(), menu: vi.fn() };
}

function show(run: EncounterDriver, cmd: DebriefCommands = commands()): void {
  renderDebrief(
    root,
    {
      scenario: run.compiled.scenario,
      compiled: run.compiled,
      log: run.session.log,
      score: run.score,
    },
    cmd,
  );
}

const section = (name: string | RegExp) => getByRole(root, 'region', { name });

/** The branch map's entry for a segment or outcome, by its title. */
const branch = (title: string) => {
  const list = getByRole(root, 'list', { name: 'Every part and ending' });
  const found = within(list)
    .getAllByRole('listitem')
    .find(
      (item) => item.querySelector(':scope > details > summary .node-title')?.textContent === title,
    );
  if (!found) throw new Error(`no branch "${title}"`);
  return found;
};
const marksOf = (item: HTMLElement) =>
  item.querySelector(':scope > details > summary .marks')?.textContent;

describe('The debrief', () => {
  it('has a heading for every section, reached from a list of links at the top', () => {
    show(
      minimal((s) => (s.debrief.receivingIntervention = 'Thank him and roll the man.')).finish(
        ['knee'],
        200,
      ),
    );
    expect(getByRole(root, 'heading', { level: 1, name: 'Minimal test encounter' })).toBe(
      document.activeElement,
    );
    const sections = [
      'How it ended',
      'Scores',
      'Timeline',
      'Branch map',
      'Teaching points',
      'Words that would have worked',
      'Receiving an intervention',
      'Law and policy',
      'Your report',
    ];
    expect(getAllByRole(root, 'heading', { level: 2 }).map((h) => h.textContent)).toEqual(sections);
    const nav = getByRole(root, 'navigation', { name: 'Debrief sections' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(sections);
    for (const name of sections) expect(section(name)).toBeTruthy();
    fireEvent.click(within(nav).getByRole('link', { name: 'Your report' }));
    expect(document.activeElement).toBe(getByRole(root, 'heading', { name: 'Your report' }));
    expect(section('Receiving an intervention').textContent).toContain(
      'Thank him and roll the man.',
    );
  });

  it('leaves out the receiving-intervention note when the scenario has none', () => {
    show(minimal().finish([], 200));
    expect(queryByRole(root, 'heading', { name: 'Receiving an intervention' })).toBeNull();
  });

  it('says how it ended and breaks both scores into every component with reason and reference', () => {
    const run = minimal().finish(['knee'], 200);
    show(run);
    expect(section('How it ended').textContent).toContain('He dies');
    expect(section('How it ended').textContent).toContain('B4: no intervention');
    for (const [name, part] of [
      ['Outcome', run.score.outcome],
      ['Process', run.score.process],
    ] as const) {
      const table = getByRole(section('Scores'), 'table', {
        name: `${name}: ${part.points} of 100`,
      });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(part.components.length);
      part.components.forEach((component, i) => {
        const cells = rows[i]?.textContent ?? '';
        expect(cells).toContain(component.label);
        expect(cells).toContain(component.reason);
        expect(cells).toContain(component.reference);
      });
    }
  });

  it('draws the timeline as a labelled chart and lists it in a table, missed cues flagged', () => {
    // The signal at 11 s comes after the early and warning cues, before the critical one.
    show(minimal().signal(11).choose('assess', 'fine', 12).finish(['knee'], 200));
    const timeline = section('Timeline');
    const chart = getByRole(timeline, 'img', { name: /Timeline chart/ });
    expect(chart.getAttribute('aria-label')).toContain('Everything that happened, in order');
    expect(chart.querySelectorAll('title').length).toBeGreaterThan(10);
    expect(
      chart.querySelectorAll('.tl-cue.cue-early, .tl-cue.cue-warning, .tl-cue.cue-critical'),
    ).toHaveLength(3);
    expect(chart.querySelectorAll('.tl-missed')).toHaveLength(2);
    expect(chart.querySelector('.tl-harm')).toBeTruthy();

    const table = getByRole(timeline, 'table', { name: 'Everything that happened, in order' });
    const rows = within(table).getAllByRole('row').slice(1);
    const cueRow = (level: string) => {
      const row = rows.find((r) => r.textContent?.includes(`${level} cue:`));
      if (!row) throw new Error(`no ${level} cue row`);
      return row;
    };
    expect(cueRow('Early').classList.contains('flagged')).toBe(true);
    expect(cueRow('Early').textContent).toContain('Missed');
    expect(cueRow('Warning').classList.contains('flagged')).toBe(true);
    expect(cueRow('Critical').classList.contains('flagged')).toBe(false);
    expect(within(rows[0] as HTMLElement).getByRole('rowheader').textContent).toBe('0.0 s');
    const times = rows.map((r) => Number.parseFloat(r.querySelector('th')?.textContent ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(timeline.textContent).toContain('2 of 3 cues came before you recognised the problem');
  });

  it('labels the measures in seconds: recognition, each stage, intervention, harm exposure', () => {
    // Recognised at 12 s, two seconds after the warning cue; rolled at 15 s, still green.
    show(
      minimal()
        .signal(12)
        .choose('assess', 'required', 13)
        .choose('own-it', 'mine', 14)
        .choose('how', 'direct', 15)
        .finish(['knee', 'breathing-said', 'rolled-fact'], 200),
    );
    const measures = section('Timeline').querySelector('.measures') as HTMLElement;
    const terms = [...measures.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(terms).toContain('Recognition 12.0 s');
    expect(terms).toContain('Stage 1: See 12.0 s');
    expect(terms).toContain('Stage 2: Determine 1.0 s');
    expect(terms).toContain('Time to intervention 5.0 s');
    expect(terms).toContain('Margin to the harm point 45.0 s');
    expect(terms).toContain('Harm exposure 5.0 s');
    const brackets = [...section('Timeline').querySelectorAll('.tl-measure, .tl-exposure')];
    expect(brackets.map((b) => b.querySelector('text')?.textContent)).toEqual([
      'Recognition 12.0 s',
      'Time to intervention 5.0 s',
      'Harm exposure 5.0 s',
    ]);
  });

  it('marks the path taken, the best path and the other branches, each with its what-if', () => {
    show(minimal().finish([], 200));
    const map = section('Branch map');
    expect(marksOf(branch('Knee on the back'))).toBe('your path, best path');
    expect(marksOf(branch('He dies'))).toBe('your path');
    expect(marksOf(branch('Rolled to his side'))).toBe('best path');
    expect(marksOf(branch('He recovers'))).toBe('best path');
    expect(marksOf(branch('Injured'))).toBe('other branch');
    const injured = branch('Injured');
    expect(injured.querySelector('details')?.open).toBe(false);
    expect(injured.textContent).toContain('How the scene gets here');
    expect(injured.textContent).toContain('He is taken to hospital.');
    const yours = getByRole(map, 'list', { name: 'Your path' });
    expect(
      within(yours)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Knee on the back, at 0.0 s', 'He dies, at 70.0 s (by Waiting (70.0 s))']);
    const best = getByRole(map, 'list', { name: 'Best path' });
    expect(within(best).getAllByRole('listitem')).toHaveLength(3);
  });

  it('marks your path as the best path when you took it', () => {
    show(bestRun().finish(['knee'], 200));
    expect(marksOf(branch('Rolled to his side'))).toBe('your path, best path');
    expect(marksOf(branch('He dies'))).toBe('other branch');
  });

  it('compares the report with the facts that belonged in it', () => {
    show(minimal().finish(['knee', 'resisted'], 200));
    const report = section('Your report');
    const facts = getByRole(report, 'table', { name: 'Facts that belonged in the report' });
    const row = (name: RegExp) => within(facts).getByRole('rowheader', { name }).closest('tr');
    expect(row(/kept a knee/)?.textContent).toContain('Included');
    expect(row(/could not breathe/)?.textContent).toContain('Missing');
    // The roll never happened in this run, so it did not belong.
    expect(within(facts).queryByRole('rowheader', { name: /rolled/ })).toBeNull();
    const wrong = report.querySelector('.report-wrong') as HTMLElement;
    expect(wrong.textContent).toContain('The man continued to resist.');
    expect(wrong.textContent).toContain('He did not resist after the cuffs went on.');
  });

  it('says when a fact in the report did not happen in this run', () => {
    show(minimal().finish(['rolled-fact'], 200));
    expect(section('Your report').textContent).toContain(
      'did not happen here): It did not happen in this run',
    );
  });

  it('groups the words that would have worked by whom they address, marking a superior', () => {
    show(minimal().finish([], 200));
    const words = section('Words that would have worked');
    expect(
      getByRole(words, 'heading', { name: 'To Sergeant Lee (sergeant, outranks you)' }),
    ).toBeTruthy();
    expect(words.querySelector('.words-group.outranks')?.textContent).toContain(
      'Sarge, he is cuffed.',
    );
    expect(section('Law and policy').textContent).toContain('Byrd v. Brishke (7th Cir. 1972)');
    expect(section('Teaching points').textContent).toContain('medical hazard');
  });

  it('says that no intervention was needed when the force was lawful', () => {
    show(EncounterDriver.start(compiledFixture('lawful.yaml')).finish(['one-cycle', 'ems'], 200));
    expect(section('How it ended').textContent).toContain('No intervention was needed');
    expect(section('Words that would have worked').textContent).toContain('To anyone on the scene');
  });

  it('calls its commands from its buttons', () => {
    const cmd = commands();
    show(minimal().finish([], 200), cmd);
    fireEvent.click(getByRole(root, 'button', { name: 'Back to the scores' }));
    expect(cmd.back).toHaveBeenCalledTimes(1);
    fireEvent.click(getByRole(root, 'button', { name: 'Play it again' }));
    expect(cmd.again).toHaveBeenCalledTimes(1);
    fireEvent.click(getByRole(root, 'button', { name: 'Back to the scenarios' }));
    expect(cmd.menu).toHaveBeenCalledTimes(1);
  });

  it('replays the run from the start, or from any decision in the table', () => {
    const replay = vi.fn();
    show(bestRun().finish([], 200), { ...commands(), replay });
    fireEvent.click(getByRole(root, 'button', { name: 'Replay this run' }));
    expect(replay).toHaveBeenLastCalledWith();
    const table = getByRole(root, 'table', { name: 'Everything that happened, in order' });
    const watch = within(table).getAllByRole('button', { name: /^Watch from/ });
    // One per decision, from the moment it was put: the three stages the best path answers, the
    // follow-through the scene asks next, and the report.
    expect(watch.map((b) => b.textContent)).toEqual([
      'Watch from 5.0 s',
      'Watch from 6.0 s',
      'Watch from 7.0 s',
      'Watch from 8.0 s',
      'Watch from 23.0 s',
    ]);
    expect(watch[2]?.getAttribute('aria-label')).toMatch(
      /^Watch from 7.0 s: At "How do you intervene\?" you chose "Sarge/,
    );
    fireEvent.click(watch[1] as HTMLElement);
    expect(replay).toHaveBeenLastCalledWith(6);
  });

  it('gives focus back to the decision whose replay the viewer has just watched', () => {
    show(bestRun().finish([], 200), { ...commands(), replay: vi.fn(), focusReplayFrom: 6 });
    expect(document.activeElement?.textContent).toBe('Watch from 6.0 s');
  });

  it('has no replay buttons when the app offers no replay', () => {
    show(bestRun().finish([], 200));
    expect(queryByRole(root, 'button', { name: /^Watch the replay/ })).toBeNull();
    expect(queryByRole(root, 'columnheader', { name: 'Replay' })).toBeNull();
  });

  it('says how a class voted, and only for a run a class played', () => {
    const run = bestRun().finish([], 200);
    const log = run.session.log;
    const select = log.entries.findIndex(
      (e) => e.event.type === 'decision.select' && e.event.decision === 'assess',
    );
    renderDebrief(
      root,
      {
        scenario: run.compiled.scenario,
        compiled: run.compiled,
        log: {
          ...log,
          classroom: {
            votes: [
              {
                decision: 'assess',
                t: 6,
                entry: select,
                tally: { required: 9 },
                option: 'required',
              },
            ],
            rewinds: [],
          },
        },
        score: run.score,
      },
      commands(),
    );
    const voted = section('How the class voted');
    expect(
      within(voted)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '6.0 s: The class voted at "Is action required?": A 9, B 0. A played: "Yes. He is cuffed and says he can\'t breathe".',
    ]);
    show(bestRun().finish([], 200));
    expect(queryByRole(root, 'region', { name: 'How the class voted' })).toBeNull();
  });

  it('opens every branch for printing and closes them again afterwards', () => {
    show(minimal().finish([], 200));
    const details = [...root.querySelectorAll('details')];
    window.dispatchEvent(new Event('beforeprint'));
    expect(details.every((d) => d.open)).toBe(true);
    window.dispatchEvent(new Event('afterprint'));
    expect(details.some((d) => d.open)).toBe(false);
  });

  it('sets text from scenario files as text, never as HTML', () => {
    const markup = '<img src="x" onerror="alert(1)">';
    show(
      minimal((s) => {
        s.debrief.teachingPoints = [markup];
        s.debrief.legalCard.title = markup;
        const segment = s.segments[0];
        if (segment) segment.title = markup;
      }).finish([], 200),
    );
    expect(root.querySelector('img')).toBeNull();
    expect(section('Teaching points').textContent).toContain(markup);
  });

  it('has no axe violations of WCAG A and AA that jsdom can check', async () => {
    show(minimal().signal(11).choose('assess', 'fine', 12).finish(['knee', 'resisted'], 200));
    const result = await axe.run(root, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      // jsdom lays nothing out, so colours and sizes are checked in the browser tests.
      rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('renders a waited-out run of every shipped scenario', () => {
    const files = loadScenarioFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      if (!file.ok) throw new Error(`${file.file} should load`);
      const run = EncounterDriver.start(compileScenario(file.scenario)).finish([], 10_000);
      expect(() => show(run), file.file).not.toThrow();
      expect(getByRole(root, 'heading', { level: 1 }).textContent).toBe(file.scenario.title);
      expect(getAllByRole(root, 'heading', { level: 2 }).length).toBeGreaterThanOrEqual(8);
    }
  }, 120_000);
});

describe('The end screen', () => {
  it('opens the debrief when the app offers one, and leaves the button out otherwise', () => {
    const run = minimal().finish(['knee'], 200);
    const outcome = run.analysis.outcome?.outcome;
    const debrief = vi.fn();
    renderEnd(root, outcome, run.score, { again: vi.fn(), menu: vi.fn(), debrief });
    fireEvent.click(getByRole(root, 'button', { name: 'Open the debrief' }));
    expect(debrief).toHaveBeenCalledTimes(1);
    renderEnd(root, outcome, run.score, { again: vi.fn(), menu: vi.fn() });
    expect(queryByRole(root, 'button', { name: 'Open the debrief' })).toBeNull();
  });
});
