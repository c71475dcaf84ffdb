import type { Scorecard } from '../scorecard.ts';
import { loadState, recordScores, saveState } from './state.ts';

/**
 * Keeps the best scores of a grade of the learner's own code (other targets are ignored). The state
 * is read just before writing and merged, so exercises outside this grade and hints revealed
 * meanwhile are never lost.
 */
export function recordGrade(root: string, scorecard: Scorecard): void {
  if (scorecard.target !== 'stubs') return;
  saveState(root, recordScores(loadState(root), scorecard));
}
