// Loads vitest's types before the augmentation below: without it, a program that reaches this file
// before any test file (a stub importing a testkit type) loses the augmentation and `points()` no
// longer fits vitest's test options (TS2769).
import type {} from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Points this test is worth; the grader counts 1 when absent. */
    points?: number;
  }
}

/**
 * Test options that give a test its weight: `it('…', points(2), async () => {…})`.
 * Points live in vitest's task meta, so the grader reads them from results and never parses test names.
 */
export function points(value: number): { meta: { points: number } } {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`points() takes a whole number of at least 1, got ${String(value)}`);
  }
  return { meta: { points: value } };
}
