/**
 * `npm run generate`: rewrites the checked-in files that are derived from code: the scenario
 * JSON Schema, the figure tables in docs/scoring.md and the coverage matrix in docs/scenarios.md.
 * Tests fail when any is stale.
 */
import { writeFileSync } from 'node:fs';
import { SCHEMA_PATH, scenarioJsonSchema } from './generateSchema.ts';
import { SCORING_DOC, writeScoringDoc } from './scoringTables.ts';
import { COVERAGE_DOC, coverageDoc } from './coverageDoc.ts';

writeFileSync(SCHEMA_PATH, scenarioJsonSchema());
console.log(`wrote ${SCHEMA_PATH}`);
await writeScoringDoc();
console.log(`wrote the tables in ${SCORING_DOC}`);
writeFileSync(COVERAGE_DOC, await coverageDoc());
console.log(`wrote ${COVERAGE_DOC}`);
