import { describe, expect, it } from 'vitest';
import { EncounterController } from '../../src/bridge/encounterController.ts';
import { createAppStore } from '../../src/store/appStore.ts';
import { createSettingsStore } from '../../src/store/settingsStore.ts';
import { FakeAudio, FakeScene, ManualFrames } from '../helpers/fakes.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

function setup() {
  const frames = new ManualFrames();
  const store = createAppStore();
  const storage = new Map<string, string>();
  const settings = createSettingsStore({
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
  });
  const audio = new FakeAudio();
  const scene = new FakeScene();
  const controller = new EncounterController(compiledFixture('minimal.yaml'), {
    store,
    settings,
    audio,
    scene: () => scene,
    now: () => frames.now,
    frames,
  });
  return { frames, store, settings, audio, scene, controller };
}

describe('The encounter controller', () => {
  it('advances the scene with the game loop and writes the view to the store', () => {
    const { frames, store, scene } = setup();
    expect(scene.shown?.id).toBe('minimal');
    frames.run(10_500);
    const encounter = store.getState().encounter;
    expect(encounter?.view.captions.map((c) => c.text)).toContain("I can't breathe.");
    expect(encounter?.time).toBeGreaterThanOrEqual(10.4);
    expect(scene.views.at(-1)?.captions.length).toBe(encounter?.view.captions.length);
  });

  it("times input by the event's own timestamp, not by the frame that handles it", () => {
    const { frames, controller, store } = setup();
    frames.run(5_000);
    // A key pressed at 3.25 s on the page clock, handled now.
    expect(controller.signal(3_250)).toBe(true);
    expect(controller.log.entries.find((e) => e.event.type === 'trainee.signal')?.t).toBe(3.25);
    expect(store.getState().encounter?.view.stage).toBe('determine');
  });

  it('stops the scenario clock while paused, and ignores input then', () => {
    const { frames, controller, store, scene, audio } = setup();
    frames.run(2_000);
    controller.pause('pause', frames.now);
    expect(store.getState().encounter?.paused).toBe(true);
    expect(scene.paused && audio.paused).toBe(true);
    frames.run(30_000);
    expect(controller.signal(frames.now)).toBe(false);
    controller.resume('pause', frames.now);
    frames.run(1_000);
    expect(store.getState().encounter?.time).toBeCloseTo(3, 1);
  });

  it('plays the interface sounds and ends on the end screen with the score', () => {
    const { frames, controller, store, audio } = setup();
    frames.run(1_000);
    controller.signal(frames.now);
    expect(audio.played).toContain('ui:signal');
    expect(audio.played).toContain('ui:decision-open');
    frames.run(300_000);
    expect(store.getState().encounter?.view.report).toBeDefined();
    controller.submitReport(['knee'], frames.now);
    expect(store.getState().screen).toEqual({ name: 'end', scenarioId: 'minimal' });
    expect(store.getState().score?.outcome.points).toBe(0);
    expect(audio.played).toContain('ui:end');
  });

  it('passes layout anchors from the scene to the overlay', () => {
    const { scene, store } = setup();
    scene.emitLayout([{ id: 'lee', x: 0.5, y: 0.4 }]);
    expect(store.getState().encounter?.anchors).toEqual([{ id: 'lee', x: 0.5, y: 0.4 }]);
  });

  it('cleans up when stopped', () => {
    const { controller, store, scene, audio } = setup();
    controller.stop();
    expect(store.getState().encounter).toBeUndefined();
    expect(scene.cleared).toBe(1);
    expect(audio.played).toContain('stop');
  });
});
