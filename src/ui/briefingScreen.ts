/**
 * The briefing before an encounter: who you are, who is with you, the call, content warnings and
 * how to play, and where the run will be kept. The stage loads behind it; Start waits for it with
 * a progress bar when needed.
 */
import type { Scenario } from '../engine/index.ts';
import { describeRank } from './menuScreen.ts';
import { button, h, years } from './dom.ts';

export interface BriefingCommands {
  start(): void;
  back(): void;
}

export interface Briefing {
  /** Shows how far the stage has loaded (0 to 1) and any error. */
  setLoading(progress: number, error: string | undefined): void;
}

export interface BriefingOptions {
  /** A sentence on where the run is saved (under whose name, or that records are not kept). */
  readonly recordNote?: string;
}

export function renderBriefing(
  root: HTMLElement,
  scenario: Scenario,
  commands: BriefingCommands,
  options: BriefingOptions = {},
): Briefing {
  const officers = scenario.cast.filter((member) => member.kind === 'officer');
  const progress = h('progress', { max: 100, value: 0, 'aria-label': 'Loading the scene' });
  const status = h('p', { class: 'loading-status', role: 'status' });
  const start = button('Start', () => commands.start(), { class: 'primary start-button' });
  root.replaceChildren(
    h(
      'div',
      { class: 'briefing screen' },
      h('p', { class: 'eyebrow' }, 'Briefing'),
      h('h1', { id: 'briefing-heading', tabindex: -1 }, scenario.title),
      h(
        'section',
        { 'aria-labelledby': 'call-heading' },
        h('h2', { id: 'call-heading' }, 'The call'),
        h('p', {}, scenario.briefing),
      ),
      h(
        'section',
        { 'aria-labelledby': 'you-heading' },
        h('h2', { id: 'you-heading' }, 'Who you are'),
        h(
          'p',
          {},
          `${capitalise(scenario.trainee.rank.replace(/-/g, ' '))}, ${years(scenario.trainee.yearsOfService)} of service, ${scenario.trainee.onDuty ? 'on duty' : 'off duty'}${scenario.trainee.inUniform ? ', in uniform' : ', in plain clothes'}. ${scenario.trainee.role}.`,
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'with-heading' },
        h('h2', { id: 'with-heading' }, 'Who is with you'),
        h(
          'ul',
          {},
          ...officers.map((member) =>
            h(
              'li',
              {},
              `${member.name}: ${member.rank ? describeRank(member.rank, scenario.trainee.rank) : 'officer'}${member.yearsOfService !== undefined ? `, ${years(member.yearsOfService)}` : ''}. ${member.description}`,
            ),
          ),
        ),
      ),
      scenario.contentWarnings.length > 0
        ? h(
            'section',
            { class: 'warnings', 'aria-labelledby': 'warn-heading' },
            h('h2', { id: 'warn-heading' }, 'Content warnings'),
            h('ul', {}, ...scenario.contentWarnings.map((w) => h('li', {}, w))),
          )
        : null,
      h(
        'section',
        { class: 'how-to', 'aria-labelledby': 'how-heading' },
        h('h2', { id: 'how-heading' }, 'How to play'),
        h(
          'ul',
          {},
          h(
            'li',
            {},
            h('kbd', {}, 'Space'),
            ' or the "Something\'s wrong" button: say the moment you see a problem. The scene keeps moving while you decide.',
          ),
          h(
            'li',
            {},
            h('kbd', {}, '1'),
            ' to ',
            h('kbd', {}, '4'),
            ': choose an option when a decision opens. Waiting too long is a choice too.',
          ),
          h(
            'li',
            {},
            h('kbd', {}, 'Esc'),
            ': pause, restart or quit. The clock stops while paused.',
          ),
        ),
      ),
      options.recordNote === undefined
        ? null
        : h('p', { class: 'help record-note' }, options.recordNote),
      h('div', { class: 'loading' }, progress, status),
      h(
        'div',
        { class: 'actions' },
        start,
        button('Back to the scenarios', () => commands.back()),
      ),
    ),
  );
  root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  return {
    setLoading(value, error) {
      progress.value = Math.round(value * 100);
      const ready = value >= 1 || error !== undefined;
      progress.hidden = ready;
      status.textContent = error
        ? `The scene could not be drawn (${error}). You can still play with captions.`
        : ready
          ? ''
          : `Loading the scene: ${Math.round(value * 100)}%`;
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
