import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import type { AllowList } from './allow-list.ts';

/**
 * Everything in the trusted tree that decides a grade: the exercises' tests and metadata, the
 * testkit, the grader, the root configs and the lockfile. READMEs, hints, docs and solutions do not
 * decide a grade, so editing them does not change the hash; learner files are never part of it.
 */
const DECIDES_A_GRADE = [/^exercises\/[^/]+\/(tests\/|package\.json$|tsconfig\.json$)/, /^testkit\//, /^grader\/(src|bin)\//, /^grader\/package\.json$/, /^[^/]+\.(json|ya?ml|ts)$/];

/** `sha256:<hex>` over the sorted paths and contents of those files, so an auditor can recompute it. */
export function testsHash(tree: string, allowList: AllowList): string {
  const files = (readdirSync(tree, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(tree, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((path) => !path.split('/').includes('node_modules') && !path.startsWith('.tickwork/'))
    .filter((path) => DECIDES_A_GRADE.some((pattern) => pattern.test(path)) && !allowList.allows(path))
    .sort();
  const hash = createHash('sha256');
  for (const path of files) hash.update(`${path}\0${createHash('sha256').update(readFileSync(join(tree, path))).digest('hex')}\n`);
  return `sha256:${hash.digest('hex')}`;
}
