/**
 * One trainee's history: their attempts at each scenario side by side, and whether both scores
 * and recognition time are getting better, in words and in a small line that says the same.
 * Names come from records (possibly imported), so they reach the page as text only.
 */
import './instructor.css';
import type { ScenarioHistory, TraineeHistory, Trend } from '../records/classSummary.ts';
import { count, dateCell, formatDate, secondsCell, table } from './classSummaryScreen.ts';
import { button, h } from './dom.ts';

export interface HistoryInput {
  readonly history: TraineeHistory;
}

export interface HistoryCommands {
  openDebrief(runId: string): void;
  back?(): void;
  readonly backLabel?: string;
}

export function renderHistory(
  root: HTMLElement,
  input: HistoryInput,
  commands: HistoryCommands,
): void {
  const { history } = input;
  const attempts = history.scenarios.reduce((n, s) => n + s.attempts.length, 0);
  const container = h(
    'div',
    { class: 'instructor history screen' },
    h(
      'header',
      { class: 'instructor-header' },
      h('p', { class: 'eyebrow' }, 'Trainee history'),
      h('h1', { id: 'history-heading', tabindex: -1 }, history.traineeName),
      h(
        'p',
        { class: 'lede' },
        `${count(attempts, 'finished run')} of ${count(history.scenarios.length, 'scenario')}, oldest first. Scores are recomputed from each run’s log.`,
      ),
      h(
        'div',
        { class: 'actions instructor-actions' },
        commands.back ? button(commands.backLabel ?? 'Back', () => commands.back?.()) : null,
        button('Print', () => window.print()),
      ),
    ),
    ...(history.scenarios.length === 0
      ? [h('p', { class: 'empty' }, 'No finished runs of installed scenarios yet.')]
      : history.scenarios.map((s, i) => scenarioHistory(s, i, commands))),
    ...(history.skipped.length > 0
      ? [
          h(
            'section',
            { class: 'instructor-section', 'aria-labelledby': 'history-skipped-heading' },
            h('h2', { id: 'history-skipped-heading' }, 'Runs not included'),
            h('ul', { class: 'skipped' }, ...history.skipped.map((s) => h('li', {}, s.reason))),
          ),
        ]
      : []),
  );
  root.replaceChildren(container);
  root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}

function scenarioHistory(
  s: ScenarioHistory,
  index: number,
  commands: HistoryCommands,
): HTMLElement {
  const id = `history-${index + 1}`;
  const columns = s.attempts.map((a) => `Attempt ${a.attempt}`);
  const row = (label: string, cells: readonly (Node | string)[]) =>
    h('tr', {}, h('th', { scope: 'row' }, label), ...cells.map((c) => h('td', {}, c)));
  const versions = new Set(s.attempts.map((a) => a.scenarioVersion));
  const rows = [
    row(
      'Date',
      s.attempts.map((a) => dateCell(a.startedAt)),
    ),
    // Only worth a row when the scenario changed between attempts.
    ...(versions.size > 1
      ? [
          row(
            'Scenario version',
            s.attempts.map((a) => String(a.scenarioVersion)),
          ),
        ]
      : []),
    row(
      'Outcome',
      s.attempts.map((a) => a.outcomeTitle ?? 'None reached'),
    ),
    row(
      'Outcome score',
      s.attempts.map((a) => `${a.outcomeScore} / 100`),
    ),
    row(
      'Process score',
      s.attempts.map((a) => `${a.processScore} / 100`),
    ),
    row(
      'Recognition time',
      s.attempts.map((a) => secondsCell(a.recognitionTime, 'Did not recognise it')),
    ),
    row(
      'Debrief',
      s.attempts.map((a) =>
        button('Debrief', () => commands.openDebrief(a.runId), {
          'aria-label': `Debrief of attempt ${a.attempt} at ${s.title}, ${formatDate(a.startedAt)}`,
        }),
      ),
    ),
  ];
  return h(
    'section',
    { class: 'instructor-section scenario-history', id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, s.title),
    table(`Attempts at ${s.title}, side by side`, ['', ...columns], rows),
    h('h3', {}, 'Trend'),
    h(
      'ul',
      { class: 'trends' },
      trendItem('Outcome score', s.outcome, 'points', true, [0, 100]),
      trendItem('Process score', s.process, 'points', true, [0, 100]),
      trendItem('Recognition time', s.recognition, 'seconds', false),
    ),
  );
}

function trendItem(
  label: string,
  trend: Trend,
  unit: 'points' | 'seconds',
  higherIsBetter: boolean,
  range?: readonly [number, number],
): HTMLElement {
  const sentence = trendSentence(label, trend, unit, higherIsBetter);
  return h(
    'li',
    { class: 'trend' },
    sparkline(trend.values, `${label} by attempt: ${listValues(trend.values, unit)}.`, range),
    h('span', { class: 'trend-text' }, sentence),
  );
}

/** The trend in words an instructor can read aloud. */
export function trendSentence(
  label: string,
  trend: Trend,
  unit: 'points' | 'seconds',
  higherIsBetter: boolean,
): string {
  const show = (v: number) => `${v} ${v === 1 ? unit.replace(/s$/, '') : unit}`;
  if (trend.first === undefined) return `${label}: not measured in any attempt.`;
  if (trend.latest === undefined || trend.change === undefined) {
    return `${label}: ${show(trend.first)}, from one measured attempt so far.`;
  }
  const change = trend.change;
  const better = higherIsBetter ? change > 0 : change < 0;
  const direction =
    change === 0
      ? 'no change'
      : `${better ? 'better' : 'worse'} by ${show(Math.abs(Math.round(change * 10) / 10))}`;
  const perAttempt =
    trend.slope === undefined || trend.slope === 0
      ? ''
      : ` On average ${show(Math.abs(trend.slope))} ${trend.slope > 0 ? 'more' : 'less'} per attempt.`;
  return `${label}: ${show(trend.first)} at first, ${show(trend.latest)} at the latest attempt (${direction}).${perAttempt}`;
}

function listValues(values: readonly (number | undefined)[], unit: string): string {
  return values.map((v) => (v === undefined ? 'not measured' : `${v} ${unit}`)).join(', ');
}

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 4;
const SVG = 'http://www.w3.org/2000/svg';

/** A small line of the values by attempt; `label` is its text alternative. */
export function sparkline(
  values: readonly (number | undefined)[],
  label: string,
  range?: readonly [number, number],
): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('width', String(WIDTH));
  svg.setAttribute('height', String(HEIGHT));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  svg.append(title);

  const defined = values.filter((v): v is number => v !== undefined);
  if (defined.length === 0) return svg;
  const [low, high] = range ?? [Math.min(...defined), Math.max(...defined)];
  const span = high - low || 1;
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  const points = values.flatMap((v, i) =>
    v === undefined
      ? []
      : [
          [
            values.length > 1 ? PAD + i * step : WIDTH / 2,
            HEIGHT - PAD - ((v - low) / span) * (HEIGHT - 2 * PAD),
          ] as const,
        ],
  );
  if (points.length > 1) {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute(
      'points',
      points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '),
    );
    line.setAttribute('fill', 'none');
    svg.append(line);
  }
  for (const [x, y] of points) {
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', x.toFixed(1));
    dot.setAttribute('cy', y.toFixed(1));
    dot.setAttribute('r', '2.5');
    svg.append(dot);
  }
  return svg;
}
