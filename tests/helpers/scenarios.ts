/** Loading fixture scenarios and making variants of them for tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileScenario,
  loadScenario,
  type CompiledScenario,
  type Scenario,
} from '../../src/engine/index.ts';
import { readAssetManifest } from '../../tools/scenarioFiles.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
export const ASSET_KEYS: ReadonlySet<string> = new Set(Object.keys(readAssetManifest()));

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Loads a fixture that must be valid; fails the test with its problems otherwise. */
export function loadFixture(name: string): Scenario {
  const result = loadScenario(fixtureText(name), name, { assetKeys: ASSET_KEYS });
  if (!result.ok)
    throw new Error(`${name} should be valid:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.scenario;
}

/** A copy of a fixture scenario with changes applied, compiled (Twine-style factory). */
export function compiledFixture(
  name = 'minimal.yaml',
  change?: (scenario: Scenario) => void,
): CompiledScenario {
  const scenario = structuredClone(loadFixture(name));
  change?.(scenario);
  return compileScenario(scenario);
}
