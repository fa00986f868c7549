/**
 * A class run: one encounter played for a room. The instructor drives it by commands (from the
 * projector's keys, a clicker, or the presenter window): the scene freezes at each decision for
 * discussion, the room's show of hands decides what plays, the cues so far can be revealed on
 * the stage, and the run can go back to any earlier decision to try another branch.
 *
 * The encounter itself is the ordinary EncounterController; this adds the room's rules around
 * it and works out the ClassStatus that the projector and presenter both show.
 */
import {
  classStatus,
  idleClassStatus,
  cuesSoFar,
  revealCues,
  rewindPoints,
  rewoundLog,
  voteResult,
  type ClassCommand,
  type ClassPhase,
  type ClassStatus,
  type CompiledScenario,
  type RunLog,
  type Tally,
  adjustTally,
  setHands,
  optionLetter,
} from '../../engine/index.ts';
import {
  EncounterController,
  type ControllerDeps,
  type RunChange,
} from '../encounterController.ts';

export type ClassroomDeps = Omit<ControllerDeps, 'record' | 'onRunChanged' | 'onFinished'> & {
  /** The room asked for the debrief of the run as it stands. */
  readonly showDebrief: (log: RunLog) => void;
};

/** Why the clock is held in a class run; each is released on its own. */
const HOLD = {
  pause: 'pause',
  freeze: 'freeze',
  step: 'step',
  blank: 'blank',
  ended: 'ended',
} as const;

/** The share of the screen's width the projector's decision panel covers, with its margin. */
const CLASS_PANEL_SHARE = 0.52;

/** How often the presenter hears the clock move, in scenario seconds. */
const STATUS_CLOCK_STEP = 0.1;

export class ClassroomController {
  private encounter: EncounterController;
  private phase: ClassPhase = 'running';
  private tally: Tally = {};
  private frozen = false;
  private stepping = false;
  private blank = false;
  private revealed = false;
  private freezeAtDecisions = true;
  private notice: string | undefined;
  private cached: ClassStatus | undefined;
  private shownClock = -1;
  private stopped = false;
  private frame: number | undefined;
  private readonly listeners = new Set<(status: ClassStatus) => void>();

  constructor(
    readonly compiled: CompiledScenario,
    private readonly deps: ClassroomDeps,
  ) {
    this.encounter = this.makeEncounter();
    this.applyReveal();
    this.watchClock();
  }

  get status(): ClassStatus {
    this.cached ??= this.computeStatus();
    return this.cached;
  }

  /** The encounter now playing (a rewind replaces it), for the projector's overlay and tests. */
  get current(): EncounterController {
    return this.encounter;
  }

  subscribe(listener: (status: ClassStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  command(command: ClassCommand): void {
    if (this.stopped) return;
    this.notice = undefined;
    switch (command.type) {
      case 'start':
      case 'menu':
        // The app owns which scenario is on; it handles these before they get here.
        return;
      case 'advance':
        this.advance();
        break;
      case 'pause':
        if (this.phase === 'running') this.hold(HOLD.pause);
        break;
      case 'resume':
        this.resumeAll();
        break;
      case 'signal':
        this.signal();
        break;
      case 'hands':
        this.setTally(setHands(this.tally, command.option, command.hands));
        break;
      case 'adjust':
        this.setTally(adjustTally(this.tally, command.option, command.delta));
        break;
      case 'clear-hands':
        this.setTally({});
        break;
      case 'play-vote':
        this.playVote();
        break;
      case 'reveal':
        this.revealed = !this.revealed;
        this.applyReveal();
        break;
      case 'step':
        this.step();
        break;
      case 'rewind':
        this.rewind(command.index);
        break;
      case 'freeze-at-decisions':
        this.freezeAtDecisions = command.on;
        break;
      case 'blank':
        this.blank = !this.blank;
        if (this.blank) this.hold(HOLD.blank);
        else this.encounter.resume(HOLD.blank);
        break;
      case 'debrief':
        this.debrief();
        break;
    }
    this.publish();
  }

  /** The room is back from the debrief: the scene is shown again, as it ended. */
  backFromDebrief(): void {
    if (this.phase === 'debrief') this.phase = 'ended';
    this.publish();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.frame !== undefined) this.deps.frames.cancel(this.frame);
    this.encounter.stop();
    this.listeners.clear();
  }

  // Commands -------------------------------------------------------------------------------------

  /** Page Down: whatever comes next from where the room is. */
  private advance(): void {
    if (this.phase === 'ended' || this.phase === 'debrief') {
      this.debrief();
      return;
    }
    if (this.frozen) {
      const decision = this.openDecision();
      const result = decision ? voteResult(decision, this.tally) : undefined;
      if (result?.kind === 'chosen' || result?.kind === 'tie') {
        this.playVote();
        return;
      }
      // No hands counted (a clicker has no way to count them): the scene plays on and the
      // decision's own time runs, which is what happens when nobody acts.
      this.frozen = false;
      this.encounter.resume(HOLD.freeze);
      this.resumeAll();
      this.notice = 'Playing on with no answer: if nobody acts, the decision runs out.';
      return;
    }
    if (this.encounter.paused) this.resumeAll();
    else this.hold(HOLD.pause);
  }

  private signal(): void {
    if (this.phase !== 'running') return;
    // The room's "stop!" counts even while the instructor holds the scene to hear it.
    const held = this.encounter.paused;
    if (held) this.releaseAllHolds();
    const taken = this.encounter.signal(this.deps.now());
    if (!taken) this.notice = 'Nothing to signal now: the scene has moved past watching.';
    if (held && !this.frozen) this.hold(HOLD.pause);
  }

  private playVote(): void {
    const decision = this.openDecision();
    if (!decision) {
      this.notice = 'No decision is open: there is nothing to vote on.';
      return;
    }
    const result = voteResult(decision, this.tally);
    if (result.kind === 'empty') {
      this.notice = 'Count the hands first: keys 1 to 4 add a hand to A to D.';
      return;
    }
    if (result.kind === 'tie') {
      const letters = result.options.map((id) => this.letterOf(decision.id, id)).join(' and ');
      this.notice = `A tie between ${letters}: ask the room again between those.`;
      return;
    }
    const tally = this.tally;
    const held = this.encounter.paused;
    // The choice is made at the moment the scene was frozen: release every hold, choose at once.
    this.releaseAllHolds();
    const taken = this.encounter.choose(decision.id, result.option, this.deps.now());
    if (!taken) {
      this.notice = 'The scene did not take that choice: the decision had already closed.';
      if (held) this.hold(HOLD.pause);
      return;
    }
    const entries = this.encounter.log.entries;
    const entry = entries.findLastIndex(
      (e) =>
        e.event.type === 'decision.select' &&
        e.event.decision === decision.id &&
        e.event.option === result.option,
    );
    this.encounter.recordVote({
      decision: decision.id,
      t: entries[entry]?.t ?? 0,
      entry,
      tally,
      option: result.option,
    });
    this.tally = {};
  }

  private step(): void {
    if (this.phase !== 'running') return;
    if (this.frozen) {
      this.notice = 'Frozen at a decision: take the vote, or press Page Down to play on.';
      return;
    }
    this.stepping = true;
    this.resumeAll();
  }

  private rewind(index: number | undefined): void {
    const points = rewindPoints(this.compiled, this.encounter.log);
    const open = this.openDecision();
    let target = index === undefined ? undefined : points[index];
    if (index === undefined) {
      // Page Up goes to the decision before the one the room is at, or the last one passed.
      const last = points.at(-1);
      const atLast = open !== undefined && last?.decision === open.id && !last.answered;
      target = atLast ? points.at(-2) : last;
    }
    if (!target) {
      this.notice = 'There is no earlier decision to go back to.';
      return;
    }
    const log = rewoundLog(this.encounter.log, target, this.encounter.state);
    this.encounter.stop();
    this.phase = 'running';
    this.tally = {};
    this.stepping = false;
    this.blank = false;
    this.encounter = this.makeEncounter(log);
    // Back at the decision, the room discusses and votes again.
    this.frozen = true;
    this.encounter.pause(HOLD.freeze);
    this.applyReveal();
    this.notice = `Back at "${target.prompt}". Take the vote again.`;
  }

  private debrief(): void {
    if (this.phase !== 'ended' && this.phase !== 'debrief') {
      this.notice = 'The debrief opens once the scene has ended.';
      return;
    }
    this.phase = 'debrief';
    this.deps.showDebrief(this.encounter.log);
  }

  // The encounter ----------------------------------------------------------------------------------

  private makeEncounter(log?: RunLog): EncounterController {
    const encounter = new EncounterController(
      this.compiled,
      {
        ...this.deps,
        onRunChanged: (change) => this.onRunChanged(change),
        onFinished: () => {
          if (this.phase === 'running') this.phase = 'ended';
          this.frozen = false;
          this.publish();
        },
      },
      log ? { log } : undefined,
    );
    // The room's decision panel is wider than a trainee's (see projector.css).
    this.deps.scene()?.setPanelShare(CLASS_PANEL_SHARE);
    return encounter;
  }

  private onRunChanged(change: RunChange): void {
    if (this.stopped) return;
    const opened =
      change.view.decision !== undefined &&
      change.added.some((entry) => entry.t === change.view.decision?.openedAt);
    if (opened) this.tally = {};
    if (opened && this.freezeAtDecisions && change.view.decision?.stage !== 'report') {
      this.stepping = false;
      this.frozen = true;
      this.encounter.pause(HOLD.freeze);
    } else if (this.stepping && change.added.some((e) => e.event.type === 'scene.beat')) {
      this.stepping = false;
      this.hold(HOLD.step);
    }
    if (!change.view.decision) this.frozen = false;
    if (change.view.outcome && this.phase === 'running') {
      // The room's part ends with the scene: the report is each officer's own, written after a
      // practice run, so the class run stops here and the debrief shows the report unwritten.
      this.phase = 'ended';
      this.frozen = false;
      this.stepping = false;
      this.hold(HOLD.ended);
    }
    this.applyReveal();
    this.publish();
  }

  /**
   * A projector washes colours out, so the stage always draws in high contrast for a class (the
   * backdrop dimmed behind the people); revealing the cues outlines everyone they involved.
   */
  private applyReveal(): void {
    const cues = this.revealed ? cuesSoFar(this.compiled, this.encounter.log.entries) : [];
    this.encounter.decorateStage((view, settings) =>
      this.revealed
        ? [revealCues(view, cues), { ...settings, hintMode: true, highContrast: true }]
        : [view, { ...settings, highContrast: true }],
    );
  }

  private hold(reason: string): void {
    this.encounter.pause(reason);
  }

  private releaseAllHolds(): void {
    for (const reason of Object.values(HOLD)) {
      if (reason !== HOLD.ended) this.encounter.resume(reason);
    }
    this.frozen = false;
    this.blank = false;
  }

  /** Resume from the instructor's holds; a freeze at a decision stays until the vote. */
  private resumeAll(): void {
    if (this.phase !== 'running') return;
    this.encounter.resume(HOLD.pause);
    this.encounter.resume(HOLD.step);
    if (this.blank) {
      this.blank = false;
      this.encounter.resume(HOLD.blank);
    }
    if (this.frozen) {
      this.notice = 'Frozen at a decision: take the vote, or press Page Down to play on.';
    }
  }

  private setTally(tally: Tally): void {
    if (!this.openDecision()) {
      this.notice = 'No decision is open: there is nothing to vote on.';
      return;
    }
    this.tally = tally;
  }

  private openDecision() {
    const id = this.deps.store.getState().encounter?.view.decision?.id;
    return id === undefined ? undefined : this.compiled.decisions.get(id);
  }

  private letterOf(decisionId: string, optionId: string): string {
    const decision = this.compiled.decisions.get(decisionId);
    return optionLetter(decision?.options.findIndex((o) => o.id === optionId) ?? -1);
  }

  // Status -----------------------------------------------------------------------------------------

  private computeStatus(): ClassStatus {
    const view = this.deps.store.getState().encounter?.view;
    const log = this.encounter.log;
    // The encounter sets its view as it is made, so this is only a moment inside a rewind.
    if (!view) return idleClassStatus(this.notice);
    return classStatus({
      compiled: this.compiled,
      state: this.encounter.state,
      log,
      view,
      time: this.phase === 'running' ? this.encounter.time : (log.entries.at(-1)?.t ?? 0),
      phase: this.phase,
      paused: this.encounter.paused,
      frozen: this.frozen,
      blank: this.blank,
      revealed: this.revealed,
      freezeAtDecisions: this.freezeAtDecisions,
      tally: this.tally,
      notice: this.notice,
    });
  }

  private publish(): void {
    if (this.stopped) return;
    this.cached = undefined;
    const status = this.status;
    for (const listener of this.listeners) listener(status);
  }

  /** The presenter's clock moves with the scene, a few times a second. */
  private watchClock(): void {
    const tick = () => {
      this.frame = undefined;
      if (this.stopped) return;
      const clock = Math.floor(this.encounter.time / STATUS_CLOCK_STEP);
      if (clock !== this.shownClock && this.phase === 'running') {
        this.shownClock = clock;
        // Only the time moved: the rest of the status stands.
        const status = { ...this.status, time: this.encounter.time };
        this.cached = status;
        for (const listener of this.listeners) listener(status);
      }
      this.frame = this.deps.frames.request(tick);
    };
    this.frame = this.deps.frames.request(tick);
  }
}
