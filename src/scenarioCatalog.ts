/** The scenarios the game ships, validated at build time by tools/scenarioPlugin.ts. */
import catalog from 'virtual:scenarios';
import type { Scenario, ScenarioProblem } from './engine/index.ts';

export interface CatalogEntry {
  readonly file: string;
  readonly scenario: Scenario;
}

export interface BrokenEntry {
  readonly file: string;
  readonly problems: readonly ScenarioProblem[];
}

export interface ScenarioCatalog {
  readonly scenarios: readonly CatalogEntry[];
  readonly broken: readonly BrokenEntry[];
}

export const scenarioCatalog = catalog as ScenarioCatalog;
