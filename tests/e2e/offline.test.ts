/**
 * Offline play in real headless Chromium, on the production build: load the game once, lose the
 * network, reload, and play S1 to its end from what the service worker stored. And an update that
 * arrives mid-encounter: it waits, it is offered only on the menu, and it is applied only when
 * the trainee asks.
 *
 * The game is reached through a small forwarding server of this test's own in front of the shared
 * preview server. Chromium's offline switch alone may let the service worker's own fetches
 * through to a server that is still running, and would then hide a file missing from the
 * precache; the forwarder really stops answering, and counts what still asked it. It also gives
 * each test its own origin, so no service worker leaks between tests, and lets a test publish a
 * "new version" by changing the bytes of sw.js.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Scenario } from '../../src/engine/index.ts';
import { UPDATE_READY_TEXT, USE_UPDATE_LABEL } from '../../src/pwa/offerUpdate.ts';
import { loadScenarioFiles } from '../../tools/scenarioFiles.ts';
import { axe } from './support/axe.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';
import { best, endHeading, playOut, startScenario, tabTo } from './support/play.ts';

const baseUrl = inject('baseUrl');
const s1 = loadScenarioFiles()
  .flatMap((r) => (r.ok ? [r.scenario] : []))
  .find((s) => s.id === 's1-prone-restraint') as Scenario;
// Fast enough to play S1 through in seconds.
const QUERY = '?renderer=canvas&speed=30';
const MEDIA = /\.(ogg|mp3|wav|svg|png|jpe?g|webp)$/i;

/** The game's address for one test, and the switch that takes its network away. */
interface Origin {
  readonly url: string;
  /** Paths asked for while the network was off: each one a request the cache did not answer. */
  readonly askedWhileOffline: string[];
  setOnline(online: boolean): void;
  /** From now on sw.js has different bytes, which browsers take as a new version of the game. */
  publishUpdate(): void;
  close(): Promise<void>;
}

async function startOrigin(upstream: string): Promise<Origin> {
  let online = true;
  let version = 0;
  const askedWhileOffline: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (!online) {
      askedWhileOffline.push(path);
      // No status, no headers: what a browser meets when the classroom's network is gone.
      request.socket.destroy();
      return;
    }
    void (async () => {
      const answer = await fetch(new URL(path, upstream));
      let body = Buffer.from(await answer.arrayBuffer());
      if (version > 0 && new URL(path, upstream).pathname === '/sw.js') {
        body = Buffer.concat([body, Buffer.from(`\n// version ${version + 1}\n`)]);
      }
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
      });
      response.end(body);
    })().catch((error: unknown) => {
      response.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    askedWhileOffline,
    setOnline: (value) => {
      online = value;
    },
    publishUpdate: () => {
      version += 1;
    },
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

let browser: Browser | undefined;
let origin: Origin | undefined;
let context: BrowserContext | undefined;
/** One list per page the test opened: console errors and uncaught exceptions. */
let errors: string[][] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  const found = errors.flat();
  await context?.close();
  await origin?.close();
  context = undefined;
  origin = undefined;
  errors = [];
  expect(found, 'the page reported errors').toEqual([]);
});

const menuHeading = (p: Page) => p.getByRole('heading', { level: 1, name: 'Duty to Intervene' });

/**
 * A first visit: opens the game, waits until its service worker has stored everything (a worker
 * is `ready` only once it has installed, and installing is storing the precache), then reloads so
 * that the service worker controls the page from its first request.
 */
async function firstVisit(query: string): Promise<Page> {
  if (!browser) throw new Error('no browser');
  origin = await startOrigin(baseUrl);
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  errors.push(collectPageErrors(page));
  await page.goto(`${origin.url}${query}`);
  await menuHeading(page).waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await menuHeading(page).waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  return page;
}

type DtiScreen = { store: { getState(): { screen: { name: string } } } };

const notice = (p: Page) => p.getByRole('complementary', { name: 'Game update' });

const screenName = (p: Page) =>
  p.evaluate(() => (window as unknown as { dti: DtiScreen }).dti.store.getState().screen.name);

/** Marks the page's JavaScript world; a reload starts a new one without the mark. */
const mark = (p: Page) =>
  p.evaluate(() => {
    (window as unknown as { loadedOnce?: boolean }).loadedOnce = true;
  });
const stillMarked = (p: Page) =>
  p.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);

/** Publishes a new sw.js and has the browser install it; resolves once it waits. */
async function installUpdate(p: Page): Promise<void> {
  origin?.publishUpdate();
  await p.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) throw new Error('no service worker registration');
    await registration.update();
    const deadline = Date.now() + 30_000;
    while (!registration.waiting && Date.now() < deadline) {
      await new Promise((tick) => setTimeout(tick, 100));
    }
    if (!registration.waiting) throw new Error('the new version never finished installing');
  });
}

async function quitToMenu(p: Page): Promise<void> {
  await p.keyboard.press('Escape');
  await tabTo(p, p.getByRole('button', { name: 'Quit to the menu' }));
  await p.keyboard.press('Enter');
  await menuHeading(p).waitFor();
}

const offered = (p: Page) =>
  notice(p).getByRole('status').filter({ hasText: UPDATE_READY_TEXT }).waitFor();

/** Presses "Use the update now" with the keyboard and waits for the reload it causes. */
async function useUpdate(p: Page): Promise<void> {
  await tabTo(p, notice(p).getByRole('button', { name: USE_UPDATE_LABEL }));
  await Promise.all([p.waitForEvent('load'), p.keyboard.press('Enter')]);
  await menuHeading(p).waitFor();
  expect(await stillMarked(p)).toBe(false);
  expect(await notice(p).count()).toBe(0);
}

describe('Offline', () => {
  it('loads once, goes offline, reloads and plays S1 to its end', async () => {
    const p = await firstVisit(QUERY);
    // Nothing new has been published, so there is nothing to offer.
    expect(await notice(p).count()).toBe(0);
    expect(await p.getByRole('button', { name: USE_UPDATE_LABEL }).count()).toBe(0);

    const responses: Response[] = [];
    const failed: string[] = [];
    p.on('response', (response) => responses.push(response));
    p.on('requestfailed', (request) =>
      failed.push(`${request.url()}: ${request.failure()?.errorText ?? '?'}`),
    );

    origin?.setOnline(false);
    await context?.setOffline(true);
    await p.reload();
    await menuHeading(p).waitFor();
    // navigator.onLine is not checked: Chromium reports true again after a page comes from a
    // service worker under emulated offline. The forwarder's count below is the real proof.

    await startScenario(p, s1);
    await p.keyboard.press('Space');
    await playOut(p, s1, best(s1));
    const heading = await endHeading(p);
    expect(s1.outcomes.map((o) => o.title)).toContain(heading);

    // The browser asks for sw.js on a reload to see whether the game has changed; offline, that
    // check fails quietly and the stored version goes on. Nothing else may go to the network.
    expect(origin?.askedWhileOffline.filter((path) => path !== '/sw.js')).toEqual([]);
    expect(failed).toEqual([]);

    const fetched = responses.filter((r) => r.url().startsWith('http'));
    const notFromCache = fetched.filter((r) => !r.fromServiceWorker()).map((r) => r.url());
    expect(notFromCache, 'answered by something other than the service worker').toEqual([]);
    // The scene really did ask for its art and sound (so the check above is not empty).
    const media = fetched.filter((r) => MEDIA.test(new URL(r.url()).pathname));
    expect(media.some((r) => /\/backdrops\//.test(r.url()))).toBe(true);
    expect(media.some((r) => /\/audio\//.test(r.url()))).toBe(true);
    expect(media.filter((r) => r.status() !== 200).map((r) => r.url())).toEqual([]);
    expect(fetched.some((r) => /\/assets\/phaser-[^/]+\.js$/.test(r.url()))).toBe(true);
  }, 180_000);
});

describe('Updates', () => {
  it('waits through an encounter, is offered on the menu, and is applied when asked', async () => {
    // At the scene's own pace, so the encounter is still running when the update arrives.
    const p = await firstVisit('?renderer=canvas');
    expect(await notice(p).count()).toBe(0);
    await startScenario(p, s1);
    await mark(p);

    await installUpdate(p);
    // Installed and waiting, mid-encounter: no notice, no reload, the scene goes on.
    await p.waitForTimeout(1_000);
    expect(await notice(p).count()).toBe(0);
    expect(await stillMarked(p)).toBe(true);
    expect(await screenName(p)).toBe('encounter');

    await quitToMenu(p);
    await offered(p);
    await axe(p, 'the menu with the update notice');

    // Leaving the menu takes the notice away; coming back brings it again.
    await tabTo(
      p,
      p.locator(`[data-scenario="${s1.id}"]`).getByRole('button', { name: 'Brief me' }),
    );
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 1, name: s1.title }).waitFor();
    expect(await notice(p).count()).toBe(0);
    await tabTo(p, p.getByRole('button', { name: 'Back to the scenarios' }));
    await p.keyboard.press('Enter');
    await menuHeading(p).waitFor();
    await offered(p);

    await useUpdate(p);
    const after = await p.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        waiting: registration?.waiting ?? null,
        controlled: navigator.serviceWorker.controller !== null,
      };
    });
    expect(after).toEqual({ waiting: null, controlled: true });
  }, 180_000);

  it('taken in one tab, it leaves an encounter running in another tab alone', async () => {
    // The instructor's laptop on the menu, the projector's tab in the middle of a scene.
    const menuTab = await firstVisit('?renderer=canvas');
    const classTab = await menuTab.context().newPage();
    errors.push(collectPageErrors(classTab));
    await classTab.goto(`${origin?.url ?? ''}?renderer=canvas`);
    await menuHeading(classTab).waitFor();
    await startScenario(classTab, s1);
    await mark(classTab);

    await installUpdate(menuTab);
    await offered(menuTab);
    expect(await notice(classTab).count()).toBe(0);
    await useUpdate(menuTab);

    // The new worker now controls both tabs, but the class's scene was not reloaded.
    await classTab.waitForTimeout(1_000);
    expect(await stillMarked(classTab)).toBe(true);
    expect(await screenName(classTab)).toBe('encounter');
    expect(await notice(classTab).count()).toBe(0);

    // Back on its menu, the class's tab offers the reload into the version it is now served.
    await quitToMenu(classTab);
    await offered(classTab);
    await useUpdate(classTab);
  }, 180_000);
});
