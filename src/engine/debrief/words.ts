/**
 * The small vocabulary the debrief reads aloud: stage names, window meanings, how times and quoted
 * text are written. Kept in one place so the timeline and the branch map say things the same way
 * as the score does ("12.4 s", option text quoted without its final full stop).
 */
import type { TraineeStage } from '../encounter/compileScenario.ts';
import type { Beat, CastMember, DecisionStage, Outcome, Window } from '../scenario/schema.ts';
import { WINDOWS } from '../scenario/schema.ts';
import { speakerLabel } from '../view/encounterView.ts';

/** The five stages are numbered in the training model; the states around them are not. */
export type StageNumber = 1 | 2 | 3 | 4 | 5;

export const STAGE_NAMES: Readonly<
  Record<TraineeStage, { readonly number: StageNumber | undefined; readonly name: string }>
> = {
  see: { number: 1, name: 'See' },
  determine: { number: 2, name: 'Determine' },
  commit: { number: 3, name: 'Take responsibility' },
  choose: { number: 4, name: 'How' },
  act: { number: 5, name: 'Act' },
  resolved: { number: undefined, name: 'Done acting' },
  report: { number: undefined, name: 'Report' },
  done: { number: undefined, name: 'Done' },
};

/** A decision's stage as a trainee stage number; report decisions come after the five. */
export function decisionStageNumber(stage: DecisionStage): StageNumber | undefined {
  return STAGE_NAMES[stage].number;
}

/** "stage 2, Determine", or just the name for the states outside the five stages. */
export function stageLabel(stage: TraineeStage): string {
  const { number, name } = STAGE_NAMES[stage];
  return number === undefined ? name : `stage ${number}, ${name}`;
}

/** What each window means for the trainee, from the scenario format's own definitions. */
export const WINDOW_MEANINGS: Readonly<Record<Window, string>> = {
  clear: 'nothing calls for intervention',
  green: 'stepping in now prevents the harm',
  amber: 'stepping in now limits the harm',
  red: 'harm has started; stepping in can only reduce it',
  late: 'after the harm point',
};

/** The brief's branch labels (domain brief: B1 to B5, and the lawful-force play). */
export const BRANCH_LABELS: Readonly<Record<NonNullable<Outcome['branch']>, string>> = {
  'early-correct': 'B1: early and correct',
  'late-correct': 'B2: late but correct',
  'very-late': 'B3: very late',
  'no-intervention': 'B4: no intervention',
  'wrong-intervention': 'B5: wrong or disproportionate intervention',
  'monitor-and-support': 'Monitor and support (lawful force)',
};

export function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

/** Sub-millisecond noise from adding clock times would otherwise show up in exported numbers. */
export function roundTime(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Wraps text in quotation marks unless it already opens with one (spoken options do). */
export function quote(text: string): string {
  const trimmed = text.replace(/([^.!?"”])[.]$/, '$1');
  return /^["“']/.test(trimmed) ? trimmed : `"${trimmed}"`;
}

/** "green", "green or amber", "green, amber or red", in the order the windows come. */
export function windowList(windows: readonly Window[]): string {
  return orList([...windows].sort((a, b) => WINDOWS.indexOf(a) - WINDOWS.indexOf(b)));
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/** Ends a sentence with a full stop unless its last words already end it ("...now?"). */
export function sentence(text: string): string {
  return /[.!?]["”']?$/.test(text) ? text : `${text}.`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A beat as a caption reader would get it: who says what, then what happens. */
export function beatText(beat: Beat, cast: ReadonlyMap<string, CastMember>): string {
  const parts: string[] = [];
  if (beat.line !== undefined) {
    const who = beat.speaker === undefined ? undefined : speakerLabel(beat.speaker, cast);
    parts.push(who === undefined ? `"${beat.line}"` : `${who}: "${beat.line}"`);
  }
  if (beat.caption !== undefined) parts.push(beat.caption);
  return parts.join(' ');
}
