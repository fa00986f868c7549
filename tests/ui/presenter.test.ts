import { fireEvent, getAllByRole, getByRole, queryByRole, within } from '@testing-library/dom';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  classStatus,
  idleClassStatus,
  selectEncounterView,
  type ClassCommand,
  type ClassStatus,
  type ClassStatusInput,
  compileScenario,
  cuesSoFar,
  traineePosition,
  type Scenario,
} from '../../src/engine/index.ts';
import {
  mountPresenterScreen,
  type PresenterOptions,
  type PresenterScreen,
} from '../../src/ui/classroom/presenterScreen.ts';
import { loadScenarioFiles } from '../../tools/scenarioFiles.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

const SCENARIOS = [
  { id: 'minimal', title: 'Minimal test encounter' },
  { id: 'second', title: 'A second scenario' },
];

const DISCUSSION = 'What tells you that force is no longer needed?';

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<main id="ui"></main>';
  root = document.getElementById('ui') as HTMLElement;
});

/** The minimal fixture, with a question for the room at its first decision. */
const minimal = (change?: (s: Scenario) => void) =>
  EncounterDriver.start(
    compiledFixture('minimal.yaml', (scenario) => {
      const assess = scenario.decisions.find((d) => d.id === 'assess');
      if (assess) assess.discussion = DISCUSSION;
      change?.(scenario);
    }),
  );

type Moment = Partial<Omit<ClassStatusInput, 'compiled' | 'state' | 'view'>>;

/** The real classroom status of a run as it stands (the projector works it out the same way). */
function statusOf(run: EncounterDriver, moment: Moment = {}): ClassStatus {
  const { compiled, session } = run;
  const log = moment.log ?? session.log;
  const time = moment.time ?? session.time;
  return classStatus({
    compiled,
    state: session.current,
    log,
    view: selectEncounterView(compiled, session.current, log.entries, time),
    time,
    phase: 'running',
    paused: false,
    frozen: false,
    blank: false,
    revealed: false,
    freezeAtDecisions: true,
    tally: {},
    notice: undefined,
    ...moment,
  });
}

/** The room has just been asked "Is action required?", frozen for discussion. */
const atFirstDecision = () => minimal().at(2).signal(5);
const frozen = (run: EncounterDriver, tally: Record<string, number> = {}) =>
  statusOf(run, { paused: true, frozen: true, tally });

/** The room voted yes at the first decision, and the second is open. */
function afterFirstVote(): EncounterDriver {
  const run = atFirstDecision().choose('assess', 'required', 6);
  const entry = run.session.log.entries.findIndex(
    (e) => e.event.type === 'decision.select' && e.event.decision === 'assess',
  );
  run.session.recordVote({
    decision: 'assess',
    t: 6,
    entry,
    tally: { required: 14, fine: 3 },
    option: 'required',
  });
  return run;
}

function mount(options: Partial<PresenterOptions> = {}) {
  const send = vi.fn<(command: ClassCommand) => void>();
  const screen = mountPresenterScreen(root, { scenarios: SCENARIOS, send, ...options });
  return { screen, send };
}

function press(
  screen: PresenterScreen,
  init: KeyboardEventInit,
  target: EventTarget = document.body,
): boolean {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return screen.handleKey(event);
}

const controls = () => getByRole(root, 'group', { name: 'Controls' });
const control = (name: RegExp) => within(controls()).getByRole('button', { name });
const decision = () => getByRole(root, 'region', { name: 'Decision for the room' });
const notes = () => getByRole(root, 'region', { name: 'Notes' });
const handsInput = (letter: string) =>
  within(decision()).getByRole<HTMLInputElement>('spinbutton', { name: `Hands for ${letter}` });
const playButton = () => getByRole(root, 'button', { name: /^Play the class's choice/ });
const disabled = (node: HTMLElement) => node.getAttribute('aria-disabled') === 'true';

/** The text a reader gets: hidden parts left out. */
function shownText(node: HTMLElement): string {
  const copy = node.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[hidden]')) hidden.remove();
  return copy.textContent ?? '';
}

async function expectNoAxeViolations(): Promise<void> {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    // jsdom lays nothing out, so colours and sizes are checked in the browser.
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

describe('The presenter view before a class starts', () => {
  it('says how to open a projector window while none answers', () => {
    const openProjector = vi.fn();
    const { screen } = mount({ openProjector });
    screen.update(undefined);
    expect(getByRole(root, 'heading', { level: 1 }).textContent).toBe('Presenter');
    const connection = getAllByRole(root, 'status')[0];
    expect(connection?.textContent).toMatch(/^No projector window yet: open the game/);
    fireEvent.click(getByRole(root, 'button', { name: 'Open the projector window' }));
    expect(openProjector).toHaveBeenCalledOnce();

    screen.update(idleClassStatus());
    expect(connection?.textContent).toBe('Connected to the projector window');
    expect(queryByRole(root, 'button', { name: 'Open the projector window' })).toBeNull();
  });

  it('does not offer a button to open the projector when it cannot', () => {
    const { screen } = mount();
    screen.update(undefined);
    expect(queryByRole(root, 'button', { name: 'Open the projector window' })).toBeNull();
    expect(root.textContent).not.toContain('press Open the projector window');
  });

  it('starts the scenario chosen in the picker on the projector', () => {
    const { screen, send } = mount();
    screen.update(idleClassStatus());
    const picker = getByRole(root, 'region', { name: 'Start a scenario' });
    const select = within(picker).getByRole<HTMLSelectElement>('combobox', { name: 'Scenario' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Minimal test encounter', 'A second scenario']);
    fireEvent.click(within(picker).getByRole('button', { name: 'Start on the projector' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'start', scenarioId: 'minimal' });
    fireEvent.change(select, { target: { value: 'second' } });
    fireEvent.click(within(picker).getByRole('button', { name: 'Start on the projector' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'start', scenarioId: 'second' });
    // Nothing of a run is shown before one starts.
    expect(queryByRole(root, 'group', { name: 'Controls' })).toBeNull();
    expect(queryByRole(root, 'region', { name: 'Notes' })).toBeNull();
  });

  it('sets freezing at decisions before the start', () => {
    const { screen, send } = mount();
    screen.update(idleClassStatus());
    const box = getByRole<HTMLInputElement>(root, 'checkbox', { name: 'Freeze at each decision' });
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(send).toHaveBeenLastCalledWith({ type: 'freeze-at-decisions', on: false });
  });

  it('shows the projector’s notice in a status region', () => {
    const { screen } = mount();
    screen.update(idleClassStatus('Choose a scenario first.'));
    const statuses = getAllByRole(root, 'status').map((node) => node.textContent);
    expect(statuses).toContain('Choose a scenario first.');
  });

  it('has no axe violations of WCAG A and AA that jsdom can check', async () => {
    const { screen } = mount({ openProjector: vi.fn() });
    screen.update(undefined);
    await expectNoAxeViolations();
    screen.update(idleClassStatus());
    await expectNoAxeViolations();
    expect(getAllByRole(root, 'heading', { level: 1 })).toHaveLength(1);
  });
});

describe('The presenter view of a running class', () => {
  it('shows the clock, the stage and the state in words', () => {
    const run = minimal().at(2);
    const { screen } = mount();
    screen.update(statusOf(run));
    expect(getByRole(root, 'heading', { level: 1 }).textContent).toBe(
      'Presenter: Minimal test encounter',
    );
    const now = getByRole(root, 'region', { name: 'The scene now' });
    expect(now.textContent).toContain('0:02.0');
    expect(now.textContent).toContain('Stage 1: See the problem');
    expect(now.textContent).toContain('Running');
    screen.update(statusOf(run, { paused: true }));
    expect(now.textContent).toContain('Paused');
    screen.update(statusOf(run, { paused: true, blank: true }));
    expect(now.textContent).toContain('Blank screen');
    screen.update(frozen(atFirstDecision()));
    expect(now.textContent).toContain('Frozen at a decision: discuss');
    expect(now.textContent).toContain('Stage 2: Is action required?');
  });

  it('pauses and resumes with the same button', () => {
    const run = minimal().at(2);
    const { screen, send } = mount();
    screen.update(statusOf(run));
    const pause = control(/^Pause/);
    expect(pause.getAttribute('aria-keyshortcuts')).toContain('K');
    expect(pause.querySelector('kbd')?.textContent).toBe('K');
    fireEvent.click(pause);
    expect(send).toHaveBeenLastCalledWith({ type: 'pause' });
    screen.update(statusOf(run, { paused: true }));
    expect(control(/^Resume/)).toBe(pause);
    fireEvent.click(pause);
    expect(send).toHaveBeenLastCalledWith({ type: 'resume' });
  });

  it('offers the signal only while the scene takes it', () => {
    const { screen, send } = mount();
    const run = minimal().at(2);
    screen.update(statusOf(run));
    const signal = control(/^Something's wrong/);
    expect(disabled(signal)).toBe(false);
    fireEvent.click(signal);
    expect(send).toHaveBeenLastCalledWith({ type: 'signal' });
    run.signal(5);
    screen.update(statusOf(run));
    expect(disabled(signal)).toBe(true);
    send.mockClear();
    fireEvent.click(signal);
    expect(send).not.toHaveBeenCalled();
  });

  it('steps, reveals the cues and blanks the projector, showing which are on', () => {
    const run = minimal().at(2);
    const { screen, send } = mount();
    screen.update(statusOf(run));
    fireEvent.click(control(/^Step forward/));
    expect(send).toHaveBeenLastCalledWith({ type: 'step' });
    const reveal = control(/^Reveal the cues/);
    const blank = control(/^Blank the projector/);
    expect(reveal.getAttribute('aria-pressed')).toBe('false');
    expect(blank.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(reveal);
    expect(send).toHaveBeenLastCalledWith({ type: 'reveal' });
    fireEvent.click(blank);
    expect(send).toHaveBeenLastCalledWith({ type: 'blank' });
    screen.update(statusOf(run, { revealed: true, blank: true }));
    expect(reveal.getAttribute('aria-pressed')).toBe('true');
    expect(blank.getAttribute('aria-pressed')).toBe('true');
    expect(disabled(control(/^Show the debrief/))).toBe(true);
  });

  it('ends the class only when asked twice', () => {
    const { screen, send } = mount();
    screen.update(statusOf(minimal().at(2)));
    fireEvent.click(control(/^End the class/));
    expect(send).not.toHaveBeenCalled();
    const confirm = getByRole(root, 'group', { name: /^End the class\?/ });
    expect(within(confirm).getByRole('button', { name: 'Keep going' })).toBe(
      document.activeElement,
    );
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep going' }));
    expect(send).not.toHaveBeenCalled();
    expect(control(/^End the class/)).toBe(document.activeElement);
    fireEvent.click(control(/^End the class/));
    expect(press(screen, { key: 'Escape' }, document.activeElement ?? document.body)).toBe(true);
    expect(queryByRole(root, 'group', { name: /^End the class\?/ })).toBeNull();
    expect(send).not.toHaveBeenCalled();
    fireEvent.click(control(/^End the class/));
    fireEvent.click(getByRole(root, 'button', { name: 'Yes, end the class' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'menu' });
  });

  it('lists the cues so far and the cues coming next, as a forecast', () => {
    const { screen } = mount();
    screen.update(statusOf(minimal().at(2)));
    const so = within(notes()).getByText('Cues so far').nextElementSibling;
    expect(so?.textContent).toContain('0:00.0');
    expect(so?.textContent).toContain('Early');
    expect(so?.textContent).toContain('Weight on a handcuffed man lying face down.');
    expect(notes().textContent).toContain('A forecast');
    const coming = within(notes()).getByRole('heading', { name: 'Coming next' });
    const list = coming.nextElementSibling?.nextElementSibling;
    expect(list?.textContent).toContain('0:10.0');
    expect(list?.textContent).toContain('Warning');
    expect(list?.textContent).toContain('He says he cannot breathe.');
    expect(notes().textContent).toContain(
      'Handcuffed plus face down plus weight is a medical hazard.',
    );
  });
});

describe('The decision and the class vote', () => {
  it('shows the prompt, the question for the room and every option with its rating for the instructor', () => {
    const { screen } = mount();
    screen.update(frozen(atFirstDecision()));
    expect(within(decision()).getByText('Is action required?')).toBeTruthy();
    expect(decision().textContent).toContain(`Ask the room: ${DISCUSSION}`);
    const options = within(decision()).getAllByRole('listitem');
    expect(options).toHaveLength(2);
    expect(options[0]?.textContent).toContain('A');
    expect(options[0]?.textContent).toContain('Yes. He is cuffed and says he can');
    expect(options[0]?.textContent).toContain('For you only: Best.');
    expect(options[0]?.textContent).toContain('Force is no longer needed once he is restrained.');
    expect(options[1]?.textContent).toContain('For you only: Poor.');
    expect(handsInput('A').value).toBe('0');
    expect(within(decision()).getByText('No hands counted yet.')).toBeTruthy();
  });

  it('leaves the question for the room out when the scenario has none', () => {
    const { screen } = mount();
    screen.update(
      frozen(
        minimal((s) => delete s.decisions[0]?.discussion)
          .at(2)
          .signal(5),
      ),
    );
    expect(shownText(decision())).not.toContain('Ask the room');
    screen.update(frozen(atFirstDecision()));
    expect(shownText(decision())).toContain('Ask the room');
  });

  it('sends the hands typed for an option, and one more or fewer by the buttons', () => {
    const { screen, send } = mount();
    screen.update(frozen(atFirstDecision()));
    fireEvent.change(handsInput('B'), { target: { value: '7' } });
    expect(send).toHaveBeenLastCalledWith({ type: 'hands', option: 'fine', hands: 7 });
    fireEvent.change(handsInput('A'), { target: { value: '' } });
    expect(send).toHaveBeenLastCalledWith({ type: 'hands', option: 'required', hands: 0 });
    fireEvent.click(within(decision()).getByRole('button', { name: 'One more hand for A' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'adjust', option: 'required', delta: 1 });
    fireEvent.click(within(decision()).getByRole('button', { name: 'One hand fewer for B' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'adjust', option: 'fine', delta: -1 });
    fireEvent.click(within(decision()).getByRole('button', { name: /^Clear the hands/ }));
    expect(send).not.toHaveBeenLastCalledWith({ type: 'clear-hands' });
    screen.update(frozen(atFirstDecision(), { required: 1 }));
    fireEvent.click(within(decision()).getByRole('button', { name: /^Clear the hands/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'clear-hands' });
  });

  it('plays the class’s choice only when one option leads', () => {
    const run = atFirstDecision();
    const { screen, send } = mount();
    screen.update(frozen(run));
    expect(disabled(playButton())).toBe(true);
    fireEvent.click(playButton());
    expect(send).not.toHaveBeenCalled();

    screen.update(frozen(run, { required: 6, fine: 6 }));
    expect(disabled(playButton())).toBe(true);
    expect(decision().textContent).toContain('Tie between A and B.');
    expect(decision().textContent).toContain('A tie between A and B');
    expect(handsInput('A').value).toBe('6');

    screen.update(frozen(run, { required: 6, fine: 5 }));
    expect(disabled(playButton())).toBe(false);
    expect(decision().textContent).not.toContain('Tie between');
    const summary = within(decision()).getByText(/has the most hands/);
    expect(summary.getAttribute('aria-live')).toBe('polite');
    expect(summary.textContent).toBe('A 6, B 5. A has the most hands and will play.');
    fireEvent.click(playButton());
    expect(send).toHaveBeenLastCalledWith({ type: 'play-vote' });
  });

  it('hides the decision once it has closed, and says how the room voted', () => {
    const { screen } = mount();
    screen.update(frozen(atFirstDecision(), { required: 14, fine: 3 }));
    const run = afterFirstVote().at(8);
    screen.update(statusOf(run));
    expect(within(decision()).getByText('Whose job is it?')).toBeTruthy();
    // Nobody answers the second in time.
    screen.update(statusOf(run.at(20)));
    expect(queryByRole(root, 'region', { name: 'Decision for the room' })).toBeNull();
    const voted = within(notes()).getByText('Is action required?').closest('li');
    expect(voted?.textContent).toContain('A 14, B 3. A has the most hands and will play.');
  });

  it('sends the class back to any earlier decision, saying what was answered there', () => {
    const run = afterFirstVote();
    const { screen, send } = mount();
    screen.update(statusOf(run, { paused: true, frozen: true }));
    const rewinds = within(notes()).getAllByRole('button', { name: /^Go back to/ });
    expect(rewinds.map((b) => b.textContent)).toEqual([
      'Go back to 0:05.0: Is action required?',
      'Go back to 0:06.0: Whose job is it?',
    ]);
    expect(rewinds[0]?.getAttribute('aria-describedby')).toBeTruthy();
    const answer = document.getElementById(rewinds[0]?.getAttribute('aria-describedby') ?? '');
    expect(answer?.textContent).toBe(
      "Answered in this branch: A: Yes. He is cuffed and says he can't breathe.",
    );
    fireEvent.click(rewinds[1] as HTMLElement);
    expect(send).toHaveBeenLastCalledWith({ type: 'rewind', index: 1 });
    fireEvent.click(rewinds[0] as HTMLElement);
    expect(send).toHaveBeenLastCalledWith({ type: 'rewind', index: 0 });
  });

  it('lists the branches the room went back from', () => {
    const run = atFirstDecision();
    const log = {
      ...run.session.log,
      classroom: { votes: [], rewinds: [{ t: 5, decision: 'assess', left: 31 }] },
    };
    const { screen } = mount();
    screen.update(statusOf(run, { log }));
    const branches = within(notes()).getByRole('heading', { name: 'Branches tried' });
    expect(branches.nextElementSibling?.textContent).toBe(
      'Went back to "Is action required?" after 31 s of scene.',
    );
  });

  it('has no axe violations of WCAG A and AA that jsdom can check', async () => {
    const { screen } = mount();
    screen.update(
      statusOf(afterFirstVote(), {
        paused: true,
        frozen: true,
        tally: { mine: 2, sarge: 2 },
        notice: 'A tie: ask the room again.',
      }),
    );
    await expectNoAxeViolations();
    expect(getAllByRole(root, 'heading', { level: 1 })).toHaveLength(1);
  });
});

describe('Every shipped scenario', () => {
  it('shows its first decision with the question for the room', () => {
    const files = loadScenarioFiles();
    expect(files.length).toBeGreaterThan(0);
    let asked = 0;
    for (const file of files) {
      if (!file.ok) throw new Error(`${file.file} should load`);
      const run = EncounterDriver.start(compileScenario(file.scenario));
      // Watch until a decision opens, signalling once the first cue has played.
      let signalled = false;
      for (let t = 0; t <= 600 && !run.session.finished; t += 0.5) {
        run.at(t);
        if (traineePosition(run.session.current.snapshot).decision !== undefined) break;
        if (!signalled && cuesSoFar(run.compiled, run.session.log.entries).length > 0) {
          signalled = run.session.input({ type: 'trainee.signal' }, t);
        }
        if (traineePosition(run.session.current.snapshot).decision !== undefined) break;
      }
      const { screen } = mount();
      const status = statusOf(run, { paused: true, frozen: true });
      screen.update(status);
      const open = status.decision;
      if (!open) throw new Error(`${file.file}: no decision opened`);
      expect(within(decision()).getByText(open.prompt), file.file).toBeTruthy();
      expect(within(decision()).getAllByRole('spinbutton'), file.file).toHaveLength(
        open.options.length,
      );
      if (open.discussion) {
        asked += 1;
        expect(shownText(decision()), file.file).toContain(`Ask the room: ${open.discussion}`);
      }
      screen.destroy();
    }
    expect(asked).toBeGreaterThan(0);
  }, 30_000); // loading and compiling the whole library takes seconds on a busy machine
});

describe('The presenter view at the end', () => {
  /** Nobody stepped in: the scene reaches its outcome. */
  const ended = () => {
    const run = minimal().at(80);
    return statusOf(run, { phase: 'ended', paused: true });
  };

  it('shows the outcome and offers the debrief', async () => {
    const { screen, send } = mount();
    screen.update(ended());
    const outcome = getByRole(root, 'region', { name: 'How it ended' });
    expect(outcome.textContent).toContain('He dies');
    expect(outcome.textContent).toContain('Nobody intervened.');
    expect(getByRole(root, 'region', { name: 'The scene now' }).textContent).toContain('Ended');
    const show = control(/^Show the debrief/);
    expect(disabled(show)).toBe(false);
    expect(disabled(control(/^Pause|^Resume/))).toBe(true);
    fireEvent.click(show);
    expect(send).toHaveBeenLastCalledWith({ type: 'debrief' });
    await expectNoAxeViolations();
  });
});

describe('Keys in the presenter window', () => {
  it('turns clicker and keyboard keys into commands', () => {
    const { screen, send } = mount();
    screen.update(frozen(atFirstDecision()));
    expect(press(screen, { key: 'PageDown' })).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'advance' });
    expect(press(screen, { key: 'PageUp' })).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'rewind' });
    expect(press(screen, { key: 'b' })).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'blank' });
    expect(press(screen, { key: ' ' })).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'resume' });
    expect(press(screen, { key: '1', code: 'Digit1' })).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'adjust', option: 'required', delta: 1 });
    expect(press(screen, { key: '!', code: 'Digit2', shiftKey: true })).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'adjust', option: 'fine', delta: -1 });
    expect(press(screen, { key: 'Enter' })).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'play-vote' });
  });

  it('leaves the window’s own keys and unknown keys alone', () => {
    const { screen, send } = mount();
    screen.update(frozen(atFirstDecision()));
    expect(press(screen, { key: 'f' })).toBe(false);
    expect(press(screen, { key: 'p' })).toBe(false);
    expect(press(screen, { key: 'x' })).toBe(false);
    expect(press(screen, { key: '3', code: 'Digit3' })).toBe(false);
    expect(press(screen, { key: 'b', ctrlKey: true })).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it('lets a field and a focused button keep their own keys', () => {
    const { screen, send } = mount();
    screen.update(frozen(atFirstDecision()));
    const input = handsInput('A');
    expect(press(screen, { key: '3', code: 'Digit3' }, input)).toBe(false);
    expect(press(screen, { key: '1', code: 'Digit1' }, input)).toBe(false);
    expect(press(screen, { key: 'b' }, input)).toBe(false);
    expect(press(screen, { key: 'Enter' }, playButton())).toBe(false);
    expect(press(screen, { key: ' ' }, control(/^Resume/))).toBe(false);
    expect(send).not.toHaveBeenCalled();
    // A clicker still moves on while the cursor rests in a count.
    expect(press(screen, { key: 'PageDown' }, input)).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'advance' });
  });
});

describe('Updates ten times a second', () => {
  it('keeps focus on the control in use while the clock moves', () => {
    const run = minimal();
    const { screen } = mount();
    screen.update(statusOf(run.at(1)));
    const step = control(/^Step forward/);
    step.focus();
    for (let t = 1.1; t < 3; t += 0.1) screen.update(statusOf(run.at(t)));
    expect(document.activeElement).toBe(step);
    expect(getByRole(root, 'region', { name: 'The scene now' }).textContent).toContain('0:02.9');
  });

  it('keeps focus on a vote button while hands are counted', () => {
    const run = atFirstDecision();
    const { screen } = mount();
    screen.update(frozen(run));
    const more = within(decision()).getByRole('button', { name: 'One more hand for A' });
    more.focus();
    for (let hands = 1; hands <= 5; hands += 1) screen.update(frozen(run, { required: hands }));
    expect(document.activeElement).toBe(more);
    expect(handsInput('A').value).toBe('5');
  });

  it('does not overwrite a count being typed', () => {
    const run = atFirstDecision();
    const { screen } = mount();
    screen.update(frozen(run));
    const input = handsInput('A');
    input.focus();
    input.value = '12';
    screen.update(frozen(run, { required: 3 }));
    expect(input.value).toBe('12');
    expect(document.activeElement).toBe(input);
    input.blur();
    screen.update(frozen(run, { required: 3 }));
    expect(input.value).toBe('3');
  });

  it('keeps focus on a rewind button when the list around it changes', () => {
    const run = atFirstDecision();
    const { screen } = mount();
    screen.update(frozen(run));
    within(notes())
      .getByRole('button', { name: /^Go back to 0:05.0/ })
      .focus();
    run.choose('assess', 'required', 6);
    screen.update(statusOf(run));
    const again = within(notes()).getByRole('button', { name: /^Go back to 0:05.0/ });
    expect(document.activeElement).toBe(again);
  });

  it('moves focus to the controls when the decision it was in closes', () => {
    const run = atFirstDecision();
    const { screen } = mount();
    screen.update(frozen(run, { required: 4 }));
    playButton().focus();
    const closed = minimal().at(2);
    screen.update(statusOf(closed));
    expect(document.activeElement).toBe(control(/^Pause/));
  });

  it('moves focus to the picker when the class ends', () => {
    const { screen } = mount();
    screen.update(statusOf(minimal().at(2)));
    control(/^End the class/).focus();
    screen.update(idleClassStatus());
    expect(document.activeElement).toBe(getByRole(root, 'combobox', { name: 'Scenario' }));
  });
});

describe('Text from a scenario file', () => {
  it('is shown as text, never as markup', () => {
    const markup = '<img src=x onerror="window.hacked = true">';
    const run = minimal((s) => {
      const assess = s.decisions.find((d) => d.id === 'assess');
      if (assess) {
        assess.prompt = `Is action required? ${markup}`;
        assess.discussion = `<b>Discuss</b> ${markup}`;
        const first = assess.options[0];
        if (first) first.text = `<script>alert(1)</script> Yes`;
      }
      s.debrief.teachingPoints = [`<em>Point</em> ${markup}`];
    })
      .at(2)
      .signal(5);
    const { screen } = mount();
    screen.update(frozen(run));
    expect(root.querySelector('img, script, b, em')).toBeNull();
    expect(decision().textContent).toContain(`Is action required? ${markup}`);
    expect(decision().textContent).toContain(`Ask the room: <b>Discuss</b> ${markup}`);
    expect(decision().textContent).toContain('<script>alert(1)</script> Yes');
    expect(notes().textContent).toContain(`<em>Point</em> ${markup}`);
    expect(within(notes()).getByRole('button', { name: /^Go back to 0:05.0/ }).textContent).toBe(
      `Go back to 0:05.0: Is action required? ${markup}`,
    );
  });
});
