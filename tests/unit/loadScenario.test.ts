import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario } from '../../src/engine/index.ts';
import { loadScenarioFiles } from '../../tools/scenarioFiles.ts';
import { ASSET_KEYS, FIXTURES, fixtureText } from '../helpers/scenarios.ts';

/**
 * One fixture file per class of validation error, each with the exact messages an author sees
 * (line:column, field, what is wrong, how to fix it).
 */
const EXPECTED: Record<string, string[]> = {
  'ambiguous-target': [
    '64:11 segments[0].then: "then" must name exactly one place to go: a segment or an outcome. Fix: write "then: { segment: some-segment-id }" or "then: { outcome: some-outcome-id }".',
  ],
  'bad-enum': [
    '119:17 decisions[0].options[0].rating: "good" is not a valid rating. Fix: use one of: "best", "acceptable", "poor" or "harmful".',
  ],
  'bad-id': [
    '55:13 segments[0].beats[2].id: "Goes Limp" is not a valid id: ids are lower-case words joined by hyphens, like "cant-breathe". Fix: write it as "goes-limp".',
  ],
  'bad-next': [
    '122:15 decisions[0].options[0].next: "own-that" is neither a decision nor observe or resolved. Fix: use observe, resolved or one of: "assess", "own-it", "how", "follow-through" or "persist".',
  ],
  'beat-after-end': [
    '41:17 segments[0].windows[3].from: the late window starts at 60 s, after the segment ends at 50 s. Fix: start it earlier or raise endsAt.',
    '60:13 segments[0].beats[3].at: beat "arrest" at 60 s is after the segment ends (endsAt 50 s). Fix: move the beat earlier or raise endsAt.',
  ],
  'beats-out-of-order': [
    '56:13 segments[0].beats[2].at: beat "limp" at 5 s comes after a beat at 10 s. Fix: list beats in time order.',
  ],
  'cue-in-clear-window': [
    '50:14 segments[0].beats[0].cue: beat "cuffed" is a cue but falls in a clear window, where nothing calls for intervention. Fix: start a green window at or before this beat, or remove the cue.',
  ],
  'cut-off-decision': [
    '169:15 decisions[2].options[0].next: decision "follow-through" stays open 10 s, but the scene after "rolled" ends within 6 s, so the trainee could be cut off mid-decision. Fix: raise endsAt in "rolled" or lower timeout.after in "follow-through".',
    '186:15 decisions[2].options[1].next: decision "follow-through" stays open 10 s, but the scene after "rolled" ends within 6 s, so the trainee could be cut off mid-decision. Fix: raise endsAt in "rolled" or lower timeout.after in "follow-through".',
  ],
  'cut-off-prompt': [
    '93:17 segments[2].beats[0].prompt: beat "no" opens decision "persist", which stays open 40 s, but the scene ends within 30 s of the beat, so the trainee could be cut off mid-decision. Fix: move the beat earlier, raise endsAt in "refused" or lower timeout.after in "persist".',
  ],
  'decision-leads-to-itself': [
    '122:15 decisions[0].options[0].next: decision "assess" leads to itself. Fix: lead to another decision, or to observe or resolved.',
  ],
  'duplicate-id': [
    '225:9 decisions[4].id: decision id "assess" is used twice. Fix: give each decision its own id.',
  ],
  'duplicate-key': [
    '6:1 (yaml): the YAML does not parse: Map keys must be unique. Fix: a field appears twice in the same place: keep one.',
  ],
  'intervenes-without-style': [
    '162:9 decisions[2].options[0]: option "direct" intervenes without saying which D it is. Fix: add "style:" distract, direct or delegate.',
  ],
  'lawful-with-cue': [
    '38:28 segments[0].windows[0].window: a green window in a scenario where no intervention is required. Fix: use only clear windows, or set interventionRequired: true.',
    '39:29 segments[0].windows[1].window: an amber window in a scenario where no intervention is required. Fix: use only clear windows, or set interventionRequired: true.',
    '40:29 segments[0].windows[2].window: a red window in a scenario where no intervention is required. Fix: use only clear windows, or set interventionRequired: true.',
    '41:29 segments[0].windows[3].window: a late window in a scenario where no intervention is required. Fix: use only clear windows, or set interventionRequired: true.',
    '49:14 segments[0].beats[0].cue: beat "cuffed" is a cue, but the scenario says no intervention is required. Fix: remove the cue (lawful force has no misconduct to notice), or set interventionRequired: true.',
    '54:14 segments[0].beats[1].cue: beat "cant-breathe" is a cue, but the scenario says no intervention is required. Fix: remove the cue (lawful force has no misconduct to notice), or set interventionRequired: true.',
    '58:14 segments[0].beats[2].cue: beat "limp" is a cue, but the scenario says no intervention is required. Fix: remove the cue (lawful force has no misconduct to notice), or set interventionRequired: true.',
  ],
  'lawful-without-support': [
    '34:3 segments: no beat asks the trainee for support, but in a lawful-force scenario supporting and monitoring is the job being scored. Fix: add a beat with "prompt:" naming an act decision (cuff on the partner\'s cue, check breathing, move the victim).',
  ],
  'line-without-speaker': [
    '50:9 segments[0].beats[1]: beat "cant-breathe" has a line but no speaker. Fix: add "speaker:" with the cast id of whoever says it.',
  ],
  'missing-field': [
    '2:1 (file): missing required field "title". Fix: add "title:" with text (see scenarios/README.md).',
  ],
  'missing-schema-version': [
    '2:1 (file): the file has no schemaVersion, so the game cannot tell which format it is written in. Fix: add "schemaVersion: 1" as the first field.',
  ],
  'missing-stage': [
    '113:3 decisions: no reachable decision is at stage "choose". Fix: add a choose decision and lead to it: every encounter runs through the five stages.',
  ],
  'negative-time': [
    '56:13 segments[0].beats[2].at: "at" is -5: at is seconds on the scenario clock: 0 or more. Fix: use a number at least 0.',
  ],
  'newer-schema-version': [
    '2:16 schemaVersion: the file is written in scenario format 7, but this copy of the game reads formats up to 1. Fix: update the game to a release that reads format 7, or rewrite the file in format 1 (see scenarios/README.md, "Versions").',
  ],
  'no-harm-point': [
    '43:7 segments[0].beats: the start segment has 0 harm points; a scenario that requires intervention needs exactly one. Fix: mark the beat where damage is done with "harmPoint: true": intervention timing is scored against it.',
  ],
  'not-a-mapping': [
    '2:1 (file): the file is not a scenario: its top level must be a set of fields (id, title, ...). Fix: start from the complete example in scenarios/README.md.',
  ],
  'officer-without-rank': [
    '22:5 cast[0]: officer "lee" has no rank. Fix: add "rank:" (e.g. officer, sergeant): rank changes how the trainee should intervene.',
  ],
  'report-goto': [
    '260:15 decisions[5].options[0].goto: report decision "pressure" sends the scene somewhere, but the scene is over by the report. Fix: remove "goto" from report decisions.',
  ],
  'reserved-beat-id': [
    '55:13 segments[0].beats[2].id: beat id "begin" is reserved for the scene\'s own markers. Fix: rename the beat (ids "begin" and "window-..." are taken).',
  ],
  'signal-not-determine': [
    '31:11 onSignal: onSignal opens "own-it", a commit decision. Fix: the signal leads into stage 2: point onSignal at a determine decision.',
  ],
  'then-cycle': [
    '84:11 segments[1].then: waiting in segment "rolled" leads back to it through "then", so the scene could run forever. Fix: end the chain of "then" in an outcome.',
  ],
  'too-few-options': [
    '206:7 decisions[3].options: "options" needs at least 2 entries, but has 1. Fix: add entries to "options".',
  ],
  'trainee-in-cast': [
    '27:9 cast[1].id: cast id "trainee" is kept for the trainee. Fix: give this person another id; beats name the trainee as "trainee".',
  ],
  'unknown-asset': [
    '13:13 setting.backdrop: there is no asset "parking-lot-nite" in assets/manifest.json. Fix: did you mean "parking-lot-night"?',
  ],
  'unknown-field': [
    '56:9 segments[0].beats[2].atTime: unknown field "atTime". Fix: did you mean "at"? Rename it.',
  ],
  'unknown-happened-option': [
    '296:29 report.items[2].happened.options[0]: decision "how" has no option "shove". Fix: use one of its options: "direct" or "distract".',
  ],
  'unknown-reference': [
    '52:18 segments[0].beats[1].speaker: there is no cast member "mann". Fix: did you mean "man"?',
  ],
  'unreachable-outcome': [
    '102:9 outcomes[1].id: outcome "injured" can never be reached. Fix: point a segment\'s "then" or an option\'s "goto" at it, or remove it.',
  ],
  'unreachable-segment': [
    '85:9 segments[2].id: segment "refused" can never be reached. Fix: point a segment\'s "then" or an option\'s "goto" at it, or remove it.',
    '102:9 outcomes[1].id: outcome "injured" can never be reached. Fix: point a segment\'s "then" or an option\'s "goto" at it, or remove it.',
    '225:9 decisions[4].id: decision "persist" is never opened. Fix: reach it from onSignal, a beat\'s "prompt", report.start or another decision\'s "next", or remove it.',
  ],
  'windows-out-of-order': [
    '40:17 segments[0].windows[2].from: the red window starts at 40 s, not after the window before it. Fix: list windows in time order, each starting later than the one before.',
  ],
  'wrong-type': [
    '56:13 segments[0].beats[2].at: "at" should be a number, but it is "forty-five". Fix: write a number without quotes, e.g. "at: 15".',
  ],
  'yaml-syntax': [
    '5:31 (yaml): the YAML does not parse: Missing closing "quote. Fix: close the quotation mark on this line, or remove the opening one.',
  ],
};

function problemsOf(name: string): string[] {
  const file = `${name}.yaml`;
  const result = loadScenario(fixtureText(`broken/${file}`), file, { assetKeys: ASSET_KEYS });
  return result.ok ? [] : result.problems.map((p) => formatProblem(p).replace(`${file}:`, ''));
}

describe('Validating a scenario file', () => {
  it('accepts the complete fixtures', () => {
    for (const name of ['minimal.yaml', 'lawful.yaml']) {
      const result = loadScenario(fixtureText(name), name, { assetKeys: ASSET_KEYS });
      expect(result.ok, name).toBe(true);
    }
  });

  it('has a fixture for every class of error, and an expectation for every fixture', () => {
    const files = readdirSync(join(FIXTURES, 'broken'))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('reports %s with its place and its fix', (name, expected) => {
    expect(problemsOf(name)).toEqual(expected);
  });

  it('never lets one broken file stop the others from loading', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-scenarios-'));
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(good, fixtureText('minimal.yaml'));
    writeFileSync(bad, fixtureText('broken/yaml-syntax.yaml'));
    const results = loadScenarioFiles([bad, good, join(dir, 'missing.yaml')]);
    expect(results.map((r) => r.ok)).toEqual([false, true, false]);
    const missing = results[2];
    expect(missing && !missing.ok && missing.problems[0]?.message).toBe('the file does not exist.');
  });
});
