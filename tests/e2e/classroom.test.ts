/**
 * Classroom mode in real headless Chromium, on the production build: an instructor runs S1 on a
 * projector window from a presenter window (two pages of one browser, linked by their
 * BroadcastChannel), freezes at decisions, takes the class's vote, goes back to an earlier
 * decision and plays another branch, and shows the debrief; the projector alone with a clicker's
 * keys; and the projector's layout at 1280x720, 1920x1080 and 3840x2160, checked for clipped or
 * overflowing text and photographed.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClassStatus, RunLog } from '../../src/engine/index.ts';
import { axe } from './support/axe.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';
import { tabTo } from './support/play.ts';

const baseUrl = inject('baseUrl');
const S1 = 's1-prone-restraint';
const SHOTS = join(tmpdir(), `dti-classroom-${new Date().toISOString().replace(/[:.]/g, '-')}`);

let browser: Browser | undefined;
let context: BrowserContext | undefined;
let errors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  console.log(`classroom screenshots: ${SHOTS}`);
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  const found = errors;
  await context?.close();
  context = undefined;
  errors = [];
  expect(found, 'a page reported errors').toEqual([]);
});

async function newContext(viewport = { width: 1280, height: 720 }): Promise<BrowserContext> {
  if (!browser) throw new Error('no browser');
  context = await browser.newContext({ viewport });
  return context;
}

async function openProjector(ctx: BrowserContext, query = 'speed=2'): Promise<Page> {
  const page = await ctx.newPage();
  errors.push(...collectPageErrors(page));
  await page.goto(`${baseUrl}?renderer=canvas&${query}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Duty to Intervene' }).waitFor();
  return page;
}

/** The class run's status as the projector has it. */
function status(page: Page): Promise<ClassStatus | undefined> {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          dti: { app: { classroom: { controller(): { status: ClassStatus } | undefined } } };
        }
      ).dti.app.classroom.controller()?.status,
  );
}

async function until(
  page: Page,
  test: (s: ClassStatus) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<ClassStatus> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const now = await status(page);
    if (now && test(now)) return now;
    if (Date.now() > end) {
      throw new Error(
        `timed out waiting for ${what}; status: ${JSON.stringify(now)?.slice(0, 400)}`,
      );
    }
    await page.waitForTimeout(100);
  }
}

async function shoot(page: Page, name: string): Promise<string> {
  const size = page.viewportSize();
  const path = join(SHOTS, `${name}-${size?.width ?? 0}x${size?.height ?? 0}.png`);
  await page.screenshot({ path });
  return path;
}

/** Text in the projector overlay that is clipped, overflows its box, or leaves the screen. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    const boxes = document.querySelectorAll<HTMLElement>(
      '.class-projector :is(h1, h2, p, li, button, .caption)',
    );
    for (const box of boxes) {
      if (box.closest('[hidden]') || box.offsetParent === null) continue;
      const rect = box.getBoundingClientRect();
      const name = `${box.tagName.toLowerCase()}.${box.className} "${(box.textContent ?? '').slice(0, 40)}"`;
      if (rect.left < -1 || rect.top < -1 || rect.right > width + 1 || rect.bottom > height + 1) {
        problems.push(`${name} leaves the screen: ${JSON.stringify(rect)}`);
      }
      if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
        problems.push(`${name} overflows its box`);
      }
    }
    const panel = document.querySelector('.class-panel')?.lastElementChild?.getBoundingClientRect();
    const bar = document.querySelector('.class-controls')?.getBoundingClientRect();
    if (panel && bar && panel.bottom > bar.top + 1) {
      problems.push(`the decision panel runs under the controls (${panel.bottom} > ${bar.top})`);
    }
    return problems;
  });
}

/** Text sizes of the options and captions, as a share of the viewport's height. */
function textShares(page: Page): Promise<{ options: number[]; captions: number[] }> {
  return page.evaluate(() => {
    const share = (selector: string) =>
      [...document.querySelectorAll<HTMLElement>(selector)].map(
        (el) => parseFloat(getComputedStyle(el).fontSize) / window.innerHeight,
      );
    return { options: share('.class-option'), captions: share('.class-captions .caption') };
  });
}

async function runForClass(page: Page, scenarioId: string): Promise<void> {
  const card = page.locator(`[data-scenario="${scenarioId}"]`);
  await tabTo(page, card.getByRole('button', { name: 'Run for a class' }), 120);
  await page.keyboard.press('Enter');
  await page.locator('.class-projector').waitFor();
}

async function openPresenter(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  errors.push(...collectPageErrors(page));
  await page.goto(`${baseUrl}?view=presenter`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: /Presenter/ }).waitFor();
  return page;
}

/** Enters the room's hands on the presenter and plays the vote. */
async function vote(presenter: Page, hands: readonly number[]): Promise<void> {
  for (const [i, count] of hands.entries()) {
    const field = presenter.getByRole('spinbutton', {
      name: `Hands for ${String.fromCharCode(65 + i)}`,
    });
    await field.fill(String(count));
    await field.press('Tab');
  }
  const play = presenter.getByRole('button', { name: /^Play the class's choice/ });
  await expect.poll(() => play.isEnabled()).toBe(true);
  await play.click();
}

describe('A class run from the presenter window', () => {
  it('keeps the projector and presenter in sync through S1: freeze, vote, go back, another branch, debrief', async () => {
    const ctx = await newContext({ width: 1280, height: 800 });
    const projector = await openProjector(ctx, 'speed=3');
    const presenter = await openPresenter(ctx);
    await presenter.getByText(/Connected to the projector/).waitFor();
    await axe(presenter, 'the presenter before a scenario');

    await presenter.getByRole('combobox', { name: 'Scenario' }).selectOption(S1);
    await presenter.getByRole('button', { name: 'Start on the projector' }).click();
    await projector.locator('.class-projector').waitFor();
    await until(projector, (s) => s.time > 2, 'the scene to run');
    // The presenter's clock follows the projector's.
    await expect
      .poll(async () => (await presenter.locator('.presenter-time').textContent()) ?? '')
      .not.toBe('0:00.0');

    await presenter.getByRole('button', { name: /^Something's wrong/ }).click();
    const first = await until(projector, (s) => s.frozen, 'a freeze at the first decision');
    const firstId = first.decision?.id ?? '';
    await presenter.getByText(first.decision?.discussion ?? '').waitFor();
    await shoot(presenter, 'presenter-decision');
    await shoot(projector, 'projector-from-presenter');
    await axe(presenter, 'the presenter at a decision');
    await axe(projector, 'the projector at a decision');

    // The room says "not yet" (B), the instructor's own view notwithstanding: B plays.
    const notYet = first.decision?.options[1];
    await vote(presenter, [3, 9]);
    await until(projector, (s) => s.votes.length === 1, 'the first vote to play');
    let log = await projectorLog(projector);
    expect(log.entries.find((e) => e.event.type === 'decision.select')?.event).toMatchObject({
      decision: firstId,
      option: notYet?.id,
    });
    expect(log.classroom?.votes[0]?.tally).toEqual({
      [first.decision?.options[0]?.id ?? '']: 3,
      [notYet?.id ?? '']: 9,
    });

    // Go back to the first decision from the presenter and take the other branch.
    await presenter
      .getByRole('button', { name: /^Go back to 0:0\d\.\d: / })
      .first()
      .click();
    let now = await until(
      projector,
      (s) => s.frozen && s.decision?.id === firstId && s.votes.length === 0,
      'the way back',
    );
    expect(now.branchesTried).toHaveLength(1);
    await vote(presenter, [14, 1]);
    // From here the room takes the best option at every decision until the scene ends.
    for (let i = 0; i < 12; i++) {
      now = await until(
        projector,
        (s) => s.phase !== 'running' || (s.frozen && s.votes.length > i),
        'the next decision or the end',
      );
      if (now.phase !== 'running') break;
      const best = now.decision?.options.findIndex((o) => o.rating === 'best') ?? 0;
      await vote(presenter, now.decision?.options.map((_, j) => (j === best ? 10 : 1)) ?? []);
    }
    now = await until(projector, (s) => s.phase === 'ended', 'the end', 120_000);
    log = await projectorLog(projector);
    expect(log.entries.find((e) => e.event.type === 'decision.select')?.event).toMatchObject({
      decision: firstId,
      option: first.decision?.options[0]?.id,
    });
    expect(now.outcome?.title).toBeTruthy();
    await shoot(projector, 'projector-ended');

    await presenter.getByRole('button', { name: /^Show the debrief/ }).click();
    await projector.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    const table = projector.getByRole('table', { name: 'Everything that happened, in order' });
    await expect
      .poll(() => table.getByRole('row', { name: /The class voted at/ }).count())
      .toBeGreaterThan(1);
    expect(await table.getByRole('row', { name: /The class came back to/ }).count()).toBe(1);
    const voted = projector.getByRole('region', { name: 'How the class voted' });
    expect(await voted.getByRole('listitem').count()).toBeGreaterThan(2);
    await shoot(projector, 'projector-debrief');
    await axe(presenter, 'the presenter at the end');
  }, 300_000);
});

/** The class run's log as the projector keeps it. */
function projectorLog(page: Page): Promise<RunLog> {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          dti: { app: { classroom: { controller(): { current: { log: RunLog } } | undefined } } };
        }
      ).dti.app.classroom.controller()?.current.log as RunLog,
  );
}

describe('The projector alone, with a clicker', () => {
  it('freezes at a decision, counts hands by key, plays the vote, goes back with Page Up, blanks with B', async () => {
    const ctx = await newContext();
    const p = await openProjector(ctx);
    await runForClass(p, S1);
    await until(p, (s) => s.time > 3, 'the scene to run');
    await p.keyboard.press('s');
    const frozen = await until(p, (s) => s.frozen, 'a freeze at the first decision');
    expect(frozen.decision?.discussion).toBeTruthy();
    await expect.poll(() => p.locator('.class-discussion').textContent()).toContain('Discuss');
    // Three hands for A, one for B: A plays.
    for (const key of ['1', '1', '1', '2']) await p.keyboard.press(key);
    await until(p, (s) => s.voteSummary.startsWith('A 3, B 1'), 'the hands counted');
    await shoot(p, 'projector-vote');
    const first = frozen.decision?.id;
    await p.keyboard.press('PageDown');
    const next = await until(p, (s) => s.frozen && s.decision?.id !== first, 'the next decision');
    expect(next.votes).toHaveLength(1);
    // Page Up: back to the first decision, frozen for another vote.
    await p.keyboard.press('PageUp');
    const back = await until(p, (s) => s.decision?.id === first && s.frozen, 'the way back');
    expect(back.branchesTried).toHaveLength(1);
    expect(back.votes).toHaveLength(0);
    await p.keyboard.press('b');
    await until(p, (s) => s.blank, 'a blank screen');
    expect(await p.locator('.class-blank').isVisible()).toBe(true);
    await p.keyboard.press('.');
    await until(p, (s) => !s.blank, 'the scene back');
    // F puts the projector window full screen, and takes it back.
    await p.keyboard.press('f');
    await expect.poll(() => p.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await p.keyboard.press('f');
    await expect.poll(() => p.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await axe(p, 'the projector at a decision');
  }, 180_000);
});

describe('The projector layout', () => {
  it.each([
    [1280, 720],
    [1920, 1080],
    [3840, 2160],
  ])(
    'fits a decision with four long options and its captions at %ix%i, in text at least 3.5%% of the height',
    async (width, height) => {
      const ctx = await newContext({ width, height });
      const p = await openProjector(ctx, 'speed=3');
      // S3's "how" decision has the longest options of the library.
      await runForClass(p, 's3-retaliation-filming');
      await until(p, (s) => s.canSignal && s.time > 2, 'the scene to run');
      await p.keyboard.press('s');
      let s = await until(p, (x) => x.frozen, 'a freeze');
      // Answer with the best option until the stage-4 decision (four options) is open.
      for (let i = 0; i < 6 && s.decision?.stage !== 'choose'; i++) {
        const bestIndex = s.decision?.options.findIndex((o) => o.rating === 'best') ?? 0;
        await p.keyboard.press(String(bestIndex + 1));
        await p.keyboard.press('PageDown');
        const was = s.decision?.id;
        s = await until(
          p,
          (x) => (x.frozen && x.decision?.id !== was) || x.phase !== 'running',
          'the next decision',
        );
      }
      expect(s.decision?.options.length).toBe(4);
      await p.keyboard.press('2');
      await p.keyboard.press('2');
      await p.keyboard.press('3');
      await until(p, (x) => x.voteSummary.includes('B 2'), 'hands shown');
      await p.keyboard.press('r');
      await until(p, (x) => x.revealed, 'the cues revealed');
      await p.waitForTimeout(300);
      await shoot(p, 'projector-layout');
      expect(await layoutProblems(p)).toEqual([]);
      const shares = await textShares(p);
      expect(shares.options.length).toBe(4);
      for (const share of [...shares.options, ...shares.captions]) {
        expect(share).toBeGreaterThanOrEqual(0.035);
      }
    },
    180_000,
  );
});
