import type { Scorecard } from '../scorecard.ts';
import { flagsOf } from './flags.ts';
import type { BatchLearner } from './manifest.ts';

/**
 * One learner's row of the batch manifest, from their scorecard. `scorecardPath` is written as given:
 * the caller passes it relative to the folder that holds batch.json (`scorecards/<name>.json`).
 */
export function learnerEntry(name: string, scorecard: Scorecard, scorecardPath: string): BatchLearner {
  const exercises: Record<string, number> = {};
  for (const exercise of scorecard.exercises) exercises[exercise.slug] = exercise.points;
  return {
    name,
    scorecard: scorecardPath,
    points: scorecard.totals.points,
    maxPoints: scorecard.totals.maxPoints,
    exercises,
    flags: flagsOf(scorecard),
  };
}
