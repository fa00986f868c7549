/** Recording fakes for the ports, so the bridge is tested without Phaser, Howler or a browser. */
import type { AudioPort, AudioStatus, UiSound, Volumes } from '../../src/audio/audioPort.ts';
import type { EncounterView, Scenario } from '../../src/engine/index.ts';
import type { FigureAnchor, ScenePort, SceneSettings } from '../../src/game/scenePort.ts';
import type { FrameScheduler } from '../../src/bridge/encounterController.ts';

export class FakeAudio implements AudioPort {
  readonly played: string[] = [];
  readonly spoken: string[] = [];
  status: AudioStatus = 'ok';
  paused = false;
  volumes: Volumes | undefined;
  speech = false;
  private readonly listeners = new Set<(status: AudioStatus) => void>();
  unlock(): void {}
  setVolumes(volumes: Volumes): void {
    this.volumes = volumes;
  }
  playAmbience(key: string | undefined): void {
    if (key !== undefined) this.played.push(`ambience:${key}`);
  }
  playEffect(key: string): void {
    this.played.push(`effect:${key}`);
  }
  playUi(sound: UiSound): void {
    this.played.push(`ui:${sound}`);
  }
  speak(text: string): void {
    this.spoken.push(text);
  }
  setSpeech(enabled: boolean): void {
    this.speech = enabled;
  }
  setPaused(paused: boolean): void {
    this.paused = paused;
  }
  bottomInset = 0;
  setBottomInset(share: number): void {
    this.bottomInset = share;
  }
  panelShare = 0;
  setPanelShare(share: number): void {
    this.panelShare = share;
  }
  stopAll(): void {
    this.played.push('stop');
  }
  onStatus(listener: (status: AudioStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  setStatus(status: AudioStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}

export class FakeScene implements ScenePort {
  shown: Scenario | undefined;
  readonly views: EncounterView[] = [];
  settings: SceneSettings | undefined;
  paused = false;
  cleared = 0;
  private readonly layout = new Set<(anchors: readonly FigureAnchor[]) => void>();
  show(scenario: Scenario): void {
    this.shown = scenario;
  }
  render(view: EncounterView, settings: SceneSettings): void {
    this.views.push(view);
    this.settings = settings;
  }
  onLayout(listener: (anchors: readonly FigureAnchor[]) => void): () => void {
    this.layout.add(listener);
    return () => this.layout.delete(listener);
  }
  emitLayout(anchors: readonly FigureAnchor[]): void {
    for (const listener of this.layout) listener(anchors);
  }
  setPaused(paused: boolean): void {
    this.paused = paused;
  }
  bottomInset = 0;
  setBottomInset(share: number): void {
    this.bottomInset = share;
  }
  panelShare = 0;
  setPanelShare(share: number): void {
    this.panelShare = share;
  }
  clear(): void {
    this.cleared++;
  }
  destroy(): void {}
}

/** A manual game loop: time moves only when the test says so. */
export class ManualFrames implements FrameScheduler {
  private queue = new Map<number, (time: number) => void>();
  private next = 1;
  now = 0;
  request(callback: (time: number) => void): number {
    const handle = this.next++;
    this.queue.set(handle, callback);
    return handle;
  }
  cancel(handle: number): void {
    this.queue.delete(handle);
  }
  /** Advances real time by `ms` in frames of 1000/60 ms, running the loop each frame. */
  run(ms: number): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.now = Math.min(end, this.now + 1000 / 60);
      const callbacks = [...this.queue.values()];
      this.queue.clear();
      for (const callback of callbacks) callback(this.now);
    }
  }
}
