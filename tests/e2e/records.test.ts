/**
 * An instructor's review in real Chromium: ten runs exported by ten trainees (played here through
 * the engine, on S1 and S16, some well and some badly) are imported into the class summary at once
 * through the file picker; the summary counts them, passes axe, and is photographed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  analyzeRun,
  compileScenario,
  EncounterSession,
  factsThatBelong,
  selectEncounterView,
  traineePosition,
  type Scenario,
} from '../../src/engine/index.ts';
import { consequenceIn } from '../../src/engine/scenario/consequence.ts';
import { buildRecordsFile, serializeRecordsFile } from '../../src/records/exchange.ts';
import { summarizeRun } from '../../src/records/summary.ts';
import { loadScenarioFiles } from '../../tools/scenarioFiles.ts';
import { axe } from './support/axe.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';
import { RATING_ORDER } from './support/play.ts';

const baseUrl = inject('baseUrl');
const scenarios = new Map(
  loadScenarioFiles().flatMap((r) => (r.ok ? [[r.scenario.id, r.scenario] as const] : [])),
);
const SHOTS = join(
  tmpdir(),
  `dti-screenshots-records-${new Date().toISOString().replace(/[:.]/g, '-')}`,
);

/**
 * One trainee's run, played through the engine: they signal after `waitFor` seconds (or never),
 * answer each decision 1.5 s after it opens with the best or the worst option in force, and hand
 * in an accurate report.
 */
function playRun(scenario: Scenario, waitFor: number | undefined, careful: boolean) {
  const compiled = compileScenario(scenario);
  const session = new EncounterSession(compiled);
  const view = () =>
    selectEncounterView(compiled, session.current, session.log.entries, session.time);
  if (waitFor !== undefined) {
    session.advanceTo(waitFor);
    session.input({ type: 'trainee.signal' }, waitFor);
  }
  for (let step = 0; step < 60 && !session.finished; step++) {
    const open = traineePosition(session.current.snapshot).decision;
    if (open === undefined || view().report) {
      session.advanceTo(session.time + 5);
      if (view().report) break;
      continue;
    }
    const decision = compiled.decisions.get(open);
    if (!decision) break;
    const at = session.time + 1.5;
    session.advanceTo(at);
    if (traineePosition(session.current.snapshot).decision !== open) continue;
    const inForce = view().window;
    const ranked = [...decision.options].sort(
      (a, b) =>
        RATING_ORDER.indexOf(consequenceIn(a, inForce).rating) -
        RATING_ORDER.indexOf(consequenceIn(b, inForce).rating),
    );
    const option = careful ? ranked[0] : ranked[ranked.length - 1];
    if (option) session.input({ type: 'decision.select', decision: open, option: option.id }, at);
  }
  session.advanceTo(session.time + 10_000);
  const facts = factsThatBelong(scenario, analyzeRun(compiled, session.log));
  session.input({ type: 'report.submit', items: facts }, session.time);
  return { log: session.log, summary: summarizeRun(compiled, session.log) };
}

let browser: Browser | undefined;
let files: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  console.log(`screenshots: ${SHOTS}`);
  const dir = mkdtempSync(join(tmpdir(), 'dti-class-'));
  const names = ['Avery Cole', 'Bo Nguyen', 'Carmen Ruiz', 'Dev Patel', 'Eli Brooks'];
  files = Array.from({ length: 10 }, (_, i) => {
    const scenario = scenarios.get(i % 2 === 0 ? 's1-prone-restraint' : 's16-lawful-taser-hammer');
    if (!scenario) throw new Error('S1 and S16 must be installed');
    const trainee = {
      id: `t${i}`,
      name: `${names[i % 5] ?? 'Trainee'} ${i}`,
      createdAt: '2026-11-30T08:00:00.000Z',
    };
    const careful = i % 3 !== 0;
    const { log, summary } = playRun(
      scenario,
      scenario.interventionRequired ? 4 + i * 6 : undefined,
      careful,
    );
    const started = `2026-12-0${1 + (i % 3)}T09:${String(10 + i).padStart(2, '0')}:00.000Z`;
    const file = buildRecordsFile(
      [
        {
          id: `run-${i}`,
          traineeId: trainee.id,
          scenario: { id: scenario.id, version: scenario.version },
          status: 'finished',
          startedAt: started,
          updatedAt: started,
          endedAt: started,
          summary,
          log,
        },
      ],
      [trainee],
      '2026-12-03T10:00:00.000Z',
    );
    const path = join(dir, `run-${i}.json`);
    writeFileSync(path, serializeRecordsFile(file));
    return path;
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('The class summary in the browser', () => {
  it('imports ten runs from ten trainees at once and summarises them', async () => {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}?renderer=canvas`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Class summary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Class summary' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(files);
    await page.getByText('run-9.json: 1 run added').waitFor({ timeout: 30_000 });
    const text = (await page.locator('.class-summary').textContent()) ?? '';
    expect(text).toContain('10 finished runs');
    expect(text).toMatch(/outrank/);
    await axe(page, 'the class summary');
    await page.screenshot({ path: join(SHOTS, 'class-summary-1280.png') });
    await page.screenshot({ path: join(SHOTS, 'class-summary-full-1280.png'), fullPage: true });
    await context.close();
    expect(errors).toEqual([]);
  }, 180_000);
});
