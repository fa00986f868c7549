import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EncounterController,
  rebuildSession,
  type ControllerDeps,
  type ResumePoint,
} from '../../src/bridge/encounterController.ts';
import { EncounterSession, type RunLog } from '../../src/engine/index.ts';
import {
  createRecords,
  summarizeRun,
  type Records,
  type RunRecorder,
  type RunSummary,
} from '../../src/records/index.ts';
import { createAppStore } from '../../src/store/appStore.ts';
import { createSettingsStore } from '../../src/store/settingsStore.ts';
import { FakeAudio, FakeScene, ManualFrames } from '../helpers/fakes.ts';
import { playBestUntilRolled, TRAINEE } from '../helpers/recordsFixtures.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

function setup(options: { record?: ControllerDeps['record']; resumeFrom?: ResumePoint } = {}) {
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
  const compiled = compiledFixture('minimal.yaml');
  const controller = new EncounterController(
    compiled,
    {
      store,
      settings,
      audio,
      scene: () => scene,
      now: () => frames.now,
      frames,
      ...(options.record ? { record: options.record } : {}),
    },
    options.resumeFrom,
  );
  return { compiled, frames, store, settings, audio, scene, controller };
}

/** A recorder that notes every call, and the log it was started with. */
function spyRecorder() {
  const calls: Array<
    | { kind: 'start' | 'update'; log: RunLog }
    | { kind: 'finish'; log: RunLog; summary: RunSummary | undefined }
    | { kind: 'abandon' }
  > = [];
  const recorder: RunRecorder = {
    runId: 'r-spy',
    update: (log) => calls.push({ kind: 'update', log }),
    finish: (log, summary) => calls.push({ kind: 'finish', log, summary }),
    abandon: () => calls.push({ kind: 'abandon' }),
  };
  const record = (log: RunLog) => {
    calls.push({ kind: 'start', log });
    return recorder;
  };
  return { calls, record, kinds: () => calls.map((c) => c.kind) };
}

/** Plays the minimal scenario on its best path to the report and hands the report in. */
function playToTheEnd(frames: ManualFrames, controller: EncounterController): void {
  frames.run(11_000);
  controller.signal(frames.now);
  for (const [decision, option] of [
    ['assess', 'required'],
    ['own-it', 'mine'],
    ['how', 'direct'],
    ['follow-through', 'stay'],
  ] as const) {
    frames.run(500);
    controller.choose(decision, option, frames.now);
  }
  frames.run(300_000);
  controller.submitReport(['knee', 'breathing-said', 'rolled-fact'], frames.now);
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

describe('Recording the run', () => {
  it('starts the record with the run and passes on every change of the log as it happens', () => {
    const spy = spyRecorder();
    const { frames, controller } = setup({ record: spy.record });
    expect(spy.calls[0]).toEqual({ kind: 'start', log: controller.log });
    expect(controller.runId).toBe('r-spy');
    let changes = 0;
    let updates = 0;
    for (let step = 0; step < 30; step++) {
      const before = controller.log.entries.length;
      frames.run(500);
      if (step === 8) controller.signal(frames.now);
      if (controller.log.entries.length !== before) changes++;
      updates = spy.calls.filter((c) => c.kind === 'update').length;
      // Whatever the frame did, the record has the log as it stands.
      const last = spy.calls.findLast((c) => c.kind !== 'abandon');
      expect(last && 'log' in last ? last.log : undefined).toEqual(controller.log);
    }
    expect(changes).toBeGreaterThan(3);
    expect(updates).toBeGreaterThanOrEqual(changes);
  });

  it('finishes the record with the summary of the score shown', () => {
    const spy = spyRecorder();
    const { compiled, frames, controller, store } = setup({ record: spy.record });
    playToTheEnd(frames, controller);
    expect(store.getState().screen).toEqual({ name: 'end', scenarioId: 'minimal' });
    const finish = spy.calls.find((c) => c.kind === 'finish');
    expect(finish).toEqual({
      kind: 'finish',
      log: controller.log,
      summary: summarizeRun(compiled, controller.log),
    });
    expect(finish && 'summary' in finish ? finish.summary?.outcomeScore : undefined).toBe(
      store.getState().score?.outcome.points,
    );
    // Leaving the end screen does not turn a finished run into an abandoned one.
    controller.abandon();
    expect(spy.kinds()).not.toContain('abandon');
  });

  it('keeps the run as abandoned when the trainee leaves part way', () => {
    const spy = spyRecorder();
    const { frames, controller, store } = setup({ record: spy.record });
    frames.run(5_000);
    controller.abandon();
    expect(spy.kinds().at(-1)).toBe('abandon');
    expect(spy.kinds()).not.toContain('finish');
    expect(store.getState().encounter).toBeUndefined();
  });

  it('leaves the run in progress when only stopped, as a closed tab does', () => {
    const spy = spyRecorder();
    const { frames, controller } = setup({ record: spy.record });
    frames.run(5_000);
    controller.stop();
    expect(spy.kinds()).not.toContain('abandon');
    expect(spy.kinds()).not.toContain('finish');
  });
});

describe('Resuming a saved run', () => {
  const opened: Records[] = [];
  beforeEach(() => {
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((r) => r.close()));
    vi.unstubAllGlobals();
  });
  const tab = () => {
    const records = createRecords({ locks: null });
    opened.push(records);
    return records;
  };

  it('rebuilds a session that reaches the same state and log as the one that was played', () => {
    const compiled = compiledFixture('minimal.yaml');
    const played = new EncounterSession(compiled);
    playBestUntilRolled(played);
    played.advanceTo(16);
    const rebuilt = rebuildSession(compiled, played.log);
    expect(rebuilt.log).toEqual(played.log);
    expect(rebuilt.current.snapshot.value).toEqual(played.current.snapshot.value);
    expect(rebuilt.time).toBe(played.log.entries.at(-1)?.t);
  });

  it('goes on from where the saved log stopped, and records the run on to its finish', async () => {
    const first = tab();
    const before = setup({ record: (log) => first.startRun(TRAINEE.id, log) });
    before.frames.run(11_000);
    before.controller.signal(before.frames.now);
    before.frames.run(600);
    before.controller.choose('assess', 'required', before.frames.now);
    before.frames.run(400);
    const runId = before.controller.runId ?? '';
    await first.flush();
    // The tab goes away without a word: nothing stops or abandons the run.
    const saved = before.controller.log;
    const next = tab();
    const [waiting] = await next.unfinishedRuns();
    expect(waiting?.log).toEqual(saved);
    const resumed = await next.resumeRun(runId);
    if (!resumed) throw new Error('the run should be resumable');

    const after = setup({ resumeFrom: { log: resumed.record.log, recorder: resumed.recorder } });
    expect(after.controller.log).toEqual(saved);
    const lastT = saved.entries.at(-1)?.t ?? 0;
    const view = after.store.getState().encounter?.view;
    expect(after.store.getState().encounter?.time).toBe(lastT);
    expect(view?.stage).toBe('commit');
    expect(view?.decision?.id).toBe('own-it');
    // Nothing said before the reload is said again.
    expect(after.audio.spoken).toEqual([]);

    // The clock goes on from the saved moment, not from zero.
    after.frames.run(1_000);
    // The shown clock moves in tenths of a second.
    const shown = after.store.getState().encounter?.time ?? 0;
    expect(shown).toBeGreaterThan(lastT + 0.85);
    expect(shown).toBeLessThanOrEqual(lastT + 1);
    after.controller.choose('own-it', 'mine', after.frames.now);
    after.frames.run(500);
    after.controller.choose('how', 'direct', after.frames.now);
    after.frames.run(500);
    after.controller.choose('follow-through', 'stay', after.frames.now);
    after.frames.run(300_000);
    after.controller.submitReport(['knee', 'breathing-said', 'rolled-fact'], after.frames.now);
    expect(after.store.getState().screen.name).toBe('end');
    await next.flush();

    const run = await tab().getRun(runId);
    expect(run?.status).toBe('finished');
    expect(run?.log).toEqual(after.controller.log);
    expect(run?.log.entries.slice(0, saved.entries.length)).toEqual(saved.entries);
    expect(run?.summary).toEqual(summarizeRun(after.compiled, after.controller.log));
  });

  it('ends at once a resumed run whose saved log already reached the end', () => {
    const spy = spyRecorder();
    const { frames, controller } = setup({ record: spy.record });
    playToTheEnd(frames, controller);
    const ended = controller.log;
    const again = spyRecorder();
    const resumed = setup({ resumeFrom: { log: ended, recorder: again.record(ended) } });
    expect(resumed.store.getState().screen.name).toBe('menu');
    resumed.frames.run(20);
    expect(resumed.store.getState().screen).toEqual({ name: 'end', scenarioId: 'minimal' });
    expect(again.kinds()).toContain('finish');
  });
});
