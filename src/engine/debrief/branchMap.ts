/**
 * The branch map: the scenario as a graph of segments and outcomes, with the path this run took,
 * the best path, and every other branch, each node saying how you get there and what happens
 * there in the scenario's own words. Pure: a function of the compiled scenario and the run log.
 *
 * Edges:
 * - a `then` edge per segment: the delay branch, what happens if nobody changes the scene's course;
 * - a `choice` (or `timeout`) edge per segment, decision, option (or timeout), target and rating:
 *   choosing that option while the scene is in that segment sends it to the target, in the
 *   windows listed. The windows are those in which the decision can be answered in that segment
 *   (see answerPlaces.ts) and in which the option's consequence (with its window override) has
 *   that goto and that rating. A window in which the option leaves the scene where it is gives no
 *   edge.
 *
 * The best path, precisely: start at the start segment. From each segment, take the choice or
 * timeout edge rated `best` whose earliest window comes first (clear, green, amber, red, late);
 * ties go to the earlier stage (determine, commit, choose, act), then to the decision and option
 * listed first in the file. Edges back to a node already on the path are passed over. When no
 * `best` edge leaves the segment, follow its `then`: waiting is the best play there, and the
 * options rated best there do their work without moving the scene. Stop at an outcome. If the
 * only way on leads back to the path, the best path stops there and is marked incomplete.
 */
import type { CompiledScenario } from '../encounter/compileScenario.ts';
import { consequenceIn } from '../scenario/consequence.ts';
import {
  DecisionStageSchema,
  WINDOWS,
  type Decision,
  type DecisionStage,
  type Option,
  type Outcome,
  type Rating,
  type Segment,
  type Target,
  type Timeout,
  type Window,
} from '../scenario/schema.ts';
import type { RunLog } from '../run/runLog.ts';
import { analyzeRun, type Answer, type RunAnalysis } from '../scoring/analyzeRun.ts';
import { answerPlaces } from './answerPlaces.ts';
import { BRANCH_LABELS, beatText, orList, quote, seconds, windowList } from './words.ts';

/** `segment:<id>` or `outcome:<id>`: segment and outcome ids may repeat across the two kinds. */
export type BranchNodeKey = `segment:${string}` | `outcome:${string}`;

export interface WhatIf {
  /** One sentence per way into the node: the choice and window, or waiting. */
  readonly routes: readonly string[];
  /** What happens there: the segment's beats as captioned, or the outcome's description. */
  readonly happens: string;
  /** Both, as one passage to read aloud. */
  readonly text: string;
}

export interface BranchNode {
  readonly key: BranchNodeKey;
  readonly kind: 'segment' | 'outcome';
  readonly id: string;
  readonly title: string;
  /** The outcome's description; for a segment, which has none, its beats as captioned. */
  readonly description: string;
  /** Segments only: harm goes on while it plays. */
  readonly harmful: boolean | undefined;
  readonly severity: Outcome['severity'] | undefined;
  readonly branch: Outcome['branch'];
  readonly branchLabel: string | undefined;
  readonly start: boolean;
  /** Positions of this node in `taken.steps` (a segment can be entered more than once). */
  readonly visits: readonly number[];
  readonly taken: boolean;
  readonly best: boolean;
  readonly whatIf: WhatIf;
}

export interface BranchEdge {
  readonly key: string;
  readonly kind: 'then' | 'choice' | 'timeout';
  readonly from: BranchNodeKey;
  readonly to: BranchNodeKey;
  /** The title of the segment the edge leaves. */
  readonly fromTitle: string;
  /** Short enough to draw on the map. */
  readonly label: string;
  /** The route as one sentence, with the rating and its reason. */
  readonly sentence: string;
  readonly decision:
    { readonly id: string; readonly prompt: string; readonly stage: DecisionStage } | undefined;
  /** The option chosen; undefined for waiting and for timeouts. */
  readonly option: { readonly id: string; readonly text: string } | undefined;
  /** Windows in which this edge applies, in order; empty for `then`, which applies in any. */
  readonly windows: readonly Window[];
  readonly rating: Rating | undefined;
  /** Why, read aloud: the reason, or each window's own when they differ. */
  readonly reason: string | undefined;
  /** The reason and reference in each window listed. */
  readonly reasons: readonly WindowReason[];
  /** The references, each once. */
  readonly reference: string | undefined;
  /** Seconds: the segment's length for `then`, the decision's countdown for `timeout`. */
  readonly after: number | undefined;
  readonly taken: boolean;
  readonly best: boolean;
}

export interface WindowReason {
  readonly window: Window;
  readonly reason: string;
  readonly reference: string;
}

export interface PathStep {
  readonly node: BranchNodeKey;
  /** When the scene entered the node. */
  readonly t: number;
  /** The edge that brought the scene here; undefined for the start. */
  readonly via: string | undefined;
}

export interface BranchMap {
  readonly scenario: { readonly id: string; readonly version: number; readonly title: string };
  readonly start: BranchNodeKey;
  readonly nodes: readonly BranchNode[];
  readonly edges: readonly BranchEdge[];
  /** The segments this run visited in order, then its outcome (undefined if it never ended). */
  readonly taken: {
    readonly steps: readonly PathStep[];
    readonly outcome: BranchNodeKey | undefined;
  };
  readonly best: {
    readonly nodes: readonly BranchNodeKey[];
    readonly edges: readonly string[];
    /** It reached an outcome. */
    readonly complete: boolean;
  };
}

/**
 * Pure: the branch map of a run. Throws LogMismatchError when the log belongs to another scenario
 * or version. Pass `run` when the caller has already analysed the log.
 */
export function branchMap(
  compiled: CompiledScenario,
  log: RunLog,
  run: RunAnalysis = analyzeRun(compiled, log),
): BranchMap {
  const { scenario } = compiled;
  const drafts = edgesOf(compiled);
  const taken = takenPath(compiled, run, drafts);
  const best = bestPath(compiled, drafts);
  const takenEdges = new Set(
    taken.steps.flatMap((step) => (step.via === undefined ? [] : [step.via])),
  );
  const bestEdges = new Set(best.edges);
  const edges: BranchEdge[] = drafts.map((edge) => ({
    ...edge,
    taken: takenEdges.has(edge.key),
    best: bestEdges.has(edge.key),
  }));

  const start = segmentKey(scenario.startSegment);
  const cast = new Map(scenario.cast.map((member) => [member.id, member]));
  const bestNodes = new Set<string>(best.nodes);
  const visitsOf = (key: BranchNodeKey) =>
    taken.steps.flatMap((step, i) => (step.node === key ? [i] : []));
  const routesTo = (key: BranchNodeKey) => [
    ...(key === start ? ['The scene starts here.'] : []),
    ...routes(edges.filter((edge) => edge.to === key)),
  ];

  const segmentNodes = scenario.segments.map((segment): BranchNode => {
    const key = segmentKey(segment.id);
    const happens = segment.beats.map((beat) => beatText(beat, cast)).join(' ');
    const visits = visitsOf(key);
    return {
      key,
      kind: 'segment',
      id: segment.id,
      title: segment.title,
      description: happens,
      harmful: segment.harmful,
      severity: undefined,
      branch: undefined,
      branchLabel: undefined,
      start: key === start,
      visits,
      taken: visits.length > 0,
      best: bestNodes.has(key),
      whatIf: whatIf(
        routesTo(key),
        segment.harmful ? `${happens} Harm goes on while this plays.` : happens,
      ),
    };
  });
  const outcomeNodes = scenario.outcomes.map((outcome): BranchNode => {
    const key = outcomeKey(outcome.id);
    const visits = visitsOf(key);
    const label = outcome.branch === undefined ? undefined : BRANCH_LABELS[outcome.branch];
    return {
      key,
      kind: 'outcome',
      id: outcome.id,
      title: outcome.title,
      description: outcome.description,
      harmful: undefined,
      severity: outcome.severity,
      branch: outcome.branch,
      branchLabel: label,
      start: false,
      visits,
      taken: visits.length > 0,
      best: bestNodes.has(key),
      whatIf: whatIf(
        routesTo(key),
        `The scene ends: "${outcome.title}". ${outcome.description} Harm remaining: ${outcome.severity}.`,
      ),
    };
  });

  return {
    scenario: { id: scenario.id, version: scenario.version, title: scenario.title },
    start,
    nodes: [...segmentNodes, ...outcomeNodes],
    edges,
    taken,
    best,
  };
}

function whatIf(routes: readonly string[], happens: string): WhatIf {
  return {
    routes,
    happens,
    text: `How you get here: ${routes.join(' Or: ')} What happens: ${happens}`,
  };
}

/**
 * One sentence per way in. The same choice often works from several segments (a trainee back to
 * watching can reach the same decision again), so those are said once, naming every segment.
 */
function routes(incoming: readonly BranchEdge[]): string[] {
  const groups = new Map<string, { edge: BranchEdge; during: string[] }>();
  for (const edge of incoming) {
    const id =
      edge.kind === 'then'
        ? edge.key
        : [
            edge.kind,
            edge.decision?.id,
            edge.option?.id,
            edge.rating,
            edge.reason,
            ...edge.windows,
          ].join('|');
    const group = groups.get(id);
    if (group) group.during.push(edge.fromTitle);
    else groups.set(id, { edge, during: [edge.fromTitle] });
  }
  return [...groups.values()].map(({ edge, during }) => {
    if (edge.kind === 'then') return edge.sentence;
    const what = edge.option
      ? `Choosing ${quote(edge.option.text)} at ${quote(edge.decision?.prompt ?? '')}`
      : `Letting ${quote(edge.decision?.prompt ?? '')} run out (${seconds(edge.after ?? 0)})`;
    return `${what} during ${orList(during.map((title) => `"${title}"`))}, in the ${windowList(edge.windows)} window: ${edge.rating ?? ''}. ${edge.reason ?? ''}`;
  });
}

// Edges ------------------------------------------------------------------------------------------

type EdgeDraft = Omit<BranchEdge, 'taken' | 'best'>;

function segmentKey(id: string): BranchNodeKey {
  return `segment:${id}`;
}

function outcomeKey(id: string): BranchNodeKey {
  return `outcome:${id}`;
}

function targetKey(target: Target): BranchNodeKey {
  return 'segment' in target ? segmentKey(target.segment) : outcomeKey(target.outcome);
}

function edgesOf(compiled: CompiledScenario): EdgeDraft[] {
  const { scenario } = compiled;
  const places = answerPlaces(compiled);
  const edges: EdgeDraft[] = scenario.segments.map(thenEdge);
  for (const segment of scenario.segments) {
    const here = places.get(segment.id);
    if (!here) continue;
    // Scenario order, not the order the walk found things in, so the map reads like the file.
    for (const decision of scenario.decisions) {
      const windows = here.get(decision.id);
      if (!windows) continue;
      const inOrder = WINDOWS.filter((w) => windows.has(w));
      for (const source of [...decision.options, decision.timeout])
        edges.push(...gotoEdges(segment, decision, source, inOrder));
    }
  }
  return edges;
}

function thenEdge(segment: Segment): EdgeDraft {
  return {
    key: `then:${segment.id}`,
    kind: 'then',
    from: segmentKey(segment.id),
    to: targetKey(segment.then),
    fromTitle: segment.title,
    label: `Waiting (${seconds(segment.endsAt)})`,
    sentence: `Waiting: if nobody changes its course, "${segment.title}" runs its ${seconds(segment.endsAt)} and the scene comes here.`,
    decision: undefined,
    option: undefined,
    windows: [],
    rating: undefined,
    reason: undefined,
    reasons: [],
    reference: undefined,
    after: segment.endsAt,
  };
}

function gotoEdges(
  segment: Segment,
  decision: Decision,
  source: Option | Timeout,
  windows: readonly Window[],
): EdgeDraft[] {
  const option = 'id' in source ? source : undefined;
  const groups = new Map<
    string,
    { to: BranchNodeKey; rating: Rating; windows: Window[]; reasons: WindowReason[] }
  >();
  for (const window of windows) {
    const consequence = consequenceIn(source, window);
    if (!consequence.goto) continue;
    const to = targetKey(consequence.goto);
    const id = `${to}/${consequence.rating}`;
    const reason = { window, reason: consequence.reason, reference: consequence.reference };
    const group = groups.get(id);
    if (group) {
      group.windows.push(window);
      group.reasons.push(reason);
    } else groups.set(id, { to, rating: consequence.rating, windows: [window], reasons: [reason] });
  }
  return [...groups.values()].map((group) => {
    const when = `in the ${windowList(group.windows)} window`;
    const what = option
      ? `Choosing ${quote(option.text)} at ${quote(decision.prompt)}`
      : `Letting ${quote(decision.prompt)} run out (${seconds(decision.timeout.after)})`;
    const reason = reasonText(group.reasons);
    return {
      key: `${option ? 'choice' : 'timeout'}:${segment.id}:${decision.id}:${option?.id ?? 'timeout'}:${group.to}:${group.rating}`,
      kind: option ? 'choice' : 'timeout',
      from: segmentKey(segment.id),
      to: group.to,
      fromTitle: segment.title,
      label: option
        ? `${quote(option.text)} (${windowList(group.windows)}, ${group.rating})`
        : `${quote(decision.prompt)} runs out (${windowList(group.windows)}, ${group.rating})`,
      sentence: `${what} during "${segment.title}", ${when}: ${group.rating}. ${reason}`,
      decision: { id: decision.id, prompt: decision.prompt, stage: decision.stage },
      option: option && { id: option.id, text: option.text },
      windows: group.windows,
      rating: group.rating,
      reason,
      reasons: group.reasons,
      reference: [...new Set(group.reasons.map((r) => r.reference))].join('; '),
      after: option ? undefined : decision.timeout.after,
    };
  });
}

/** One reason when the windows share it; otherwise each window's own, so none is misquoted. */
function reasonText(reasons: readonly WindowReason[]): string {
  const distinct = new Set(reasons.map((r) => r.reason));
  if (distinct.size <= 1) return reasons[0]?.reason ?? '';
  return reasons.map((r) => `In ${r.window}: ${r.reason}`).join(' ');
}

// Paths ------------------------------------------------------------------------------------------

function takenPath(
  compiled: CompiledScenario,
  run: RunAnalysis,
  edges: readonly EdgeDraft[],
): BranchMap['taken'] {
  const arrivals: Array<{ node: BranchNodeKey; t: number }> = [
    ...run.segments.map((span) => ({ node: segmentKey(span.value), t: span.from })),
    ...(run.outcome ? [{ node: outcomeKey(run.outcome.outcome.id), t: run.outcome.t }] : []),
  ];
  const steps = arrivals.map((arrival, i): PathStep => {
    const previous = arrivals[i - 1];
    return {
      ...arrival,
      via: previous && edgeTaken(compiled, run, edges, previous.node, arrival.node, arrival.t),
    };
  });
  return { steps, outcome: run.outcome && outcomeKey(run.outcome.outcome.id) };
}

/** The choice whose goto moved the scene at that instant, else the delay branch. */
function edgeTaken(
  compiled: CompiledScenario,
  run: RunAnalysis,
  edges: readonly EdgeDraft[],
  from: BranchNodeKey,
  to: BranchNodeKey,
  t: number,
): string | undefined {
  // Of several answers at one instant, the last goto is the one the scene followed.
  const answer = [...run.answers]
    .reverse()
    .find((a) => a.answeredAt === t && gotoOf(compiled, a) === to);
  if (answer) {
    return edges.find(
      (edge) =>
        edge.kind !== 'then' &&
        edge.from === from &&
        edge.to === to &&
        edge.decision?.id === answer.decision &&
        edge.option?.id === answer.option &&
        edge.windows.includes(answer.window),
    )?.key;
  }
  return edges.find((edge) => edge.kind === 'then' && edge.from === from && edge.to === to)?.key;
}

function gotoOf(compiled: CompiledScenario, answer: Answer): BranchNodeKey | undefined {
  const decision = compiled.decisions.get(answer.decision);
  if (!decision) return undefined;
  const source = decision.options.find((o) => o.id === answer.option) ?? decision.timeout;
  const { goto } = consequenceIn(source, answer.window);
  return goto && targetKey(goto);
}

function bestPath(compiled: CompiledScenario, edges: readonly EdgeDraft[]): BranchMap['best'] {
  const { scenario } = compiled;
  const stageOrder = DecisionStageSchema.options;
  const decisionOrder = scenario.decisions.map((d) => d.id);
  const optionIndex = (edge: EdgeDraft) => {
    const decision = compiled.decisions.get(edge.decision?.id ?? '');
    const index = decision?.options.findIndex((o) => o.id === edge.option?.id) ?? -1;
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const rank = (edge: EdgeDraft) => [
    WINDOWS.indexOf(edge.windows[0] ?? 'late'),
    stageOrder.indexOf(edge.decision?.stage ?? 'report'),
    decisionOrder.indexOf(edge.decision?.id ?? ''),
    optionIndex(edge),
  ];
  const before = (a: EdgeDraft, b: EdgeDraft) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) {
      const d = (ra[i] ?? 0) - (rb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };

  let at: BranchNodeKey = segmentKey(scenario.startSegment);
  const nodes: BranchNodeKey[] = [at];
  const onPath = new Set<string>(nodes);
  const path: string[] = [];
  while (at.startsWith('segment:')) {
    const from = at;
    const out = edges.filter((edge) => edge.from === from && !onPath.has(edge.to));
    const chosen =
      out.filter((edge) => edge.kind !== 'then' && edge.rating === 'best').sort(before)[0] ??
      out.find((edge) => edge.kind === 'then');
    if (!chosen) break;
    path.push(chosen.key);
    nodes.push(chosen.to);
    onPath.add(chosen.to);
    at = chosen.to;
  }
  return { nodes, edges: path, complete: at.startsWith('outcome:') };
}
