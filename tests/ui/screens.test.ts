import { fireEvent, getByRole, getByText, queryByRole, within } from '@testing-library/dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EncounterSession,
  selectEncounterView,
  type CompiledScenario,
} from '../../src/engine/index.ts';
import type { EncounterStatus } from '../../src/store/appStore.ts';
import { defaultSettings, type Settings } from '../../src/store/settingsStore.ts';
import { renderBriefing } from '../../src/ui/briefingScreen.ts';
import { mountEncounterOverlay, type EncounterCommands } from '../../src/ui/encounterOverlay.ts';
import { renderEnd, mainReasons } from '../../src/ui/endScreen.ts';
import { describeRank, renderMenu } from '../../src/ui/menuScreen.ts';
import { renderSettings } from '../../src/ui/settingsScreen.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture, loadFixture } from '../helpers/scenarios.ts';

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<main id="ui"></main>';
  root = document.getElementById('ui') as HTMLElement;
});

function commands(): EncounterCommands & Record<string, ReturnType<typeof vi.fn>> {
  return {
    signal: vi.fn(),
    choose: vi.fn(),
    submitReport: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(),
    restart: vi.fn(),
    quit: vi.fn(),
    openSettings: vi.fn(),
  };
}

function statusAt(
  compiled: CompiledScenario,
  session: EncounterSession,
  paused = false,
): EncounterStatus {
  return {
    view: selectEncounterView(compiled, session.current, session.log.entries, session.time),
    time: session.time,
    paused,
    anchors: [{ id: 'lee', x: 0.4, y: 0.3 }],
  };
}

function overlay(settings: Settings = defaultSettings()) {
  const compiled = compiledFixture('minimal.yaml');
  const session = new EncounterSession(compiled);
  const cmd = commands();
  const mounted = mountEncounterOverlay(root, {
    commands: cmd,
    soundCaption: (key) => (key === 'taser-crackle' ? 'Taser crackling' : undefined),
    names: new Map([['lee', 'Sergeant Lee']]),
  });
  const show = (paused = false) => mounted.update(statusAt(compiled, session, paused), settings);
  return { compiled, session, cmd, mounted, show };
}

describe('The menu', () => {
  const catalog = {
    scenarios: [
      { file: 'minimal.yaml', scenario: loadFixture('minimal.yaml') },
      { file: 'lawful.yaml', scenario: loadFixture('lawful.yaml') },
    ],
    broken: [],
  };

  it('lists every scenario with what an instructor needs to choose it, and a way in', () => {
    const open = vi.fn();
    renderMenu(root, catalog, { openBriefing: open, openSettings: vi.fn() });
    const list = getByRole(root, 'list', { name: 'Scenarios' });
    const card = within(list)
      .getAllByRole('listitem')
      .find((item) => item.dataset['scenario'] === 'minimal') as HTMLElement;
    expect(within(card).getByRole('heading', { name: 'Minimal test encounter' })).toBeTruthy();
    expect(within(card).getByText('Sergeant Lee (sergeant, outranks you)')).toBeTruthy();
    expect(within(card).getByText('restraint')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Brief me' }));
    expect(open).toHaveBeenCalledWith('minimal');
    expect(queryByRole(root, 'heading', { name: 'Scenario files with problems' })).toBeNull();
  });

  it('offers each scenario to run for a class, and says "1 year" for one year', () => {
    const runForClass = vi.fn();
    const scenario = structuredClone(loadFixture('minimal.yaml'));
    scenario.trainee.yearsOfService = 1;
    renderMenu(
      root,
      { scenarios: [{ file: 'minimal.yaml', scenario }], broken: [] },
      { openBriefing: vi.fn(), openSettings: vi.fn(), runForClass },
    );
    const card = root.querySelector<HTMLElement>('[data-scenario="minimal"]') as HTMLElement;
    expect(card.textContent).toMatch(/, 1 year: /);
    fireEvent.click(within(card).getByRole('button', { name: 'Run for a class' }));
    expect(runForClass).toHaveBeenCalledWith('minimal');
  });

  it("orders the brief's outlines S1 to S17, then new scenarios, not by file name", () => {
    const tagged = (outline: string | undefined, title: string) => {
      const scenario = structuredClone(loadFixture('minimal.yaml'));
      scenario.title = title;
      scenario.coverage = {
        outline,
        setting: 'street',
        misconduct: ['excessive-force'],
        involvedOfficer: 'lee',
        medical: false,
        reportPressure: false,
      };
      return { file: `${title}.yaml`, scenario };
    };
    renderMenu(
      root,
      {
        scenarios: [tagged('S10', 'Tenth'), tagged(undefined, 'New'), tagged('S2', 'Second')],
        broken: [],
      },
      { openBriefing: vi.fn(), openSettings: vi.fn() },
    );
    const titles = within(getByRole(root, 'list', { name: 'Scenarios' }))
      .getAllByRole('heading')
      .map((heading) => heading.textContent);
    expect(titles).toEqual(['Second', 'Tenth', 'New']);
  });

  it('lists broken files with each problem, its place and its fix', () => {
    renderMenu(
      root,
      {
        ...catalog,
        broken: [
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
        ],
      },
      { openBriefing: vi.fn(), openSettings: vi.fn() },
    );
    const broken = getByRole(root, 'list', { name: 'Scenario files with problems' });
    expect(
      within(broken).getByText(
        'scenarios/broken.yaml:4:7 title: missing required field "title". Fix: add "title:".',
      ),
    ).toBeTruthy();
  });

  it('places the records above and below the scenarios', () => {
    renderMenu(
      root,
      catalog,
      { openBriefing: vi.fn(), openSettings: vi.fn() },
      {
        beforeScenarios: document.createTextNode('Practising as: Jane Doe'),
        afterScenarios: document.createTextNode('My runs'),
      },
    );
    const text = root.textContent ?? '';
    const scenarios = text.indexOf('Scenarios');
    expect(text.indexOf('Practising as: Jane Doe')).toBeLessThan(scenarios);
    expect(text.indexOf('My runs')).toBeGreaterThan(text.indexOf('Minimal test encounter'));
  });

  it('says how each officer stands to the trainee', () => {
    expect(describeRank('sergeant', 'officer')).toBe('sergeant, outranks you');
    expect(describeRank('officer', 'officer')).toBe('officer, same rank');
    expect(describeRank('probationary-officer', 'officer')).toBe(
      'probationary officer, junior to you',
    );
  });
});

describe('The briefing', () => {
  it('says who you are, who is with you and the call, and waits for the stage', () => {
    const start = vi.fn();
    const briefing = renderBriefing(root, loadFixture('minimal.yaml'), { start, back: vi.fn() });
    expect(getByRole(root, 'heading', { name: 'Who you are' })).toBeTruthy();
    expect(getByRole(root, 'heading', { name: 'Who is with you' })).toBeTruthy();
    expect(root.textContent).toContain('Sergeant Lee: sergeant, outranks you');
    briefing.setLoading(0.4, undefined);
    expect(getByRole(root, 'status').textContent).toBe('Loading the scene: 40%');
    briefing.setLoading(1, undefined);
    expect(getByRole(root, 'status').textContent).toBe('');
    fireEvent.click(getByRole(root, 'button', { name: 'Start' }));
    expect(start).toHaveBeenCalled();
  });

  it('says where the run will be kept', () => {
    renderBriefing(
      root,
      loadFixture('minimal.yaml'),
      { start: vi.fn(), back: vi.fn() },
      { recordNote: 'Your run is saved as you play, under Jane Doe.' },
    );
    expect(getByText(root, 'Your run is saved as you play, under Jane Doe.')).toBeTruthy();
  });
});

describe('The encounter overlay', () => {
  it('names the stage and offers "Something\'s wrong" while the trainee watches', () => {
    const { show, cmd, session } = overlay();
    session.advanceTo(11);
    show();
    expect(getByRole(root, 'heading', { name: 'Stage 1: See the problem' })).toBeTruthy();
    fireEvent.click(getByRole(root, 'button', { name: /Something's wrong/ }));
    expect(cmd.signal).toHaveBeenCalled();
  });

  it('shows captions with the speaker in a live region', () => {
    const { show, session } = overlay();
    session.advanceTo(11);
    show();
    const log = getByRole(root, 'log', { name: 'Captions' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(within(log).getByText("I can't breathe.")).toBeTruthy();
    expect(within(log).getByText('The man:', { exact: false })).toBeTruthy();
  });

  it('opens a decision with numbered options that keys 1 to 4 and clicks choose', () => {
    const { show, cmd, session, mounted } = overlay();
    session.advanceTo(3);
    session.input({ type: 'trainee.signal' }, 3);
    show();
    const panel = getByRole(root, 'region', { name: 'Is action required?' });
    const options = within(panel).getAllByRole('button');
    expect(options.map((b) => b.textContent)).toEqual([
      "1 Yes. He is cuffed and says he can't breathe.",
      '2 No. He might still resist.',
    ]);
    expect(options[0]?.getAttribute('aria-keyshortcuts')).toBe('1');
    const handled = mounted.handleKey(new KeyboardEvent('keydown', { key: '2' }));
    expect(handled).toBe(true);
    expect(cmd.choose).toHaveBeenCalledWith('assess', 'fine', expect.any(Number));
    fireEvent.click(options[0] as HTMLElement);
    expect(cmd.choose).toHaveBeenCalledWith('assess', 'required', expect.any(Number));
    expect(queryByRole(root, 'button', { name: /Something's wrong/ })).toBeNull();
  });

  it('hides the clock and the decision timer when the setting says so', () => {
    const { show, session } = overlay({ ...defaultSettings(), showClock: false });
    session.input({ type: 'trainee.signal' }, 1);
    show();
    expect((root.querySelector('.scene-clock') as HTMLElement).hidden).toBe(true);
    expect(root.querySelector('.time-bar')?.hasAttribute('hidden')).toBe(true);
  });

  it('pauses on Esc and offers resume, restart, settings and quit', () => {
    const { show, cmd, mounted } = overlay();
    show();
    mounted.handleKey(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(cmd.pause).toHaveBeenCalled();
    show(true);
    const dialog = getByRole(root, 'dialog', { name: 'Paused' });
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Resume', 'Restart the scenario', 'Settings', 'Quit to the menu']);
    expect(document.activeElement?.textContent).toBe('Resume');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Quit to the menu' }));
    expect(cmd.quit).toHaveBeenCalled();
    mounted.handleKey(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(cmd.resume).toHaveBeenCalled();
  });

  it('lets the trainee pick report statements and hand the report in', () => {
    const compiled = compiledFixture('minimal.yaml');
    const driver = EncounterDriver.start(compiled).at(200);
    const cmd = commands();
    const mounted = mountEncounterOverlay(root, {
      commands: cmd,
      soundCaption: () => undefined,
      names: new Map(),
    });
    mounted.update(statusAt(compiled, driver.session), defaultSettings());
    const form = getByRole(root, 'form', { name: 'Your report' });
    fireEvent.click(within(form).getByRole('checkbox', { name: /kept a knee/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Hand in the report' }));
    expect(cmd.submitReport).toHaveBeenCalledWith(['knee'], expect.any(Number));
  });
});

describe('The settings', () => {
  it('change at once, each control labelled', () => {
    const update = vi.fn();
    renderSettings(root, defaultSettings(), { update, reset: vi.fn(), close: vi.fn() });
    fireEvent.click(getByRole(root, 'checkbox', { name: 'Hint mode' }));
    expect(update).toHaveBeenCalledWith({ hintMode: true });
    fireEvent.change(getByRole(root, 'combobox', { name: 'Text size' }), {
      target: { value: 'large' },
    });
    expect(update).toHaveBeenCalledWith({ textSize: 'large' });
    const master = getByRole(root, 'slider', { name: 'Master volume' });
    fireEvent.input(master, { target: { value: '40' } });
    expect(update).toHaveBeenCalledWith({ masterVolume: 0.4 });
  });
});

describe('The end screen', () => {
  it('shows the outcome and both scores with their main reasons', () => {
    const compiled = compiledFixture('minimal.yaml');
    const run = EncounterDriver.start(compiled).finish(['knee'], 200);
    renderEnd(root, run.analysis.outcome?.outcome, run.score, { again: vi.fn(), menu: vi.fn() });
    expect(getByRole(root, 'heading', { name: 'He dies' })).toBeTruthy();
    const outcome = getByRole(root, 'region', { name: /Outcome/ });
    expect(outcome.textContent).toContain('0 / 100');
    expect(outcome.textContent).toContain('Needs practice');
    expect(mainReasons(run.score.process)[0]?.id).toBe('recognition');
    expect(getByRole(root, 'button', { name: 'Play it again' })).toBeTruthy();
  });
});
