/**
 * The one data type that flows through the grader: discover → plan → run → score → report.
 * Every report format is a pure function of a Scorecard. Schema: docs/scorecard.md.
 */
import type { FailureKind } from '@tickwork/testkit/failures';

export const SCORECARD_SCHEMA = 'tickwork.scorecard/v1';

/** What the tests were pointed at. A mutant or alternative names its file: `mutant:sequential-awaits`. */
export type Target = 'stubs' | 'solutions' | `mutant:${string}` | `alternative:${string}`;

export type ExerciseStatus = 'passed' | 'partial' | 'failed' | 'error' | 'timeout';
export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface Failure {
  kind: FailureKind;
  message: string;
}

export interface TestResult {
  /** Full name: describe blocks and test name joined by ' > '. */
  name: string;
  status: TestStatus;
  points: number;
  maxPoints: number;
  /** Learner-facing message of the first error, for failed tests. */
  message?: string;
  kind?: FailureKind;
  /** `src/index.ts:12:5`, the learner's own line where the failure originated, when known. */
  location?: string;
  /** What the code printed during the test (failed tests only), at most 20 lines / 2000 characters. */
  output?: string;
}

export interface ExerciseResult {
  slug: string;
  title: string;
  module: number;
  order: number;
  status: ExerciseStatus;
  points: number;
  maxPoints: number;
  durationMs: number;
  /** Set when the exercise as a whole failed in a way that has a name (crash, blocked loop …). */
  failure?: Failure;
  tests: TestResult[];
  /** Where the learner finds the hints, relative to the repository root. */
  hints: string;
}

export interface Scorecard {
  schema: typeof SCORECARD_SCHEMA;
  target: Target;
  createdAt: string;
  durationMs: number;
  totals: {
    points: number;
    maxPoints: number;
    exercises: number;
    passed: number;
  };
  /** Slug of the first exercise (in order) that is not yet passed; null when all pass. */
  next: string | null;
  exercises: ExerciseResult[];
}
