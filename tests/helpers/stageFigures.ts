/** People for stage-logic tests: a figure of a kind, standing still unless told otherwise. */
import type { FigureView, Motion } from '../../src/engine/index.ts';
import type { StageFigure } from '../../src/game/motions.ts';

export function person(
  id: string,
  kind: FigureView['kind'],
  more: Partial<StageFigure> = {},
): StageFigure {
  return {
    id,
    name: id,
    kind,
    rank: kind === 'officer' || kind === 'trainee' ? 'officer' : undefined,
    appearance: undefined,
    plainClothes: false,
    arrivesLater: false,
    action: undefined,
    actedOn: undefined,
    cue: undefined,
    ...more,
  };
}

/** A motion the figure makes, since a time, at someone. */
export const act = (motion: Motion, since: number, target?: string) => ({ motion, target, since });
