import type { Exercise } from '../discover/discover.ts';
import { progressOf, type LearnerState } from './state.ts';

/**
 * Whether the learner's best grade of an exercise earned every point it could. Judged against the
 * maximum recorded with that grade (not the metadata), so a student edition whose withheld tests are
 * graded in CI counts as done once every local test passed — as the scorecard's `next` does.
 */
export function isFinished(state: LearnerState, slug: string): boolean {
  const progress = progressOf(state, slug);
  return progress.maxPoints > 0 && progress.bestPoints >= progress.maxPoints;
}

/** The first exercise, in workbook order, the learner has not yet finished by their best grade. */
export function nextUnfinished(exercises: Exercise[], state: LearnerState): Exercise | undefined {
  return [...exercises].sort((a, b) => a.metadata.order - b.metadata.order).find((e) => !isFinished(state, e.slug));
}
