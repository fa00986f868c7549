/**
 * The Phaser stage in real headless Chromium: the dev harness (tests/e2e/harness/stage.html)
 * drives real scenarios on a manual clock into the stage, and these tests read the pixels back.
 * Canvas is forced (WebGL in headless Chromium is software and slow); one WebGL smoke render
 * checks the other renderer. Any console error or uncaught exception fails the test.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/scenarioFiles.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';
import { freePort } from './support/server.ts';

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}
type Rgb = readonly [number, number, number];

/** What the harness page exposes on window.__stage. */
interface HarnessWindow {
  __stage?: {
    ready: boolean;
    error: string | undefined;
    cycled: number;
    anchors: ReadonlyArray<{ id: string; x: number; y: number }>;
    pixel(x: number, y: number): Promise<[number, number, number, number]>;
    count(area: Area, rgb: Rgb, tolerance: number): Promise<number>;
    backdropLoaded(): boolean;
  };
}

let server: ViteDevServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
let page: Page | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  const [started, launched] = await Promise.all([
    createServer({
      root: PROJECT_ROOT,
      configFile: join(PROJECT_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      clearScreen: false,
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
    }),
    launchChromium(),
  ]);
  server = started;
  browser = launched;
  await server.listen();
  baseUrl = `http://127.0.0.1:${port}/tests/e2e/harness/stage.html`;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  const errors = pageErrors;
  await page?.context().close();
  page = undefined;
  pageErrors = [];
  expect(errors, 'the page reported errors').toEqual([]);
});

/** Opens the harness with a query and waits until it has drawn (and the backdrop, if asked). */
async function open(query: string, options: { backdrop?: boolean; width?: number } = {}) {
  if (!browser) throw new Error('beforeAll did not start the browser');
  const width = options.width ?? 1920;
  const context = await browser.newContext({ viewport: { width, height: (width * 9) / 16 } });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(`${baseUrl}?${query}`);
  await page.waitForFunction(() => (window as HarnessWindow).__stage?.ready === true, null, {
    timeout: 30_000,
  });
  const error = await page.evaluate(() => (window as HarnessWindow).__stage?.error);
  expect(error, 'the harness failed').toBeUndefined();
  if (options.backdrop !== false) {
    await page.waitForFunction(
      () => (window as HarnessWindow).__stage?.backdropLoaded() === true,
      null,
      {
        timeout: 10_000,
      },
    );
  }
  // Two frames, so that what was set up is on the canvas.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  return page;
}

async function pixel(p: Page, x: number, y: number) {
  return p.evaluate(([px, py]) => (window as HarnessWindow).__stage?.pixel(px, py), [
    x,
    y,
  ] as const);
}

async function count(p: Page, area: Area, rgb: Rgb, tolerance = 24) {
  return p.evaluate(([a, c, t]) => (window as HarnessWindow).__stage?.count(a, c, t), [
    area,
    rgb,
    tolerance,
  ] as const);
}

async function anchors(p: Page) {
  return p.evaluate(() => (window as HarnessWindow).__stage?.anchors ?? []);
}

/** The stage area under a label anchor: the figure's body. */
function bodyBelow(anchor: { x: number; y: number }, width = 120, height = 260): Area {
  return {
    x: Math.max(0, Math.round(anchor.x * 1920 - width / 2)),
    y: Math.max(0, Math.round(anchor.y * 1080)),
    width,
    height,
  };
}

const UNIFORM_SHIRT: Rgb = [0x1f, 0x33, 0x58];
const S1 = 'scenario=s1-prone-restraint';
const S16 = 'scenario=s16-lawful-taser-hammer';

describe('the stage on Canvas', () => {
  it('draws the backdrop of S1 and its people in uniform', async () => {
    const p = await open(`${S1}&t=20&renderer=canvas`);
    // The store's red sign band in the parking-lot picture.
    const [r, g, b] = (await pixel(p, 960, 330)) ?? [0, 0, 0, 0];
    expect(r, `sign pixel ${r},${g},${b}`).toBeGreaterThan(150);
    expect(g).toBeLessThan(110);
    const placed = await anchors(p);
    expect(placed.map((a) => a.id).sort()).toEqual(
      ['crowd', 'emt', 'kim', 'reyes', 'subject', 'trainee'].sort(),
    );
    for (const anchor of placed) {
      expect(anchor.x).toBeGreaterThanOrEqual(0);
      expect(anchor.x).toBeLessThanOrEqual(1);
      expect(anchor.y).toBeGreaterThanOrEqual(0);
      expect(anchor.y).toBeLessThanOrEqual(1);
    }
    // Officers and the trainee are drawn in navy uniform where their labels point.
    for (const id of ['trainee', 'reyes', 'kim']) {
      const anchor = placed.find((a) => a.id === id);
      if (!anchor) throw new Error(`no anchor for ${id}`);
      const navy = await count(p, bodyBelow(anchor), UNIFORM_SHIRT, 30);
      expect(navy, `${id}: uniform pixels under the label`).toBeGreaterThan(300);
    }
  });

  it('draws the kitchen of S16, the Taser wires and the dropped hammer after the shot', async () => {
    const p = await open(`${S16}&t=11&renderer=canvas`);
    const [r, g, b] = (await pixel(p, 60, 60)) ?? [0, 0, 0, 0];
    // The kitchen wall is light cream.
    expect(r + g + b, `wall pixel ${r},${g},${b}`).toBeGreaterThan(600);
    const placed = await anchors(p);
    expect(placed.map((a) => a.id).sort()).toEqual(['suspect', 'trainee', 'victim', 'webb']);
    // Medics are not on stage until they are called in.
    expect(placed.some((a) => a.id === 'medic')).toBe(false);
    const wires = await count(
      p,
      { x: 700, y: 500, width: 900, height: 450 },
      [0xf7, 0xf1, 0xc8],
      30,
    );
    expect(wires, 'Taser wire pixels').toBeGreaterThan(40);
  });

  it('falls back to a neutral fill, quietly, when the backdrop is not in the manifest', async () => {
    const p = await open(`${S1}&t=0&renderer=canvas&backdrop=no-such-picture`, { backdrop: false });
    const sky = await pixel(p, 40, 40);
    expect(sky?.slice(0, 3)).toEqual([0x26, 0x2a, 0x33]);
  });

  it('renders every motion in turn without an error', async () => {
    const p = await open('mode=cycle&every=60&renderer=canvas', { backdrop: true });
    const cycled = await p.evaluate(() => (window as HarnessWindow).__stage?.cycled);
    expect(cycled).toBe(25);
    const placed = await anchors(p);
    const actor = placed.find((a) => a.id === 'actor');
    if (!actor) throw new Error('the actor has no anchor');
    // Let the last motion (CPR) settle, then the sergeant is still drawn in uniform.
    await p.waitForTimeout(1200);
    const navy = await count(p, bodyBelow(actor, 200, 260), UNIFORM_SHIRT, 30);
    expect(navy).toBeGreaterThan(200);
  });

  it('outlines a cued figure in the cue colour only in hint mode', async () => {
    // t=16: "I can't breathe" is a warning cue on the man on the ground. Reduced motion keeps
    // the outline steady, so the colour can be read exactly.
    const area = { x: 640, y: 780, width: 560, height: 160 };
    const orange: Rgb = [0xff, 0x7a, 0x00];
    const hinted = await open(`${S1}&t=16&renderer=canvas&hint=1&reduced=1`);
    expect(await count(hinted, area, orange, 40)).toBeGreaterThan(150);
    await hinted.context().close();
    const plain = await open(`${S1}&t=16&renderer=canvas&hint=0&reduced=1`);
    expect(await count(plain, area, orange, 40)).toBe(0);
  });

  it('holds still while paused', async () => {
    // The EMT starts CPR at t=308 in the no-aid branch: compressions loop until paused.
    const p = await open(`${S1}&t=312&renderer=canvas&pause=1`);
    const area = { x: 700, y: 700, width: 500, height: 240 };
    const first = await count(p, area, UNIFORM_SHIRT, 30);
    await p.waitForTimeout(400);
    expect(await count(p, area, UNIFORM_SHIRT, 30)).toBe(first);
  });

  it('empties the stage on clear, and removes the canvas on destroy', async () => {
    const cleared = await open(`${S1}&t=20&renderer=canvas&after=clear`, { backdrop: false });
    // The overlay is told that no labels are left.
    expect(await anchors(cleared)).toEqual([]);
    const [r, g, b] = (await pixel(cleared, 960, 700)) ?? [0, 0, 0, 0];
    expect([r, g, b]).toEqual([0x15, 0x17, 0x1c]);
    await cleared.context().close();
    const destroyed = await open(`${S1}&t=0&renderer=canvas&after=destroy`, { backdrop: false });
    await destroyed.waitForTimeout(100);
    await expect(destroyed.locator('#stage canvas').count()).resolves.toBe(0);
  });

  it('fits a 1280x720 window', async () => {
    const p = await open(`${S1}&t=20&renderer=canvas`, { width: 1280 });
    const box = await p.locator('#stage canvas').boundingBox();
    expect(box?.width).toBeCloseTo(1280, 0);
    expect(box?.height).toBeCloseTo(720, 0);
  });
});

describe('the stage on WebGL', () => {
  it('draws one frame without errors', async () => {
    const p = await open(`${S1}&t=20&renderer=webgl`);
    const [r, g] = (await pixel(p, 960, 330)) ?? [0, 0, 0, 0];
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(110);
  });
});
