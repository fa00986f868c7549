/** Classroom mode: the room's votes, going back to a decision, and what the instructor sees. */
export * from './vote.ts';
export * from './cues.ts';
export * from './rewind.ts';
export * from './status.ts';
