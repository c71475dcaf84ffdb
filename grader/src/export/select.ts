import { posix } from 'node:path';
import { PUBLIC_TEST_FILE } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';

/**
 * Never in a student edition: the reference solutions with their mutants and alternatives, and the
 * grader's own tests, fixtures and benchmark, which grade solutions/ (they are the instructor's), and
 * the workflow that grades a whole class (it clones every learner's repository: docs/ci.md).
 */
const INSTRUCTOR_ONLY: readonly RegExp[] = [/^solutions\//, /^grader\/(tests|fixtures|bench)\//, /(^|\/)(mutants|alternatives)\//, /^\.github\/workflows\/grade-class\.yml$/];

/** `exercises/<slug>/tests/<file>`: where hidden and public tests and their helpers live. */
const EXERCISE_TEST = /^exercises\/([^/]+)\/tests\/(.+)$/;
const TEST_FILE = /\.test\.ts$/;
/** Relative module specifiers in `import … from './x.ts'`, `export … from`, `import './x'`, `import('./x')`. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

export interface EditionPlan {
  /** Files the edition gets, relative to the workbook root. */
  copied: string[];
  /** Hidden test files left out, by exercise slug (only with `withholdHidden`). */
  withheld: Map<string, string[]>;
  /** Files under an exercise's tests/ left out because no shipped test imports them (helpers of hidden tests). */
  unusedHelpers: string[];
}

export interface PlanOptions {
  withholdHidden: boolean;
  /** Reads a workbook file's text, to follow a public test's imports. */
  read: (path: string) => string;
}

function relativeImports(path: string, text: string): string[] {
  return [...text.matchAll(RELATIVE_IMPORT)].map((match) => posix.normalize(posix.join(posix.dirname(path), match[1]!)));
}

/**
 * Decides which files a student edition gets. With `withholdHidden`, a hidden test is left out with
 * its whole file: only `*.public.test.ts` files are shipped (a test marked public inside a hidden file
 * is withheld too), and of the helpers next to them only those a shipped test imports.
 */
export function planEdition(paths: string[], options: PlanOptions): EditionPlan {
  const kept = paths.filter((path) => !INSTRUCTOR_ONLY.some((rule) => rule.test(path)));
  if (!options.withholdHidden) return { copied: kept, withheld: new Map(), unusedHelpers: [] };

  const withheld = new Map<string, string[]>();
  const helpers = new Set<string>();
  const shippedTests: string[] = [];
  for (const path of kept) {
    const match = EXERCISE_TEST.exec(path);
    if (!match) continue;
    if (PUBLIC_TEST_FILE.test(path)) shippedTests.push(path);
    else if (TEST_FILE.test(path)) withheld.set(match[1]!, [...(withheld.get(match[1]!) ?? []), path]);
    else helpers.add(path);
  }
  const withheldFiles = new Set([...withheld.values()].flat());

  // Follow the shipped tests' relative imports, transitively, to the helpers they need.
  const needed = new Set<string>();
  const queue = [...shippedTests];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    for (const target of relativeImports(path, options.read(path))) {
      if (withheldFiles.has(target)) {
        throw new UsageError(`${path} imports ${target}, a hidden test file: a public test may import helpers, not hidden tests`);
      }
      if (helpers.has(target) && !needed.has(target)) {
        needed.add(target);
        queue.push(target);
      }
    }
  }
  const unusedHelpers = [...helpers].filter((path) => !needed.has(path));
  const leftOut = new Set([...withheldFiles, ...unusedHelpers]);
  return { copied: kept.filter((path) => !leftOut.has(path)), withheld, unusedHelpers };
}
