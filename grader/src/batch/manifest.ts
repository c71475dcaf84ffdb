/**
 * What one batch grading (`pnpm grade --submissions`) leaves in its output folder, beside
 * `gradebook.csv` and `scorecards/<learner>.json`: enough for `pnpm grade --merge` to join shards
 * without re-reading every scorecard, and to refuse shards graded against different tests.
 */
export const BATCH_SCHEMA = 'tickwork.batch/v1';

/**
 * A gradebook column of its own, so an instructor can filter on it:
 * - `tampered`: files outside the allow-list differ from the trusted copy (ignored for grading);
 * - `crashed`: the learner's grading process ended without a scorecard;
 * - `timed-out`: the learner's grading process was stopped at its deadline;
 * - `blocked`: some exercise blocked the event loop or never settled (status `timeout`);
 * - `error`: some exercise failed to load or crashed (status `error`).
 */
export type LearnerFlag = 'tampered' | 'crashed' | 'timed-out' | 'blocked' | 'error';

export interface BatchLearner {
  /** The submission's folder name. */
  name: string;
  /** The learner's JSON scorecard, relative to the folder holding this manifest. */
  scorecard: string;
  points: number;
  maxPoints: number;
  /** Points per exercise slug, every exercise of the manifest present. */
  exercises: Record<string, number>;
  flags: LearnerFlag[];
}

export interface BatchShard {
  /** 1-based, as written on the command line: `--shard 2/5`. */
  index: number;
  count: number;
}

export interface BatchManifest {
  schema: typeof BATCH_SCHEMA;
  createdAt: string;
  /** Commit the trusted tree came from, and the hash of the tests in it (scorecard `provenance`). */
  base: string;
  testsHash: string;
  /** The gradebook's exercise columns, in workbook order. */
  exercises: Array<{ slug: string; maxPoints: number }>;
  /** The shard this run graded; null when it graded the whole folder (or after a merge). */
  shard: BatchShard | null;
  learners: BatchLearner[];
}

/** A learner's reports (`--report` in a batch), relative to the folder holding batch.json. */
export const reportsFolderOf = (name: string): string => `reports/${name}`;
