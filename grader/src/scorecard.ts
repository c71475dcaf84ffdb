/**
 * The one data type that flows through the grader: discover → plan → run → score → report.
 * Every report format is a pure function of a Scorecard. Schema: docs/scorecard.md.
 */
import type { FailureKind } from '@tickwork/testkit/failures';

export const SCORECARD_SCHEMA = 'tickwork.scorecard/v1';

/** What the tests were pointed at. A mutant or alternative names its file: `mutant:sequential-awaits`. */
export type Target = 'stubs' | 'solutions' | `mutant:${string}` | `alternative:${string}`;

/**
 * `public-passed` and `ungraded` happen only in a student edition that withheld hidden tests
 * (docs/student-edition.md): every test present passed, or no test is present at all. Neither is
 * `passed`: CI grades the rest.
 */
export type ExerciseStatus = 'passed' | 'partial' | 'failed' | 'error' | 'timeout' | 'public-passed' | 'ungraded';
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
  /**
   * `public`: in a `*.public.test.ts` file or marked `points(n, { public: true })`; the rest are
   * `hidden`. Optional for scorecards written before it existed; the grader always sets it.
   */
  visibility?: TestVisibility;
}

export type TestVisibility = 'public' | 'hidden';

/** Tests of hidden files a student edition left out (docs/student-edition.md): CI grades them. */
export interface WithheldTests {
  tests: number;
  points: number;
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
  /**
   * Only in a student edition with hidden tests withheld: what is not in this copy. `maxPoints` then
   * counts the tests present only (the metadata's points minus `withheld.points`).
   */
  withheld?: WithheldTests;
  /**
   * Replayed from the result cache (`.tickwork/cache/`): nothing it depends on changed since the
   * grade that produced it, so no test ran for it this time. Absent on a fresh result.
   */
  cached?: true;
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
    /** Sum over the exercises' `withheld`, present only when some tests were withheld. */
    withheld?: WithheldTests;
  };
  /**
   * Slug of the first exercise (in order) that is not yet passed; null when all pass. In a student
   * edition, `public-passed` counts as done here (nothing more can be checked locally); `ungraded` does not.
   */
  next: string | null;
  exercises: ExerciseResult[];
  /**
   * Set by trusted-copy grading (`--ci --base`, `--submissions`): where the graded tree came from, so a
   * grade can be reproduced and audited (docs/ci.md). Absent on a learner's own `pnpm grade`.
   */
  provenance?: Provenance;
  /**
   * Set by trusted-copy grading: changes outside the learner's allow-listed files, which were ignored
   * for grading. Empty when the submission was checked and is clean.
   */
  tampering?: Tampering[];
  /**
   * Set when the grading process of this submission ended without a result (it crashed, or was
   * stopped at its deadline): every exercise then reads `error` or `timeout` with 0 points.
   */
  aborted?: Aborted;
}

export interface Provenance {
  /** Commit the trusted files (tests, testkit, grader, configs, lockfile, metadata) came from. */
  base: string;
  /** Commit the learner's files came from; absent when grading a submissions folder. */
  head?: string;
  /** Fork point of base and head: the learner's changes are `mergeBase..head`. */
  mergeBase?: string;
  /** Batch grading: the submission's folder name. */
  learner?: string;
  /** `sha256:<hex>` over every trusted file that decides a grade (docs/ci.md lists them). */
  testsHash: string;
  /** The allow-list that was applied: globs relative to the repository root. */
  learnerFiles: string[];
}

/** `added`/`modified`/`deleted`: git's own kinds; `not-a-file`: a symlink or submodule where a learner file may be. */
export type TamperingChange = 'added' | 'modified' | 'deleted' | 'type-changed' | 'not-a-file';

export interface Tampering {
  /** Path relative to the repository root. */
  file: string;
  change: TamperingChange;
}

export interface Aborted {
  reason: 'crashed' | 'timed-out';
  /** One line for the report, e.g. "the grading process was killed by SIGKILL". */
  message: string;
}
