import { sep } from 'node:path';
import type { Plugin } from 'vitest/config';

export const IMPL_SPECIFIER = '#impl';

/**
 * Hidden tests import the code under test as `#impl`. In an editor that resolves through the
 * exercise's package.json `imports` to src/index.ts; under the grader this plugin decides, per
 * exercise, whether it means the learner's stub, the reference solution or a mutant — no file copied.
 */
export function implResolver(implByExerciseDir: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'tickwork:impl',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== IMPL_SPECIFIER || !importer) return null;
      for (const [dir, file] of implByExerciseDir) {
        if (importer.startsWith(dir + sep)) return file;
      }
      return null;
    },
  };
}
