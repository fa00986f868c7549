/**
 * What choosing an option (or letting a decision run out) means in a given decision window: the
 * option's own rating, reason, reference, next and goto, with the window's overrides applied.
 * The compiler, the validator and scoring all read consequences through here, so they agree.
 */
import type { Option, Rating, Target, Timeout, Window } from './schema.ts';

export interface Consequence {
  readonly rating: Rating;
  readonly reason: string;
  readonly reference: string;
  readonly next: string;
  /** Where the scene goes, or undefined when it carries on where it is. */
  readonly goto: Target | undefined;
}

export function consequenceIn(base: Option | Timeout, window: Window): Consequence {
  const override = base.inWindow?.[window];
  return {
    rating: override?.rating ?? base.rating,
    reason: override?.reason ?? base.reason,
    reference: override?.reference ?? base.reference,
    next: override?.next ?? base.next,
    // An override's goto of null keeps the scene where it is, even if the option moves it.
    goto: override?.goto === undefined ? base.goto : (override.goto ?? undefined),
  };
}

/** The windows in which an option behaves differently from its base (next or goto). */
export function windowsThatBranch(base: Option | Timeout): Window[] {
  return Object.entries(base.inWindow ?? {})
    .filter(([, override]) => override.next !== undefined || override.goto !== undefined)
    .map(([window]) => window as Window);
}
