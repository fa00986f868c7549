/**
 * Browser smoke test: the production build, served as static files, opens in real headless
 * Chromium without a single console error, lists exactly the scenarios in scenarios/*.yaml, and
 * fits the screen from a laptop to a 4K projector.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LoadResult, Scenario } from '../../src/engine/index.ts';
import { loadScenarioFiles } from '../../tools/scenarioFiles.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';

const SCREENSHOT_DIR = join(import.meta.dirname, '__screenshots__');
const takeScreenshots = process.env['SCREENSHOTS'] === '1';

let results: LoadResult[] = [];
const baseUrl = inject('baseUrl');
let browser: Browser | undefined;
let page: Page | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  // Read the files just before building, so the test and the build judge the same versions.
  results = loadScenarioFiles();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openMenu(width: number, height: number): Promise<Page> {
  if (!browser) throw new Error('beforeAll did not start the browser');
  const context = await browser.newContext({ viewport: { width, height } });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  // networkidle: late requests (the favicon, lazy chunks) report their errors after load.
  await page.goto(baseUrl, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

afterEach(async () => {
  // Errors may arrive after the assertions ran, so look once more before the page goes.
  const errors = pageErrors;
  await page?.context().close();
  page = undefined;
  pageErrors = [];
  expect(errors, 'the page reported errors').toEqual([]);
});

describe('the menu', () => {
  it('opens without console errors or uncaught exceptions', async () => {
    const menu = await openMenu(1280, 720);
    await expect(menu.title()).resolves.toContain('Duty to Intervene');
    // afterEach fails the test on anything collected while the page was open.
  });

  it("lists every valid scenario file by title, in the brief's teaching order", async () => {
    const menu = await openMenu(1280, 720);
    const outline = (scenario: Scenario) =>
      scenario.coverage?.outline ? Number(scenario.coverage.outline.slice(1)) : Infinity;
    const expected = results
      .flatMap((result) => (result.ok ? [result.scenario] : []))
      .sort((a, b) => outline(a) - outline(b) || a.title.localeCompare(b.title));
    const cards = menu.locator('.scenario-card[data-scenario] h3');
    await expect(cards.allTextContents()).resolves.toEqual(expected.map((s) => s.title));
    const ids = await menu
      .locator('.scenario-card[data-scenario]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-scenario')));
    expect(ids).toEqual(expected.map((s) => s.id));
    expect(ids.length).toBeGreaterThanOrEqual(17);
  });

  it('shows a broken-file section only for files with problems', async () => {
    const menu = await openMenu(1280, 720);
    const broken = results.flatMap((result) => (result.ok ? [] : [result.file]));
    const brokenHeading = menu.locator('#broken-heading');
    if (broken.length === 0) {
      await expect(brokenHeading.count()).resolves.toBe(0);
      await expect(menu.locator('.scenario-card.broken').count()).resolves.toBe(0);
    } else {
      await expect(brokenHeading.isVisible()).resolves.toBe(true);
      await expect(menu.locator('.scenario-card.broken > h3').allTextContents()).resolves.toEqual(
        broken,
      );
    }
  });

  for (const [width, height] of [
    [1280, 720],
    [3840, 2160],
  ] as const) {
    it(`renders its heading and fits ${width}x${height} without horizontal scrolling`, async () => {
      const menu = await openMenu(width, height);
      const heading = menu.getByRole('heading', { level: 1, name: 'Duty to Intervene' });
      await expect(heading.isVisible()).resolves.toBe(true);
      await expect(menu.locator('main#ui').count()).resolves.toBe(1);
      const widths = await menu.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        body: document.body.scrollWidth,
      }));
      expect(widths.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(widths.client);
      expect(widths.body, 'the body is wider than the window').toBeLessThanOrEqual(widths.client);
      if (takeScreenshots && width === 1280) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await menu.screenshot({ path: join(SCREENSHOT_DIR, 'menu-1280.png'), fullPage: true });
      }
    });
  }
});
