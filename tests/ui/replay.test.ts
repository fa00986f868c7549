import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { findByRole, fireEvent, getByLabelText, getByRole, within } from '@testing-library/dom';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountApp, type MountedApp } from '../../src/bridge/mountApp.ts';
import { ReplayController } from '../../src/bridge/replayController.ts';
import { createRecords, type Records } from '../../src/records/index.ts';
import { createAppStore } from '../../src/store/appStore.ts';
import { createSettingsStore, type SettingsStore } from '../../src/store/settingsStore.ts';
import { mountReplayScreen } from '../../src/ui/replayScreen.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { FakeAudio, FakeScene, ManualFrames } from '../helpers/fakes.ts';
import { compiledFixture, loadFixture } from '../helpers/scenarios.ts';

function memorySettings(): SettingsStore {
  const memory = new Map<string, string>();
  return createSettingsStore({
    storage: {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    },
  });
}

const opened: Records[] = [];
const mounted: MountedApp[] = [];

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  document.body.innerHTML = '';
});

afterEach(async () => {
  for (const app of mounted.splice(0)) app.destroy();
  await Promise.all(opened.splice(0).map((r) => r.close()));
  vi.unstubAllGlobals();
});

/** The replay screen over a real controller of the minimal fixture's best run. */
function showReplay() {
  const run = EncounterDriver.start(compiledFixture('minimal.yaml'))
    .signal(5)
    .choose('assess', 'required', 6)
    .choose('own-it', 'mine', 7)
    .choose('how', 'direct', 8)
    .finish([], 100);
  const root = document.createElement('main');
  document.body.append(root);
  const frames = new ManualFrames();
  const settings = memorySettings();
  const replay = new ReplayController(run.compiled, run.session.log, {
    settings,
    scene: () => new FakeScene(),
    now: () => frames.now,
    frames,
  });
  const back = vi.fn();
  const screen = mountReplayScreen(root, {
    title: run.compiled.scenario.title,
    soundCaption: () => undefined,
    names: new Map(),
    commands: {
      toggle: () => replay.toggle(),
      setSpeed: (speed) => replay.setSpeed(speed),
      seek: (t) => replay.seek(t),
      previousDecision: () => replay.previousDecision(),
      nextDecision: () => replay.nextDecision(),
      back,
    },
  });
  replay.subscribe((status) => screen.update(status, settings.getState()));
  screen.update(replay.status, settings.getState());
  const key = (k: string, target: EventTarget = document.body) => {
    const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'target', { value: target });
    return screen.handleKey(event);
  };
  return { root, frames, replay, back, key };
}

describe('The replay screen', () => {
  it('offers every control by role and name, with a labelled scrubber', async () => {
    const { root, back } = showReplay();
    const controls = getByRole(root, 'group', { name: 'Replay controls' });
    expect(within(controls).getByRole('button', { name: /^Play/ })).toBe(document.activeElement);
    expect(within(controls).getByRole('combobox', { name: 'Speed' })).toBeTruthy();
    const scrubber = within(controls).getByRole('slider', { name: 'Scene time' });
    expect(scrubber.getAttribute('aria-valuetext')).toBe('0:00.0 of 1:40.0');
    expect(within(controls).getByRole('button', { name: /^Previous decision/ })).toBeTruthy();
    expect(within(controls).getByRole('button', { name: /^Next decision/ })).toBeTruthy();
    fireEvent.click(within(controls).getByRole('button', { name: 'Back to the debrief' }));
    expect(back).toHaveBeenCalledOnce();
    expect(getByRole(root, 'log', { name: 'Captions' }).getAttribute('aria-live')).toBe('polite');
    expect(getByRole(root, 'region', { name: /^Replay: / })).toBeTruthy();
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('plays, pauses and changes speed by buttons and by keys', () => {
    const { root, frames, replay, key } = showReplay();
    fireEvent.click(getByRole(root, 'button', { name: /^Play/ }));
    expect(replay.status.playing).toBe(true);
    expect(getByRole(root, 'button', { name: /^Pause/ })).toBeTruthy();
    frames.run(1_000);
    expect(key(' ')).toBe(true);
    expect(replay.status.playing).toBe(false);
    expect(key('k')).toBe(true);
    expect(replay.status.playing).toBe(true);
    expect(key('4')).toBe(true);
    expect(replay.status.speed).toBe(4);
    expect(getByLabelText<HTMLSelectElement>(root, 'Speed').value).toBe('4');
    expect(key('1')).toBe(true);
    expect(replay.status.speed).toBe(0.5);
    fireEvent.change(getByLabelText(root, 'Speed'), { target: { value: '2' } });
    expect(replay.status.speed).toBe(2);
    // Space on a focused button is the button's, not a second toggle.
    expect(key(' ', getByRole(root, 'button', { name: /^Pause/ }))).toBe(false);
    expect(key('x')).toBe(false);
  });

  it('jumps between decisions by keys and names the decision taken there', () => {
    const { root, replay, key } = showReplay();
    const first = replay.cursor.decisionPoints[0];
    expect(key('l')).toBe(true);
    expect(replay.status.time).toBe(first?.t);
    const decision = root.querySelector('.replay-decision')?.textContent ?? '';
    expect(decision).toContain('Decision open:');
    expect(decision).toContain('you chose:');
    expect(root.querySelector('.scene-clock')?.textContent).toMatch(/^0:05\.0 of /);
    expect(key(']')).toBe(true);
    expect(replay.status.time).toBeGreaterThan(first?.t ?? 0);
    expect(key('j')).toBe(true);
    expect(replay.status.time).toBe(first?.t);
    expect(key('[')).toBe(true);
    expect(replay.status.time).toBe(first?.t);
    expect(getByRole(root, 'button', { name: /^Previous decision/ })).toHaveProperty(
      'disabled',
      true,
    );
    expect(getByRole(root, 'button', { name: /^Next decision/ })).toHaveProperty('disabled', false);
  });

  it('seeks with the scrubber and shows the captions of that moment', () => {
    const { root, replay } = showReplay();
    const scrubber = getByRole<HTMLInputElement>(root, 'slider', { name: 'Scene time' });
    fireEvent.input(scrubber, { target: { value: '30' } });
    expect(replay.status.time).toBe(30);
    const captions = getByRole(root, 'log', { name: 'Captions' });
    expect(captions.children.length).toBeGreaterThan(0);
    expect(captions.children.length).toBeLessThanOrEqual(2);
    const last = replay.status.view.captions.at(-1);
    expect(captions.lastElementChild?.textContent).toContain(last?.text ?? '');
    expect(root.querySelectorAll('.replay-tick').length).toBe(replay.cursor.decisionPoints.length);
  });
});

describe('From the debrief to the replay and back', () => {
  it('replays the run just played on the stage, then returns to its debrief', async () => {
    const root = document.createElement('main');
    document.body.append(root);
    const records = createRecords({ locks: null });
    opened.push(records);
    const frames = new ManualFrames();
    const store = createAppStore();
    const scene = new FakeScene();
    const app = mountApp({
      root,
      catalog: {
        scenarios: [{ file: 'minimal.yaml', scenario: loadFixture('minimal.yaml') }],
        broken: [],
      },
      store,
      settings: memorySettings(),
      audio: new FakeAudio(),
      loadStage: () => Promise.resolve(scene),
      soundCaption: () => undefined,
      now: () => frames.now,
      frames,
      records,
    });
    mounted.push(app);
    fireEvent.click(await findByRole(root, 'button', { name: 'Brief me' }));
    fireEvent.click(getByRole(root, 'button', { name: 'Start' }));
    await findByRole(root, 'heading', { name: 'Stage 1: See the problem' });
    const controller = () => app.controller() ?? expect.unreachable('no encounter');
    frames.run(11_000);
    controller().signal(frames.now);
    for (const [decision, option] of [
      ['assess', 'required'],
      ['own-it', 'mine'],
      ['how', 'direct'],
      ['follow-through', 'stay'],
    ] as const) {
      frames.run(500);
      controller().choose(decision, option, frames.now);
    }
    frames.run(300_000);
    controller().submitReport(['knee'], frames.now);
    fireEvent.click(getByRole(root, 'button', { name: 'Open the debrief' }));
    await records.flush();
    const runs = await records.listRuns();

    fireEvent.click(getByRole(root, 'button', { name: 'Replay this run' }));
    expect(store.getState().screen.name).toBe('replay');
    expect(root.classList.contains('in-encounter')).toBe(true);
    const replay = app.replay() ?? expect.unreachable('no replay');
    expect(replay.status.playing).toBe(true);
    expect(scene.shown?.id).toBe('minimal');
    frames.run(1_000);
    expect(replay.status.time).toBeCloseTo(1, 1);
    // The app's keys reach the replay.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    expect(replay.status.playing).toBe(false);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', bubbles: true }));
    expect(replay.status.view.decision?.id).toBe('assess');

    fireEvent.click(getByRole(root, 'button', { name: 'Back to the debrief' }));
    expect(store.getState().screen).toEqual({
      name: 'debrief',
      scenarioId: 'minimal',
      from: 'end',
    });
    expect(app.replay()).toBeUndefined();
    expect(scene.paused).toBe(false);
    await records.flush();
    // Watching wrote nothing: the records hold the one run, as they did before.
    expect(await records.listRuns()).toEqual(runs);
  });
});
