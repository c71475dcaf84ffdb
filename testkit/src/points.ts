// Loads vitest's types before the augmentation below: without it, a program that reaches this file
// before any test file (a stub importing a testkit type) loses the augmentation and `points()` no
// longer fits vitest's test options (TS2769).
import type {} from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Points this test is worth; the grader counts 1 when absent. */
    points?: number;
    /** A public test is shown to learners (docs/student-edition.md); every other test is hidden. */
    public?: boolean;
  }
}

export interface PointsOptions {
  /**
   * Marks this one test public. A whole file is public when it is named `*.public.test.ts`; a student
   * edition exported with hidden tests withheld ships whole files, so a public test inside a hidden
   * file is still withheld with its file (docs/student-edition.md).
   */
  public?: boolean;
}

/**
 * Test options that give a test its weight: `it('…', points(2), async () => {…})`, and optionally its
 * visibility: `points(1, { public: true })`.
 * Points live in vitest's task meta, so the grader reads them from results and never parses test names.
 */
export function points(value: number, options: PointsOptions = {}): { meta: { points: number; public?: true } } {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`points() takes a whole number of at least 1, got ${String(value)}`);
  }
  return { meta: { points: value, ...(options.public === true ? { public: true as const } : {}) } };
}
