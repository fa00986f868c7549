/**
 * Driving the game in a real browser the way a keyboard user does: from the menu to a running
 * encounter, answering decisions by a rule (best, worst, stepping in), writing the report.
 * Shared by the browser tests and `npm run play:library`.
 */
import type { Page } from 'playwright-core';
import { consequenceIn } from '../../../src/engine/scenario/consequence.ts';
import type { MountedApp } from '../../../src/bridge/mountApp.ts';
import {
  analyzeRun,
  compileScenario,
  factsThatBelong,
  parseRunLog,
  type Option,
  type Rating,
  type Scenario,
  type Window,
} from '../../../src/engine/index.ts';

/** Tabs to the element until it has focus, like a keyboard user would. */
export async function tabTo(
  p: Page,
  locator: ReturnType<Page['locator']>,
  limit = 60,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await p.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${String(locator)} with Tab`);
}

/** From the menu to the running encounter, keyboard only. */
export async function startScenario(p: Page, scenario: Scenario): Promise<void> {
  const card = p.locator(`[data-scenario="${scenario.id}"]`);
  await tabTo(p, card.getByRole('button', { name: 'Brief me' }));
  await p.keyboard.press('Enter');
  await p.getByRole('heading', { level: 1, name: scenario.title }).waitFor();
  await p.getByRole('status').filter({ hasText: /^$/ }).waitFor({ state: 'attached' });
  await tabTo(p, p.getByRole('button', { name: 'Start' }));
  await p.keyboard.press('Enter');
  await p.getByRole('heading', { name: 'Stage 1: See the problem' }).waitFor();
}

export type Dti = {
  store: { getState(): { encounter?: { time: number; view: { window: Window } } } };
};

/** The page's records and app, for checking what a reload kept. */
export type DtiRecords = {
  app: MountedApp;
  records: {
    flush(): Promise<void>;
    listRuns(): Promise<Array<{ id: string; status: string }>>;
  };
};

/** On the menu after a reload: takes the run left part way up again, keyboard only. */
export async function resumeFromMenu(p: Page): Promise<void> {
  const unfinished = p.getByRole('region', { name: 'Unfinished runs' });
  await unfinished.waitFor();
  await tabTo(p, unfinished.getByRole('button', { name: 'Resume' }));
  await p.keyboard.press('Enter');
  await p.getByRole('heading', { name: /^Stage \d/ }).waitFor();
}

/**
 * The key of the open decision's option that `rank` puts first (lowest number), given each
 * option and the decision window in force.
 */
export async function keyFor(
  p: Page,
  scenario: Scenario,
  rank: (option: Option, window: Window) => number,
): Promise<string> {
  const panel = p.locator('.decision');
  await panel.waitFor();
  const ids = await panel
    .locator('[data-option]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-option') ?? ''));
  const prompt = (await panel.locator('.decision-prompt').textContent()) ?? '';
  const decision = scenario.decisions.find((d) => d.prompt === prompt);
  if (!decision) throw new Error(`no decision with the prompt ${prompt}`);
  const inForce = await p.evaluate(
    () =>
      (window as unknown as { dti: Dti }).dti.store.getState().encounter?.view.window ?? 'clear',
  );
  const ranked = ids
    .map((id, i) => {
      const option = decision.options.find((o) => o.id === id);
      return { key: String(i + 1), rank: option ? rank(option, inForce) : 99 };
    })
    .sort((a, b) => a.rank - b.rank);
  return ranked[0]?.key ?? '1';
}

export const RATING_ORDER: Rating[] = ['best', 'acceptable', 'poor', 'harmful'];
export const best = (scenario: Scenario) => (p: Page) =>
  keyFor(p, scenario, (option, inForce) =>
    RATING_ORDER.indexOf(consequenceIn(option, inForce).rating),
  );
/** Steps in wherever it can; otherwise takes the option rated worst. */
export const overIntervene = (scenario: Scenario) => (p: Page) =>
  keyFor(p, scenario, (option, inForce) =>
    option.intervenes ? -1 : -RATING_ORDER.indexOf(consequenceIn(option, inForce).rating),
  );

/** Answers decisions with `pick` until the report form opens, then ticks the facts and hands it in. */
export async function playOut(
  p: Page,
  scenario: Scenario,
  pick: (p: Page) => Promise<string>,
): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const next = await Promise.race([
      // The scene may run on for minutes before the next of these: all three wait as long.
      p
        .locator('.decision')
        .waitFor({ timeout: 120_000 })
        .then(() => 'decision' as const),
      p
        .getByRole('form', { name: 'Your report' })
        .waitFor({ timeout: 120_000 })
        .then(() => 'report' as const),
      p
        .getByRole('heading', { level: 1 })
        .filter({ hasNotText: /Duty/ })
        .waitFor({ timeout: 120_000 })
        .then(() => 'end' as const),
    ]);
    if (next === 'end') return;
    if (next === 'report') {
      await writeReport(p, scenario);
      return;
    }
    const promptBefore = await p.locator('.decision-prompt').textContent();
    await p.keyboard.press(await pick(p));
    await p.waitForFunction(
      (before) => document.querySelector('.decision-prompt')?.textContent !== before,
      promptBefore,
    );
  }
}

/**
 * Ticks exactly the facts that belong in this run's report (the page's own run log, judged by
 * the engine), as a careful trainee would, then hands it in with the keyboard.
 */
export async function writeReport(p: Page, scenario: Scenario): Promise<void> {
  const form = p.getByRole('form', { name: 'Your report' });
  const log = await p.evaluate(() =>
    JSON.stringify(
      (window as unknown as { dti: { app: MountedApp } }).dti.app.controller()?.log ?? null,
    ),
  );
  const belong = new Set(
    factsThatBelong(scenario, analyzeRun(compileScenario(scenario), parseRunLog(log))),
  );
  const facts = new Set(scenario.report.items.filter((i) => belong.has(i.id)).map((i) => i.text));
  const boxes = form.getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    await tabTo(p, box);
    const label = ((await box.evaluate((el) => el.parentElement?.textContent)) ?? '').trim();
    if (facts.has(label)) await p.keyboard.press('Space');
  }
  await tabTo(p, form.getByRole('button', { name: 'Hand in the report' }));
  await p.keyboard.press('Enter');
}

export async function endHeading(p: Page): Promise<string> {
  await p.getByRole('heading', { name: /Outcome/ }).waitFor({ timeout: 120_000 });
  return (await p.locator('#end-heading').textContent()) ?? '';
}
