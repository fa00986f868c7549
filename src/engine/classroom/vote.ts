/**
 * A class's show of hands at a decision. The instructor counts the hands and enters them; the
 * option with the most hands is the one that plays, never one the instructor picks, so that the
 * scenario goes where the room sent it. A tie is not broken by anyone's preference: the tied
 * options are put to the room again.
 */
import type { Decision } from '../scenario/schema.ts';

/** Hands per option id. */
export type Tally = Readonly<Record<string, number>>;

/** The letter an option carries on the projector: A for the first, B for the second. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

export type VoteResult =
  | { readonly kind: 'chosen'; readonly option: string; readonly hands: number }
  | { readonly kind: 'tie'; readonly options: readonly string[]; readonly hands: number }
  | { readonly kind: 'empty' };

/** Pure: what the room's hands decide at `decision`. Hands for unknown options are ignored. */
export function voteResult(decision: Decision, tally: Tally): VoteResult {
  let most = 0;
  let leaders: string[] = [];
  for (const option of decision.options) {
    const hands = handsFor(tally, option.id);
    if (hands === 0 || hands < most) continue;
    if (hands > most) {
      most = hands;
      leaders = [option.id];
    } else leaders.push(option.id);
  }
  if (leaders.length === 0) return { kind: 'empty' };
  if (leaders.length > 1) return { kind: 'tie', options: leaders, hands: most };
  return { kind: 'chosen', option: leaders[0] as string, hands: most };
}

/** Pure: the tally with `option`'s hands changed by `delta`, never below 0. */
export function adjustTally(tally: Tally, option: string, delta: number): Tally {
  return setHands(tally, option, handsFor(tally, option) + delta);
}

/** Pure: the tally with `option`'s hands set to `hands` (a whole number, at least 0). */
export function setHands(tally: Tally, option: string, hands: number): Tally {
  const whole = Number.isFinite(hands) ? Math.max(0, Math.round(hands)) : 0;
  const next: Record<string, number> = { ...tally };
  if (whole === 0) delete next[option];
  else next[option] = whole;
  return next;
}

export function handsFor(tally: Tally, option: string): number {
  const hands = tally[option];
  return hands !== undefined && Number.isFinite(hands) && hands > 0 ? Math.round(hands) : 0;
}

/** Pure: every hand in the tally for `decision`'s options. */
export function totalHands(decision: Decision, tally: Tally): number {
  return decision.options.reduce((sum, option) => sum + handsFor(tally, option.id), 0);
}

/** Pure: the sentence the room hears about its vote, with options named by their letters. */
export function describeVote(decision: Decision, tally: Tally): string {
  const result = voteResult(decision, tally);
  const letterOf = (id: string) =>
    optionLetter(decision.options.findIndex((option) => option.id === id));
  if (result.kind === 'empty') return 'No hands counted yet.';
  const counts = decision.options
    .map((option, i) => `${optionLetter(i)} ${handsFor(tally, option.id)}`)
    .join(', ');
  if (result.kind === 'tie') {
    const tied = result.options.map(letterOf).join(' and ');
    return `${counts}. A tie between ${tied}: ask the room again between those.`;
  }
  return `${counts}. ${letterOf(result.option)} has the most hands and will play.`;
}
