/**
 * Dev-only harness for the Phaser stage: drives a real encounter on a manual clock from the URL
 * and renders its view into the stage, so that any moment of any scenario can be opened,
 * screenshotted and pixel-checked. Served by the Vite dev server:
 *
 *   /tests/e2e/harness/stage.html?scenario=s1-prone-restraint&t=20&renderer=canvas&hint=1
 *
 * Parameters
 *   scenario   scenario id (default: the first valid one)
 *   t          scenario seconds to advance to (default 0)
 *   in         trainee inputs, comma separated: signal@30, assess/required@31, report:a+b@400
 *   step       seconds per rendered step while advancing (default 0.5): the stage sees the run
 *              unfold as it would live, so it remembers what a single view no longer says
 *   renderer   canvas | webgl | auto (default canvas)
 *   hint, reduced, contrast   1 turns the setting on
 *   settle     1 jumps running motions to their end after the last render (default 1)
 *   labels     1 draws the label anchors as DOM tags, like the overlay would
 *   mode       run (default) | motion (one motion, named by &motion=) | cycle (every motion in turn)
 *   measure    1 records how long each Phaser frame takes (window.__stage.frames, ms)
 */
import catalog from 'virtual:scenarios';
import {
  EncounterSession,
  MotionSchema,
  compileScenario,
  selectEncounterView,
  type EncounterView,
  type FigureView,
  type InputEvent,
  type Motion,
  type Scenario,
} from '../../../src/engine/index.ts';
import type * as Phaser from 'phaser';
import { createPhaserStage, type PhaserStage } from '../../../src/game/PhaserStage.ts';
import { FigureNode } from '../../../src/game/figures.ts';
import { lookFor, type Appearance, type FigureKind } from '../../../src/game/palette.ts';
import { RANKS } from '../../../src/engine/scenario/ranks.ts';
import { POSES, POSE_NAMES, dimsFor } from '../../../src/game/poses.ts';
import type { FigureAnchor, RendererChoice, SceneSettings } from '../../../src/game/scenePort.ts';

interface HarnessState {
  ready: boolean;
  error: string | undefined;
  stage: PhaserStage | undefined;
  anchors: readonly FigureAnchor[];
  view: EncounterView | undefined;
  /** Motions rendered so far in cycle mode. */
  cycled: number;
  /** Run mode: plays the run on to scenario time `t` and draws it, animated (for filming motions). */
  advance(t: number): void;
  frames: number[];
  pixel(x: number, y: number): Promise<[number, number, number, number]>;
  /** How many pixels of a stage area lie within `tolerance` of an RGB colour. */
  count(
    area: { x: number; y: number; width: number; height: number },
    rgb: readonly [number, number, number],
    tolerance: number,
  ): Promise<number>;
  backdropLoaded(): boolean;
}

const harness: HarnessState = {
  ready: false,
  error: undefined,
  stage: undefined,
  anchors: [],
  view: undefined,
  cycled: 0,
  advance: () => undefined,
  frames: [],
  pixel: (x, y) =>
    new Promise((resolve, reject) => {
      const stage = harness.stage;
      if (!stage) {
        reject(new Error('the stage is not up'));
        return;
      }
      stage.game.renderer.snapshotPixel(x, y, (snapshot) => {
        const colour = snapshot as unknown as { r: number; g: number; b: number; a: number };
        resolve([colour.r, colour.g, colour.b, colour.a]);
      });
    }),
  count: (area, rgb, tolerance) =>
    new Promise((resolve, reject) => {
      const stage = harness.stage;
      if (!stage) {
        reject(new Error('the stage is not up'));
        return;
      }
      stage.game.renderer.snapshotArea(area.x, area.y, area.width, area.height, (snapshot) => {
        const image = snapshot as HTMLImageElement;
        const read = () => {
          const canvas = document.createElement('canvas');
          canvas.width = area.width;
          canvas.height = area.height;
          const context = canvas.getContext('2d');
          if (!context) {
            reject(new Error('no 2d context'));
            return;
          }
          context.drawImage(image, 0, 0);
          const data = context.getImageData(0, 0, area.width, area.height).data;
          let n = 0;
          for (let i = 0; i < data.length; i += 4) {
            const d =
              Math.abs((data[i] ?? 0) - rgb[0]) +
              Math.abs((data[i + 1] ?? 0) - rgb[1]) +
              Math.abs((data[i + 2] ?? 0) - rgb[2]);
            if (d <= tolerance) n++;
          }
          resolve(n);
        };
        if (image.complete) read();
        else image.onload = read;
      });
    }),
  backdropLoaded: () => {
    const stage = harness.stage;
    if (!stage) return false;
    return stage.game.textures.getTextureKeys().some((key) => key.startsWith('backdrop:'));
  },
};
(window as unknown as { __stage: HarnessState }).__stage = harness;

const params = new URLSearchParams(window.location.search);
const number = (name: string, fallback: number) => {
  const value = Number(params.get(name) ?? fallback);
  return Number.isFinite(value) ? value : fallback;
};
const flag = (name: string, fallback = false) =>
  params.has(name) ? params.get(name) === '1' || params.get(name) === 'true' : fallback;

const settings: SceneSettings = {
  hintMode: flag('hint'),
  reducedMotion: flag('reduced'),
  highContrast: flag('contrast'),
};

interface Catalog {
  readonly scenarios: ReadonlyArray<{ readonly scenario: Scenario }>;
}

function parseInputs(text: string | null): Array<{ event: InputEvent; t: number }> {
  if (!text) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part): { event: InputEvent; t: number } => {
      const [what = '', at = '0'] = part.split('@');
      const t = Number(at);
      if (what === 'signal') return { event: { type: 'trainee.signal' }, t };
      if (what.startsWith('report:')) {
        const items = what.slice('report:'.length).split('+').filter(Boolean);
        return { event: { type: 'report.submit', items }, t };
      }
      const [decision = '', option = ''] = what.split('/');
      return { event: { type: 'decision.select', decision, option }, t };
    })
    .sort((a, b) => a.t - b.t);
}

function drawLabels(anchors: readonly FigureAnchor[], view: EncounterView | undefined): void {
  const layer = document.getElementById('labels');
  const host = document.querySelector('#stage canvas');
  if (!layer || !(host instanceof HTMLCanvasElement)) return;
  const box = host.getBoundingClientRect();
  layer.replaceChildren(
    ...anchors.map((anchor) => {
      const tag = document.createElement('span');
      tag.textContent = view?.figures.find((f) => f.id === anchor.id)?.name ?? anchor.id;
      tag.style.left = `${box.left + anchor.x * box.width}px`;
      tag.style.top = `${box.top + anchor.y * box.height}px`;
      return tag;
    }),
  );
}

async function runScenario(stage: PhaserStage): Promise<void> {
  const scenarios = (catalog as Catalog).scenarios;
  const id = params.get('scenario');
  const entry = scenarios.find((s) => s.scenario.id === id) ?? scenarios[0];
  if (!entry) throw new Error('no valid scenarios in the catalog');
  // ?backdrop= swaps the setting's picture (an unknown key shows the neutral fallback).
  const backdrop = params.get('backdrop');
  const scenario: Scenario =
    backdrop === null
      ? entry.scenario
      : { ...entry.scenario, setting: { ...entry.scenario.setting, backdrop } };
  const compiled = compileScenario(scenario);
  const session = new EncounterSession(compiled);
  stage.show(scenario);
  const end = number('t', 0);
  const step = Math.max(0.05, number('step', 0.5));
  const inputs = parseInputs(params.get('in'));
  let shown = -1;
  const renderNow = (t: number) => {
    const entries = session.log.entries;
    if (entries.length === shown) return;
    shown = entries.length;
    const view = selectEncounterView(compiled, session.current, entries, t);
    harness.view = view;
    stage.render(view, settings);
  };
  renderNow(0);
  for (let t = 0; t <= end + 1e-9; t = Math.min(end, t + step)) {
    while (inputs.length > 0 && (inputs[0]?.t ?? Infinity) <= t) {
      const input = inputs.shift();
      if (input) {
        session.input(input.event, input.t);
        renderNow(input.t);
      }
    }
    session.advanceTo(t);
    renderNow(t);
    if (t >= end) break;
    // Let the stage draw a frame between steps, as a live run would.
    if (flag('live')) await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  // A last render at the end time refreshes cue highlights that have timed out.
  harness.view = selectEncounterView(compiled, session.current, session.log.entries, end);
  stage.render(harness.view, settings);
  harness.advance = (t) => {
    // Inputs later than `t=` wait for this: they are applied when the run reaches them.
    while (inputs.length > 0 && (inputs[0]?.t ?? Infinity) <= t) {
      const input = inputs.shift();
      if (input) session.input(input.event, input.t);
    }
    session.advanceTo(t);
    renderNow(t);
  };
}

// ---------------------------------------------------------------------------------------------
// Synthetic views: one officer doing a motion to a subject, with a bystander watching

const MOTIONS_ON_THE_GROUND: ReadonlySet<Motion> = new Set<Motion>([
  'knee-on-back',
  'knee-on-neck',
  'hold-legs',
  'roll-to-side',
  'sit-up',
  'check-pulse',
  'cpr',
  'handcuff',
]);
const TARGETLESS: ReadonlySet<Motion> = new Set<Motion>([
  'flee',
  'film',
  'radio',
  'collapse',
  'struggle',
  'pocket-item',
]);

function syntheticView(motion: Motion, since: number, groundFirst: boolean): EncounterView {
  const actor: FigureView = {
    id: 'actor',
    name: 'Sergeant Actor',
    kind: 'officer',
    rank: 'sergeant',
    appearance: { skinTone: 4, build: 'medium', height: 'tall', hair: 'short' },
    action: { motion, target: TARGETLESS.has(motion) ? undefined : 'subject', since },
    actedOn: undefined,
    cue: 'warning',
    plainClothes: false,
    arrivesLater: false,
  };
  const subjectDown = groundFirst && MOTIONS_ON_THE_GROUND.has(motion);
  const subject: FigureView = {
    id: 'subject',
    name: 'Subject',
    kind: 'subject',
    rank: undefined,
    appearance: { skinTone: 2, build: 'heavy', height: 'medium', hair: 'medium' },
    action: subjectDown ? { motion: 'collapse', target: undefined, since: 0 } : undefined,
    actedOn: TARGETLESS.has(motion) ? undefined : { motion, by: 'actor', since },
    cue: undefined,
    plainClothes: false,
    arrivesLater: false,
  };
  const crowd: FigureView = {
    id: 'crowd',
    name: 'Bystanders',
    kind: 'bystander',
    rank: undefined,
    appearance: undefined,
    action: { motion: 'film', target: undefined, since: 0 },
    actedOn: undefined,
    cue: undefined,
    plainClothes: false,
    arrivesLater: false,
  };
  const trainee: FigureView = {
    id: 'trainee',
    name: 'You',
    kind: 'trainee',
    rank: 'corporal',
    appearance: undefined,
    action: undefined,
    actedOn: undefined,
    cue: undefined,
    plainClothes: false,
    arrivesLater: false,
  };
  return {
    scenarioId: 'synthetic',
    stage: 'see',
    window: 'green',
    segment: 'synthetic',
    canSignal: true,
    decision: undefined,
    captions: [],
    figures: [actor, subject, crowd, trainee],
    lastBeat: undefined,
    outcome: undefined,
    report: undefined,
    finished: false,
  };
}

function syntheticScenario(): Scenario {
  const scenarios = (catalog as Catalog).scenarios;
  const first = scenarios.find((s) => s.scenario.id === params.get('scenario')) ?? scenarios[0];
  if (!first) throw new Error('no valid scenarios in the catalog');
  return { ...first.scenario, cast: [] };
}

async function runMotion(stage: PhaserStage): Promise<void> {
  const motion = MotionSchema.parse(params.get('motion') ?? 'approach');
  stage.show(syntheticScenario());
  stage.render(syntheticView(motion, 0, true), settings);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const view = syntheticView(motion, 1, true);
  harness.view = view;
  stage.render(view, settings);
  await new Promise((resolve) => setTimeout(resolve, number('wait', 0)));
}

async function runCycle(stage: PhaserStage): Promise<void> {
  stage.show(syntheticScenario());
  const every = number('every', 150);
  let since = 1;
  for (const motion of MotionSchema.options) {
    const view = syntheticView(motion, since, true);
    harness.view = view;
    stage.render(view, settings);
    await new Promise((resolve) => setTimeout(resolve, every));
    harness.cycled++;
    since++;
  }
  stage.render(syntheticView('cpr', since, true), settings);
}

/** Every pose side by side, for tuning them by eye (labels are DOM, like the game's). */
function runPoses(stage: PhaserStage): void {
  const scene = stage.game.scene.getScene<Phaser.Scene>('encounter');
  const names = POSE_NAMES.filter((name) =>
    (params.get('only') ?? '').split(',').some((part) => name.includes(part)),
  );
  const list = names.length > 0 ? names : POSE_NAMES;
  const columns = Math.min(list.length, number('columns', 7));
  const rows = Math.ceil(list.length / columns);
  const layer = document.getElementById('labels');
  const host = document.querySelector('#stage canvas');
  const box = host instanceof HTMLCanvasElement ? host.getBoundingClientRect() : undefined;
  list.forEach((name, i) => {
    const look = lookFor({
      id: params.get('who') ?? 'reyes',
      kind: 'officer',
      rank: 'sergeant',
      appearance: undefined,
    });
    const figure = new FigureNode(scene, {
      look,
      dims: dimsFor(look.appearance),
      trainee: false,
      outline: true,
    });
    figure.state.setPose(POSES[name]);
    figure.state.x = ((i % columns) + 0.5) * (1920 / columns);
    figure.state.y = 160 + Math.floor(i / columns) * (900 / rows) + 900 / rows - 60;
    figure.facing = 1;
    figure.apply();
    if (layer && box) {
      const tag = document.createElement('span');
      tag.textContent = name;
      tag.style.left = `${box.left + (figure.state.x / 1920) * box.width}px`;
      tag.style.top = `${box.top + ((figure.state.y + 40) / 1080) * box.height}px`;
      layer.append(tag);
    }
  });
}

/** Every rank in uniform, and the other kinds of people with every skin tone, build and hair. */
function runLineup(stage: PhaserStage): void {
  const scene = stage.game.scene.getScene<Phaser.Scene>('encounter');
  const layer = document.getElementById('labels');
  const host = document.querySelector('#stage canvas');
  const box = host instanceof HTMLCanvasElement ? host.getBoundingClientRect() : undefined;
  const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  const builds = ['slight', 'medium', 'heavy'] as const;
  const heights = ['tall', 'short', 'medium'] as const;
  const hairs = ['short', 'bun', 'bald', 'braids', 'medium', 'long'] as const;
  const kinds = [
    'subject',
    'victim',
    'bystander',
    'medic',
    'trainee',
    'subject',
    'bystander',
    'victim',
  ] as const;
  const people: Array<{
    label: string;
    kind: FigureKind;
    rank: (typeof RANKS)[number] | undefined;
    appearance: Appearance;
  }> = [
    ...RANKS.map((rank, i) => ({
      label: rank,
      kind: 'officer' as const,
      rank,
      appearance: {
        skinTone: (i % 6) + 1,
        build: at(builds, i),
        height: 'medium' as const,
        hair: at(hairs, i),
      },
    })),
    ...kinds.map((kind, i) => ({
      label: kind,
      kind,
      rank: kind === 'trainee' ? ('officer' as const) : undefined,
      appearance: {
        skinTone: 6 - (i % 6),
        build: at(builds, i + 2),
        height: at(heights, i),
        hair: at(hairs, i + 3),
      },
    })),
  ];
  people.forEach((person, i) => {
    const row = i < RANKS.length ? 0 : 1;
    const col = row === 0 ? i : i - RANKS.length;
    const look = lookFor({
      id: `lineup-${i}`,
      kind: person.kind,
      rank: person.rank,
      appearance: person.appearance,
    });
    const figure = new FigureNode(scene, {
      look,
      dims: dimsFor(look.appearance),
      trainee: person.kind === 'trainee',
      outline: true,
    });
    figure.state.setPose(POSES.stand);
    figure.state.x = 130 + col * 237;
    figure.state.y = row === 0 ? 560 : 1010;
    figure.facing = 1;
    figure.apply();
    if (layer && box) {
      const tag = document.createElement('span');
      tag.textContent = person.label;
      tag.style.left = `${box.left + (figure.state.x / 1920) * box.width}px`;
      tag.style.top = `${box.top + ((figure.state.y + 34) / 1080) * box.height}px`;
      layer.append(tag);
    }
  });
}

async function main(): Promise<void> {
  const parent = document.getElementById('stage');
  if (!parent) throw new Error('stage.html lost its #stage element');
  const renderer = (params.get('renderer') ?? 'canvas') as RendererChoice;
  const stage = await createPhaserStage({ parent, renderer, assetBase: '/' });
  harness.stage = stage;
  if (flag('measure')) {
    // The loop calls the game's step through its own callback, bound at boot.
    const loop = stage.game.loop as unknown as { callback: (time: number, delta: number) => void };
    const original = loop.callback;
    loop.callback = (time, delta) => {
      const started = performance.now();
      original(time, delta);
      harness.frames.push(performance.now() - started);
    };
  }
  stage.onLayout((anchors) => {
    harness.anchors = anchors;
    if (flag('labels')) requestAnimationFrame(() => drawLabels(anchors, harness.view));
  });
  const mode = params.get('mode') ?? 'run';
  if (mode === 'poses') runPoses(stage);
  else if (mode === 'lineup') runLineup(stage);
  else if (mode === 'motion') await runMotion(stage);
  else if (mode === 'cycle') await runCycle(stage);
  else await runScenario(stage);
  if (flag('settle', true) && mode !== 'cycle') stage.settle();
  if (params.get('pause') === '1') stage.setPaused(true);
  if (params.get('after') === 'clear') stage.clear();
  if (params.get('after') === 'destroy') stage.destroy();
  harness.ready = true;
}

main().catch((error: unknown) => {
  harness.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  harness.ready = true;
});
