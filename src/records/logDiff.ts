/**
 * What changed in a run log since it was last saved. The session usually appends, but an input
 * that arrives after the clock has passed its timestamp is put back in its place and the rest of
 * the log is recomputed (EncounterSession.insertLate): then the tail from that point is rewritten.
 * Pure and linear in the length of the log, which is a few hundred entries at most.
 */
import type { LogEntry } from '../engine/index.ts';

export interface LogChange {
  /** Index of the first entry to write. */
  readonly from: number;
  /** Saved entries from `from` on are no longer in the log and must go. */
  readonly truncate: boolean;
}

/** Pure: the change from `saved` to `next`, or undefined when they are the same. */
export function diffLog(
  saved: readonly LogEntry[],
  next: readonly LogEntry[],
): LogChange | undefined {
  const shared = Math.min(saved.length, next.length);
  let from = 0;
  while (from < shared && sameEntry(saved[from], next[from])) from++;
  if (from === saved.length && from === next.length) return undefined;
  return { from, truncate: from < saved.length };
}

/** Pure: both changes as one, for writes that queued up while the database was busy. */
export function mergeChanges(a: LogChange | undefined, b: LogChange): LogChange {
  if (!a) return b;
  return { from: Math.min(a.from, b.from), truncate: a.truncate || b.truncate };
}

function sameEntry(a: LogEntry | undefined, b: LogEntry | undefined): boolean {
  // Recomputed entries are new objects with the same content: compare by value when not by reference.
  if (a === b) return true;
  if (!a || !b || a.t !== b.t) return false;
  return JSON.stringify(a.event) === JSON.stringify(b.event);
}
