/**
 * The one seam between the engine and everything that shows or hears it. It owns the scenario
 * clock and the session for the running encounter: the game loop advances the clock, input
 * arrives with its own timestamps, and every change of the run is written to the store as a
 * view, drawn by the scene and voiced by audio. Nothing here decides anything about the run.
 *
 * The run is recorded as it happens: every change of the log goes to the run's recorder, so a
 * reload or a closed tab leaves a run that can be resumed, rebuilt from its log.
 */
import {
  analyzeRun,
  EncounterSession,
  isInputEvent,
  ScenarioClock,
  scoreAnalysis,
  selectEncounterView,
  type CompiledScenario,
  type ClassVote,
  type EncounterView,
  type LogEntry,
  type PauseReason,
  type RunLog,
  type RunState,
} from '../engine/index.ts';
import { summarizeScore, type RunRecorder } from '../records/index.ts';
import type { AudioPort } from '../audio/audioPort.ts';
import type { ScenePort, SceneSettings } from '../game/scenePort.ts';
import { sceneSettingsOf } from './sceneSettings.ts';
import type { AppStore } from '../store/appStore.ts';
import type { SettingsStore } from '../store/settingsStore.ts';

export interface FrameScheduler {
  request(callback: (time: number) => void): number;
  cancel(handle: number): void;
}

export interface ControllerDeps {
  readonly store: AppStore;
  readonly settings: SettingsStore;
  readonly audio: AudioPort;
  /** The stage, once Phaser has loaded; the encounter plays (with captions) without it. */
  readonly scene: () => ScenePort | undefined;
  /** performance.now(), the clock input events are stamped with. */
  readonly now: () => number;
  readonly frames: FrameScheduler;
  /** Scenario seconds per real second (1 in play; tests run scenes faster). */
  readonly speed?: number;
  /** Starts the record of a new run from its first log (records.startRun); unrecorded without it. */
  readonly record?: (log: RunLog) => RunRecorder;
  /**
   * Told of every change of the run, after the screen has it: classroom mode freezes the scene
   * at a decision from here.
   */
  readonly onRunChanged?: (change: RunChange) => void;
  /**
   * Told when the run has ended, instead of going to the end screen: classroom mode keeps the
   * room on the scene and shows scores only when the instructor asks.
   */
  readonly onFinished?: (log: RunLog) => void;
}

/** What changed in a run: its view now, and the log entries added since the last change. */
export interface RunChange {
  readonly view: EncounterView;
  readonly added: readonly LogEntry[];
}

/**
 * A run taken up again from its log: after a reload or a closed tab (with its recorder), or a
 * class going back to an earlier decision (unrecorded).
 */
export interface ResumePoint {
  readonly log: RunLog;
  readonly recorder?: RunRecorder;
}

/**
 * A session that has lived through `log`: the clock is advanced to each entry's time and the
 * trainee's inputs are given again at theirs, so the machine reaches the same state and the same
 * log (the engine is pure and time lives in the log). It stands at the last entry's time.
 */
export function rebuildSession(compiled: CompiledScenario, log: RunLog): EncounterSession {
  const session = new EncounterSession(compiled, log.classroom);
  for (const entry of log.entries) {
    session.advanceTo(entry.t);
    if (isInputEvent(entry.event)) session.input(entry.event, entry.t);
  }
  return session;
}

/** How often the on-screen clock changes, in seconds. */
const CLOCK_STEP = 0.1;

export class EncounterController {
  private readonly session: EncounterSession;
  private readonly clock: ScenarioClock;
  private frame: number | undefined;
  private handledEntries = 0;
  private shownClock = -1;
  private stopped = false;
  private ended = false;
  private readonly recorder: RunRecorder | undefined;
  private readonly unsubscribers: Array<() => void> = [];
  private decorate:
    ((view: EncounterView, settings: SceneSettings) => [EncounterView, SceneSettings]) | undefined;

  /** With `resumeFrom`, the run goes on from the last moment its saved log reached. */
  constructor(
    readonly compiled: CompiledScenario,
    private readonly deps: ControllerDeps,
    resumeFrom?: ResumePoint,
  ) {
    this.session = resumeFrom
      ? rebuildSession(compiled, resumeFrom.log)
      : new EncounterSession(compiled);
    const start = this.session.time;
    const rate = deps.speed ?? 1;
    // A clock that started `start` scenario seconds ago reads `start` now: the scene goes on from
    // where the saved log stopped, and input timestamps keep mapping onto scenario time.
    this.clock = new ScenarioClock(deps.now() - (start * 1000) / rate, rate);
    // What was said before the reload is not said again.
    this.handledEntries = this.session.log.entries.length;
    this.recorder = resumeFrom ? resumeFrom.recorder : deps.record?.(this.session.log);
    // A replay that came out different (a late input recomputed) is saved as it is now.
    if (resumeFrom) this.recorder?.update(this.session.log);
    const view = this.view(start);
    deps.store.getState().setEncounter({ view, time: start, paused: false, anchors: [] });
    deps.store.getState().setScore(undefined);
    this.unsubscribers.push(this.session.subscribe(() => this.onRunChanged()));
    this.unsubscribers.push(deps.settings.subscribe(() => this.redraw()));
    const scene = deps.scene();
    if (scene) {
      scene.show(compiled.scenario);
      this.unsubscribers.push(
        scene.onLayout((anchors) => deps.store.getState().patchEncounter({ anchors })),
      );
      this.draw(view);
    }
    // Fetch the scene's sounds now, so that a cue's sound is not late waiting for its download.
    deps.audio.preload?.([
      ...new Set(
        compiled.scenario.segments.flatMap((segment) =>
          segment.beats.flatMap((beat) => (beat.sound ? [beat.sound] : [])),
        ),
      ),
    ]);
    deps.audio.playAmbience(compiled.scenario.setting.ambience);
    this.frame = deps.frames.request(this.tick);
  }

  /** The run log so far (for records and the debrief). */
  get log() {
    return this.session.log;
  }

  /** The run's state now (for the instructor's notes in classroom mode). */
  get state(): RunState {
    return this.session.current;
  }

  /** Scenario seconds now, as the clock reads them. */
  get time(): number {
    return this.clock.at(this.deps.now());
  }

  get finished(): boolean {
    return this.ended;
  }

  /** A class's vote, logged beside the choice it made (see EncounterSession.recordVote). */
  recordVote(vote: ClassVote): void {
    this.session.recordVote(vote);
  }

  /**
   * Draws the stage through `decorate` from now on (classroom mode outlines the cues so far);
   * undefined draws the plain view again.
   */
  decorateStage(
    decorate:
      | ((view: EncounterView, settings: SceneSettings) => [EncounterView, SceneSettings])
      | undefined,
  ): void {
    this.decorate = decorate;
    this.redraw();
  }

  /** "Something's wrong", pressed at `timestamp` (an input event's timeStamp). */
  signal(timestamp: number): boolean {
    const taken = this.input({ type: 'trainee.signal' }, timestamp);
    if (taken) this.deps.audio.playUi('signal');
    return taken;
  }

  choose(decision: string, option: string, timestamp: number): boolean {
    const taken = this.input({ type: 'decision.select', decision, option }, timestamp);
    if (taken) this.deps.audio.playUi('select');
    return taken;
  }

  submitReport(items: readonly string[], timestamp: number): boolean {
    return this.input({ type: 'report.submit', items }, timestamp);
  }

  pause(reason: PauseReason, timestamp = this.deps.now()): void {
    const wasPaused = this.clock.paused;
    this.clock.pause(reason, timestamp);
    if (!wasPaused) this.setPaused(true);
  }

  resume(reason: PauseReason, timestamp = this.deps.now()): void {
    this.clock.resume(reason, timestamp);
    if (!this.clock.paused) this.setPaused(false);
  }

  get paused(): boolean {
    return this.clock.paused;
  }

  /** The id of the run's record, when it is recorded. */
  get runId(): string | undefined {
    return this.recorder?.runId;
  }

  /**
   * The trainee left the run part way (quit, restart): it is kept as abandoned. A run that has
   * ended stays finished.
   */
  abandon(): void {
    if (!this.ended) this.recorder?.abandon();
    this.stop();
  }

  /**
   * Stops the encounter and leaves its record as it is: a run stopped mid-way (the page going
   * away) stays in progress, to be offered for resume on the next visit.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.frame !== undefined) this.deps.frames.cancel(this.frame);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.deps.audio.stopAll();
    this.deps.scene()?.clear();
    this.deps.store.getState().setEncounter(undefined);
  }

  private input(event: Parameters<EncounterSession['input']>[0], timestamp: number): boolean {
    if (this.stopped || this.clock.paused) return false;
    this.deps.audio.unlock();
    return this.session.input(event, this.clock.at(timestamp));
  }

  private readonly tick = (): void => {
    if (this.stopped) return;
    const t = this.clock.at(this.deps.now());
    this.session.advanceTo(t);
    // A resumed log that already reached the end has nothing left to play: it ends on this frame.
    if (this.session.finished) {
      this.finish();
      return;
    }
    const shown = Math.floor(t / CLOCK_STEP);
    if (shown !== this.shownClock) {
      this.shownClock = shown;
      this.deps.store.getState().patchEncounter({ time: t });
    }
    this.frame = this.deps.frames.request(this.tick);
  };

  private view(now: number): EncounterView {
    return selectEncounterView(this.compiled, this.session.current, this.session.log.entries, now);
  }

  private onRunChanged(): void {
    const log = this.session.log;
    const entries = log.entries;
    this.recorder?.update(log);
    const view = this.view(this.session.time);
    const added = entries.slice(Math.min(this.handledEntries, entries.length));
    this.voiceNewEvents(added, view);
    this.handledEntries = entries.length;
    this.deps.store.getState().patchEncounter({ view, time: this.session.time });
    this.draw(view);
    this.deps.onRunChanged?.({ view, added });
    if (view.finished) this.finish();
  }

  private voiceNewEvents(entries: EncounterSession['log']['entries'], view: EncounterView): void {
    const { audio } = this.deps;
    for (const entry of entries) {
      if (entry.event.type === 'scene.beat') {
        const beat = this.compiled.beats.get(entry.event.beat)?.beat;
        if (beat?.sound !== undefined) audio.playEffect(beat.sound);
        if (beat?.line !== undefined && beat.speaker !== undefined) {
          const speaker = this.compiled.scenario.cast.find((member) => member.id === beat.speaker);
          audio.speak(beat.line, { id: beat.speaker, kind: speaker?.kind ?? 'trainee' });
        }
      }
      if (entry.event.type === 'decision.timeout') audio.playUi('timeout');
    }
    const opened = entries.some((entry) => entry.t === view.decision?.openedAt);
    if (view.decision && opened) audio.playUi('decision-open');
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    const log = this.session.log;
    // One analysis for the score shown and the summary saved beside the run.
    const analysis = analyzeRun(this.compiled, log);
    const result = scoreAnalysis(this.compiled.scenario, analysis);
    this.recorder?.finish(log, summarizeScore(result, analysis.outcome?.outcome.id));
    this.deps.audio.playUi('end');
    this.deps.store.getState().setScore(result);
    if (this.deps.onFinished) this.deps.onFinished(log);
    else this.deps.store.getState().go({ name: 'end', scenarioId: this.compiled.scenario.id });
  }

  private setPaused(paused: boolean): void {
    this.deps.store.getState().patchEncounter({ paused });
    this.deps.scene()?.setPaused(paused);
    this.deps.audio.setPaused(paused);
  }

  private redraw(): void {
    const encounter = this.deps.store.getState().encounter;
    if (encounter) this.draw(encounter.view);
  }

  private draw(view: EncounterView): void {
    const scene = this.deps.scene();
    if (!scene) return;
    const settings = this.sceneSettings();
    const [shown, drawnWith] = this.decorate ? this.decorate(view, settings) : [view, settings];
    scene.render(shown, drawnWith);
  }

  private sceneSettings(): SceneSettings {
    return sceneSettingsOf(this.deps.settings.getState());
  }
}
