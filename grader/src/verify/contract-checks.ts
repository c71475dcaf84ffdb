import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Exercise } from '../discover/discover.ts';
import { variantsOf } from '../plan.ts';
import { DEFAULT_LEARNER_FILES, globToRegExp } from '../trusted/allow-list.ts';

const HINT_HEADINGS = { 'hints.md': /^## Hint [1-3]\s*$/gm, 'hints.tr.md': /^## İpucu [1-3]\s*$/gm } as const;
/** Every README has these sections, in this order (docs/contract.md), so a reader who has seen one has seen all. */
const README_SECTIONS = {
  'README.md': ['The signature', 'Example', 'What the hidden tests check', 'The concept', 'Run it'],
  'README.tr.md': ['İmza', 'Örnek', 'Gizli testler neyi denetliyor', 'Kavram', 'Çalıştırın'],
} as const;

/** What `pnpm new` writes in every part an author must fill in; verify rejects a file until it is gone. */
export const AUTHOR_TODO = 'TODO(author)';

/** Every file of a folder, recursively, leaving out installed packages and dot-folders (.vite caches …). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/**
 * Files of the exercise and its solutions still holding template text, one violation each, named as
 * the author finds them: relative to the exercise folder, or from solutions/.
 */
export function templateLeftovers(exercise: Exercise): string[] {
  const root = join(exercise.solutionDir, '..', '..');
  const name = (file: string): string => (file.startsWith(exercise.dir) ? relative(exercise.dir, file) : relative(root, file));
  return [...filesUnder(exercise.dir), ...filesUnder(exercise.solutionDir)]
    .filter((file) => readFileSync(file, 'utf8').includes(AUTHOR_TODO))
    .map((file) => `${name(file)} still has template text (${AUTHOR_TODO})`);
}

/** A package made by `pnpm new` reaches the testkit only once `pnpm install` has linked it. */
function testkitReachable(exercise: Exercise): boolean {
  try {
    createRequire(join(exercise.dir, 'package.json')).resolve('@tickwork/testkit');
    return true;
  } catch {
    return false;
  }
}

/** Static parts of the contract (docs/contract.md): each missing piece is one violation. */
export function contractViolations(exercise: Exercise): string[] {
  const problems: string[] = [];
  const need = (file: string, what: string): string | undefined => {
    const path = join(exercise.dir, file);
    if (!existsSync(path)) {
      problems.push(`${what} missing (${file})`);
      return undefined;
    }
    return readFileSync(path, 'utf8');
  };
  for (const [readme, sections] of Object.entries(README_SECTIONS)) {
    const text = need(readme, 'README');
    if (text === undefined) continue;
    const found = text.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3).trim());
    if (found.join('|') !== sections.join('|')) {
      problems.push(`${readme} sections are "${found.join('", "')}"; expected "${sections.join('", "')}"`);
    }
  }
  for (const [file, heading] of Object.entries(HINT_HEADINGS)) {
    const text = need(file, 'hints');
    const count = text?.match(heading)?.length ?? 0;
    if (text !== undefined && count !== 3) problems.push(`${file} has ${count} hint sections; expected exactly 3`);
  }
  const stub = need('src/index.ts', 'stub');
  if (stub !== undefined && !stub.includes('TODO: implement')) problems.push('src/index.ts does not throw "TODO: implement …"');
  if (!existsSync(join(exercise.solutionDir, 'index.ts'))) problems.push(`reference solution missing (solutions/${exercise.slug}/index.ts)`);
  const mutants = variantsOf(exercise, 'mutant');
  if (mutants.length < 2) problems.push(`${mutants.length} mutant(s) in solutions/${exercise.slug}/mutants; at least 2 needed`);
  if (variantsOf(exercise, 'alternative').length < 1) {
    problems.push(`no alternative in solutions/${exercise.slug}/alternatives: prove the tests accept another correct style`);
  }
  problems.push(...learnerFilesProblems(exercise));
  if (!testkitReachable(exercise)) problems.push('@tickwork/testkit cannot be imported from this package: run `pnpm install` to link it (a new exercise needs it once)');
  problems.push(...templateLeftovers(exercise));
  return problems;
}

/**
 * The allow-list (`tickwork.learnerFiles`) must cover the stub and nothing that decides a grade: a
 * glob that reached a test or the package.json would let a pull request grade itself in CI.
 */
export function learnerFilesProblems(exercise: Exercise): string[] {
  const globs = exercise.metadata.learnerFiles ?? DEFAULT_LEARNER_FILES;
  const allowed = (path: string) => globs.some((glob) => globToRegExp(glob).test(path));
  const files = filesUnder(exercise.dir).map((file) => relative(exercise.dir, file).split('\\').join('/'));
  const decides = files.filter((path) => path.startsWith('tests/') || path === 'package.json' || path === 'tsconfig.json');
  return [
    ...(allowed('src/index.ts') ? [] : ['tickwork.learnerFiles does not cover src/index.ts: a learner could not submit the stub']),
    ...decides.filter(allowed).map((path) => `tickwork.learnerFiles covers ${path}: a learner's change to it would be graded in CI (docs/ci.md)`),
  ];
}
