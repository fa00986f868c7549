import { describe, expect, it } from 'vitest';
import {
  IDLE_HOLD,
  ReplayController,
  type ReplayStatus,
} from '../../src/bridge/replayController.ts';
import { replayCursor, serializeRunLog } from '../../src/engine/index.ts';
import { createSettingsStore } from '../../src/store/settingsStore.ts';
import { EncounterDriver } from '../helpers/EncounterDriver.ts';
import { FakeAudio, FakeScene, ManualFrames } from '../helpers/fakes.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

/** The best path of the minimal fixture, finished, as the log a debrief keeps. */
function finishedRun(reportAt?: number) {
  const run = EncounterDriver.start(compiledFixture('minimal.yaml'))
    .signal(5)
    .choose('assess', 'required', 6)
    .choose('own-it', 'mine', 7)
    .choose('how', 'direct', 8)
    .finish([], reportAt);
  return { compiled: run.compiled, log: run.session.log };
}

function setup(reportAt?: number) {
  const { compiled, log } = finishedRun(reportAt);
  const frames = new ManualFrames();
  const scene = new FakeScene();
  const audio = new FakeAudio();
  const storage = new Map<string, string>();
  const settings = createSettingsStore({
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
  });
  const saved = serializeRunLog(log);
  const replay = new ReplayController(compiled, log, {
    settings,
    scene: () => scene,
    now: () => frames.now,
    frames,
  });
  const statuses: ReplayStatus[] = [];
  replay.subscribe((status) => statuses.push(status));
  const cursor = replayCursor(compiled, log);
  return { compiled, log, saved, frames, scene, audio, replay, statuses, cursor };
}

describe('The replay controller', () => {
  it('sets the stage and shows the first moment, paused, until told to play', () => {
    const { scene, replay, frames, compiled, cursor } = setup();
    expect(scene.shown).toBe(compiled.scenario);
    expect(scene.views.at(-1)).toEqual(cursor.viewAt(0));
    // The stage lifts so that people stand above the control bar.
    expect(scene.bottomInset).toBeGreaterThan(0.2);
    frames.run(2_000);
    expect(replay.status.time).toBe(0);
    expect(replay.status.playing).toBe(false);
  });

  it.each([0.5, 1, 2, 4] as const)('plays at %sx', (speed) => {
    const { replay, frames } = setup();
    replay.setSpeed(speed);
    replay.play();
    frames.run(2_000);
    expect(replay.status.time).toBeCloseTo(2 * speed, 1);
    expect(replay.status.speed).toBe(speed);
  });

  it('keeps the time played when the speed changes mid-way', () => {
    const { replay, frames } = setup();
    replay.play();
    frames.run(1_000);
    replay.setSpeed(4);
    frames.run(1_000);
    expect(replay.status.time).toBeCloseTo(5, 1);
  });

  it('holds still while paused, and holds the stage too', () => {
    const { replay, frames, scene } = setup();
    replay.play();
    frames.run(3_000);
    replay.pause();
    const held = replay.status.time;
    const drawn = scene.views.length;
    frames.run(5_000);
    expect(replay.status.time).toBe(held);
    expect(scene.views.length).toBe(drawn);
    expect(scene.paused).toBe(true);
    replay.toggle();
    expect(scene.paused).toBe(false);
    frames.run(1_000);
    expect(replay.status.time).toBeCloseTo(held + 1, 1);
  });

  it('draws the view of the moment played to, as the cursor has it', () => {
    const { replay, frames, scene, cursor } = setup();
    replay.setSpeed(4);
    replay.play();
    frames.run(3_000);
    const expected = cursor.viewAt(replay.status.time);
    const drawn = scene.views.at(-1);
    expect(replay.status.time).toBeCloseTo(12, 1);
    expect(drawn?.captions).toEqual(expected.captions);
    expect(drawn?.stage).toBe(expected.stage);
    expect(drawn?.decision).toEqual(expected.decision);
    expect(drawn?.figures.map((f) => f.action)).toEqual(expected.figures.map((f) => f.action));
  });

  it('seeks backwards and forwards to the view of that time, setting the stage afresh', () => {
    const { replay, scene, cursor } = setup();
    for (const t of [9, 2, 30, 6.5, 0]) {
      const shows = scene.shown;
      scene.shown = undefined;
      replay.seek(t);
      expect(scene.shown).toBe(shows);
      expect(replay.status.time).toBe(t);
      expect(scene.views.at(-1)).toEqual(cursor.viewAt(t));
      expect(replay.status.view).toEqual(cursor.viewAt(t));
    }
    replay.seek(10_000);
    expect(replay.status.time).toBe(cursor.duration);
    replay.seek(-5);
    expect(replay.status.time).toBe(0);
  });

  it('jumps to the next and previous decision point', () => {
    const { replay, scene, cursor } = setup();
    const points = cursor.decisionPoints;
    const times = [...new Set(points.map((p) => p.t))];
    for (const t of times) {
      const point = replay.nextDecision();
      expect(point?.t).toBe(t);
      expect(replay.status.time).toBe(t);
      expect(scene.views.at(-1)).toEqual(cursor.viewAt(t));
    }
    expect(replay.nextDecision()).toBeUndefined();
    for (const t of times.slice(0, -1).reverse()) {
      expect(replay.previousDecision()?.t).toBe(t);
      expect(scene.views.at(-1)?.decision).toEqual(cursor.viewAt(t).decision);
    }
    expect(replay.previousDecision()).toBeUndefined();
    // At the first decision the view shows it open.
    expect(replay.status.view.decision?.id).toBe('assess');
  });

  it('stops at the end of the run, and plays from the start again', () => {
    const { replay, frames, cursor } = setup();
    replay.setSpeed(4);
    replay.play();
    frames.run(cursor.duration * 1000);
    expect(replay.status.time).toBe(cursor.duration);
    expect(replay.status.playing).toBe(false);
    expect(replay.status.view.finished).toBe(true);
    replay.play();
    expect(replay.status.time).toBe(0);
    frames.run(1_000);
    expect(replay.status.time).toBeCloseTo(4, 1);
  });

  it('shortens the waits after the scene is over, but never the scene itself', () => {
    const { replay, frames, cursor, statuses } = setup(200);
    const after = cursor.entries.filter(
      (e) => e.t >= cursor.entries.find((x) => x.event.type === 'scene.end')!.t,
    );
    // The scene ends at 23; the report question lapses at 53; the report goes in at 200.
    expect(after.map((e) => e.t)).toEqual([23, 53, 200]);
    // Before the end, the scene plays in full even where nothing is logged.
    replay.seek(9);
    replay.play();
    frames.run(3_000);
    expect(replay.status.time).toBeCloseTo(12, 1);
    // After it, 177 s of waiting plays as two holds on each side of the two gaps.
    replay.seek(23);
    replay.play();
    frames.run((4 * IDLE_HOLD + 0.5) * 1000);
    expect(replay.status.time).toBe(200);
    const times = statuses.map((s) => s.time).filter((t) => t > 23);
    const inGap = (t: number) =>
      (t > 23 + IDLE_HOLD + 0.1 && t < 53 - IDLE_HOLD) ||
      (t > 53 + IDLE_HOLD + 0.1 && t < 200 - IDLE_HOLD);
    expect(times.filter(inGap)).toEqual([]);
    // Each gap's last moments are shown, so the viewer sees the answer come.
    expect(times.some((t) => t >= 53 - IDLE_HOLD && t < 53)).toBe(true);
    expect(times.some((t) => t >= 200 - IDLE_HOLD && t < 200)).toBe(true);
  });

  it('records nothing, changes nothing of the run and makes no sound', () => {
    const { replay, frames, saved, log, audio, scene } = setup();
    replay.setSpeed(4);
    replay.play();
    frames.run(10_000);
    replay.seek(3);
    replay.nextDecision();
    replay.stop();
    expect(serializeRunLog(log)).toBe(saved);
    expect(audio.played).toEqual([]);
    expect(audio.spoken).toEqual([]);
    expect(scene.cleared).toBe(1);
    expect(scene.paused).toBe(false);
    expect(scene.bottomInset).toBe(0);
    const drawn = scene.views.length;
    frames.run(2_000);
    replay.play();
    frames.run(2_000);
    expect(scene.views.length).toBe(drawn);
  });

  it('tells its listeners a few times a second, not every frame', () => {
    const { replay, frames, statuses } = setup();
    replay.play();
    frames.run(1_000);
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.length).toBeLessThan(30);
    expect(statuses.at(-1)?.playing).toBe(true);
  });
});
