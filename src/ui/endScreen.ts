/**
 * The end of an encounter: how it ended, the two scores with their main reasons, and every
 * component for the debrief (the full debrief, with timeline and replay, is its own screen).
 */
import type { Outcome, Score, ScoreComponent, ScorePart } from '../engine/index.ts';
import { button, h } from './dom.ts';

export interface EndCommands {
  again(): void;
  menu(): void;
  /** Opens the full debrief; without it (no run to debrief) the button is left out. */
  debrief?(): void;
}

export function renderEnd(
  root: HTMLElement,
  outcome: Outcome | undefined,
  score: Score,
  commands: EndCommands,
): void {
  root.replaceChildren(
    h(
      'div',
      { class: 'end screen' },
      h('p', { class: 'eyebrow' }, 'How it ended'),
      h('h1', { id: 'end-heading', tabindex: -1 }, outcome?.title ?? 'The encounter ended'),
      outcome ? h('p', { class: 'outcome-description' }, outcome.description) : null,
      h(
        'div',
        { class: 'scores' },
        scoreCard('Outcome', 'Harm prevented', score.outcome),
        scoreCard('Process', 'How you decided, stage by stage', score.process),
      ),
      h(
        'details',
        { class: 'all-components' },
        h('summary', {}, 'Every point, with its reason and reference'),
        componentTable('Outcome', score.outcome),
        componentTable('Process', score.process),
      ),
      h(
        'div',
        { class: 'actions' },
        commands.debrief ? button('Open the debrief', () => commands.debrief?.()) : null,
        button('Play it again', () => commands.again(), { class: 'primary' }),
        button('Back to the scenarios', () => commands.menu()),
      ),
    ),
  );
  root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}

function scoreCard(name: string, meaning: string, part: ScorePart): HTMLElement {
  const id = `score-${name.toLowerCase()}`;
  return h(
    'section',
    { class: 'score-card', 'aria-labelledby': id },
    h('h2', { id }, name, h('span', { class: 'meaning' }, ` (${meaning})`)),
    h(
      'p',
      { class: 'points' },
      h('strong', {}, String(part.points)),
      ' / 100 ',
      h('span', { class: 'band' }, part.band),
    ),
    h(
      'ul',
      { class: 'reasons' },
      ...mainReasons(part).map((component) =>
        h('li', {}, h('strong', {}, `${component.label}: `), component.reason),
      ),
    ),
  );
}

/** The components that cost the most, or the best ones when nothing was lost. */
export function mainReasons(part: ScorePart, count = 3): ScoreComponent[] {
  const lost = (c: ScoreComponent) => (c.max > 0 ? c.max - c.points : -c.points);
  const costly = [...part.components].filter((c) => lost(c) > 0).sort((a, b) => lost(b) - lost(a));
  return (costly.length > 0 ? costly : part.components.filter((c) => c.max > 0)).slice(0, count);
}

export function componentTable(name: string, part: ScorePart): HTMLElement {
  return h(
    'table',
    {},
    h('caption', {}, `${name}: ${part.points} of 100`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Component'),
        h('th', { scope: 'col' }, 'Points'),
        h('th', { scope: 'col' }, 'Why'),
        h('th', { scope: 'col' }, 'Reference'),
      ),
    ),
    h(
      'tbody',
      {},
      ...part.components.map((c) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, c.label),
          h('td', {}, c.max > 0 ? `${c.points} of ${c.max}` : String(c.points)),
          h('td', {}, c.reason),
          h('td', {}, c.reference),
        ),
      ),
    ),
  );
}
