/**
 * Playing encounters in real headless Chromium, on the production build, with the keyboard
 * alone: S1 on its best path and S1 waited out, S16 with an over-intervention, a reload in the
 * middle of an encounter, axe-core on every screen, and screenshots to look at. Any console error
 * fails the test. The scene clock runs faster (?speed=N) so that minutes of scene take seconds.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Scenario } from '../../src/engine/index.ts';
import { loadScenarioFiles } from '../../tools/scenarioFiles.ts';
import { axe } from './support/axe.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';
import {
  best,
  type Dti,
  type DtiRecords,
  endHeading,
  overIntervene,
  playOut,
  resumeFromMenu,
  startScenario,
  tabTo,
  writeReport,
} from './support/play.ts';

const baseUrl = inject('baseUrl');
const scenarios = new Map(
  loadScenarioFiles().flatMap((r) => (r.ok ? [[r.scenario.id, r.scenario] as const] : [])),
);
const S1 = 'scenarios/s1-prone-restraint';
const s1 = scenarios.get('s1-prone-restraint') as Scenario;
const s16 = scenarios.get('s16-lawful-taser-hammer') as Scenario;
const SHOTS = join(tmpdir(), `dti-screenshots-${new Date().toISOString().replace(/[:.]/g, '-')}`);

let browser: Browser | undefined;
let page: Page | undefined;
let errors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  console.log(`screenshots: ${SHOTS}`);
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  const found = errors;
  await page?.context().close();
  page = undefined;
  errors = [];
  expect(found, 'the page reported errors').toEqual([]);
});

async function open(query: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await page.goto(`${baseUrl}?renderer=canvas&${query}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Duty to Intervene' }).waitFor();
  return page;
}

async function shoot(p: Page, name: string): Promise<void> {
  const size = p.viewportSize();
  await p.screenshot({ path: join(SHOTS, `${name}-${size?.width ?? 0}.png`) });
}

describe(`Playing ${S1} in the browser`, () => {
  it('plays the best path from the menu to the end with the keyboard alone', async () => {
    const p = await open('speed=4');
    await axe(p, 'the menu');
    await startScenario(p, s1);
    await p.keyboard.press('Space');
    await playOut(p, s1, best(s1));
    const heading = await endHeading(p);
    const earlyCorrect = s1.outcomes.find((o) => o.branch === 'early-correct');
    expect(heading).toBe(earlyCorrect?.title);
    await axe(p, 'the end screen');
    const outcomeCard = p.getByRole('region', { name: /Outcome/ });
    expect(await outcomeCard.textContent()).toMatch(/\d+ \/ 100/);
    await shoot(p, 'end');

    // The debrief of this run, by keyboard: every section, readable without the mouse.
    await tabTo(p, p.getByRole('button', { name: 'Open the debrief' }));
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    for (const section of ['Scores', 'Branch map', 'Teaching points', 'Your report']) {
      expect(await p.getByRole('heading', { level: 2, name: section }).count()).toBe(1);
    }
    const rows = p.getByRole('table', { name: /Everything that happened/ }).getByRole('row');
    expect(await rows.count()).toBeGreaterThan(10);
    await axe(p, 'the debrief');
    await shoot(p, 'debrief');
    await p.screenshot({ path: join(SHOTS, 'debrief-full-1280.png'), fullPage: true });
  }, 180_000);

  it('reaches the harm outcome when every decision is waited out', async () => {
    const p = await open('speed=30');
    await startScenario(p, s1);
    await p.keyboard.press('Space');
    // Never answer: every decision times out and the restraint runs on, to the report form.
    const report = p.getByRole('form', { name: 'Your report' });
    const reached = await Promise.race([
      report.waitFor({ timeout: 120_000 }).then(() => 'report' as const),
      p
        .getByRole('heading', { name: /Outcome/ })
        .waitFor({ timeout: 120_000 })
        .then(() => 'end' as const),
    ]);
    if (reached === 'report') await writeReport(p, s1);
    const heading = await endHeading(p);
    const death = s1.outcomes.find((o) => o.branch === 'no-intervention');
    expect(heading).toBe(death?.title);
  }, 180_000);
});

describe(`Replaying ${S1} in the browser`, () => {
  it('replays a run from its debrief: plays, pauses, jumps to a decision, and passes axe', async () => {
    const p = await open('speed=30');
    await startScenario(p, s1);
    await p.keyboard.press('Space');
    const report = p.getByRole('form', { name: 'Your report' });
    const reached = await Promise.race([
      report.waitFor({ timeout: 120_000 }).then(() => 'report' as const),
      p
        .getByRole('heading', { name: /Outcome/ })
        .waitFor({ timeout: 120_000 })
        .then(() => 'end' as const),
    ]);
    if (reached === 'report') await writeReport(p, s1);
    await endHeading(p);
    await tabTo(p, p.getByRole('button', { name: 'Open the debrief' }));
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();

    await tabTo(p, p.getByRole('button', { name: 'Replay this run' }));
    await p.keyboard.press('Enter');
    const controls = p.getByRole('group', { name: 'Replay controls' });
    await controls.getByRole('button', { name: /^Pause/ }).waitFor();
    await p.keyboard.press('k');
    await controls.getByRole('button', { name: /^Play/ }).waitFor();
    await p.keyboard.press('l');
    await p.locator('.replay-decision', { hasText: 'Decision open:' }).waitFor();
    const shown = await p.evaluate(() => {
      const status = (window as unknown as { dti: DtiRecords }).dti.app.replay()?.status;
      return { playing: status?.playing, decision: status?.view.decision?.id };
    });
    expect(shown.playing).toBe(false);
    expect(shown.decision).toBeDefined();
    expect(await p.getByRole('slider', { name: 'Scene time' }).count()).toBe(1);
    await axe(p, 'the replay');
    await shoot(p, 'replay');

    await tabTo(p, controls.getByRole('button', { name: 'Back to the debrief' }));
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();

    // From the table, a replay of one decision: it starts where that question was put.
    const watch = p
      .getByRole('table', { name: 'Everything that happened, in order' })
      .getByRole('button', { name: /^Watch from/ });
    const second = watch.nth(1);
    const label = (await second.textContent()) ?? '';
    const from = Number(/([\d.]+) s/.exec(label)?.[1]);
    await tabTo(p, second, 200);
    await p.keyboard.press('Enter');
    await controls.waitFor();
    const started = await p.evaluate(() => {
      const status = (window as unknown as { dti: DtiRecords }).dti.app.replay()?.status;
      return { time: status?.time ?? -1, decision: status?.view.decision?.id };
    });
    expect(started.time).toBeGreaterThanOrEqual(from);
    expect(started.time).toBeLessThan(from + 5);
    await shoot(p, 'replay-from-decision');
    await tabTo(p, controls.getByRole('button', { name: 'Back to the debrief' }));
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe(label);
  }, 180_000);
});

describe('Playing S16 in the browser', () => {
  it('scores stepping in against lawful force as over-intervention', async () => {
    const p = await open('speed=2');
    await startScenario(p, s16);
    // Wait for the hammer, then say something is wrong and step in at every stage.
    await p.waitForFunction(
      () => ((window as unknown as { dti: Dti }).dti.store.getState().encounter?.time ?? 0) > 5,
    );
    await p.keyboard.press('Space');
    await playOut(p, s16, overIntervene(s16));
    await endHeading(p);
    await p.getByText('Every point, with its reason and reference').click();
    const row = p.getByRole('row', { name: /Over-intervention/ });
    expect(await row.textContent()).toContain('-25');
  }, 180_000);
});

describe('Accessibility and layout of an encounter', () => {
  it.each([
    [1280, 720],
    [1920, 1080],
  ])(
    'passes axe with a decision open and paused, at %ix%i, and is photographed',
    async (width, height) => {
      const p = await open('speed=1', { width, height });
      await shoot(p, 'menu');
      await startScenario(p, s1);
      await p.waitForFunction(
        () => ((window as unknown as { dti: Dti }).dti.store.getState().encounter?.time ?? 0) > 3.5,
      );
      await shoot(p, 'encounter');
      await p.keyboard.press('Space');
      await p.locator('.decision').waitFor();
      await shoot(p, 'decision');
      await axe(p, 'an open decision');
      await p.keyboard.press('Escape');
      await p.getByRole('dialog', { name: 'Paused' }).waitFor();
      await axe(p, 'the pause menu');
      await shoot(p, 'paused');
    },
    120_000,
  );

  it('passes axe on the briefing', async () => {
    const p = await open('');
    const card = p.locator(`[data-scenario="${s1.id}"]`);
    await card.getByRole('button', { name: 'Brief me' }).click();
    await p.getByRole('heading', { level: 1, name: s1.title }).waitFor();
    await axe(p, 'the briefing');
  }, 60_000);

  it('survives a reload in the middle of an encounter, then resumes it to the end', async () => {
    const p = await open('speed=4');
    await startScenario(p, s1);
    await p.keyboard.press('Space');
    await p.locator('.decision').waitFor();
    // The log as it stands, once the records have had it: all of it must come back.
    const before = await p.evaluate(async () => {
      const dti = (window as unknown as { dti: DtiRecords }).dti;
      const log = dti.app.controller()?.log;
      await dti.records.flush();
      return JSON.stringify(log?.entries ?? null);
    });
    await p.reload({ waitUntil: 'networkidle' });
    await p.getByRole('heading', { level: 1, name: 'Duty to Intervene' }).waitFor();
    const unfinished = p.getByRole('region', { name: 'Unfinished runs' });
    await unfinished.waitFor();
    expect(await unfinished.textContent()).toContain(s1.title);
    await axe(p, 'the menu offering an unfinished run');
    await shoot(p, 'menu-unfinished');

    await resumeFromMenu(p);
    const after = await p.evaluate(() =>
      JSON.stringify(
        (window as unknown as { dti: DtiRecords }).dti.app.controller()?.log.entries ?? null,
      ),
    );
    const saved = JSON.parse(before) as unknown[];
    expect(saved.length).toBeGreaterThan(0);
    expect((JSON.parse(after) as unknown[]).slice(0, saved.length)).toEqual(saved);

    await playOut(p, s1, best(s1));
    await endHeading(p);
    const runs = await p.evaluate(async () => {
      const dti = (window as unknown as { dti: DtiRecords }).dti;
      await dti.records.flush();
      return dti.records.listRuns();
    });
    expect(runs.map((r) => r.status)).toEqual(['finished']);
  }, 180_000);
});
