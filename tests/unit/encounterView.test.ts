import { describe, expect, it } from 'vitest';
import { EncounterSession, selectEncounterView } from '../../src/engine/index.ts';
import { compiledFixture } from '../helpers/scenarios.ts';

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
