import type { ExerciseMetadata } from '../discover/metadata.ts';
import type { ExerciseResult } from '../scorecard.ts';

/**
 * Real time all tests of a virtual-time exercise may take together. Such tests wait for nothing:
 * measured on this 2-core machine the slowest (27-llm-batch) took 0.9 s at a load average of 12, most
 * under 0.5 s. 2 s leaves room for a loaded machine and still catches a test that waits in real time.
 */
export const VIRTUAL_TIME_BUDGET_MS = 2000;

/** How many of the slowest exercises verify names under its table. */
export const SLOWEST_SHOWN = 3;

/**
 * An exercise that sets `timeoutMs` declares real-time tests (worker threads, real queue order). The
 * grade's deadline gives each exercise four test timeouts (grade.ts); its tests together may use half
 * of that share, two. Measured: 17-worker-executor (timeoutMs 15000) took 7 s on a quiet machine and
 * 12.5 s at a load average of 12, within 30 s; a suite that grew past it would slow every grade.
 */
export const REAL_TIME_BUDGET_TIMEOUTS = 2;

/** Real-time exercises get REAL_TIME_BUDGET_TIMEOUTS of their timeoutMs; the others the virtual-time budget. */
export function timeBudgetMs(metadata: Pick<ExerciseMetadata, 'timeoutMs'>): number {
  return metadata.timeoutMs === undefined ? VIRTUAL_TIME_BUDGET_MS : REAL_TIME_BUDGET_TIMEOUTS * metadata.timeoutMs;
}

export interface Timing {
  slug: string;
  /** Median over the solution runs of the time its tests and hooks took (the scorecard's durationMs). */
  ms: number;
  budgetMs: number;
}

/**
 * The median of the solution runs: one run slowed down by a neighbour's load does not fail verify, a
 * test that is slow every time does. Import time is not counted (vitest reports it apart), only tests and hooks.
 */
export function medianDuration(results: ReadonlyArray<ExerciseResult | undefined>): number | undefined {
  const durations = results.flatMap((r) => (r ? [r.durationMs] : [])).sort((a, b) => a - b);
  if (durations.length === 0) return undefined;
  const middle = Math.floor(durations.length / 2);
  return durations.length % 2 === 1 ? durations[middle]! : (durations[middle - 1]! + durations[middle]!) / 2;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export function timeViolation(timing: Timing, runs: number, realTime: boolean): string | undefined {
  if (timing.ms <= timing.budgetMs) return undefined;
  const budget = realTime
    ? `${seconds(timing.budgetMs)} (${REAL_TIME_BUDGET_TIMEOUTS} × its timeoutMs: all its tests together within the time ${REAL_TIME_BUDGET_TIMEOUTS} tests may take)`
    : `${seconds(timing.budgetMs)} for a virtual-time exercise (does a test wait or spin in real time?)`;
  return `its tests took ${seconds(timing.ms)} (median of ${runs} solution runs); the budget is ${budget}`;
}

/** "slowest (median of 5 solution runs): 17-worker-executor 7.01 s of 15.00 s · …" */
export function slowestLine(timings: readonly Timing[], runs: number): string | undefined {
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_SHOWN);
  if (slowest.length === 0) return undefined;
  return `slowest (median of ${runs} solution runs): ${slowest.map((t) => `${t.slug} ${seconds(t.ms)} of ${seconds(t.budgetMs)}`).join(' · ')}`;
}
