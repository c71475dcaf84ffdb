import { UsageError } from '../errors.ts';

/** The `tickwork` field of an exercise's package.json: the exercise's metadata, in one place. */
export interface ExerciseMetadata {
  title: string;
  /** Curriculum module, 1–7 (docs/contract.md lists them). */
  module: number;
  /** Position in the workbook; equals the NN of the folder name. */
  order: number;
  difficulty: 'easy' | 'medium' | 'hard';
  concepts: string[];
  /** Section of the seed guide this exercise carries over, e.g. "§3"; "beyond" for later topics. */
  guide: string;
  /** Total points; the tests' points must add up to it (verify checks). */
  points: number;
  /** Real milliseconds a single test may run before it counts as hung. Default 5000. */
  timeoutMs?: number;
  /**
   * Only in a student edition exported with `--withhold-hidden`: the tests (and their points) of the
   * hidden test files left out of this copy; CI grades them (docs/student-edition.md). `points` stays
   * the total of every test, so the tests present here carry `points - withheld.points`.
   */
  withheld?: Withheld;
  /**
   * Files a learner may change, as globs relative to the exercise folder (`*`, `**`, `?`); default
   * `["src/**"]`. Trusted-copy grading (`--ci`, `--submissions`) takes only these from a submission
   * and lists a change anywhere else as tampering (docs/ci.md).
   */
  learnerFiles?: string[];
}

export interface Withheld {
  tests: number;
  points: number;
}

const DIFFICULTIES = ['easy', 'medium', 'hard'];

type Check = (value: unknown) => string | undefined;
const positiveInteger: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'must be a whole number above 0');
const nonEmptyString: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a non-empty string');

const FIELDS: Record<keyof ExerciseMetadata, { required: boolean; check: Check }> = {
  title: { required: true, check: nonEmptyString },
  module: { required: true, check: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 7 ? undefined : 'must be a module number from 1 to 7') },
  order: { required: true, check: positiveInteger },
  difficulty: { required: true, check: (v) => (DIFFICULTIES.includes(v as string) ? undefined : `must be one of ${DIFFICULTIES.join(', ')}`) },
  concepts: {
    required: true,
    check: (v) => (Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && c !== '') ? undefined : 'must be a non-empty list of strings'),
  },
  guide: { required: true, check: (v) => (typeof v === 'string' && /^(§[1-5]|beyond)$/.test(v) ? undefined : 'must be "§1" … "§5" or "beyond"') },
  points: { required: true, check: positiveInteger },
  timeoutMs: { required: false, check: positiveInteger },
  learnerFiles: {
    required: false,
    // Relative and inside the folder: a glob may widen what a learner owns, never reach out of it.
    check: (v) =>
      Array.isArray(v) && v.length > 0 && v.every((g) => typeof g === 'string' && g !== '' && !g.startsWith('/') && !g.split('/').includes('..'))
        ? undefined
        : 'must be a non-empty list of globs relative to the exercise folder (no "/" at the start, no "..")',
  },
  withheld: {
    required: false,
    check: (v) => {
      const w = v as Partial<Withheld> | null;
      const ok = typeof w === 'object' && w !== null && !Array.isArray(w) && Object.keys(w).sort().join() === 'points,tests';
      // Every test is worth at least one point, so the points withheld are at least the tests withheld.
      return ok && positiveInteger(w.tests) === undefined && Number.isInteger(w.points) && w.points! >= w.tests! ? undefined : 'must be { "tests": n, "points": p } with whole numbers, p ≥ n ≥ 1';
    },
  },
};

/** Validates the `tickwork` field; the error names the file and the field. */
export function parseMetadata(file: string, packageJson: unknown, folderOrder: number): ExerciseMetadata {
  const raw = (packageJson as { tickwork?: unknown } | null)?.tickwork;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`${file}: field "tickwork" is missing or not an object (it holds the exercise metadata, see docs/contract.md)`);
  }
  const record = raw as Record<string, unknown>;
  for (const [field, { required, check }] of Object.entries(FIELDS)) {
    const value = record[field];
    if (value === undefined) {
      if (required) throw new UsageError(`${file}: field "tickwork.${field}" is missing`);
      continue;
    }
    const problem = check(value);
    if (problem) throw new UsageError(`${file}: field "tickwork.${field}" ${problem} (found ${JSON.stringify(value)})`);
  }
  const unknown = Object.keys(record).find((key) => !(key in FIELDS));
  if (unknown) throw new UsageError(`${file}: field "tickwork.${unknown}" is not a metadata field (known: ${Object.keys(FIELDS).join(', ')})`);
  const withheld = record.withheld as Withheld | undefined;
  if (withheld && withheld.points > (record.points as number)) {
    throw new UsageError(`${file}: field "tickwork.withheld.points" is ${withheld.points}, more than the exercise's ${String(record.points)} points`);
  }
  if (record.order !== folderOrder) {
    throw new UsageError(`${file}: field "tickwork.order" is ${String(record.order)} but the folder name says ${folderOrder}`);
  }
  return record as unknown as ExerciseMetadata;
}
