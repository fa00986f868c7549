/**
 * Pass 2 of validation: what the schema cannot see. Every reference resolves, every segment and
 * decision can be reached, every path ends in an outcome, beats are in time order, each stage is
 * present, ids are safe as state names and assets exist. Returns every problem at once.
 */
import { consequenceIn, windowsThatBranch } from './consequence.ts';
import { listChoices, closestMatch, type FieldPath, type UnplacedProblem } from './problems.ts';
import {
  NEXT_KEYWORDS,
  type Decision,
  type DecisionStage,
  type Option,
  type Timeout,
  type Scenario,
  type Segment,
  type Target,
  type Window,
  type WindowOverride,
} from './schema.ts';

export interface CheckContext {
  /** Keys listed in assets/manifest.json. */
  readonly assetKeys: ReadonlySet<string>;
  /** What kind of asset each key is, when known, so a sound is not used as a backdrop. */
  readonly assetKinds?: ReadonlyMap<string, 'backdrop' | 'sound'>;
}

/** Scene point names the compiler uses itself, so beats may not take them. */
export const RESERVED_BEAT_ID = /^(begin|window-.*)$/;

/** The id beats use for the trainee, who is not a cast member. */
export const TRAINEE_ID = 'trainee';

const SCENE_STAGES: readonly DecisionStage[] = ['determine', 'commit', 'choose', 'act'];

/** Pure: returns every meaning problem in a structurally valid scenario. */
export function checkScenario(scenario: Scenario, context: CheckContext): UnplacedProblem[] {
  const problems: UnplacedProblem[] = [];
  const report = (path: FieldPath, message: string, fix: string) =>
    problems.push({ path, message, fix });

  const castIds = uniqueIds(scenario.cast, ['cast'], 'cast member', report);
  // Beats may name the trainee as speaker, actor or target without a cast entry.
  const people = new Set([...castIds, TRAINEE_ID]);
  scenario.cast.forEach((member, i) => {
    if (member.id === TRAINEE_ID) {
      report(
        ['cast', i, 'id'],
        `cast id "${TRAINEE_ID}" is kept for the trainee.`,
        'give this person another id; beats name the trainee as "trainee".',
      );
    }
  });
  const segmentIds = uniqueIds(scenario.segments, ['segments'], 'segment', report);
  const outcomeIds = uniqueIds(scenario.outcomes, ['outcomes'], 'outcome', report);
  const decisionIds = uniqueIds(scenario.decisions, ['decisions'], 'decision', report);
  uniqueIds(scenario.report.items, ['report', 'items'], 'report item', report);

  const decisionsById = firstById(scenario.decisions);
  const segmentsById = firstById(scenario.segments);

  const refer = (path: FieldPath, kind: string, id: string, known: ReadonlySet<string>) => {
    if (known.has(id)) return true;
    const guess = closestMatch(id, known);
    report(
      path,
      `there is no ${kind} "${id}".`,
      guess
        ? `did you mean "${guess}"?`
        : `use one of the ${kind} ids: ${listChoices([...known])}.`,
    );
    return false;
  };
  const referTarget = (path: FieldPath, target: Target) => {
    if ('segment' in target) refer([...path, 'segment'], 'segment', target.segment, segmentIds);
    else refer([...path, 'outcome'], 'outcome', target.outcome, outcomeIds);
  };

  // People -------------------------------------------------------------------------------------
  scenario.cast.forEach((member, i) => {
    if (member.kind === 'officer' && member.rank === undefined) {
      report(
        ['cast', i],
        `officer "${member.id}" has no rank.`,
        'add "rank:" (e.g. officer, sergeant): rank changes how the trainee should intervene.',
      );
    }
  });
  const actors = new Set(
    scenario.segments.flatMap((segment) => segment.beats.flatMap((beat) => beat.actor ?? [])),
  );
  scenario.cast.forEach((member, i) => {
    if (member.arrivesLater && !actors.has(member.id)) {
      report(
        ['cast', i, 'arrivesLater'],
        `"${member.id}" arrives later but is never the actor of a beat, so never comes on stage.`,
        `give the beat where they arrive "actor: ${member.id}" and a motion such as approach, or drop arrivesLater.`,
      );
    }
  });
  scenario.debrief.wordsThatWork.forEach((words, i) => {
    if (words.to !== undefined)
      refer(['debrief', 'wordsThatWork', i, 'to'], 'cast member', words.to, castIds);
  });

  // Coverage tags ------------------------------------------------------------------------------
  // Tags feed the coverage matrix instructors plan classes by, so they must agree with the play.
  const coverage = scenario.coverage;
  if (coverage) {
    const involved = coverage.involvedOfficer;
    if (refer(['coverage', 'involvedOfficer'], 'cast member', involved, people)) {
      const member = scenario.cast.find((m) => m.id === involved);
      if (member && member.kind !== 'officer') {
        report(
          ['coverage', 'involvedOfficer'],
          `"${involved}" is a ${member.kind}, not an officer.`,
          'name the officer whose conduct the scenario is about (or "trainee").',
        );
      }
    }
    const lawful = coverage.misconduct.includes('none');
    if (lawful && coverage.misconduct.length > 1) {
      report(
        ['coverage', 'misconduct'],
        '"none" is listed beside other misconduct.',
        'use ["none"] alone for lawful force, or drop "none".',
      );
    }
    if (lawful === scenario.interventionRequired) {
      report(
        ['coverage', 'misconduct'],
        lawful
          ? 'misconduct is "none" but interventionRequired is true.'
          : 'misconduct is listed but interventionRequired is false.',
        lawful
          ? 'name the misconduct, or set interventionRequired: false.'
          : 'use misconduct: ["none"] for a lawful-force scenario.',
      );
    }
    if (coverage.reportPressure && scenario.report.start === undefined) {
      report(
        ['coverage', 'reportPressure'],
        'reportPressure is true but the report has no "start" decision where the pressure comes.',
        'add a report-stage decision and name it in report.start, or set reportPressure: false.',
      );
    }
  }

  // Setting and assets -------------------------------------------------------------------------
  referAsset(['setting', 'backdrop'], scenario.setting.backdrop, 'backdrop');
  if (scenario.setting.ambience !== undefined) {
    referAsset(['setting', 'ambience'], scenario.setting.ambience, 'sound');
  }
  function referAsset(path: FieldPath, key: string, kind: 'backdrop' | 'sound') {
    const actual = context.assetKinds?.get(key);
    if (context.assetKeys.has(key)) {
      if (actual !== undefined && actual !== kind) {
        report(
          path,
          `asset "${key}" is a ${actual}, not a ${kind}.`,
          `use a ${kind} key from assets/manifest.json.`,
        );
      }
      return;
    }
    const sameKind = [...context.assetKeys].filter(
      (k) => (context.assetKinds?.get(k) ?? kind) === kind,
    );
    const guess = closestMatch(key, sameKind);
    report(
      path,
      `there is no asset "${key}" in assets/manifest.json.`,
      guess
        ? `did you mean "${guess}"?`
        : `use a ${kind} key listed in assets/manifest.json, or add the asset (see tools/).`,
    );
  }

  // The scene ----------------------------------------------------------------------------------
  refer(['startSegment'], 'segment', scenario.startSegment, segmentIds);
  const beatIds = new Set<string>();
  scenario.segments.forEach((segment, s) => {
    const base: FieldPath = ['segments', s];
    referTarget([...base, 'then'], segment.then);
    checkWindows(segment, base, report);
    let previousAt = 0;
    segment.beats.forEach((beat, b) => {
      const path: FieldPath = [...base, 'beats', b];
      if (beatIds.has(beat.id)) {
        report(
          [...path, 'id'],
          `beat id "${beat.id}" is used twice.`,
          'give every beat in the scenario its own id: logs and replays name beats by id.',
        );
      }
      beatIds.add(beat.id);
      if (RESERVED_BEAT_ID.test(beat.id)) {
        report(
          [...path, 'id'],
          `beat id "${beat.id}" is reserved for the scene's own markers.`,
          'rename the beat (ids "begin" and "window-..." are taken).',
        );
      }
      if (beat.at < previousAt) {
        report(
          [...path, 'at'],
          `beat "${beat.id}" at ${beat.at} s comes after a beat at ${previousAt} s.`,
          'list beats in time order.',
        );
      }
      previousAt = Math.max(previousAt, beat.at);
      if (beat.at > segment.endsAt) {
        report(
          [...path, 'at'],
          `beat "${beat.id}" at ${beat.at} s is after the segment ends (endsAt ${segment.endsAt} s).`,
          'move the beat earlier or raise endsAt.',
        );
      }
      if (beat.line === undefined && beat.caption === undefined) {
        report(
          path,
          `beat "${beat.id}" has neither a line nor a caption, so nothing would be shown or read out.`,
          'add "line:" with a "speaker:", or "caption:" describing what happens.',
        );
      }
      if (beat.line !== undefined && beat.speaker === undefined) {
        report(
          path,
          `beat "${beat.id}" has a line but no speaker.`,
          'add "speaker:" with the cast id of whoever says it.',
        );
      }
      if (beat.speaker !== undefined)
        refer([...path, 'speaker'], 'cast member', beat.speaker, people);
      if (beat.actor !== undefined) refer([...path, 'actor'], 'cast member', beat.actor, people);
      if (beat.target !== undefined) refer([...path, 'target'], 'cast member', beat.target, people);
      if (beat.motion !== undefined && beat.actor === undefined) {
        report(
          path,
          `beat "${beat.id}" has a motion but no actor.`,
          'add "actor:" with the cast id of whoever moves.',
        );
      }
      if (beat.sound !== undefined) referAsset([...path, 'sound'], beat.sound, 'sound');
      if (
        beat.prompt !== undefined &&
        refer([...path, 'prompt'], 'decision', beat.prompt, decisionIds)
      ) {
        if (decisionsById.get(beat.prompt)?.stage === 'report') {
          report(
            [...path, 'prompt'],
            `beat "${beat.id}" prompts report decision "${beat.prompt}" during the scene.`,
            'prompt a determine, commit, choose or act decision; report decisions start from report.start.',
          );
        }
      }
      const window = windowAt(segment, beat.at);
      if (beat.cue !== undefined && window === 'clear') {
        report(
          [...path, 'cue'],
          `beat "${beat.id}" is a cue but falls in a clear window, where nothing calls for intervention.`,
          'start a green window at or before this beat, or remove the cue.',
        );
      }
    });
    segment.windows?.forEach((mark, w) => {
      if (mark.from > segment.endsAt) {
        report(
          [...base, 'windows', w, 'from'],
          `the ${mark.window} window starts at ${mark.from} s, after the segment ends at ${segment.endsAt} s.`,
          'start it earlier or raise endsAt.',
        );
      }
    });
  });
  findThenCycles(scenario, report);

  // Lawful force and harm ------------------------------------------------------------------------
  const start = segmentsById.get(scenario.startSegment);
  const startIndex = scenario.segments.findIndex((s) => s.id === scenario.startSegment);
  if (scenario.interventionRequired && start) {
    const harmPoints = start.beats.filter((b) => b.harmPoint);
    if (harmPoints.length !== 1) {
      report(
        ['segments', startIndex, 'beats'],
        `the start segment has ${harmPoints.length} harm points; a scenario that requires intervention needs exactly one.`,
        'mark the beat where damage is done with "harmPoint: true": intervention timing is scored against it.',
      );
    }
    if (!start.windows || start.windows.length === 0) {
      report(
        ['segments', startIndex],
        'the start segment has no decision windows, so intervention timing cannot be scored.',
        'add "windows:" with at least green, amber and red, as in the domain brief\'s outlines.',
      );
    }
    if (!scenario.decisions.some((d) => d.options.some((o) => o.intervenes))) {
      report(
        ['decisions'],
        'no option intervenes, so the trainee could never step in.',
        'mark the options that step in against the colleague with "intervenes: true".',
      );
    }
  }
  if (!scenario.interventionRequired) {
    const supportPrompts = scenario.segments.flatMap((segment) =>
      segment.beats.filter(
        (beat) => beat.prompt !== undefined && decisionsById.get(beat.prompt)?.stage === 'act',
      ),
    );
    if (supportPrompts.length === 0) {
      report(
        ['segments'],
        'no beat asks the trainee for support, but in a lawful-force scenario supporting and monitoring is the job being scored.',
        'add a beat with "prompt:" naming an act decision (cuff on the partner\'s cue, check breathing, move the victim).',
      );
    }
    scenario.segments.forEach((segment, s) => {
      segment.beats.forEach((beat, b) => {
        if (beat.cue) {
          report(
            ['segments', s, 'beats', b, 'cue'],
            `beat "${beat.id}" is a cue, but the scenario says no intervention is required.`,
            'remove the cue (lawful force has no misconduct to notice), or set interventionRequired: true.',
          );
        }
      });
      segment.windows?.forEach((mark, w) => {
        if (mark.window !== 'clear') {
          report(
            ['segments', s, 'windows', w, 'window'],
            `${an(mark.window)} window in a scenario where no intervention is required.`,
            'use only clear windows, or set interventionRequired: true.',
          );
        }
      });
    });
  }

  // Decisions ------------------------------------------------------------------------------------
  const inSceneDecisions = new Set(
    scenario.decisions.filter((d) => d.stage !== 'report').map((d) => d.id),
  );
  const reportDecisions = new Set(
    scenario.decisions.filter((d) => d.stage === 'report').map((d) => d.id),
  );
  scenario.decisions.forEach((decision, d) => {
    const base: FieldPath = ['decisions', d];
    if ((NEXT_KEYWORDS as readonly string[]).includes(decision.id)) {
      report(
        [...base, 'id'],
        `decision id "${decision.id}" is a keyword of "next".`,
        `rename it: ${listChoices(NEXT_KEYWORDS)} are taken.`,
      );
    }
    uniqueIds(decision.options, [...base, 'options'], 'option', report);
    const checkConsequence = (path: FieldPath, c: { next: string; goto?: Target | undefined }) => {
      checkNext([...path, 'next'], decision, c.next);
      if (c.goto) {
        if (decision.stage === 'report') {
          report(
            [...path, 'goto'],
            `report decision "${decision.id}" sends the scene somewhere, but the scene is over by the report.`,
            'remove "goto" from report decisions.',
          );
        } else referTarget([...path, 'goto'], c.goto);
      }
    };
    const checkOverrides = (
      path: FieldPath,
      overrides: Partial<Record<Window, WindowOverride>> | undefined,
    ) => {
      for (const [window, override] of Object.entries(overrides ?? {})) {
        if (override.next !== undefined)
          checkNext([...path, 'inWindow', window, 'next'], decision, override.next);
        if (override.goto !== undefined && override.goto !== null) {
          if (decision.stage === 'report') {
            report(
              [...path, 'inWindow', window, 'goto'],
              `report decision "${decision.id}" sends the scene somewhere, but the scene is over by the report.`,
              'remove "goto" from report decisions.',
            );
          } else referTarget([...path, 'inWindow', window, 'goto'], override.goto);
        }
      }
    };
    decision.options.forEach((option, o) => {
      const path: FieldPath = [...base, 'options', o];
      checkConsequence(path, option);
      checkOverrides(path, option.inWindow);
      const acting = decision.stage === 'choose' || decision.stage === 'act';
      if (option.intervenes && !acting) {
        report(
          [...path, 'intervenes'],
          `option "${option.id}" intervenes at stage ${decision.stage}.`,
          'only choose (stage 4) and act (stage 5) options intervene; move it or remove "intervenes".',
        );
      }
      if (option.intervenes && option.style === undefined) {
        report(
          path,
          `option "${option.id}" intervenes without saying which D it is.`,
          'add "style:" distract, direct or delegate.',
        );
      }
      if (option.style !== undefined && !acting) {
        report(
          [...path, 'style'],
          `option "${option.id}" has a style at stage ${decision.stage}.`,
          'the 3 Ds belong to choose and act decisions; remove "style".',
        );
      }
    });
    checkConsequence([...base, 'timeout'], decision.timeout);
    checkOverrides([...base, 'timeout'], decision.timeout.inWindow);
  });
  function checkNext(path: FieldPath, decision: Decision, next: string) {
    if (next === decision.id) {
      report(
        path,
        `decision "${decision.id}" leads to itself.`,
        'lead to another decision, or to observe or resolved.',
      );
      return;
    }
    if (decision.stage === 'report') {
      if (next === 'write' || reportDecisions.has(next)) return;
      report(
        path,
        `report decision "${decision.id}" leads to "${next}".`,
        `after a report decision comes "write" or another report decision: ${listChoices([...reportDecisions, 'write'])}.`,
      );
      return;
    }
    if (next === 'observe' || next === 'resolved' || inSceneDecisions.has(next)) return;
    if (reportDecisions.has(next) || next === 'write') {
      report(
        path,
        `scene decision "${decision.id}" leads to report step "${next}" while the scene is still running.`,
        'the report begins when the scene ends; lead to observe, resolved or another scene decision.',
      );
      return;
    }
    const guess = closestMatch(next, [...inSceneDecisions, 'observe', 'resolved']);
    report(
      path,
      `"${next}" is neither a decision nor observe or resolved.`,
      guess
        ? `did you mean "${guess}"?`
        : `use observe, resolved or one of: ${listChoices([...inSceneDecisions])}.`,
    );
  }

  if (refer(['onSignal'], 'decision', scenario.onSignal, decisionIds)) {
    const entry = decisionsById.get(scenario.onSignal);
    if (entry && entry.stage !== 'determine') {
      report(
        ['onSignal'],
        `onSignal opens "${entry.id}", ${an(entry.stage)} decision.`,
        'the signal leads into stage 2: point onSignal at a determine decision.',
      );
    }
  }
  if (
    scenario.report.start !== undefined &&
    refer(['report', 'start'], 'decision', scenario.report.start, decisionIds)
  ) {
    if (!reportDecisions.has(scenario.report.start)) {
      report(
        ['report', 'start'],
        `report.start names "${scenario.report.start}", which is not a report decision.`,
        'set its stage to report, or point report.start at a report decision.',
      );
    }
  }
  findReportCycles(scenario, report);
  findCutOffDecisions(scenario, segmentsById, decisionsById, report);

  // Report items ---------------------------------------------------------------------------------
  scenario.report.items.forEach((item, i) => {
    const path: FieldPath = ['report', 'items', i];
    if (item.kind !== 'fact' && item.happened) {
      report(
        [...path, 'happened'],
        `"${item.id}" is ${item.kind}, so it has nothing to have happened in.`,
        'remove "happened" from false and boilerplate items.',
      );
    }
    item.happened?.beats?.forEach((id, k) =>
      refer([...path, 'happened', 'beats', k], 'beat', id, beatIds),
    );
    item.happened?.segments?.forEach((id, k) =>
      refer([...path, 'happened', 'segments', k], 'segment', id, segmentIds),
    );
    item.happened?.options?.forEach((ref, k) => {
      const [decisionId = '', optionId = ''] = ref.split('/');
      const decision = decisionsById.get(decisionId);
      if (!decision)
        refer([...path, 'happened', 'options', k], 'decision', decisionId, decisionIds);
      else if (!decision.options.some((o) => o.id === optionId)) {
        const options = decision.options.map((o) => o.id);
        const guess = closestMatch(optionId, options);
        report(
          [...path, 'happened', 'options', k],
          `decision "${decisionId}" has no option "${optionId}".`,
          guess
            ? `did you mean "${decisionId}/${guess}"?`
            : `use one of its options: ${listChoices(options)}.`,
        );
      }
    });
  });
  if (!scenario.report.items.some((item) => item.kind === 'fact' && item.material)) {
    report(
      ['report', 'items'],
      'the report has no material facts to include.',
      'add items with kind: fact for what the report must say (domain brief 3.3).',
    );
  }

  // Reachability and stages ----------------------------------------------------------------------
  // A broken reference makes everything behind it look unreachable: report the cause alone.
  if (problems.length > 0) return problems;
  const reach = reachable(scenario, segmentsById, decisionsById);
  scenario.segments.forEach((segment, s) => {
    if (!reach.segments.has(segment.id)) {
      report(
        ['segments', s, 'id'],
        `segment "${segment.id}" can never be reached.`,
        'point a segment\'s "then" or an option\'s "goto" at it, or remove it.',
      );
    }
  });
  scenario.outcomes.forEach((outcome, o) => {
    if (!reach.outcomes.has(outcome.id)) {
      report(
        ['outcomes', o, 'id'],
        `outcome "${outcome.id}" can never be reached.`,
        'point a segment\'s "then" or an option\'s "goto" at it, or remove it.',
      );
    }
  });
  scenario.decisions.forEach((decision, d) => {
    if (!reach.decisions.has(decision.id)) {
      report(
        ['decisions', d, 'id'],
        `decision "${decision.id}" is never opened.`,
        'reach it from onSignal, a beat\'s "prompt", report.start or another decision\'s "next", or remove it.',
      );
    }
  });
  for (const stage of SCENE_STAGES) {
    if (!scenario.decisions.some((d) => d.stage === stage && reach.decisions.has(d.id))) {
      report(
        ['decisions'],
        `no reachable decision is at stage "${stage}".`,
        `add ${an(stage)} decision and lead to it: every encounter runs through the five stages.`,
      );
    }
  }
  return problems;
}

/** Lookup by id where the first of a duplicated id wins (the duplicate is reported). */
function firstById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

/** "a" or "an" before a word, for messages that name stages and windows. */
function an(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function uniqueIds<T extends { id: string }>(
  items: readonly T[],
  path: FieldPath,
  kind: string,
  report: (path: FieldPath, message: string, fix: string) => void,
): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      report(
        [...path, i, 'id'],
        `${kind} id "${item.id}" is used twice.`,
        `give each ${kind} its own id.`,
      );
    seen.add(item.id);
  });
  return seen;
}

function checkWindows(
  segment: Segment,
  base: FieldPath,
  report: (path: FieldPath, message: string, fix: string) => void,
) {
  let previous = -1;
  const seen = new Set<Window>();
  segment.windows?.forEach((mark, w) => {
    if (mark.from <= previous) {
      report(
        [...base, 'windows', w, 'from'],
        `the ${mark.window} window starts at ${mark.from} s, not after the window before it.`,
        'list windows in time order, each starting later than the one before.',
      );
    }
    if (seen.has(mark.window)) {
      report(
        [...base, 'windows', w, 'window'],
        `the ${mark.window} window appears twice in segment "${segment.id}".`,
        'each window appears once per segment.',
      );
    }
    seen.add(mark.window);
    previous = mark.from;
  });
}

/** The window in force at `at` seconds into a segment, or undefined when it is inherited. */
export function windowAt(segment: Segment, at: number): Window | undefined {
  if (!segment.windows || segment.windows.length === 0) return undefined;
  let current: Window = 'clear';
  for (const mark of segment.windows) if (mark.from <= at) current = mark.window;
  return current;
}

function findThenCycles(
  scenario: Scenario,
  report: (path: FieldPath, message: string, fix: string) => void,
) {
  const thenOf = new Map(scenario.segments.map((s) => [s.id, s.then]));
  scenario.segments.forEach((segment, s) => {
    const seen = new Set<string>([segment.id]);
    let target = segment.then;
    while ('segment' in target) {
      if (target.segment === segment.id) {
        report(
          ['segments', s, 'then'],
          `waiting in segment "${segment.id}" leads back to it through "then", so the scene could run forever.`,
          'end the chain of "then" in an outcome.',
        );
        return;
      }
      if (seen.has(target.segment)) return; // a cycle not through this segment: reported at its own members
      seen.add(target.segment);
      const next = thenOf.get(target.segment);
      if (!next) return;
      target = next;
    }
  });
}

/**
 * A choice that sends the scene down a branch and opens a follow-up decision must leave time to
 * answer it: otherwise the scene ends while the trainee is still reading.
 */
function findCutOffDecisions(
  scenario: Scenario,
  segmentsById: ReadonlyMap<string, Segment>,
  decisionsById: ReadonlyMap<string, Decision>,
  report: (path: FieldPath, message: string, fix: string) => void,
) {
  const timeToConclusion = (segmentId: string): number => {
    let total = 0;
    const seen = new Set<string>();
    let segment = segmentsById.get(segmentId);
    while (segment && !seen.has(segment.id)) {
      seen.add(segment.id);
      total += segment.endsAt;
      segment = 'segment' in segment.then ? segmentsById.get(segment.then.segment) : undefined;
    }
    return total;
  };
  scenario.segments.forEach((segment, s) => {
    segment.beats.forEach((beat, b) => {
      const prompted = beat.prompt === undefined ? undefined : decisionsById.get(beat.prompt);
      if (!prompted) return;
      const afterThen = 'segment' in segment.then ? timeToConclusion(segment.then.segment) : 0;
      const left = segment.endsAt - beat.at + afterThen;
      if (prompted.timeout.after > left) {
        report(
          ['segments', s, 'beats', b, 'prompt'],
          `beat "${beat.id}" opens decision "${prompted.id}", which stays open ${prompted.timeout.after} s, but the scene ends within ${left} s of the beat, so the trainee could be cut off mid-decision.`,
          `move the beat earlier, raise endsAt in "${segment.id}" or lower timeout.after in "${prompted.id}".`,
        );
      }
    });
  });
  scenario.decisions.forEach((decision, d) => {
    const check = (path: FieldPath, next: string, goto: Target | undefined) => {
      const follow = decisionsById.get(next);
      if (!goto || !follow || follow.stage === 'report') return;
      if ('outcome' in goto) {
        report(
          [...path, 'next'],
          `this choice ends the scene in outcome "${goto.outcome}" but also opens decision "${next}", which the ending would cut off.`,
          'set next to resolved.',
        );
        return;
      }
      const left = timeToConclusion(goto.segment);
      if (follow.timeout.after > left) {
        report(
          [...path, 'next'],
          `decision "${next}" stays open ${follow.timeout.after} s, but the scene after "${goto.segment}" ends within ${left} s, so the trainee could be cut off mid-decision.`,
          `raise endsAt in "${goto.segment}" or lower timeout.after in "${next}".`,
        );
      }
    };
    const consequences: Array<[FieldPath, Option | Timeout]> = [
      ...decision.options.map((option, o): [FieldPath, Option | Timeout] => [
        ['decisions', d, 'options', o],
        option,
      ]),
      [['decisions', d, 'timeout'], decision.timeout],
    ];
    for (const [path, c] of consequences) {
      check(path, c.next, c.goto);
      for (const window of windowsThatBranch(c)) {
        const resolved = consequenceIn(c, window);
        check([...path, 'inWindow', window], resolved.next, resolved.goto);
      }
    }
  });
}

function findReportCycles(
  scenario: Scenario,
  report: (path: FieldPath, message: string, fix: string) => void,
) {
  const reportDecisions = new Map(
    scenario.decisions.filter((d) => d.stage === 'report').map((d) => [d.id, d]),
  );
  const successors = (d: Decision) =>
    consequencesOf(d)
      .map((c) => c.next)
      .filter((n) => reportDecisions.has(n));
  scenario.decisions.forEach((decision, d) => {
    if (decision.stage !== 'report') return;
    const stack = [...successors(decision)];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === decision.id) {
        report(
          ['decisions', d, 'id'],
          `report decision "${decision.id}" can lead back to itself, so the report might never be written.`,
          'make every report decision lead on, ending in "write".',
        );
        return;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      const next = reportDecisions.get(id);
      if (next) stack.push(...successors(next));
    }
  });
}

/** Every way a decision can end: each option and the timeout, with their per-window overrides. */
export function consequencesOf(
  decision: Decision,
): Array<{ next: string; goto?: Target | undefined }> {
  const all: Array<{ next: string; goto?: Target | undefined }> = [];
  for (const c of [...decision.options, decision.timeout]) {
    all.push({ next: c.next, goto: c.goto });
    for (const window of windowsThatBranch(c)) all.push(consequenceIn(c, window));
  }
  return all;
}

function reachable(
  scenario: Scenario,
  segmentsById: ReadonlyMap<string, Segment>,
  decisionsById: ReadonlyMap<string, Decision>,
) {
  const segments = new Set<string>();
  const outcomes = new Set<string>();
  const decisions = new Set<string>();
  const segmentQueue: string[] = [scenario.startSegment];
  const decisionQueue: string[] = [scenario.onSignal];
  if (scenario.report.start !== undefined) decisionQueue.push(scenario.report.start);
  const visitTarget = (target: Target) => {
    if ('segment' in target) segmentQueue.push(target.segment);
    else outcomes.add(target.outcome);
  };
  while (segmentQueue.length > 0 || decisionQueue.length > 0) {
    const segmentId = segmentQueue.pop();
    if (segmentId !== undefined && !segments.has(segmentId)) {
      const segment = segmentsById.get(segmentId);
      if (segment) {
        segments.add(segmentId);
        visitTarget(segment.then);
        for (const beat of segment.beats)
          if (beat.prompt !== undefined) decisionQueue.push(beat.prompt);
      }
    }
    const decisionId = decisionQueue.pop();
    if (decisionId !== undefined && !decisions.has(decisionId)) {
      const decision = decisionsById.get(decisionId);
      if (decision) {
        decisions.add(decisionId);
        for (const c of consequencesOf(decision)) {
          if (decisionsById.has(c.next)) decisionQueue.push(c.next);
          if (c.goto) visitTarget(c.goto);
        }
      }
    }
  }
  return { segments, outcomes, decisions };
}
