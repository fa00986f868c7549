// @vitest-environment jsdom
/**
 * The asset manifest and the files it names agree: every entry points at a file that exists,
 * of a kind its extension can hold, and every SVG is well-formed XML drawn on the stage's
 * 1920x1080 canvas. jsdom supplies DOMParser; no new dependency.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesOf, type AssetEntry } from '../../src/assets/manifest.ts';
import { PROJECT_ROOT, readAssetManifest } from '../../tools/scenarioFiles.ts';

const ASSET_DIR = join(PROJECT_ROOT, 'assets');

const EXTENSIONS: Record<AssetEntry['kind'], readonly string[]> = {
  backdrop: ['.svg', '.png', '.jpg', '.jpeg', '.webp'],
  sound: ['.ogg', '.mp3', '.wav'],
};

const manifest = readAssetManifest();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const svgFiles = filesUnder(ASSET_DIR).filter((path) => extname(path).toLowerCase() === '.svg');

/** The root <svg> element, or throws with the parser's message. */
function parseSvg(path: string): Element {
  const doc = new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${path} is not well-formed XML: ${error.textContent ?? ''}`);
  return doc.documentElement;
}

describe('assets/manifest.json', () => {
  it('has entries', () => {
    expect(Object.keys(manifest).length).toBeGreaterThan(0);
  });

  describe.each(Object.entries(manifest))('%s', (_key, entry) => {
    it.each(filesOf(entry))('names %s, a file that exists inside assets/', (file) => {
      const path = resolve(ASSET_DIR, file);
      expect(path.startsWith(ASSET_DIR + sep), `${file} leaves assets/`).toBe(true);
      expect(existsSync(path), `assets/${file} is missing`).toBe(true);
    });

    it.each(filesOf(entry))('names %s, with an extension that fits its kind', (file) => {
      expect(EXTENSIONS[entry.kind]).toContain(extname(file).toLowerCase());
    });
  });
});

describe('SVG files', () => {
  const backdrops = new Set(
    Object.values(manifest)
      .filter((entry) => entry.kind === 'backdrop')
      .map((entry) => resolve(ASSET_DIR, entry.file))
      // A missing file already fails above; raster backdrops have no viewBox to check.
      .filter((path) => extname(path).toLowerCase() === '.svg' && existsSync(path)),
  );

  it.each(svgFiles.map((path) => [relative(PROJECT_ROOT, path), path]))(
    '%s is well-formed SVG with a viewBox',
    (_name, path) => {
      const root = parseSvg(path);
      expect(root.localName).toBe('svg');
      expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
      expect(root.getAttribute('viewBox')).toMatch(
        /^\s*-?[\d.]+(\s+|,)-?[\d.]+(\s+|,)[\d.]+(\s+|,)[\d.]+\s*$/,
      );
    },
  );

  it.each([...backdrops].map((path) => [relative(PROJECT_ROOT, path), path]))(
    '%s is drawn on a 1920x1080 viewBox with no text in it',
    (_name, path) => {
      const root = parseSvg(path);
      const viewBox = (root.getAttribute('viewBox') ?? '')
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      expect(viewBox).toEqual([0, 0, 1920, 1080]);
      // Words belong in the DOM overlay, where they can be read aloud, translated and enlarged.
      expect(root.getElementsByTagName('text').length).toBe(0);
    },
  );
});
