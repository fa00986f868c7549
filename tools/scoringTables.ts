/**
 * The figure tables in docs/scoring.md, generated from src/engine/scoring/weights.ts so the doc
 * an instructor reads can never disagree with the code that grades. `npm run generate` rewrites
 * them; a test fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { recognitionCredit, SCORING, windowCredit } from '../src/engine/scoring/weights.ts';
import { PROJECT_ROOT } from './scenarioFiles.ts';

export const SCORING_DOC = join(PROJECT_ROOT, 'docs', 'scoring.md');
const START = '<!-- generated:weights:start (npm run generate) -->';
const END = '<!-- generated:weights:end -->';

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function scoringTables(): string {
  const o = SCORING.outcome;
  const p = SCORING.process;
  const accuracy = Math.round(p.report * SCORING.reportAccuracyShare * 10) / 10;
  const lines = [
    '### Outcome (harm prevented), out of 100',
    '',
    '| Component | Points |',
    '| --- | --- |',
    `| How the scene ended (severity of the harm that remains) | ${o.outcomeReached} |`,
    `| Time to intervention against the harm point | ${o.interventionTiming} |`,
    '',
    '### Process (quality of each stage), out of 100',
    '',
    '| Component | Points |',
    '| --- | --- |',
    `| Stage 1: see the problem (recognition time) | ${p.recognition} |`,
    `| Stage 2: determine whether action is required | ${p.determine} |`,
    `| Stage 3: take personal responsibility | ${p.commit} |`,
    `| Stage 4: how to intervene (the option's wording and rating) | ${p.choose} |`,
    `| Fit of the chosen D (distract, direct, delegate) for the moment | ${p.styleFit} |`,
    `| Stage 5: take action (follow-through, persistence, support tasks) | ${p.act} |`,
    `| Report: completeness and accuracy | ${accuracy} (${p.report} when the scenario puts no pressure on the report) |`,
    `| Report: pressure and notification, when the scenario has it | ${Math.round((p.report - accuracy) * 10) / 10} |`,
    `| False alarms | -${SCORING.deductions.perFalseAlarm} each, at most -${SCORING.deductions.falseAlarmCap} |`,
    `| Over-intervention (stepping in against lawful force) | -${SCORING.deductions.overIntervention} |`,
    '',
    `An attempt that did not stop the harm earns ${pct(SCORING.attemptWithoutEffect)} of the timing credit of its moment.`,
    '',
    '### Process in lawful-force scenarios, out of 100',
    '',
    '| Component | Points |',
    '| --- | --- |',
    `| Stage 1: see the problem (nothing to see: false alarms are deducted) | ${SCORING.lawfulProcess.recognition} |`,
    `| Stage 2: determine whether action is required | ${SCORING.lawfulProcess.determine} |`,
    `| Stage 3: take personal responsibility | ${SCORING.lawfulProcess.commit} |`,
    `| Stage 5: support tasks (cover, cuff on cue, move the victim, check breathing) | ${SCORING.lawfulProcess.act} |`,
    `| Report | ${SCORING.lawfulProcess.report} |`,
    '| False alarms and over-intervention | as above |',
    '',
    '### Credit for a rating',
    '',
    '| Rating | Credit |',
    '| --- | --- |',
    ...Object.entries(SCORING.ratingCredit).map(
      ([rating, credit]) => `| ${rating} | ${pct(credit)} |`,
    ),
    '',
    '### Credit for the harm that remains',
    '',
    '| Severity | Credit |',
    '| --- | --- |',
    ...Object.entries(SCORING.severityCredit).map(
      ([severity, credit]) => `| ${severity} | ${pct(credit)} |`,
    ),
    '',
    '### Timing credit through each window',
    '',
    '| Window | At its start | A quarter in | Halfway | Three quarters | At its end |',
    '| --- | --- | --- | --- | --- | --- |',
    ...(['green', 'amber', 'red', 'late'] as const).map(
      (w) =>
        `| ${w} | ${[0, 0.25, 0.5, 0.75, 1].map((f) => pct(windowCredit(w, f))).join(' | ')} |`,
    ),
    '',
    `The late window has no planned end; its credit eases over ${SCORING.lateWindowSpan} s.`,
    '',
    '### Recognition credit, with the default half-time of 30 s',
    '',
    '| Seconds after the first cue | 0 | 10 | 20 | 30 | 45 | 60 | 90 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| Credit | ${[0, 10, 20, 30, 45, 60, 90].map((t) => pct(recognitionCredit(t, 30))).join(' | ')} |`,
    '',
    '### Bands',
    '',
    '| Score | Band |',
    '| --- | --- |',
    ...SCORING.bands.map((b, i) => {
      const upper = i === 0 ? 100 : (SCORING.bands[i - 1]?.min ?? 100) - 0.1;
      return `| ${b.min} to ${upper} | ${b.label} |`;
    }),
  ];
  return lines.join('\n');
}

/** The doc with its generated block replaced by the current tables, formatted as Prettier would. */
export async function scoringDocWithTables(doc: string): Promise<string> {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${SCORING_DOC} has lost its ${START} / ${END} markers`);
  }
  const text = `${doc.slice(0, start + START.length)}\n\n${scoringTables()}\n\n${doc.slice(end)}`;
  const options = await resolveConfig(SCORING_DOC);
  return format(text, { ...options, filepath: SCORING_DOC });
}

export async function writeScoringDoc(): Promise<void> {
  writeFileSync(SCORING_DOC, await scoringDocWithTables(readFileSync(SCORING_DOC, 'utf8')));
}
