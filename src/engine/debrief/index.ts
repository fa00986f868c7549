/** The debrief's data: pure functions of a compiled scenario and a run log. */
export {
  debriefTimeline,
  type Caused,
  type DebriefTimeline,
  type MeasureId,
  type SceneTrack,
  type TimelineChoice,
  type TimelineCue,
  type TimelineHarmPoint,
  type TimelineInterrupted,
  type TimelineMeasure,
  type TimelineMissedPrompt,
  type TimelineOutcome,
  type TimelineReport,
  type TimelineRow,
  type TimelineRowKind,
  type TimelineSegment,
  type TimelineSignal,
  type TimelineStage,
  type TimelineWindow,
  type TraineeTrack,
} from './timeline.ts';
export {
  branchMap,
  type BranchEdge,
  type BranchMap,
  type BranchNode,
  type BranchNodeKey,
  type PathStep,
  type WhatIf,
  type WindowReason,
} from './branchMap.ts';
export { answerPlaces, type AnswerPlaces } from './answerPlaces.ts';
export { STAGE_NAMES, WINDOW_MEANINGS, BRANCH_LABELS, type StageNumber } from './words.ts';
