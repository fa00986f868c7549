import { describe, expect, it } from 'vitest';
import { EncounterSession, loadScenario, selectEncounterView } from '../../src/engine/index.ts';
import { ASSET_KEYS, compiledFixture, fixtureText } from '../helpers/scenarios.ts';

describe('The encounter view', () => {
  it('captions a beat with both a line and a description, and its sound only once', () => {
    const compiled = compiledFixture('minimal.yaml', (scenario) => {
      const beat = scenario.segments[0]?.beats.find((b) => b.id === 'cant-breathe');
      if (!beat) throw new Error('minimal.yaml lost the cant-breathe beat');
      beat.caption = 'He gasps between words.';
      beat.sound = 'gasping';
    });
    const session = new EncounterSession(compiled);
    session.advanceTo(11);
    const view = selectEncounterView(compiled, session.current, session.log.entries, session.time);
    const fromBeat = view.captions.filter((c) => c.beat === 'cant-breathe');
    expect(fromBeat.map((c) => [c.text, c.sound])).toEqual([
      ["I can't breathe.", undefined],
      ['He gasps between words.', 'gasping'],
    ]);
  });
});

describe('People out of uniform and people who arrive later', () => {
  it('draws an off-duty trainee in plain clothes, and passes cast flags to the stage', () => {
    const compiled = compiledFixture('minimal.yaml', (scenario) => {
      scenario.trainee.inUniform = false;
      const lee = scenario.cast.find((m) => m.id === 'lee');
      if (!lee) throw new Error('minimal.yaml lost Lee');
      lee.arrivesLater = true;
    });
    const session = new EncounterSession(compiled);
    const view = selectEncounterView(compiled, session.current, session.log.entries, 0);
    const byId = new Map(view.figures.map((f) => [f.id, f]));
    expect(byId.get('trainee')?.plainClothes).toBe(true);
    expect(byId.get('lee')).toMatchObject({ plainClothes: false, arrivesLater: true });
    expect(byId.get('man')).toMatchObject({ plainClothes: false, arrivesLater: false });
  });
});

describe('Validating arrivals', () => {
  it('rejects someone who arrives later but never acts, so would never come on stage', () => {
    const text = fixtureText('minimal.yaml').replace(
      '    description: Handcuffed, face down.',
      '    description: Handcuffed, face down.\n  - id: sergeant-two\n    name: Sergeant Two\n    kind: officer\n    rank: sergeant\n    arrivesLater: true\n    description: Called to the scene.',
    );
    const result = loadScenario(text, 'minimal.yaml', { assetKeys: ASSET_KEYS });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'cast[2].arrivesLater: "sergeant-two" arrives later but is never the actor of a beat, so never comes on stage.',
    ]);
  });
});
