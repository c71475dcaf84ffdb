import type { ExerciseResult } from '../scorecard.ts';

/**
 * How many times verify grades the reference solutions. Every run has its own shuffle seed: shuffling
 * catches a solution or a test that depends on test order, repeating one that depends on chance, on
 * real time or on state left over between runs. Each run is a whole grade of the workbook (a few
 * seconds), so this is the price of trust, paid once per verify.
 */
export const SOLUTION_RUNS = 5;
export const SHUFFLE_SEEDS: readonly number[] = Array.from({ length: SOLUTION_RUNS }, (_, i) => 101 * (i + 1));

export const scoreOf = (r: ExerciseResult | undefined): string => (r ? `${r.points}/${r.maxPoints}` : 'not run');
export const isFullScore = (r: ExerciseResult | undefined): boolean => r !== undefined && r.points === r.maxPoints;

/** Why a result lost points, in one parenthesis: the exercise's failure or its first failing test. */
export function whyLost(r: ExerciseResult | undefined): string {
  if (!r) return '';
  if (r.failure) return ` (${r.failure.kind}: ${r.failure.message})`;
  const failed = r.tests.find((t) => t.status !== 'passed');
  return failed ? ` (first failure: "${failed.name}": ${failed.message ?? failed.status})` : '';
}

/**
 * The solution must earn everything in every run. One that always fails the same way is simply
 * wrong (one line, not one per run); one whose score changes between runs is not deterministic, and
 * the violation says which run lost points and with which seed, so the author can replay it
 * (`pnpm grade NN --solutions` runs in file order; the seed is the shuffled order verify used).
 */
export function solutionRunViolations(results: ReadonlyArray<ExerciseResult | undefined>, seeds: readonly number[] = SHUFFLE_SEEDS): string[] {
  const lost = results.flatMap((r, i) => (isFullScore(r) ? [] : [i]));
  if (lost.length === 0) return [];
  const scores = results.map(scoreOf);
  const first = lost[0]!;
  if (lost.length === results.length && new Set(scores).size === 1) {
    return [`solution scored ${scores[0]} in all ${results.length} runs${whyLost(results[first])}`];
  }
  const runs = lost.map((i) => `run ${i + 1} (shuffle seed ${seeds[i]})`).join(', ');
  return [
    `solution is not deterministic: it scored ${scores.join(', ')} in ${results.length} shuffled runs; ${runs} lost points${whyLost(results[first])} — ` +
      'its result depends on test order, on chance or on real time',
  ];
}
