import { existsSync } from 'node:fs';
import type { Exercise } from './discover/discover.ts';
import { UsageError } from './errors.ts';
import { implementationFor, variantsOf } from './plan.ts';
import { runTests, type RunRequest } from './run/run-tests.ts';
import type { Scorecard, Target } from './scorecard.ts';
import { score } from './score/score.ts';

export const DEFAULT_TEST_TIMEOUT_MS = 5000;

export interface GradeOptions {
  root: string;
  exercises: Exercise[];
  target: Target;
  /** Which file `#impl` means per exercise; default: the target's file. Exercises without one are left out. */
  implFor?: (exercise: Exercise) => string | undefined;
  shuffleSeed?: number;
}

/** Fixed cost plus a share per exercise: generous for honest code, finite for anything else. */
export function deadlineFor(exercises: Exercise[]): number {
  return 60_000 + exercises.reduce((sum, e) => sum + 4 * (e.metadata.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS), 0);
}

/** The test files of one exercise, run against `impl` with the exercise's own per-test timeout. */
export function testRunsOf(exercise: Exercise, impl: string): RunRequest['files'] {
  const timeoutMs = exercise.metadata.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  return exercise.testFiles.map((file) => ({ file, exerciseDir: exercise.dir, impl, timeoutMs }));
}

/** One grading pass: every selected exercise under one target, in one test process, scored. */
export async function grade(options: GradeOptions): Promise<Scorecard> {
  const started = performance.now();
  const implFor = options.implFor ?? ((exercise: Exercise) => implementationFor(exercise, options.target));
  const graded = options.exercises.flatMap((exercise) => {
    const impl = implFor(exercise);
    return impl ? [{ exercise, impl }] : [];
  });
  if (graded.length === 0 && options.exercises.length > 0) {
    const kind = options.target.split(':')[0] as 'mutant' | 'alternative';
    const known = options.exercises.map((e) => `${e.slug}: ${variantsOf(e, kind).join(', ') || 'none'}`).join('; ');
    throw new UsageError(`no selected exercise has ${options.target} (${kind}s — ${known})`);
  }
  for (const { exercise, impl } of graded) {
    if (!existsSync(impl)) throw new UsageError(`${impl}: missing (the ${options.target} file for ${exercise.slug})`);
  }
  const files = graded.flatMap(({ exercise, impl }) => testRunsOf(exercise, impl));
  // A student edition may hold no test of the selected exercises (all withheld): nothing to start.
  const run =
    files.length === 0
      ? { modules: [], verdicts: [] }
      : await runTests({
          root: options.root,
          files,
          deadlineMs: deadlineFor(options.exercises),
          ...(options.shuffleSeed === undefined ? {} : { shuffleSeed: options.shuffleSeed }),
        });
  return score({ root: options.root, target: options.target, graded, run, durationMs: performance.now() - started, createdAt: new Date() });
}
