/**
 * `npm run play:library [ids...]`: plays every scenario (or the ones named) in headless Chromium
 * on the production build, with the keyboard alone, twice: choosing the best option in force at
 * every decision, then the worst. Prints the outcome and both scores of each run, and writes a
 * screenshot of each scenario mid-scene, at its first decision and at its end screen, for a
 * person to look at. It is a reviewing tool for authors and instructors, not part of `npm test`
 * (seventeen scenarios played twice take minutes).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Scenario } from '../src/engine/index.ts';
import { collectPageErrors, launchChromium } from '../tests/e2e/support/browser.ts';
import {
  endHeading,
  keyFor,
  playOut,
  RATING_ORDER,
  startScenario,
  best,
} from '../tests/e2e/support/play.ts';
import { buildGame, removeBuild, startPreview } from '../tests/e2e/support/server.ts';
import { consequenceIn } from '../src/engine/scenario/consequence.ts';
import { loadScenarioFiles } from './scenarioFiles.ts';

const wanted = process.argv.slice(2);
const scenarios = loadScenarioFiles()
  .flatMap((r) => (r.ok ? [r.scenario] : []))
  .filter((s) => wanted.length === 0 || wanted.some((w) => s.id.startsWith(w)));
const shots = join(tmpdir(), `dti-library-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(shots, { recursive: true });

const worst = (scenario: Scenario) => (p: Page) =>
  keyFor(
    p,
    scenario,
    (option, inForce) => -RATING_ORDER.indexOf(consequenceIn(option, inForce).rating),
  );

interface Played {
  readonly id: string;
  readonly path: 'best' | 'worst';
  readonly outcome: string;
  readonly scores: string;
  readonly errors: readonly string[];
}

async function play(
  page: Page,
  baseUrl: string,
  scenario: Scenario,
  path: 'best' | 'worst',
): Promise<Played> {
  const errors = collectPageErrors(page);
  await page.goto(`${baseUrl}?renderer=canvas&speed=${path === 'best' ? 2 : 8}`, {
    waitUntil: 'networkidle',
  });
  await page.getByRole('heading', { level: 1, name: 'Duty to Intervene' }).waitFor();
  await startScenario(page, scenario);
  if (path === 'best') {
    // Mid-scene, before anyone acts: what the trainee has to notice.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(shots, `${scenario.id}-scene.png`) });
  }
  // Where force is lawful, the best trainee raises no alarm and answers what the scene asks.
  const signal = path === 'worst' || scenario.interventionRequired;
  if (signal) await page.keyboard.press('Space');
  if (path === 'best') {
    await page.locator('.decision').waitFor();
    await page.screenshot({ path: join(shots, `${scenario.id}-decision.png`) });
  }
  await playOut(page, scenario, path === 'best' ? best(scenario) : worst(scenario));
  const outcome = await endHeading(page);
  const points = await page.locator('.score-card .points strong').allTextContents();
  const scores = `outcome ${points[0] ?? '?'}, process ${points[1] ?? '?'}`;
  await page.screenshot({ path: join(shots, `${scenario.id}-end-${path}.png`), fullPage: true });
  return { id: scenario.id, path, outcome, scores, errors: [...errors] };
}

const outDir = await buildGame();
const server = await startPreview(outDir);
const browser = await launchChromium();
const results: Played[] = [];
try {
  for (const scenario of scenarios) {
    for (const path of ['best', 'worst'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      try {
        const played = await play(page, server.url, scenario, path);
        results.push(played);
        console.log(
          `${played.id.padEnd(32)} ${path.padEnd(5)} ${played.outcome.padEnd(48)} ${played.scores}${played.errors.length ? `  ERRORS: ${played.errors.join(' | ')}` : ''}`,
        );
      } catch (error) {
        await page.screenshot({ path: join(shots, `${scenario.id}-failed-${path}.png`) });
        console.log(
          `${scenario.id.padEnd(32)} ${path.padEnd(5)} FAILED: ${String(error).split('\n')[0]}`,
        );
        process.exitCode = 1;
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
  removeBuild(outDir);
}
console.log(`\nscreenshots: ${shots}`);
if (results.some((r) => r.errors.length > 0)) process.exitCode = 1;
