/**
 * `npm run generate`: rewrites the checked-in files that are derived from code: the scenario
 * JSON Schema and the figure tables in docs/scoring.md. Tests fail when either is stale.
 */
import { writeFileSync } from 'node:fs';
import { SCHEMA_PATH, scenarioJsonSchema } from './generateSchema.ts';
import { SCORING_DOC, writeScoringDoc } from './scoringTables.ts';

writeFileSync(SCHEMA_PATH, scenarioJsonSchema());
console.log(`wrote ${SCHEMA_PATH}`);
await writeScoringDoc();
console.log(`wrote the tables in ${SCORING_DOC}`);
