import type { Scorecard } from '../scorecard.ts';
import type { LearnerFlag } from './manifest.ts';

/**
 * The gradebook's flags for one learner, always in this order: tampered, crashed, timed-out,
 * blocked, error (the order of `LearnerFlag`), so two gradebooks of the same class compare line by line.
 *
 * An aborted run (the grading process crashed or was stopped) reads `error` or `timeout` on every
 * exercise only because nothing ran: those statuses say nothing about the learner's code, so such a
 * run is flagged `crashed` or `timed-out` alone, never also `blocked` or `error`.
 */
export function flagsOf(scorecard: Scorecard): LearnerFlag[] {
  const flags: LearnerFlag[] = [];
  if ((scorecard.tampering?.length ?? 0) > 0) flags.push('tampered');
  const aborted = scorecard.aborted?.reason;
  if (aborted === 'crashed') flags.push('crashed');
  if (aborted === 'timed-out') flags.push('timed-out');
  if (aborted) return flags;
  if (scorecard.exercises.some((exercise) => exercise.status === 'timeout')) flags.push('blocked');
  if (scorecard.exercises.some((exercise) => exercise.status === 'error')) flags.push('error');
  return flags;
}
