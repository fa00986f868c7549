/**
 * `npx tsx tools/makeIcons.ts`: draws the app icons' PNG sizes from the hand-drawn SVGs in
 * assets/icons/ with the same headless Chromium the browser tests use, so no image tool has to be
 * installed and nothing is downloaded. Run it after editing an icon's SVG and commit the PNGs:
 * some systems ignore an SVG icon when a class installs the game to the home screen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/support/browser.ts';
import { PROJECT_ROOT } from './scenarioFiles.ts';

const ICONS = join(PROJECT_ROOT, 'assets', 'icons');

const outputs = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  // Launchers crop a maskable icon to their own shape, so its background must reach the edges.
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
];

const browser = await launchChromium();
try {
  for (const { svg, png, size } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const source = readFileSync(join(ICONS, svg), 'utf8');
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    await page.setContent(
      `<body style="margin:0"><img src="${dataUrl}" width="${size}" height="${size}" alt=""></body>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    // The rounded icon's corners stay transparent rather than taking the page's white.
    writeFileSync(join(ICONS, png), await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`${png}: ${size}×${size} from ${svg}`);
  }
} finally {
  await browser.close();
}
