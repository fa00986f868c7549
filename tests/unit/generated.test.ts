import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, scenarioJsonSchema } from '../../tools/generateSchema.ts';
import { COVERAGE_DOC, coverageDoc } from '../../tools/coverageDoc.ts';
import { SCORING_DOC, scoringDocWithTables } from '../../tools/scoringTables.ts';

describe('Files generated from code', () => {
  it('keeps scenarios/scenario.schema.json in step with the zod schema (run npm run generate)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchema());
  });

  it('keeps the figures in docs/scoring.md in step with weights.ts (run npm run generate)', async () => {
    const doc = readFileSync(SCORING_DOC, 'utf8');
    expect(doc).toBe(await scoringDocWithTables(doc));
  });

  it('keeps the coverage matrix in docs/scenarios.md in step with the scenarios (run npm run generate)', async () => {
    expect(readFileSync(COVERAGE_DOC, 'utf8')).toBe(await coverageDoc());
  });
});
