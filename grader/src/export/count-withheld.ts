import { join, relative } from 'node:path';
import type { Exercise } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';
import { deadlineFor, testRunsOf } from '../grade.ts';
import { implementationFor } from '../plan.ts';
import { runTests } from '../run/run-tests.ts';
import type { WithheldTests } from '../scorecard.ts';

/**
 * How many tests, worth how many points, the withheld files of each exercise hold. The tests are
 * counted the way the grader sees them — by running every test file of those exercises against the
 * reference solution, in one run — because a file's tests are only known once it has run (tests
 * made in loops, points given by `points(n)`). The counts are checked against the metadata: the
 * tests of all files must add up to its `points`, so what the edition says is withheld is exact.
 */
export async function countWithheld(root: string, exercises: Exercise[], withheldFiles: Map<string, string[]>): Promise<Map<string, WithheldTests>> {
  const affected = exercises.filter((e) => withheldFiles.has(e.slug));
  if (affected.length === 0) return new Map();
  const run = await runTests({
    root,
    files: affected.flatMap((exercise) => testRunsOf(exercise, implementationFor(exercise, 'solutions')!)),
    deadlineMs: deadlineFor(affected),
  });
  const counts = new Map<string, WithheldTests>();
  for (const exercise of affected) {
    const problem = (why: string): UsageError =>
      new UsageError(`cannot count the hidden tests of ${exercise.slug}: ${why} (pnpm verify ${exercise.slug} shows what is wrong)`);
    const modules = exercise.testFiles.map((file) => {
      const module = run.modules.find((m) => m.file === file);
      const stopped = run.verdicts.find((v) => v.file === file && v.test === null);
      if (!module || stopped || module.errors.length > 0) {
        throw problem(`${relative(root, file)} did not load or run to its end under the reference solution${module?.errors[0] ? ` (${module.errors[0].message.split('\n')[0]})` : ''}`);
      }
      return module;
    });
    const total = modules.reduce((sum, m) => sum + m.tests.reduce((s, t) => s + t.points, 0), 0);
    if (total !== exercise.metadata.points) throw problem(`its tests carry ${total} points but package.json declares ${exercise.metadata.points}`);
    const dropped = new Set((withheldFiles.get(exercise.slug) ?? []).map((path) => join(root, path)));
    const tests = modules.filter((m) => dropped.has(m.file)).flatMap((m) => m.tests);
    counts.set(exercise.slug, { tests: tests.length, points: tests.reduce((sum, t) => sum + t.points, 0) });
  }
  return counts;
}
