import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { discoverExercises } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';
import { selectExercises } from '../plan.ts';
import type { WithheldTests } from '../scorecard.ts';
import { countWithheld } from './count-withheld.ts';
import { editionExercisePackage, editionGraderPackage, editionReadme, editionRootPackage, editionWorkspace, isStudentEdition, type EditionMarker } from './edition.ts';
import { planEdition } from './select.ts';
import { listWorkbookFiles, readFromHead, readWorkingCopy } from './workbook-files.ts';

export interface ExportOptions {
  /** The instructor's workbook. */
  root: string;
  /** An empty or new folder outside the workbook. */
  target: string;
  /** Leave out every test file that is not `*.public.test.ts`. */
  withholdHidden: boolean;
}

export interface ExportReport {
  files: number;
  source: 'git' | 'walk';
  /** Per exercise: the hidden test files left out and what they hold. */
  withheld: Array<{ slug: string; files: string[] } & WithheldTests>;
  /** Stub files git's last commit does not have, copied from the working tree instead. */
  stubsFromWorkingTree: string[];
}

const STUB = /^exercises\/[^/]+\/src\//;
const EXERCISE_PACKAGE = /^exercises\/([^/]+)\/package\.json$/;

/** Refused before anything is read: a non-empty folder, or one inside the workbook itself. */
function checkTarget(root: string, target: string): void {
  const inside = relative(root, target);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new UsageError(`--student ${target}: the folder is inside the workbook; choose one outside it`);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new UsageError(`--student ${target}: not a folder`);
  if (readdirSync(target).length > 0) throw new UsageError(`--student ${target}: the folder is not empty; export writes a new edition into an empty or new folder`);
}

function gitCommit(root: string): string | undefined {
  const result = spawnSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** `pnpm` as the user ran it (`npm_execpath` under `pnpm export`), else the one on PATH. */
function pnpm(): { command: string; args: string[] } {
  const execpath = process.env.npm_execpath;
  if (execpath && /^pnpm(\.c?js)?$/.test(basename(execpath))) return { command: process.execPath, args: [execpath] };
  return { command: 'pnpm', args: [] };
}

/**
 * Prunes the copied lockfile to the edition's packages (no solutions/ importer, none of its
 * dependencies), so `pnpm install --frozen-lockfile` works in the edition. pnpm does the pruning: it
 * only rewrites pnpm-lock.yaml, from its cache where it can (`--prefer-offline`), and installs nothing.
 */
function pruneLockfile(target: string): void {
  const { command, args } = pnpm();
  const result = spawnSync(command, [...args, 'install', '--lockfile-only', '--prefer-offline', '--ignore-scripts', '--no-frozen-lockfile'], {
    cwd: target,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0) {
    const why = `${result.error?.message ?? ''}${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').filter(Boolean).pop() ?? `exit ${result.status}`;
    throw new UsageError(`the edition in ${target} is written, but updating its pnpm-lock.yaml failed (pnpm install --lockfile-only: ${why})`);
  }
}

/**
 * Writes a student edition of the workbook at `root` into `target` (docs/student-edition.md): no
 * solutions/, no mutants or alternatives, no grader tests; stubs as git's last commit has them; with
 * `withholdHidden` only public test files, each exercise's package.json saying what was withheld.
 */
export async function exportStudentEdition(options: ExportOptions): Promise<ExportReport> {
  const { root, target } = options;
  if (isStudentEdition(root)) throw new UsageError(`${root} is already a student edition: export from the instructor's workbook`);
  checkTarget(root, target);

  const files = listWorkbookFiles(root);
  const plan = planEdition(files.paths, { withholdHidden: options.withholdHidden, read: (path) => readWorkingCopy(root, path).toString('utf8') });
  // Every exercise must be readable: an edition of a half-written exercise would not grade.
  const exercises = selectExercises(discoverExercises(root), []);
  // Counted before anything is written: a workbook whose tests cannot be counted gets no edition.
  const counts = await countWithheld(root, exercises, plan.withheld);

  const commit = files.source === 'git' ? gitCommit(root) : undefined;
  const marker: EditionMarker = { edition: 'student', hiddenTests: options.withholdHidden ? 'withheld' : 'included', ...(commit ? { commit } : {}) };
  const rewrite: Record<string, (text: string) => string> = {
    'package.json': (text) => editionRootPackage(text, marker),
    'grader/package.json': editionGraderPackage,
    'pnpm-workspace.yaml': editionWorkspace,
    'README.md': (text) => editionReadme(text, marker.hiddenTests),
  };

  const stubsFromWorkingTree: string[] = [];
  mkdirSync(target, { recursive: true });
  for (const path of plan.copied) {
    let content = STUB.test(path) && files.source === 'git' ? readFromHead(root, path) : undefined;
    if (STUB.test(path) && files.source === 'git' && content === undefined) stubsFromWorkingTree.push(path);
    content ??= readWorkingCopy(root, path);
    const slug = EXERCISE_PACKAGE.exec(path)?.[1];
    const change = slug ? (text: string) => editionExercisePackage(text, counts.get(slug)) : rewrite[path];
    const destination = join(target, path);
    mkdirSync(dirname(destination), { recursive: true });
    writeFileSync(destination, change ? change(content.toString('utf8')) : content);
    chmodSync(destination, statSync(join(root, path)).mode & 0o777);
  }
  if (plan.copied.includes('pnpm-lock.yaml')) pruneLockfile(target);

  return {
    files: plan.copied.length,
    source: files.source,
    withheld: [...plan.withheld].map(([slug, paths]) => ({ slug, files: paths, ...counts.get(slug)! })),
    stubsFromWorkingTree,
  };
}
