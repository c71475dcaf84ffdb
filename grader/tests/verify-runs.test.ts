import { describe, expect, it } from 'vitest';
import type { ExerciseResult } from '../src/scorecard.ts';
import { SHUFFLE_SEEDS, SOLUTION_RUNS, solutionRunViolations } from '../src/verify/solution-runs.ts';
import { medianDuration, slowestLine, timeBudgetMs, timeViolation, VIRTUAL_TIME_BUDGET_MS } from '../src/verify/time-budget.ts';

// The pure parts of verify's solution runs, on made-up results: which runs lost points, how long tests took.
function result(points: number, durationMs = 50, maxPoints = 4): ExerciseResult {
  return {
    slug: '28-x', title: 'x', module: 6, order: 28, points, maxPoints, durationMs, hints: 'exercises/28-x/hints.md',
    status: points === maxPoints ? 'passed' : 'partial',
    tests: [{ name: 'x > works', status: points === maxPoints ? 'passed' : 'failed', points, maxPoints, ...(points === maxPoints ? {} : { message: 'expected 6 to be 4' }) }],
  } as ExerciseResult;
}
const runs = (...points: number[]): ExerciseResult[] => points.map((p) => result(p));

describe('solution runs', () => {
  it('are a named number of runs, each with its own shuffle seed', () => {
    expect(SHUFFLE_SEEDS).toHaveLength(SOLUTION_RUNS);
    expect(new Set(SHUFFLE_SEEDS).size).toBe(SOLUTION_RUNS);
    expect(SOLUTION_RUNS).toBeGreaterThan(3);
  });

  it('raise nothing when every run earns everything', () => {
    expect(solutionRunViolations(runs(4, 4, 4, 4, 4))).toEqual([]);
  });

  it('say once that a solution fails the same way in every run', () => {
    expect(solutionRunViolations(runs(2, 2, 2, 2, 2))).toEqual(['solution scored 2/4 in all 5 runs (first failure: "x > works": expected 6 to be 4)']);
  });

  it('call a solution that loses points in one run not deterministic, naming the run and its seed', () => {
    const [violation, ...more] = solutionRunViolations(runs(4, 4, 4, 1, 4));
    expect(more).toEqual([]);
    expect(violation).toMatch(/^solution is not deterministic: it scored 4\/4, 4\/4, 4\/4, 1\/4, 4\/4 in 5 shuffled runs; run 4 \(shuffle seed 404\) lost points \(first failure: "x > works": expected 6 to be 4\)/);
  });

  it('call a solution whose score changes between failing runs not deterministic too', () => {
    expect(solutionRunViolations(runs(2, 3, 2, 2, 2))[0]).toMatch(/^solution is not deterministic: .* run 1 \(shuffle seed 101\), run 2 \(shuffle seed 202\), run 3/);
  });
});

describe('time budget', () => {
  it('is 2 s for a virtual-time exercise and two test timeouts for a real-time one', () => {
    expect(timeBudgetMs({})).toBe(VIRTUAL_TIME_BUDGET_MS);
    expect(VIRTUAL_TIME_BUDGET_MS).toBe(2000);
    expect(timeBudgetMs({ timeoutMs: 15_000 })).toBe(30_000);
  });

  it('is measured as the median of the runs, so one run slowed down by a neighbour does not count', () => {
    expect(medianDuration([result(4, 40), result(4, 3000), result(4, 50), result(4, 45), undefined])).toBe(47.5);
    expect(medianDuration([result(4, 40), result(4, 3000), result(4, 50)])).toBe(50);
    expect(medianDuration([undefined])).toBeUndefined();
  });

  it('is kept when the tests fit, and a violation names the time and the budget when they do not', () => {
    expect(timeViolation({ slug: '28-x', ms: 2000, budgetMs: 2000 }, 5, false)).toBeUndefined();
    expect(timeViolation({ slug: '28-x', ms: 2345, budgetMs: 2000 }, 5, false)).toBe(
      'its tests took 2.35 s (median of 5 solution runs); the budget is 2.00 s for a virtual-time exercise (does a test wait or spin in real time?)',
    );
    expect(timeViolation({ slug: '16-x', ms: 31_000, budgetMs: 30_000 }, 5, true)).toMatch(/took 31\.00 s .*the budget is 30\.00 s \(2 × its timeoutMs/);
  });

  it('names the slowest exercises, slowest first', () => {
    const timings = [
      { slug: '01-a', ms: 100, budgetMs: 2000 },
      { slug: '16-b', ms: 3800, budgetMs: 15_000 },
      { slug: '03-c', ms: 300, budgetMs: 2000 },
      { slug: '04-d', ms: 200, budgetMs: 2000 },
    ];
    expect(slowestLine(timings, 5)).toBe('slowest (median of 5 solution runs): 16-b 3.80 s of 15.00 s · 03-c 0.30 s of 2.00 s · 04-d 0.20 s of 2.00 s');
    expect(slowestLine([], 5)).toBeUndefined();
  });
});
