/**
 * Real headless Chromium through playwright-core. No browser downloads: the test uses the system
 * Chromium (Debian's /usr/bin/chromium) or whatever CHROME_PATH names.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const DEFAULT_CHROME_PATH = '/usr/bin/chromium';

export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** CHROME_PATH if set, else /usr/bin/chromium; throws a message that says how to get one. */
export function chromePath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CHROME_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `CHROME_PATH is set to ${fromEnv}, but there is no file there. Point CHROME_PATH at a Chromium or Chrome executable, or unset it to use ${DEFAULT_CHROME_PATH}.`,
    );
  }
  if (existsSync(DEFAULT_CHROME_PATH)) return DEFAULT_CHROME_PATH;
  throw new Error(
    `The browser tests need Chromium and found none at ${DEFAULT_CHROME_PATH}. Install it with \`apt-get install -y chromium\` (Debian/Ubuntu), or set CHROME_PATH to a Chromium or Chrome executable. Never run \`npx playwright install\`.`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS, headless: true });
}

/** Everything the page reported as wrong: console errors and uncaught exceptions. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => {
    errors.push(`uncaught exception: ${error.stack ?? error.message}`);
  });
  return errors;
}
