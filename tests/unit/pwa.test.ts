/**
 * Offline play: when the update notice may appear (only on the menu, never during a class), and
 * that the service worker's precache list cannot silently miss a file in assets/ or an icon the
 * web manifest names. The worker itself is exercised in tests/e2e/offline.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offerUpdate } from '../../src/pwa/offerUpdate.ts';
import {
  PRECACHE_EXTENSIONS,
  PRECACHE_GLOB,
  PRECACHE_MAX_FILE_BYTES,
} from '../../src/pwa/precache.ts';
import { WEB_MANIFEST } from '../../src/pwa/webManifest.ts';
import type { Screen } from '../../src/store/appStore.ts';
import { PROJECT_ROOT } from '../../tools/scenarioFiles.ts';

const ASSETS = join(PROJECT_ROOT, 'assets');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const NOT_MENU: Array<Screen['name']> = [
  'settings',
  'briefing',
  'encounter',
  'end',
  'class',
  'history',
  'debrief',
  'replay',
];

describe('offerUpdate', () => {
  it('offers a waiting update on the menu', () => {
    expect(offerUpdate('menu', true)).toBe(true);
  });

  it('offers nothing on the menu when no update waits', () => {
    expect(offerUpdate('menu', false)).toBe(false);
  });

  it.each(NOT_MENU)('never offers an update on the %s screen', (screen) => {
    expect(offerUpdate(screen, true)).toBe(false);
    expect(offerUpdate(screen, false)).toBe(false);
  });
});

describe('the precache list', () => {
  const files = filesUnder(ASSETS);

  it('is one glob over every extension it names', () => {
    expect(PRECACHE_GLOB).toBe(`**/*.{${PRECACHE_EXTENSIONS.join(',')}}`);
  });

  it.each(files.map((path) => [relative(PROJECT_ROOT, path), path]))(
    '%s is a kind of file the service worker stores',
    (_name, path) => {
      const extension = extname(path).slice(1).toLowerCase();
      expect(PRECACHE_EXTENSIONS as readonly string[]).toContain(extension);
    },
  );

  it.each(files.map((path) => [relative(PROJECT_ROOT, path), path]))(
    '%s is small enough to be stored',
    (_name, path) => {
      expect(statSync(path).size).toBeLessThanOrEqual(PRECACHE_MAX_FILE_BYTES);
    },
  );

  it('leaves room for the Phaser chunk (about 1.4 MB)', () => {
    expect(PRECACHE_MAX_FILE_BYTES).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  });
});

describe('the web manifest', () => {
  it('names the game and matches the menu colour', () => {
    expect(WEB_MANIFEST.name).toBe('Duty to Intervene simulator');
    expect(WEB_MANIFEST.short_name).toBe('Duty to Intervene');
    expect(WEB_MANIFEST.display).toBe('standalone');
    const css = readFileSync(join(PROJECT_ROOT, 'src', 'ui', 'app.css'), 'utf8');
    const bg = /--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    expect(WEB_MANIFEST.theme_color).toBe(bg);
    expect(WEB_MANIFEST.background_color).toBe(bg);
  });

  it('has an icon of 192 and one of 512 pixels, and a maskable one', () => {
    const sizes = WEB_MANIFEST.icons.map((icon) => icon.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(WEB_MANIFEST.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  });

  it.each(WEB_MANIFEST.icons.map((icon) => [icon.src, icon] as const))(
    '%s is in assets/ and is as large as it says',
    (src, icon) => {
      const bytes = readFileSync(join(ASSETS, src));
      if (icon.type === 'image/svg+xml') {
        expect(bytes.toString('utf8')).toMatch(/^<svg[^>]*viewBox="0 0 512 512"/);
        return;
      }
      // A PNG's width and height are the first two fields of its IHDR chunk.
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
    },
  );
});
