/**
 * The shipped library as a whole: every file is tagged for the coverage matrix, the library
 * reaches the coverage floors, and content rules from the domain brief hold in every file.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageRow, coverageShortfalls, type CoverageRow } from '../../src/engine/index.ts';
import { loadScenarioFiles, scenarioFilesIn } from '../../tools/scenarioFiles.ts';

const files = scenarioFilesIn();
const results = loadScenarioFiles(files);
const loaded = results.flatMap((r) => (r.ok ? [r.scenario] : []));

describe('The scenario library', () => {
  it.each(files.map((f) => [basename(f), f]))('%s is named by its id', (name, file) => {
    const result = results.find((r) => r.file.endsWith(name));
    expect(result?.ok, `${name} must validate`).toBe(true);
    if (result?.ok) expect(`${result.scenario.id}.yaml`).toBe(name);
    expect(readFileSync(file, 'utf8')).toBeTruthy();
  });

  it('tags every scenario for the coverage matrix', () => {
    const untagged = results.flatMap((r) =>
      r.ok && r.scenario.coverage === undefined ? [r.file] : [],
    );
    expect(untagged, 'add a coverage: block (see scenarios/README.md)').toEqual([]);
  });

  it('reaches every coverage floor', () => {
    const rows = results.flatMap((r): CoverageRow[] => {
      const row = r.ok ? coverageRow(r.scenario) : undefined;
      return row ? [row] : [];
    });
    expect(coverageShortfalls(rows)).toEqual([]);
  });

  it('writes at least 16 of the 17 outlines in the domain brief, each once', () => {
    const outlines = results.flatMap((r) =>
      r.ok && r.scenario.coverage?.outline ? [r.scenario.coverage.outline] : [],
    );
    expect(new Set(outlines).size).toBe(outlines.length);
    expect(outlines.length).toBeGreaterThanOrEqual(16);
  });

  it('scores monitoring and support as best in both lawful-force outlines', () => {
    for (const outline of ['S16', 'S17']) {
      const result = results.find((r) => r.ok && r.scenario.coverage?.outline === outline);
      expect(result?.ok, `${outline} is in the library`).toBe(true);
      if (!result?.ok) continue;
      expect(result.scenario.interventionRequired).toBe(false);
      const intervening = result.scenario.decisions.flatMap((d) =>
        d.options.filter((o) => o.intervenes),
      );
      expect(intervening.length, `${outline} offers a way to step in`).toBeGreaterThan(0);
      expect(intervening.every((o) => o.rating === 'poor' || o.rating === 'harmful')).toBe(true);
    }
  });

  it('shows no authoring shorthand ("t+20") in words a trainee or a class reads', () => {
    const shown = loaded.flatMap((scenario) => [
      ...scenario.decisions.flatMap((d) => [
        d.prompt,
        d.discussion ?? '',
        ...d.options.map((o) => o.text),
      ]),
      ...scenario.segments.flatMap((segment) =>
        segment.beats.flatMap((beat) => [beat.line ?? '', beat.caption ?? '']),
      ),
    ]);
    expect(shown.filter((text) => /\bt\s*\+\s*\d/.test(text))).toEqual([]);
  });

  it('never offers "excited delirium" as a diagnosis (domain brief 2.9)', () => {
    const offending = files.filter((f) => /excited\s+delirium/i.test(readFileSync(f, 'utf8')));
    expect(offending).toEqual([]);
  });
});
