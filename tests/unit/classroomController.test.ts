import { describe, expect, it } from 'vitest';
import { ClassroomController } from '../../src/bridge/classroom/classroomController.ts';
import {
  RunLogSchema,
  score,
  type ClassCommand,
  type ClassStatus,
  type RunLog,
} from '../../src/engine/index.ts';
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
  const compiled = compiledFixture('minimal.yaml');
  const debriefs: RunLog[] = [];
  const room = new ClassroomController(compiled, {
    store,
    settings,
    audio,
    scene: () => scene,
    now: () => frames.now,
    frames,
    showDebrief: (log) => debriefs.push(log),
  });
  const statuses: ClassStatus[] = [];
  room.subscribe((status) => statuses.push(status));
  const send = (...commands: ClassCommand[]) => {
    for (const command of commands) room.command(command);
  };
  /** Plays real time (ms) at the scene's own speed. */
  const wait = (ms: number) => frames.run(ms);
  return { room, frames, store, scene, compiled, debriefs, statuses, send, wait };
}

describe('A class run', () => {
  it('plays the scene and freezes at the first decision, with its discussion and its options lettered', () => {
    const { room, send, wait, scene } = setup();
    wait(3_000);
    expect(room.status.phase).toBe('running');
    expect(room.status.time).toBeCloseTo(3, 1);
    send({ type: 'signal' });
    const { status } = room;
    expect(status.frozen).toBe(true);
    expect(status.paused).toBe(true);
    expect(status.decision?.prompt).toBe('Is action required?');
    expect(scene.settings?.highContrast).toBe(true);
    expect(status.decision?.options.map((o) => [o.letter, o.rating])).toEqual([
      ['A', 'best'],
      ['B', 'poor'],
    ]);
    // Frozen means the clock stands: the decision's own countdown does not run out.
    wait(30_000);
    expect(room.status.time).toBeCloseTo(3, 1);
    expect(room.status.decision?.id).toBe('assess');
  });

  it('plays the option with the most hands, not any other, and keeps the tally in the log', () => {
    const { room, send, wait } = setup();
    wait(2_000);
    send(
      { type: 'signal' },
      { type: 'hands', option: 'required', hands: 4 },
      { type: 'adjust', option: 'fine', delta: 1 },
      { type: 'adjust', option: 'fine', delta: 1 },
    );
    expect(room.status.voteSummary).toBe('A 4, B 2. A has the most hands and will play.');
    send({ type: 'play-vote' });
    // The next decision opens at once and freezes in its turn.
    expect(room.status.decision?.id).toBe('own-it');
    expect(room.status.tally).toEqual({});
    const log = room.current.log;
    expect(log.classroom?.votes).toEqual([
      {
        decision: 'assess',
        t: 2,
        entry: expect.any(Number) as number,
        tally: { required: 4, fine: 2 },
        option: 'required',
      },
    ]);
    const vote = log.classroom?.votes[0];
    expect(log.entries[vote?.entry ?? -1]?.event).toEqual({
      type: 'decision.select',
      decision: 'assess',
      option: 'required',
    });
    expect(RunLogSchema.safeParse(log).success).toBe(true);
    expect(room.status.votes).toEqual([
      {
        prompt: 'Is action required?',
        summary: 'A 4, B 2. A has the most hands and will play.',
      },
    ]);
  });

  it('goes with the room even when the room picks the poor option', () => {
    const { room, send, wait } = setup();
    wait(2_000);
    send(
      { type: 'signal' },
      { type: 'hands', option: 'fine', hands: 9 },
      { type: 'hands', option: 'required', hands: 3 },
    );
    send({ type: 'play-vote' });
    expect(room.current.log.entries.at(-1)?.event).toEqual({
      type: 'decision.select',
      decision: 'assess',
      option: 'fine',
    });
    expect(room.status.decision).toBeUndefined();
    expect(room.status.frozen).toBe(false);
  });

  it('plays nothing on a tie or with no hands, and says why', () => {
    const { room, send, wait } = setup();
    wait(1_000);
    send({ type: 'signal' }, { type: 'play-vote' });
    expect(room.status.notice).toMatch(/Count the hands first/);
    send(
      { type: 'hands', option: 'required', hands: 5 },
      { type: 'hands', option: 'fine', hands: 5 },
    );
    expect(room.status.tiedBetween).toEqual(['required', 'fine']);
    send({ type: 'play-vote' });
    expect(room.status.notice).toBe('A tie between A and B: ask the room again between those.');
    expect(room.status.decision?.id).toBe('assess');
    expect(room.current.log.entries.some((e) => e.event.type === 'decision.select')).toBe(false);
  });

  it('plays on with no answer on Page Down when no hands were counted, so the decision can run out', () => {
    const { room, send, wait } = setup();
    wait(1_000);
    send({ type: 'signal' }, { type: 'advance' });
    expect(room.status.frozen).toBe(false);
    expect(room.status.notice).toMatch(/Playing on with no answer/);
    wait(10_500);
    expect(room.current.log.entries.some((e) => e.event.type === 'decision.timeout')).toBe(true);
  });

  it('goes back to an earlier decision, keeps the votes before it, and takes another branch', () => {
    const { room, send, wait, store, scene } = setup();
    wait(2_000);
    send(
      { type: 'signal' },
      { type: 'hands', option: 'required', hands: 8 },
      { type: 'play-vote' },
    );
    send({ type: 'hands', option: 'mine', hands: 8 }, { type: 'play-vote' });
    send({ type: 'hands', option: 'direct', hands: 8 }, { type: 'play-vote' });
    // The roll: the scene goes to "rolled", then asks the follow-through.
    expect(store.getState().encounter?.view.segment).toBe('rolled');
    const points = room.status.rewindPoints;
    expect(points.map((p) => p.prompt)).toEqual([
      'Is action required?',
      'Whose job is it?',
      'How do you intervene?',
      'Lee grumbles. What now?',
    ]);
    expect(points[2]?.answer).toBe('A: "Sarge, he is cuffed. Let us roll him now."');

    expect(scene.panelShare).toBeGreaterThan(0.5);
    send({ type: 'rewind', index: 1 });
    expect(scene.panelShare).toBeGreaterThan(0.5);
    expect(room.status.decision?.id).toBe('own-it');
    expect(room.status.frozen).toBe(true);
    expect(room.status.time).toBe(2);
    expect(room.current.log.classroom?.votes.map((v) => v.decision)).toEqual(['assess']);
    expect(room.status.branchesTried).toEqual([
      'Went back to "Whose job is it?" after 2 s of scene.',
    ]);
    // This time the room defers to the sergeant: the scene plays on to its worst end.
    send({ type: 'hands', option: 'sarge', hands: 6 }, { type: 'play-vote' });
    wait(70_000);
    expect(room.status.phase).toBe('ended');
    expect(room.status.outcome?.title).toBe('He dies');
    const log = room.current.log;
    expect(score(room.compiled, log).outcome.points).toBeLessThan(50);
    expect(log.classroom?.votes.map((v) => [v.decision, v.option])).toEqual([
      ['assess', 'required'],
      ['own-it', 'sarge'],
    ]);
  });

  it('goes back from the end, naming the outcome it left', () => {
    const { room, send, wait } = setup();
    wait(1_000);
    send({ type: 'advance' }); // pause
    expect(room.status.paused).toBe(true);
    send({ type: 'advance' }); // resume
    send({ type: 'signal' }, { type: 'advance' }); // frozen, then on with no answer
    wait(80_000);
    expect(room.status.phase).toBe('ended');
    expect(room.status.outcome?.title).toBe('He dies');
    send({ type: 'rewind' });
    expect(room.status.phase).toBe('running');
    expect(room.status.decision?.id).toBe('assess');
    expect(room.status.branchesTried).toEqual([
      'Went back to "Is action required?" from the outcome "He dies".',
    ]);
  });

  it('holds after the next thing the scene does when stepping', () => {
    const { room, send, wait } = setup();
    wait(500);
    send({ type: 'pause' }, { type: 'step' });
    wait(15_000);
    // The next beat is "I can't breathe" at 10 s; the scene holds right after it.
    expect(room.status.paused).toBe(true);
    expect(room.status.time).toBeGreaterThanOrEqual(10);
    expect(room.status.time).toBeLessThan(10.2);
  });

  it('blanks and unblanks the projector, holding the scene while blank', () => {
    const { room, send, wait } = setup();
    wait(1_000);
    send({ type: 'blank' });
    expect(room.status.blank).toBe(true);
    wait(5_000);
    expect(room.status.time).toBeCloseTo(1, 1);
    send({ type: 'blank' });
    wait(1_000);
    expect(room.status.blank).toBe(false);
    expect(room.status.time).toBeCloseTo(2, 1);
  });

  it('reveals the cues so far on the stage, outlined in hint mode, and hides them again', () => {
    const { room, send, wait, scene } = setup();
    wait(11_000);
    send({ type: 'reveal' });
    expect(room.status.revealed).toBe(true);
    expect(room.status.cuesSoFar.map((c) => c.level)).toEqual(['early', 'warning']);
    const drawn = scene.views.at(-1);
    expect(scene.settings?.hintMode).toBe(true);
    expect(drawn?.figures.find((f) => f.id === 'man')?.cue).toBe('warning');
    expect(drawn?.figures.find((f) => f.id === 'lee')?.cue).toBe('early');
    send({ type: 'reveal' });
    expect(scene.settings?.hintMode).toBe(false);
    // High contrast for the projector, revealed or not.
    expect(scene.settings?.highContrast).toBe(true);
  });

  it('forecasts the cues still to come in the part now playing', () => {
    const { room, wait } = setup();
    wait(1_000);
    expect(room.status.comingCues.map((c) => [c.t, c.level])).toEqual([
      [10, 'warning'],
      [45, 'critical'],
    ]);
  });

  it('does not freeze when the instructor turns freezing off', () => {
    const { room, send, wait } = setup();
    wait(1_000);
    send({ type: 'freeze-at-decisions', on: false }, { type: 'signal' });
    expect(room.status.frozen).toBe(false);
    expect(room.status.paused).toBe(false);
  });

  it('opens the debrief only once the scene has ended', () => {
    const { room, send, wait, debriefs } = setup();
    send({ type: 'debrief' });
    expect(debriefs).toEqual([]);
    expect(room.status.notice).toMatch(/once the scene has ended/);
    wait(80_000);
    send({ type: 'advance' });
    expect(debriefs).toHaveLength(1);
    expect(room.status.phase).toBe('debrief');
  });

  it('tells its listeners about ten times a second while the scene runs', () => {
    const { wait, statuses } = setup();
    wait(2_000);
    expect(statuses.length).toBeGreaterThan(15);
    expect(statuses.length).toBeLessThan(30);
  });
});
