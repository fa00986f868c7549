/**
 * Ranks in order of authority, lowest first. The trainee's rank relative to each officer changes
 * what good words sound like (SEED-IACP: intervening with a superior). Kept apart from the schema
 * so that the menu can use it without loading the validator.
 */
export const RANKS = [
  'recruit',
  'probationary-officer',
  'officer',
  'senior-officer',
  'corporal',
  'sergeant',
  'lieutenant',
  'captain',
] as const;
export type Rank = (typeof RANKS)[number];

/** Positive when `rank` outranks `other`, negative when junior, 0 when equal. */
export function rankGap(rank: Rank, other: Rank): number {
  return RANKS.indexOf(rank) - RANKS.indexOf(other);
}
