/**
 * Every weight, band and curve that turns a run into a grade, in one place. docs/scoring.md
 * explains each of them for instructors; change both together (a test checks the figures in the
 * doc match these).
 */
import type { Outcome, Rating, Window } from '../scenario/schema.ts';

export const SCORING = {
  /** Credit for an option's rating at the moment it was chosen. */
  ratingCredit: { best: 1, acceptable: 0.6, poor: 0.25, harmful: 0 } satisfies Record<
    Rating,
    number
  >,

  /** Outcome score: harm prevented. Points for each part, out of 100. */
  outcome: { outcomeReached: 60, interventionTiming: 40 },

  /** Credit for the harm that remains at the end. */
  severityCredit: {
    none: 1,
    minor: 0.8,
    moderate: 0.55,
    serious: 0.3,
    grave: 0.1,
    fatal: 0,
  } satisfies Record<Outcome['severity'], number>,

  /**
   * Process score: the quality of each stage. Points out of 100, after the domain brief's
   * suggested weights (recognise 20, decide 15, commit 15, choose D 15 + act 20 shared between
   * the D's wording, its fit and the follow-through, report 15).
   */
  process: {
    recognition: 20,
    determine: 15,
    commit: 15,
    choose: 10,
    styleFit: 10,
    act: 15,
    report: 15,
  },

  /** Share of the timing credit for stepping in when the attempt did not stop the harm. */
  attemptWithoutEffect: 0.5,

  /**
   * Process weights in lawful-force scenarios. There is no D to choose, so stage 4's points go
   * to stage 5, where the support tasks (cover, cuff on cue, check breathing) are the job.
   */
  lawfulProcess: {
    recognition: 20,
    determine: 15,
    commit: 15,
    choose: 0,
    styleFit: 0,
    act: 35,
    report: 15,
  },

  /** Share of the report points for accuracy; the rest is for resisting pressure (when there is any). */
  reportAccuracyShare: 2 / 3,

  /** Points taken off the process score. */
  deductions: { perFalseAlarm: 5, falseAlarmCap: 10, overIntervention: 25 },

  /**
   * Timing credit for intervening, from the start to the end of each window. Within a window the
   * credit eases from one figure to the next (smoothstep), so there is no cliff at a boundary.
   */
  windowCredit: {
    green: [1, 1],
    amber: [1, 0.6],
    red: [0.6, 0.25],
    late: [0.25, 0.05],
  } satisfies Record<Exclude<Window, 'clear'>, readonly [number, number]>,

  /** Seconds over which the credit eases in the late window, which has no planned end. */
  lateWindowSpan: 60,

  /** Bands for both scores, highest first. */
  bands: [
    { min: 85, label: 'Proficient' },
    { min: 65, label: 'Developing' },
    { min: 0, label: 'Needs practice' },
  ],
} as const;

/** Recognition credit halves at the scenario's half-time: 1 / (1 + (t / halfTime)^2). */
export function recognitionCredit(recognitionTime: number, halfTime: number): number {
  const x = Math.max(0, recognitionTime) / halfTime;
  return 1 / (1 + x * x);
}

/** Timing credit at `fraction` (0 to 1) of the way through `window`. */
export function windowCredit(window: Window, fraction: number): number {
  if (window === 'clear') return 0;
  const [from, to] = SCORING.windowCredit[window];
  const x = Math.min(1, Math.max(0, fraction));
  const eased = x * x * (3 - 2 * x);
  return from + (to - from) * eased;
}

export function band(points: number): string {
  return SCORING.bands.find((b) => points >= b.min)?.label ?? 'Needs practice';
}
