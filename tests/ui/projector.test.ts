import { fireEvent, getByRole, queryByRole, within } from '@testing-library/dom';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  classStatus,
  selectEncounterView,
  type ClassCommand,
  type ClassStatus,
  type Tally,
} from '../../src/engine/index.ts';
import { defaultSettings } from '../../src/store/settingsStore.ts';
import {
  mountProjectorOverlay,
  type ProjectorOverlay,
} from '../../src/ui/classroom/projectorOverlay.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

const compiled = compiledFixture('minimal.yaml');

let root: HTMLElement;
let sent: ClassCommand[];
let projector: ProjectorOverlay;
beforeEach(() => {
  document.body.innerHTML = '<main id="ui"></main>';
  root = document.getElementById('ui') as HTMLElement;
  sent = [];
  projector = mountProjectorOverlay(root, {
    title: compiled.scenario.title,
    soundCaption: (key) => (key === 'radio' ? 'radio crackle' : undefined),
    names: new Map([['lee', 'Sergeant Lee']]),
    send: (command) => sent.push(command),
    toggleFullscreen: vi.fn(),
    openPresenter: vi.fn(),
  });
});

/** The class status of the minimal fixture at `t`, with the assess decision open when asked. */
function statusAt(
  t: number,
  options: { decision?: boolean; tally?: Tally; frozen?: boolean; revealed?: boolean } = {},
) {
  let run = EncounterDriver.start(compiled).at(t);
  if (options.decision) run = run.signal(t);
  const { session } = run;
  const view = selectEncounterView(compiled, session.current, session.log.entries, t);
  const status = classStatus({
    compiled,
    state: session.current,
    log: session.log,
    view,
    time: t,
    phase: view.outcome ? 'ended' : 'running',
    paused: options.frozen ?? false,
    frozen: options.frozen ?? false,
    blank: false,
    revealed: options.revealed ?? false,
    freezeAtDecisions: true,
    tally: options.tally ?? {},
    notice: undefined,
  });
  return { status, encounter: { view, time: t, paused: false, anchors: [] } };
}

function show(status: ClassStatus, encounter: ReturnType<typeof statusAt>['encounter']) {
  projector.update(status, encounter, defaultSettings());
}

describe('The projector view', () => {
  it('shows the options lettered, the discussion while frozen, and the hands counted', () => {
    const { status, encounter } = statusAt(11, {
      decision: true,
      frozen: true,
      tally: { required: 7, fine: 2 },
    });
    show(status, encounter);
    const decision = getByRole(root, 'region', { name: 'Is action required?' });
    const items = within(decision).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      "AA: Yes. He is cuffed and says he can't breathe.7 hands",
      'BB: No. He might still resist.2 hands',
    ]);
    expect(items[0]?.classList.contains('leading')).toBe(true);
    expect(decision.textContent).toContain('A 7, B 2. A has the most hands and will play.');
    expect(getByRole(root, 'status').textContent).toBe('');
    // Ratings are the instructor's: never on the projector.
    expect(root.textContent).not.toMatch(/best|poor|harmful/);
  });

  it('shows the captions at the moment, and the cues so far in place of them when revealed', () => {
    const { status, encounter } = statusAt(11);
    show(status, encounter);
    const captions = getByRole(root, 'log', { name: 'Captions' });
    expect(captions.textContent).toContain("I can't breathe.");
    const revealed = statusAt(11, { revealed: true });
    show(revealed.status, revealed.encounter);
    const cues = getByRole(root, 'region', { name: 'What there was to notice' });
    expect(
      within(cues)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '0:00.0 Early: Weight on a handcuffed man lying face down.',
      '0:10.0 Warning: He says he cannot breathe.',
    ]);
    expect(root.querySelector('.class-projector')?.classList.contains('revealed')).toBe(true);
  });

  it('shows how it ended, and no score', () => {
    const { status, encounter } = statusAt(80);
    show(status, encounter);
    const outcome = getByRole(root, 'region', { name: 'He dies' });
    expect(outcome.textContent).toContain('Page Down shows the debrief');
    expect(root.textContent).not.toMatch(/\/ 100|points/);
    expect(getByRole(root, 'button', { name: /Show the debrief/ })).toBeTruthy();
  });

  it('sends the command of each control', () => {
    const { status, encounter } = statusAt(3);
    show(status, encounter);
    const controls = getByRole(root, 'group', { name: 'Class controls' });
    fireEvent.click(within(controls).getByRole('button', { name: /^Pause/ }));
    fireEvent.click(within(controls).getByRole('button', { name: /^Previous decision/ }));
    fireEvent.click(within(controls).getByRole('button', { name: /^Reveal cues/ }));
    fireEvent.click(within(controls).getByRole('button', { name: /^Blank/ }));
    expect(sent).toEqual([
      { type: 'advance' },
      { type: 'rewind' },
      { type: 'reveal' },
      { type: 'blank' },
    ]);
    expect(queryByRole(root, 'region', { name: /notice/ })).toBeNull();
  });

  it('has no axe violations of WCAG A and AA that jsdom can check', async () => {
    const { status, encounter } = statusAt(11, {
      decision: true,
      frozen: true,
      tally: { fine: 1 },
    });
    show(status, encounter);
    const result = await axe.run(root, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
