/**
 * Writes scenarios/scenario.schema.json from the zod schema, so YAML editors can complete and
 * check scenario files. Never edit the JSON by hand: run `npm run generate`.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ScenarioSchema } from '../src/engine/index.ts';
import { SCENARIO_DIR } from './scenarioFiles.ts';

export const SCHEMA_PATH = join(SCENARIO_DIR, 'scenario.schema.json');

/** The JSON Schema text as it should be checked in. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' });
  const titled = {
    ...schema,
    $id: 'scenario.schema.json',
    title: 'Duty to Intervene scenario',
    description: 'Generated from src/engine/scenario/schema.ts by npm run generate. Do not edit.',
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
