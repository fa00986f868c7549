/**
 * Scenario time: seconds since the encounter began, frozen while paused. The browser feeds it
 * real timestamps (performance.now and input events' own timeStamp, both in milliseconds); tests
 * skip it and give the session scenario times directly.
 */

/** Why the clock is held. The clock runs only when nothing holds it. */
export type PauseReason = 'pause' | 'freeze' | 'hidden' | (string & {});

interface RunningSpan {
  readonly realStart: number;
  readonly scenarioStart: number;
  realEnd: number | undefined;
}

export class ScenarioClock {
  private readonly spans: RunningSpan[] = [];
  private readonly holds = new Set<PauseReason>();

  /**
   * Starts the clock at scenario time 0 at real time `realNow` (ms). `rate` is scenario seconds
   * per real second: 1 for play; tests and an instructor's fast-forward run faster.
   */
  constructor(
    realNow: number,
    private readonly rate = 1,
  ) {
    if (!(rate > 0)) throw new RangeError(`the clock rate must be above 0, not ${rate}`);
    this.spans.push({ realStart: realNow, scenarioStart: 0, realEnd: undefined });
  }

  get paused(): boolean {
    return this.holds.size > 0;
  }

  /** Holds the clock for `reason`; several reasons can hold it at once. */
  pause(reason: PauseReason, realNow: number): void {
    if (this.holds.size === 0) {
      const span = this.spans[this.spans.length - 1];
      if (span && span.realEnd === undefined) span.realEnd = Math.max(realNow, span.realStart);
    }
    this.holds.add(reason);
  }

  /** Releases `reason`; the clock runs again once no reason holds it. */
  resume(reason: PauseReason, realNow: number): void {
    if (!this.holds.delete(reason) || this.holds.size > 0) return;
    const scenarioNow = this.at(realNow);
    this.spans.push({ realStart: realNow, scenarioStart: scenarioNow, realEnd: undefined });
  }

  /**
   * Scenario seconds at real time `realMs`. Works for timestamps in the past, so an input event
   * is placed at the moment it happened even when a frame handles it later; a timestamp inside a
   * pause maps to the moment the pause began.
   */
  at(realMs: number): number {
    for (let i = this.spans.length - 1; i >= 0; i--) {
      const span = this.spans[i] as RunningSpan;
      if (realMs < span.realStart) continue;
      const end = span.realEnd === undefined ? realMs : Math.min(realMs, span.realEnd);
      return span.scenarioStart + ((end - span.realStart) / 1000) * this.rate;
    }
    return 0;
  }
}
