/** Runs, records and files for the records tests: played on the minimal fixture with a manual clock. */
import { EncounterSession, type CompiledScenario, type RunLog } from '../../src/engine/index.ts';
import {
  buildRecordsFile,
  serializeRecordsFile,
  summarizeRun,
  type RunRecord,
  type Trainee,
} from '../../src/records/index.ts';
import { compiledFixture } from './scenarios.ts';

export const ALL_FACTS = ['knee', 'breathing-said', 'rolled-fact'];

export function minimalScenario(): CompiledScenario {
  return compiledFixture('minimal.yaml');
}

/** Signals at 11 s, then the best answer at every stage; the scene is rolled by 14 s. */
export function playBestUntilRolled(session: EncounterSession): void {
  session.advanceTo(11);
  session.input({ type: 'trainee.signal' }, 11);
  session.input({ type: 'decision.select', decision: 'assess', option: 'required' }, 12);
  session.input({ type: 'decision.select', decision: 'own-it', option: 'mine' }, 13);
  session.input({ type: 'decision.select', decision: 'how', option: 'direct' }, 14);
  session.input({ type: 'decision.select', decision: 'follow-through', option: 'stay' }, 15);
}

/** Lets the clock run out the pressure decision and hands in the report: the run is over. */
export function playToEnd(session: EncounterSession, items = ALL_FACTS): void {
  session.advanceTo(200);
  session.input({ type: 'report.submit', items }, 200);
}

export function bestLog(compiled = minimalScenario()): RunLog {
  const session = new EncounterSession(compiled);
  playBestUntilRolled(session);
  playToEnd(session);
  return session.log;
}

export const TRAINEE: Trainee = {
  id: 't-fixture-1',
  name: 'Recruit 1042',
  createdAt: '2025-03-01T08:00:00.000Z',
};

/** A finished run of the minimal scenario, graded, as an export file holds it. */
export function finishedRecord(changes: Partial<RunRecord> = {}): RunRecord {
  const compiled = minimalScenario();
  const log = bestLog(compiled);
  return {
    id: 'r-fixture-1',
    traineeId: TRAINEE.id,
    scenario: { ...log.scenario },
    status: 'finished',
    startedAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:03:20.000Z',
    endedAt: '2025-03-01T09:03:20.000Z',
    summary: summarizeRun(compiled, log),
    log,
    ...changes,
  };
}

export function recordsFileText(
  runs: readonly RunRecord[],
  trainees: readonly Trainee[] = [TRAINEE],
): string {
  return serializeRecordsFile(buildRecordsFile(runs, trainees, '2025-03-02T10:00:00.000Z'));
}
