/**
 * Node-side loading of the scenario folder: reads every YAML file and the asset manifest, and runs
 * each file through the engine's validator. Shared by the Vite plugin, the scenarios:check CLI and
 * the scenario tests, so all three judge the same files the same way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { AssetManifestSchema, type AssetManifest } from '../src/assets/manifest.ts';
import { loadScenario, type LoadResult } from '../src/engine/index.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const SCENARIO_DIR = join(PROJECT_ROOT, 'scenarios');
export const MANIFEST_PATH = join(PROJECT_ROOT, 'assets', 'manifest.json');

/**
 * Reads and validates assets/manifest.json; a broken manifest is an error naming the entry and
 * the field, since every scenario depends on it.
 */
export function readAssetManifest(path = MANIFEST_PATH): AssetManifest {
  const parsed = AssetManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${relative(PROJECT_ROOT, path)}: ${issue?.path.join('.') ?? '(root)'}: ${issue?.message ?? 'invalid'}. Fix the entry; src/assets/manifest.ts describes every field.`,
    );
  }
  return parsed.data;
}

export function scenarioFilesIn(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(dir, name));
}

/** Validates each file on its own: one broken file never hides the others. */
export function loadScenarioFiles(
  files = scenarioFilesIn(),
  manifest = readAssetManifest(),
): LoadResult[] {
  const assetKeys = new Set(Object.keys(manifest));
  const assetKinds = new Map(Object.entries(manifest).map(([key, entry]) => [key, entry.kind]));
  return files.map((path) => {
    const shown = relative(PROJECT_ROOT, path) || basename(path);
    if (!existsSync(path)) {
      return {
        ok: false,
        file: shown,
        problems: [
          {
            file: shown,
            line: 1,
            column: 1,
            path: '(file)',
            message: 'the file does not exist.',
            fix: 'check the path.',
          },
        ],
      };
    }
    return loadScenario(readFileSync(path, 'utf8'), shown, { assetKeys, assetKinds });
  });
}
