import { presentPoints, type Exercise } from '../discover/discover.ts';
import { SCORECARD_SCHEMA, type Aborted, type ExerciseResult, type Scorecard } from '../scorecard.ts';
import { summarise } from '../score/score.ts';

/**
 * The scorecard of a submission whose grading process ended without one: every exercise 0 points,
 * `timeout` when it was stopped at its deadline, `error` when it died. Keeps one type flowing to
 * every report and to the gradebook, so a crash is a row, not a hole.
 */
export function abortedScorecard(exercises: Exercise[], aborted: Aborted, durationMs: number): Scorecard {
  const results = exercises.map(
    (exercise): ExerciseResult => ({
      slug: exercise.slug,
      title: exercise.metadata.title,
      module: exercise.metadata.module,
      order: exercise.metadata.order,
      status: aborted.reason === 'timed-out' ? 'timeout' : 'error',
      points: 0,
      maxPoints: presentPoints(exercise),
      durationMs: 0,
      failure: { kind: aborted.reason === 'timed-out' ? 'out-of-time' : 'crash', message: aborted.message },
      tests: [],
      hints: exercise.hints,
    }),
  );
  return { schema: SCORECARD_SCHEMA, target: 'stubs', createdAt: new Date().toISOString(), durationMs, ...summarise(results), aborted };
}
