/**
 * The debrief: the whole run laid out for a recruit and an instructor. How it ended, both scores
 * point by point, the timeline (a chart, and a table that says the same for screen readers and
 * paper), the branch map with its what-ifs, the teaching points, the words that would have worked,
 * the legal card and the report against the facts that belonged in it.
 *
 * Everything shown is derived from the run log by the engine's pure debrief functions; this file
 * only lays it out. Text from scenario files reaches the page through h() and text nodes only.
 */
import './debrief.css';
import {
  analyzeRun,
  branchMap,
  debriefTimeline,
  factsThatBelong,
  rankGap,
  type BranchEdge,
  type BranchMap,
  type BranchNode,
  type BranchNodeKey,
  type CompiledScenario,
  type CueLevel,
  type DebriefTimeline,
  type Rating,
  type RunAnalysis,
  type RunLog,
  type Scenario,
  type Score,
  type ScorePart,
  type TimelineMeasure,
  type TimelineRow,
} from '../engine/index.ts';
import { button, h } from './dom.ts';
import { componentTable } from './endScreen.ts';
import { describeRank } from './menuScreen.ts';

export interface DebriefInput {
  readonly scenario: Scenario;
  readonly compiled: CompiledScenario;
  readonly log: RunLog;
  /** score(compiled, log): passed in because the end screen has already computed it. */
  readonly score: Score;
}

export interface DebriefCommands {
  back(): void;
  /** What "back" leads to, as its button says it; the scores of the run just played by default. */
  readonly backLabel?: string;
  again(): void;
  menu(): void;
  /**
   * Plays the run back on the stage, from scene time `from` (the start when left out); no replay
   * buttons without it.
   */
  replay?(from?: number): void;
  /** Back from a replay of one moment: focus goes to that moment's button, not the heading. */
  readonly focusReplayFrom?: number;
}

interface Section {
  readonly id: string;
  readonly title: string;
  readonly element: HTMLElement;
}

export function renderDebrief(
  root: HTMLElement,
  input: DebriefInput,
  commands: DebriefCommands,
): void {
  const { scenario, compiled, log, score } = input;
  // One analysis feeds the timeline, the map and the report comparison, so they cannot disagree.
  const run = analyzeRun(compiled, log);
  const timeline = debriefTimeline(compiled, log, run);
  const map = branchMap(compiled, log, run);
  const sections = [
    outcomeSection(scenario, timeline),
    classSection(timeline),
    scoresSection(score),
    timelineSection(
      timeline,
      run,
      commands.replay ? (from: number) => commands.replay?.(from) : undefined,
    ),
    branchSection(map),
    teachingSection(scenario),
    wordsSection(scenario),
    receivingSection(scenario),
    legalSection(scenario),
    reportSection(scenario, run),
  ].filter((section): section is Section => section !== undefined);

  const container = h(
    'div',
    { class: 'debrief screen' },
    h(
      'header',
      { class: 'debrief-header' },
      h('p', { class: 'eyebrow' }, 'Debrief'),
      h('h1', { id: 'debrief-heading', tabindex: -1 }, scenario.title),
      h(
        'p',
        { class: 'lede' },
        `Scenario version ${scenario.version}. Times are seconds of scenario time from the start of the encounter.`,
      ),
      h(
        'div',
        { class: 'actions debrief-actions' },
        button(commands.backLabel ?? 'Back to the scores', () => commands.back()),
        commands.replay ? button('Replay this run', () => commands.replay?.()) : null,
        button('Play it again', () => commands.again(), { class: 'primary' }),
        button('Back to the scenarios', () => commands.menu()),
        button('Print', () => window.print()),
      ),
    ),
    skipList(sections),
    ...sections.map((section) => section.element),
  );
  root.replaceChildren(container);
  expandDetailsForPrint(container);
  const returnTo =
    commands.focusReplayFrom === undefined
      ? null
      : root.querySelector<HTMLElement>(
          `.watch-from[data-from="${String(commands.focusReplayFrom)}"]`,
        );
  if (returnTo) {
    returnTo.focus();
    returnTo.scrollIntoView?.({ block: 'center' });
  } else {
    root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }
}

// Frame -------------------------------------------------------------------------------------------

function section(id: string, title: string, ...children: Array<Node | null>): Section {
  const element = h(
    'section',
    { class: 'debrief-section', id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading`, tabindex: -1 }, title),
    ...children,
  );
  return { id, title, element };
}

function skipList(sections: readonly Section[]): HTMLElement {
  return h(
    'nav',
    { class: 'skip-list', 'aria-label': 'Debrief sections' },
    h(
      'ol',
      {},
      ...sections.map(({ id, title }) => {
        const link = h('a', { href: `#${id}` }, title);
        // Focus goes to the heading itself, so the next Tab continues from there; the hash is left
        // alone because the app may route by it.
        link.addEventListener('click', (event) => {
          event.preventDefault();
          const heading = document.getElementById(`${id}-heading`);
          heading?.focus();
          heading?.scrollIntoView?.({ block: 'start' });
        });
        return h('li', {}, link);
      }),
    ),
  );
}

/**
 * CSS alone cannot open <details> in every browser's print, so they are opened for the print and
 * closed again after. The listeners go away at the first print after the screen has left the page.
 */
function expandDetailsForPrint(container: HTMLElement): void {
  let opened: HTMLDetailsElement[] = [];
  const before = () => {
    if (!container.isConnected) {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      return;
    }
    opened = [...container.querySelectorAll('details')].filter((details) => !details.open);
    for (const details of opened) details.open = true;
  };
  const after = () => {
    for (const details of opened) details.open = false;
    opened = [];
  };
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
}

// Outcome and scores ------------------------------------------------------------------------------

function outcomeSection(scenario: Scenario, timeline: DebriefTimeline): Section {
  const { outcome } = timeline.scene;
  return section(
    'debrief-outcome',
    'How it ended',
    scenario.interventionRequired
      ? null
      : h(
          'p',
          { class: 'callout' },
          'No intervention was needed: the force in this scene was lawful, so monitoring and supporting your colleague was the right play.',
        ),
    outcome
      ? h(
          'div',
          { class: 'outcome' },
          h('p', { class: 'outcome-title' }, outcome.title),
          h('p', {}, outcome.description),
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, 'Harm remaining'),
            h('dd', {}, outcome.severity),
            outcome.branch === undefined ? null : h('dt', {}, 'Branch'),
            outcome.branch === undefined ? null : h('dd', {}, outcome.branch),
            h('dt', {}, 'The scene ended at'),
            h('dd', {}, secs(outcome.t)),
          ),
        )
      : h('p', {}, 'The run stopped before the scene reached an outcome.'),
  );
}

function scoresSection(score: Score): Section {
  return section(
    'debrief-scores',
    'Scores',
    h(
      'p',
      { class: 'lede' },
      'Each score is out of 100. Every row gives the points, why they were given, and the policy, case or law it rests on.',
    ),
    h(
      'div',
      { class: 'debrief-scores' },
      scorePart('Outcome', 'harm prevented', score.outcome),
      scorePart('Process', 'how you decided, stage by stage', score.process),
    ),
  );
}

function scorePart(name: string, meaning: string, part: ScorePart): HTMLElement {
  return h(
    'div',
    { class: 'score-part' },
    h('h3', {}, `${name} (${meaning})`),
    h(
      'p',
      { class: 'points' },
      h('strong', {}, String(part.points)),
      ' of 100 ',
      h('span', { class: 'band' }, part.band),
    ),
    componentTable(name, part),
  );
}

// A class run -------------------------------------------------------------------------------------

/** A run a class played in classroom mode: how the room voted, and where it went back. */
function classSection(timeline: DebriefTimeline): Section | undefined {
  const rows = timeline.rows.filter((row) => row.kind === 'vote' || row.kind === 'rewind');
  if (rows.length === 0) return undefined;
  return section(
    'debrief-class',
    'How the class voted',
    h(
      'p',
      { class: 'lede' },
      'A class played this run: at each decision the option with the most hands played. The branches the class went back from are not in the scores; only the last branch is.',
    ),
    h(
      'ol',
      { class: 'class-votes' },
      ...rows.map((row) => h('li', {}, h('strong', {}, `${secs(row.t)}: `), row.what)),
    ),
  );
}

// Timeline ----------------------------------------------------------------------------------------

const TABLE_TITLE = 'Everything that happened, in order';

function timelineSection(
  timeline: DebriefTimeline,
  run: RunAnalysis,
  replay: ((from: number) => void) | undefined,
): Section {
  return section(
    'debrief-timeline',
    'Timeline',
    h(
      'p',
      { class: 'lede' },
      'Scenario time runs from left to right: the scene above, you below. The table after the chart lists the same events in words.',
    ),
    h('figure', { class: 'timeline-figure' }, timelineChart(timeline, run), legend()),
    h('h3', {}, 'Measures'),
    missedCuesNote(timeline),
    measureList(timeline.measures),
    h('h3', { id: 'debrief-timeline-table' }, TABLE_TITLE),
    timelineTable(timeline, replay),
  );
}

function missedCuesNote(timeline: DebriefTimeline): HTMLElement | null {
  const { cues } = timeline.scene;
  if (cues.length === 0) return null;
  const missed = timeline.missedCues.length;
  return h(
    'p',
    { class: missed > 0 ? 'missed-note' : undefined },
    timeline.recognition === undefined
      ? `You never recognised the problem, so all ${cues.length} cues count as missed. The table marks them "Missed".`
      : missed === 0
        ? `You recognised the problem with the first cue; no cue was missed.`
        : `${missed} of ${cues.length} cues came before you recognised the problem at ${secs(timeline.recognition.t)}. The table marks them "Missed".`,
  );
}

function measureList(measures: readonly TimelineMeasure[]): HTMLElement {
  return h(
    'dl',
    { class: 'measures' },
    ...measures.flatMap((measure) => [
      h(
        'dt',
        {},
        measure.label,
        measure.seconds === undefined
          ? null
          : h('span', { class: 'measure-value' }, ` ${measureValue(measure.id, measure.seconds)}`),
      ),
      h('dd', {}, measure.sentence),
    ]),
  );
}

/** A signed number of seconds is hard to read aloud, so the sign becomes words. */
function measureValue(id: TimelineMeasure['id'], seconds: number): string {
  if (seconds >= 0) return secs(seconds);
  return id === 'margin-to-harm-point'
    ? `${secs(-seconds)} after it`
    : `${secs(-seconds)} before the cue`;
}

function timelineTable(
  timeline: DebriefTimeline,
  replay: ((from: number) => void) | undefined,
): HTMLElement {
  // A button per decision: the instructor reads a row, then watches that moment on the stage.
  const replayCell = (row: TimelineRow) => {
    if (!replay) return null;
    const from = row.replayFrom;
    if (from === undefined) return h('td', { class: 'replay-cell' });
    return h(
      'td',
      { class: 'replay-cell' },
      button(`Watch from ${secs(from)}`, () => replay(from), {
        class: 'watch-from',
        'data-from': String(from),
        'aria-label': `Watch from ${secs(from)}: ${row.what}`,
      }),
    );
  };
  return h(
    'table',
    // The heading above names the table, so that heading navigation finds it too.
    { class: 'timeline-table', 'aria-labelledby': 'debrief-timeline-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Time'),
        h('th', { scope: 'col' }, 'Track'),
        h('th', { scope: 'col' }, 'What'),
        replay ? h('th', { scope: 'col', class: 'replay-cell' }, 'Replay') : null,
      ),
    ),
    h(
      'tbody',
      {},
      ...timeline.rows.map((row) =>
        h(
          'tr',
          { class: row.flagged ? 'flagged' : undefined, 'data-kind': row.kind },
          h('th', { scope: 'row' }, secs(row.t)),
          h('td', {}, row.track === 'scene' ? 'Scene' : 'You'),
          h('td', {}, row.what),
          replayCell(row),
        ),
      ),
    ),
  );
}

// The chart is drawn in viewBox units and scales with the page, so the same numbers serve a laptop
// at 1280x720 and a projector.
const CHART_WIDTH = 1200;
const PLOT_LEFT = 170;
const PLOT_RIGHT = 1180;
const PLOT_TOP = 56;
const SVG_NS = 'http://www.w3.org/2000/svg';

type SvgChild = Node | string | null | undefined | false;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | undefined> = {},
  ...children: SvgChild[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** A <title> is the tooltip a sighted mouse user gets; the table carries the same words. */
function titled<E extends SVGElement>(node: E, text: string): E {
  node.prepend(svg('title', {}, text));
  return node;
}

interface Axis {
  readonly x: (t: number) => number;
  readonly ticks: readonly number[];
  /** Where the compressed stretch after the scene begins, when there is one. */
  readonly breakX: number | undefined;
  readonly end: number;
}

function axisOf(timeline: DebriefTimeline): Axis {
  const mainEnd = Math.max(1, timeline.sceneEndedAt, timeline.scene.harmPoint?.scheduledAt ?? 0);
  const end = Math.max(mainEnd, timeline.endedAt);
  const width = PLOT_RIGHT - PLOT_LEFT;
  // A report handed in minutes after the scene would squash the scene into a sliver, so past a
  // quarter of the scene's length the time after it gets a short stretch of its own.
  const broken = end - mainEnd > mainEnd * 0.25;
  const gap = 24;
  const mainWidth = broken ? width * 0.82 : width;
  const span = broken ? mainEnd : end;
  const raw = (t: number) => {
    if (!broken) return PLOT_LEFT + (t / end) * width;
    if (t <= mainEnd) return PLOT_LEFT + (t / mainEnd) * mainWidth;
    return (
      PLOT_LEFT + mainWidth + gap + ((t - mainEnd) / (end - mainEnd)) * (width - mainWidth - gap)
    );
  };
  // A tenth of a unit is far below a pixel; the rest would only bloat the markup.
  const x = (t: number) => Math.round(raw(t) * 10) / 10;
  const step = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600].find((s) => span / s <= 12) ?? 1200;
  const ticks: number[] = [];
  for (let t = 0; t <= span + 1e-9; t += step) ticks.push(t);
  if (broken) ticks.push(end);
  return { x, ticks, breakX: broken ? PLOT_LEFT + mainWidth + gap / 2 : undefined, end };
}

interface Row {
  readonly label: string;
  readonly top: number;
  readonly height: number;
  readonly mid: number;
}

function rowsOf(): Record<
  'windows' | 'scene' | 'cues' | 'signals' | 'stages' | 'choices' | 'measures',
  Row
> {
  let top = PLOT_TOP;
  const row = (label: string, height: number, gapAfter = 6): Row => {
    const made = { label, top, height, mid: top + height / 2 };
    top += height + gapAfter;
    return made;
  };
  return {
    windows: row('Windows', 30),
    scene: row('Scene', 32),
    cues: row('Cues', 40, 18),
    signals: row('Your signals', 34),
    stages: row('Your stage', 32),
    choices: row('Your choices', 40, 10),
    measures: row('Measures', 72),
  };
}

/** Rough width of a label at the chart's font size; enough to decide whether it fits. */
function textWidth(text: string, size = 15): number {
  return text.length * size * 0.55;
}

function fit(text: string, width: number, size = 14): string | undefined {
  if (textWidth(text, size) + 10 <= width) return text;
  const chars = Math.floor((width - 10) / (size * 0.55)) - 1;
  return chars >= 4 ? `${text.slice(0, chars)}…` : undefined;
}

function timelineChart(timeline: DebriefTimeline, run: RunAnalysis): SVGSVGElement {
  const axis = axisOf(timeline);
  const rows = rowsOf();
  const bottom = rows.measures.top + rows.measures.height;
  const axisY = bottom + 8;
  const height = axisY + 48;
  const { x } = axis;
  const parts: SvgChild[] = [];

  for (const t of axis.ticks) {
    parts.push(svg('line', { class: 'tl-grid', x1: x(t), x2: x(t), y1: PLOT_TOP, y2: axisY }));
  }
  for (const row of Object.values(rows)) {
    parts.push(
      svg(
        'text',
        { class: 'tl-label', x: PLOT_LEFT - 22, y: row.mid + 5, 'text-anchor': 'end' },
        row.label,
      ),
    );
  }
  parts.push(
    svg('line', {
      class: 'tl-divider',
      x1: 8,
      x2: PLOT_RIGHT,
      y1: rows.signals.top - 9,
      y2: rows.signals.top - 9,
    }),
  );

  // Scene track
  for (const span of timeline.scene.windows) {
    const [x1, x2] = [x(span.from), x(span.to)];
    const label = fit(span.window, x2 - x1);
    parts.push(
      titled(
        svg(
          'g',
          {},
          svg('rect', {
            class: `tl-window win-${span.window}`,
            x: x1,
            y: rows.windows.top,
            width: Math.max(1, x2 - x1),
            height: rows.windows.height,
          }),
          label && svg('text', { class: 'tl-in-bar', x: x1 + 6, y: rows.windows.mid + 5 }, label),
        ),
        `${capitalise(span.window)} window, ${secs(span.from)} to ${secs(span.to)}: ${span.meaning}.`,
      ),
    );
  }
  for (const span of timeline.scene.segments) {
    const [x1, x2] = [x(span.from), x(span.to)];
    const label = fit(span.title, x2 - x1);
    parts.push(
      titled(
        svg(
          'g',
          {},
          svg('rect', {
            class: `tl-segment${span.harmful ? ' harmful' : ''}`,
            x: x1,
            y: rows.scene.top,
            width: Math.max(1, x2 - x1),
            height: rows.scene.height,
            rx: 3,
          }),
          label && svg('text', { class: 'tl-in-bar', x: x1 + 6, y: rows.scene.mid + 5 }, label),
        ),
        `"${span.title}", ${secs(span.from)} to ${secs(span.to)}${span.harmful ? ': harm goes on while it plays' : ''}.`,
      ),
    );
  }
  for (const cue of timeline.scene.cues) {
    const cx = x(cue.t);
    parts.push(
      titled(
        svg(
          'g',
          {},
          cue.missed ? svg('circle', { class: 'tl-missed', cx, cy: rows.cues.mid, r: 15 }) : null,
          cueMarker(cue.level, cx, rows.cues.mid),
        ),
        `${secs(cue.t)}: ${cue.level} cue: ${cue.note}${cue.missed ? ' Missed.' : ''}`,
      ),
    );
  }
  const harm = timeline.scene.harmPoint;
  if (harm) {
    const t = harm.reachedAt ?? harm.scheduledAt;
    const hx = x(t);
    const label = `Harm point ${secs(t)}${harm.reached ? '' : ' (due, not reached)'}`;
    parts.push(
      titled(
        svg(
          'g',
          {},
          svg('line', {
            class: `tl-harm${harm.reached ? '' : ' not-reached'}`,
            x1: hx,
            x2: hx,
            y1: PLOT_TOP - 18,
            y2: bottom,
          }),
          svg('text', { class: 'tl-text tl-harm-label', ...anchorAt(hx, label), y: 16 }, label),
        ),
        `${label}: ${harm.text}`,
      ),
    );
  }
  const { outcome } = timeline.scene;
  if (outcome) {
    const ox = x(outcome.t);
    const label = `End: ${outcome.title}`;
    parts.push(
      titled(
        svg(
          'g',
          {},
          svg('line', {
            class: 'tl-outcome',
            x1: ox,
            x2: ox,
            y1: PLOT_TOP - 14,
            y2: rows.cues.top + rows.cues.height,
          }),
          svg('rect', {
            class: 'tl-outcome-mark',
            x: ox - 6,
            y: rows.scene.mid - 6,
            width: 12,
            height: 12,
          }),
          svg('text', { class: 'tl-text', ...anchorAt(ox, label), y: 38 }, label),
        ),
        `${secs(outcome.t)}: the scene ends: "${outcome.title}". ${outcome.description}`,
      ),
    );
  }

  // Trainee track
  for (const span of timeline.trainee.stages) {
    const [x1, x2] = [x(span.from), x(span.to)];
    const name = span.number === undefined ? span.name : `${span.number} ${span.name}`;
    const label =
      fit(`${name} ${secs(span.to - span.from)}`, x2 - x1) ??
      (span.number === undefined ? undefined : fit(String(span.number), x2 - x1));
    parts.push(
      titled(
        svg(
          'g',
          {},
          svg('rect', {
            class: `tl-stage stage-${span.stage}`,
            x: x1,
            y: rows.stages.top,
            width: Math.max(1, x2 - x1),
            height: rows.stages.height,
          }),
          label && svg('text', { class: 'tl-in-bar', x: x1 + 5, y: rows.stages.mid + 5 }, label),
        ),
        `${name}: ${secs(span.from)} to ${secs(span.to)} (${secs(span.to - span.from)}).`,
      ),
    );
  }
  for (const signal of timeline.trainee.signals) {
    const sx = x(signal.t);
    const { top, height } = rows.signals;
    parts.push(
      titled(
        svg(
          'g',
          {
            class: `tl-signal${signal.falseAlarm ? ' false-alarm' : ''}${signal.recognition ? ' recognition' : ''}`,
          },
          svg('line', { x1: sx, x2: sx, y1: top + 3, y2: top + height - 3 }),
          svg('polygon', {
            points: `${sx},${top + 3} ${sx + 14},${top + 9} ${sx},${top + 15}`,
          }),
        ),
        `${secs(signal.t)}: you signalled that something was wrong${signal.falseAlarm ? ' (false alarm)' : signal.recognition ? ' (recognition)' : ''}.`,
      ),
    );
  }
  for (const choice of timeline.trainee.choices) {
    const what = choice.timedOut ? 'you let it run out' : `you chose "${choice.text}"`;
    parts.push(
      titled(
        choiceMarker(choice.rating, x(choice.t), rows.choices.mid, choice.timedOut),
        `${secs(choice.t)}: ${choice.prompt} ${what}: ${choice.rating}.`,
      ),
    );
  }
  for (const missed of timeline.missedPrompts) {
    const mx = x(missed.t);
    parts.push(
      titled(
        svg(
          'g',
          {},
          svg('circle', { class: 'tl-missed', cx: mx, cy: rows.choices.mid, r: 15 }),
          svg('circle', { class: 'tl-missed-prompt', cx: mx, cy: rows.choices.mid, r: 6 }),
        ),
        `${secs(missed.t)}: missed prompt: "${missed.prompt}" came while you were at "${missed.busyWithPrompt}".`,
      ),
    );
  }
  for (const cut of timeline.trainee.interrupted) {
    const cx = x(cut.t);
    parts.push(
      titled(
        svg('line', {
          class: 'tl-interrupted',
          x1: cx,
          x2: cx,
          y1: rows.choices.top + 4,
          y2: rows.choices.top + rows.choices.height - 4,
        }),
        `${secs(cut.t)}: the scene ended while you were still deciding "${cut.prompt}".`,
      ),
    );
  }

  parts.push(...measureMarks(timeline, run, axis, rows.measures));

  // Axis
  parts.push(
    svg('line', { class: 'tl-axis', x1: PLOT_LEFT, x2: PLOT_RIGHT, y1: axisY, y2: axisY }),
  );
  for (const t of axis.ticks) {
    parts.push(
      svg('line', { class: 'tl-axis', x1: x(t), x2: x(t), y1: axisY, y2: axisY + 6 }),
      svg(
        'text',
        { class: 'tl-text tl-tick', x: x(t), y: axisY + 24, 'text-anchor': 'middle' },
        `${Number.isInteger(t) ? t : t.toFixed(1)} s`,
      ),
    );
  }
  parts.push(
    svg(
      'text',
      { class: 'tl-label', x: PLOT_LEFT - 22, y: axisY + 24, 'text-anchor': 'end' },
      'Scenario time',
    ),
  );
  if (axis.breakX !== undefined) {
    const bx = axis.breakX;
    parts.push(
      svg('path', {
        class: 'tl-break',
        d: `M ${bx - 8} ${axisY + 8} L ${bx - 2} ${axisY - 8} M ${bx + 2} ${axisY + 8} L ${bx + 8} ${axisY - 8}`,
      }),
      svg(
        'text',
        {
          class: 'tl-text tl-small',
          x: (bx + PLOT_RIGHT) / 2,
          y: axisY + 42,
          'text-anchor': 'middle',
        },
        'after the scene (shortened)',
      ),
    );
  }

  return svg(
    'svg',
    {
      class: 'timeline-chart',
      viewBox: `0 0 ${CHART_WIDTH} ${height}`,
      role: 'img',
      'aria-label': `Timeline chart of the run. The table "${TABLE_TITLE}" below gives the same events in words.`,
    },
    ...parts,
  );
}

/** Text that starts at x, or ends there when it would run off the right of the chart. */
function anchorAt(x: number, label: string): Record<string, string | number> {
  return x + textWidth(label) + 4 > CHART_WIDTH
    ? { x: x - 6, 'text-anchor': 'end' }
    : { x: x + 6, 'text-anchor': 'start' };
}

/** The measures that span time, drawn as brackets; all of them are also listed in words. */
function measureMarks(
  timeline: DebriefTimeline,
  run: RunAnalysis,
  axis: Axis,
  row: Row,
): SvgChild[] {
  const { x } = axis;
  const marks: SvgChild[] = [];
  const bracket = (from: number, to: number, lane: number, label: string, title: string) => {
    const [x1, x2] = [x(Math.min(from, to)), x(Math.max(from, to))];
    const y = row.top + 6 + lane * 22;
    const where =
      x2 + 8 + textWidth(label) <= PLOT_RIGHT
        ? { x: x2 + 8, 'text-anchor': 'start' }
        : { x: x1 - 8, 'text-anchor': 'end' };
    marks.push(
      titled(
        svg(
          'g',
          { class: 'tl-measure' },
          svg('path', { d: `M ${x1} ${y + 12} V ${y + 4} H ${x2} V ${y + 12}` }),
          svg('text', { class: 'tl-text', ...where, y: y + 13 }, label),
        ),
        title,
      ),
    );
  };
  const measure = (id: string) => timeline.measures.find((m) => m.id === id);

  const firstCue = timeline.scene.cues[0];
  const recognised = timeline.recognition;
  const recognition = measure('recognition');
  if (firstCue && recognised && recognition?.seconds !== undefined) {
    bracket(
      firstCue.t,
      recognised.t,
      0,
      `Recognition ${secs(recognition.seconds)}`,
      recognition.sentence,
    );
  }
  const harmCue = timeline.scene.cues.find((cue) => cue.level !== 'early');
  const intervention = measure('time-to-intervention');
  if (harmCue && run.intervention && intervention?.seconds !== undefined) {
    const gap = intervention.seconds;
    bracket(
      harmCue.t,
      run.intervention.answeredAt,
      1,
      gap >= 0
        ? `Time to intervention ${secs(gap)}`
        : `Stepped in ${secs(-gap)} before the ${harmCue.level} cue`,
      intervention.sentence,
    );
  }
  const exposure = measure('harm-exposure');
  const since = run.firstHarmCueAt;
  if (since !== undefined && exposure && run.harmExposure > 0) {
    const y = row.top + 6 + 2 * 22 + 4;
    const spans = timeline.scene.segments
      .filter((span) => span.harmful && span.to > Math.max(span.from, since))
      .map((span) => ({ from: Math.max(span.from, since), to: span.to }));
    const last = spans[spans.length - 1];
    const first = spans[0];
    const label = `Harm exposure ${secs(run.harmExposure)}`;
    const where =
      last && x(last.to) + 8 + textWidth(label) <= PLOT_RIGHT
        ? { x: x(last.to) + 8, 'text-anchor': 'start' }
        : { x: x(first?.from ?? 0) - 8, 'text-anchor': 'end' };
    marks.push(
      titled(
        svg(
          'g',
          { class: 'tl-exposure' },
          ...spans.map((span) =>
            svg('rect', {
              x: x(span.from),
              y,
              width: Math.max(1, x(span.to) - x(span.from)),
              height: 10,
            }),
          ),
          svg('text', { class: 'tl-text', ...where, y: y + 10 }, label),
        ),
        exposure.sentence,
      ),
    );
  }
  return marks;
}

function cueMarker(level: CueLevel, x: number, y: number): SVGElement {
  const cls = `tl-cue cue-${level}`;
  if (level === 'early') return svg('circle', { class: cls, cx: x, cy: y, r: 7 });
  if (level === 'warning') {
    return svg('polygon', {
      class: cls,
      points: `${x},${y - 10} ${x + 9},${y + 7} ${x - 9},${y + 7}`,
    });
  }
  return svg('polygon', {
    class: cls,
    points: `${x},${y - 10} ${x + 10},${y} ${x},${y + 10} ${x - 10},${y}`,
  });
}

function choiceMarker(rating: Rating, x: number, y: number, timedOut = false): SVGElement {
  const cls = `tl-choice rating-${rating}${timedOut ? ' timed-out' : ''}`;
  switch (rating) {
    case 'best':
      return svg('circle', { class: cls, cx: x, cy: y, r: 8 });
    case 'acceptable':
      return svg('rect', { class: cls, x: x - 7, y: y - 7, width: 14, height: 14 });
    case 'poor':
      return svg('polygon', {
        class: cls,
        points: `${x - 9},${y - 7} ${x + 9},${y - 7} ${x},${y + 9}`,
      });
    case 'harmful':
      return svg('path', {
        class: cls,
        d: `M ${x - 8} ${y - 8} L ${x + 8} ${y + 8} M ${x + 8} ${y - 8} L ${x - 8} ${y + 8}`,
      });
  }
}

/** The key to the chart's shapes and colours; the table needs no key, so it is hidden from AT. */
function legend(): HTMLElement {
  const swatch = (...children: SvgChild[]) =>
    svg('svg', { class: 'swatch', viewBox: '0 0 28 28', width: 28, height: 28 }, ...children);
  const item = (icon: SVGElement, text: string) => h('li', {}, icon, text);
  return h(
    'figcaption',
    { class: 'legend' },
    h(
      'ul',
      { 'aria-hidden': 'true' },
      item(swatch(cueMarker('early', 14, 14)), 'Early cue'),
      item(swatch(cueMarker('warning', 14, 15)), 'Warning cue'),
      item(swatch(cueMarker('critical', 14, 14)), 'Critical cue'),
      item(swatch(svg('circle', { class: 'tl-missed', cx: 14, cy: 14, r: 11 })), 'Ringed: missed'),
      item(swatch(svg('line', { class: 'tl-harm', x1: 14, x2: 14, y1: 1, y2: 27 })), 'Harm point'),
      item(
        swatch(
          svg(
            'g',
            { class: 'tl-signal' },
            svg('line', { x1: 8, x2: 8, y1: 3, y2: 25 }),
            svg('polygon', { points: '8,3 22,9 8,15' }),
          ),
        ),
        'Your signal',
      ),
      item(swatch(choiceMarker('best', 14, 14)), 'Choice: best'),
      item(swatch(choiceMarker('acceptable', 14, 14)), 'acceptable'),
      item(swatch(choiceMarker('poor', 14, 14)), 'poor'),
      item(swatch(choiceMarker('harmful', 14, 14)), 'harmful'),
      item(swatch(choiceMarker('best', 14, 14, true)), 'Hollow: ran out'),
    ),
  );
}

// Branch map --------------------------------------------------------------------------------------

function branchSection(map: BranchMap): Section {
  const nodes = new Map(map.nodes.map((node) => [node.key, node]));
  const edges = new Map(map.edges.map((edge) => [edge.key, edge]));
  const title = (key: BranchNodeKey) => nodes.get(key)?.title ?? key;
  const viaText = (key: string | undefined) => {
    const edge = key === undefined ? undefined : edges.get(key);
    return edge ? ` (by ${edge.label})` : '';
  };
  return section(
    'debrief-branches',
    'Branch map',
    h(
      'p',
      { class: 'lede' },
      'Every part of the scenario and every way it can end. Open any of them to read how the scene gets there and what happens there.',
    ),
    h(
      'div',
      { class: 'paths' },
      h(
        'div',
        {},
        h('h3', { id: 'debrief-your-path' }, 'Your path'),
        h(
          'ol',
          { class: 'path path-taken', 'aria-labelledby': 'debrief-your-path' },
          ...map.taken.steps.map((step) =>
            h('li', {}, `${title(step.node)}, at ${secs(step.t)}${viaText(step.via)}`),
          ),
        ),
        map.taken.outcome === undefined
          ? h('p', {}, 'The run stopped before the scene reached an ending.')
          : null,
      ),
      h(
        'div',
        {},
        h('h3', { id: 'debrief-best-path' }, 'Best path'),
        h(
          'ol',
          { class: 'path path-best', 'aria-labelledby': 'debrief-best-path' },
          ...map.best.nodes.map((key, i) =>
            h('li', {}, `${title(key)}${i === 0 ? '' : viaText(map.best.edges[i - 1])}`),
          ),
        ),
        map.best.complete
          ? null
          : h(
              'p',
              {},
              'The best path stops here: every way on leads back to a part already on it.',
            ),
      ),
    ),
    h('h3', { id: 'debrief-branch-list' }, 'Every part and ending'),
    h(
      'ul',
      { class: 'branch-nodes', 'aria-labelledby': 'debrief-branch-list' },
      ...map.nodes.map((node) =>
        branchNode(
          node,
          map.edges.filter((edge) => edge.from === node.key),
          title,
        ),
      ),
    ),
  );
}

function marksOf(item: { readonly taken: boolean; readonly best: boolean }): HTMLElement {
  const marks = [
    item.taken ? h('span', { class: 'mark mark-taken' }, 'your path') : null,
    item.best ? h('span', { class: 'mark mark-best' }, 'best path') : null,
  ].filter((mark): mark is HTMLSpanElement => mark !== null);
  if (marks.length === 0) marks.push(h('span', { class: 'mark mark-other' }, 'other branch'));
  return h(
    'span',
    { class: 'marks' },
    ...marks.flatMap((mark, i) => (i === 0 ? [mark] : [', ', mark])),
  );
}

function branchNode(
  node: BranchNode,
  out: readonly BranchEdge[],
  title: (key: BranchNodeKey) => string,
): HTMLElement {
  const kind =
    node.kind === 'outcome'
      ? `ending${node.branchLabel === undefined ? '' : `, ${node.branchLabel}`}`
      : node.start
        ? 'where the scene starts'
        : 'part of the scene';
  const classes = ['branch-node', `kind-${node.kind}`];
  if (node.taken) classes.push('taken');
  if (node.best) classes.push('best');
  return h(
    'li',
    { class: classes.join(' '), 'data-node': node.key },
    h(
      'details',
      {},
      h(
        'summary',
        {},
        h('span', { class: 'node-title' }, node.title),
        h('span', { class: 'node-kind' }, ` (${kind}) `),
        marksOf(node),
      ),
      h('p', { class: 'what-if-label' }, h('strong', {}, 'How the scene gets here')),
      h('ul', { class: 'routes' }, ...node.whatIf.routes.map((route) => h('li', {}, route))),
      h('p', { class: 'what-if-label' }, h('strong', {}, 'What happens')),
      h('p', { class: 'happens' }, node.whatIf.happens),
      out.length === 0
        ? null
        : h('p', { class: 'what-if-label' }, h('strong', {}, 'Ways on from here')),
      out.length === 0
        ? null
        : h(
            'ul',
            { class: 'edges' },
            ...out.map((edge) =>
              h(
                'li',
                { class: edge.taken ? 'taken' : edge.best ? 'best' : undefined },
                h('span', { class: 'edge-to' }, `To "${title(edge.to)}": `),
                edge.sentence,
                edge.reference === undefined || edge.reference === ''
                  ? null
                  : h('span', { class: 'reference' }, ` Reference: ${edge.reference}.`),
                ' ',
                marksOf(edge),
              ),
            ),
          ),
    ),
  );
}

// What to take away -------------------------------------------------------------------------------

function teachingSection(scenario: Scenario): Section {
  return section(
    'debrief-teaching',
    'Teaching points',
    h(
      'ul',
      { class: 'teaching-points' },
      ...scenario.debrief.teachingPoints.map((point) => h('li', {}, point)),
    ),
  );
}

function wordsSection(scenario: Scenario): Section {
  const cast = new Map(scenario.cast.map((member) => [member.id, member]));
  const groups = new Map<string | undefined, Array<Scenario['debrief']['wordsThatWork'][number]>>();
  for (const words of scenario.debrief.wordsThatWork) {
    const group = groups.get(words.to) ?? [];
    group.push(words);
    groups.set(words.to, group);
  }
  return section(
    'debrief-words',
    'Words that would have worked',
    ...[...groups].map(([to, all]) => {
      const member = to === undefined ? undefined : cast.get(to);
      const outranks =
        member?.rank !== undefined && rankGap(member.rank, scenario.trainee.rank) > 0;
      const standing =
        member === undefined
          ? ''
          : ` (${member.rank ? describeRank(member.rank, scenario.trainee.rank) : member.kind.replace(/-/g, ' ')})`;
      const heading =
        to === undefined ? 'To anyone on the scene' : `To ${member?.name ?? to}${standing}`;
      return h(
        'div',
        { class: `words-group${outranks ? ' outranks' : ''}` },
        h('h3', {}, heading),
        outranks
          ? h(
              'p',
              { class: 'badge' },
              'A superior: the words name the problem and offer the solution.',
            )
          : null,
        h(
          'ul',
          { class: 'words' },
          ...all.map((words) =>
            h(
              'li',
              {},
              h('q', {}, words.words),
              words.note === undefined ? null : h('p', { class: 'note' }, words.note),
            ),
          ),
        ),
      );
    }),
  );
}

function receivingSection(scenario: Scenario): Section | undefined {
  const note = scenario.debrief.receivingIntervention;
  if (note === undefined) return undefined;
  return section('debrief-receiving', 'Receiving an intervention', h('p', {}, note));
}

function legalSection(scenario: Scenario): Section {
  const card = scenario.debrief.legalCard;
  return section(
    'debrief-legal',
    'Law and policy',
    h(
      'div',
      { class: 'legal-card' },
      h('h3', {}, card.title),
      h('p', {}, card.text),
      h('p', { class: 'what-if-label' }, h('strong', { id: 'debrief-sources' }, 'Sources')),
      h(
        'ul',
        { class: 'sources', 'aria-labelledby': 'debrief-sources' },
        ...card.sources.map((source) => h('li', {}, source)),
      ),
    ),
  );
}

// The report --------------------------------------------------------------------------------------

function reportSection(scenario: Scenario, run: RunAnalysis): Section {
  const belongs = factsThatBelong(scenario, run);
  // factsThatBelong answers for material facts only; asking again with every item made material
  // gives every fact true in this run, which tells a true extra from one that did not happen.
  const everyFact = {
    ...scenario,
    report: {
      ...scenario.report,
      items: scenario.report.items.map((item) => ({ ...item, material: true })),
    },
  };
  const happened = new Set(factsThatBelong(everyFact, run));
  const included = new Set(run.report?.items ?? []);
  const items = scenario.report.items;
  const belonging = new Set(belongs);
  const wrong = items.filter(
    (item) => included.has(item.id) && (item.kind !== 'fact' || !happened.has(item.id)),
  );
  const extra = items.filter(
    (item) =>
      included.has(item.id) &&
      item.kind === 'fact' &&
      happened.has(item.id) &&
      !belonging.has(item.id),
  );
  const facts = items.filter((item) => belonging.has(item.id));
  const why = (item: (typeof items)[number]) =>
    item.kind === 'fact'
      ? 'It did not happen in this run, and a report states only what happened.'
      : item.reason;
  const kindLabel = (item: (typeof items)[number]) =>
    item.kind === 'fact' ? 'did not happen here' : item.kind;

  return section(
    'debrief-report',
    'Your report',
    h(
      'p',
      {},
      run.report
        ? `You handed in your report at ${secs(run.report.t)} with ${run.report.items.length} statement${run.report.items.length === 1 ? '' : 's'}.`
        : 'You did not hand in a report, so every fact that belonged in it is missing.',
    ),
    facts.length === 0
      ? h('p', {}, 'No facts had to be in the report in this run.')
      : h(
          'table',
          { class: 'report-facts' },
          h('caption', {}, 'Facts that belonged in the report'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Fact'),
              h('th', { scope: 'col' }, 'In your report'),
              h('th', { scope: 'col' }, 'Why it belongs'),
            ),
          ),
          h(
            'tbody',
            {},
            ...facts.map((item) =>
              h(
                'tr',
                { class: included.has(item.id) ? 'included' : 'missing' },
                h('th', { scope: 'row' }, item.text),
                h('td', {}, h('strong', {}, included.has(item.id) ? 'Included' : 'Missing')),
                h('td', {}, item.reason),
              ),
            ),
          ),
        ),
    wrong.length === 0 ? null : h('h3', {}, 'What should not have been in it'),
    wrong.length === 0
      ? null
      : h(
          'ul',
          { class: 'report-wrong' },
          ...wrong.map((item) =>
            h('li', {}, h('q', {}, item.text), ` (${kindLabel(item)}): `, why(item)),
          ),
        ),
    extra.length === 0 ? null : h('h3', {}, 'Also in your report'),
    extra.length === 0
      ? null
      : h(
          'ul',
          { class: 'report-extra' },
          ...extra.map((item) => h('li', {}, h('q', {}, item.text), ': true, but not required.')),
        ),
  );
}

// Words -------------------------------------------------------------------------------------------

/** The same way the engine writes times in every sentence: "12.4 s". */
function secs(value: number): string {
  return `${value.toFixed(1)} s`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
