import { describe, expect, it } from 'vitest';
import { ScenarioClock } from '../../src/engine/index.ts';

describe('The scenario clock', () => {
  it('counts seconds from the start of the encounter', () => {
    const clock = new ScenarioClock(1_000);
    expect(clock.at(1_000)).toBe(0);
    expect(clock.at(3_500)).toBe(2.5);
  });

  it('stands still while paused and carries on from there on resume', () => {
    const clock = new ScenarioClock(0);
    clock.pause('pause', 4_000);
    expect(clock.paused).toBe(true);
    expect(clock.at(9_000)).toBe(4);
    clock.resume('pause', 10_000);
    expect(clock.at(11_000)).toBe(5);
  });

  it('runs only when every reason holding it has been released', () => {
    const clock = new ScenarioClock(0);
    clock.pause('freeze', 1_000);
    clock.pause('hidden', 2_000);
    clock.resume('hidden', 3_000);
    expect(clock.paused).toBe(true);
    expect(clock.at(5_000)).toBe(1);
    clock.resume('freeze', 6_000);
    expect(clock.at(7_000)).toBe(2);
  });

  it('places a timestamp from before a pause at the moment it happened', () => {
    const clock = new ScenarioClock(0);
    clock.pause('pause', 5_000);
    clock.resume('pause', 20_000);
    // An input event stamped 4.2 s into the run, handled after the pause, keeps its time.
    expect(clock.at(4_200)).toBe(4.2);
    // A timestamp inside the pause maps to the moment the pause began.
    expect(clock.at(12_000)).toBe(5);
    expect(clock.at(21_000)).toBe(6);
  });

  it('ignores a resume for a reason that was not holding it', () => {
    const clock = new ScenarioClock(0);
    clock.resume('pause', 1_000);
    expect(clock.paused).toBe(false);
    expect(clock.at(2_000)).toBe(2);
  });

  it('runs faster at a higher rate, for tests and fast-forward', () => {
    const clock = new ScenarioClock(0, 10);
    expect(clock.at(1_500)).toBe(15);
    clock.pause('pause', 2_000);
    clock.resume('pause', 9_000);
    expect(clock.at(10_000)).toBe(30);
  });
});
