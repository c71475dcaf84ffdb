import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exercise } from '../discover/discover.ts';
import type { Target } from '../scorecard.ts';
import type { InputReader } from './inputs.ts';

/** Part of every key: a change to what an entry holds or how keys are made retires every old entry. */
export const CACHE_FORMAT = 'tickwork.cache/v1';

/** The repository this grader belongs to: its code, testkit and lockfile shape every result. */
const GRADER_REPO = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Files and folders, relative to a workbook, that every exercise's result depends on: the grader
 * (discover, run, score all live in grader/src), the testkit the hidden tests import, and what pins
 * the installed packages (vitest, fake-timers …) and the compiler settings.
 */
const SHARED_INPUTS = [
  'grader/src',
  'grader/bin',
  'grader/package.json',
  'testkit/src',
  'testkit/package.json',
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'tsconfig.base.json',
];

/**
 * Environment variables that can change what a run produces: the grader's and testkit's own
 * (TICKWORK_*), Node's options, the time zone and locale (dates and messages), colour switches
 * (vitest's messages), CI (vitest's defaults).
 */
const ENV_IN_KEY = /^(TICKWORK_\w+|NODE_OPTIONS|NODE_ENV|TZ|LANG|LC_ALL|LC_MESSAGES|FORCE_COLOR|NO_COLOR|CI)$/;

/** The shared inputs of a grade of `root`: the grader's own repository's, and the workbook's when it is another. */
export function defaultSharedInputs(root: string): string[] {
  const bases = [...new Set([GRADER_REPO, root].map((base) => (base.endsWith(sep) ? base : `${base}${sep}`)))];
  return bases.flatMap((base) => SHARED_INPUTS.map((path) => join(base, path)));
}

/** What, besides an exercise's own files, goes into its key. */
export interface KeyContext {
  root: string;
  target: Target;
  shuffleSeed?: number;
  /** `process.version`; a setting so that tests can stand in for an upgrade. */
  nodeVersion: string;
  env: NodeJS.ProcessEnv;
  sharedInputs: string[];
}

const isInside = (path: string, dir: string): boolean => path.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`);

/**
 * The folders whose every file an exercise's result depends on: the exercise's own (its src/, tests,
 * package.json with the metadata and timeoutMs, tsconfig …), and the folder of the implementation
 * when it lives elsewhere (a solution, mutant or alternative: the whole solutions/<slug>/).
 */
export function coveredFolders(exercise: Exercise, impl: string): string[] {
  if (isInside(impl, exercise.dir)) return [exercise.dir];
  return [exercise.dir, isInside(impl, exercise.solutionDir) ? exercise.solutionDir : join(impl, '..')];
}

/**
 * Computes keys for one grade. Every line that goes into the hash is labelled, so no two different
 * inputs can produce the same text.
 */
export class KeyMaker {
  private shared: string | undefined;

  constructor(
    private readonly context: KeyContext,
    private readonly reader: InputReader,
  ) {}

  /** Everything that is the same for every exercise of this grade. */
  private sharedPart(): string {
    if (this.shared === undefined) {
      const { context } = this;
      const env = Object.entries(context.env)
        .filter(([name, value]) => ENV_IN_KEY.test(name) && value !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, value]) => `env ${name}=${value}`);
      this.shared = [
        `format ${CACHE_FORMAT}`,
        `node ${context.nodeVersion} ${process.platform} ${process.arch}`,
        `target ${context.target}`,
        `shuffle ${context.shuffleSeed ?? 'none'}`,
        ...env,
        ...context.sharedInputs.map((path) => `shared ${path} ${this.reader.path(path)}`),
      ].join('\n');
    }
    return this.shared;
  }

  /** The key of one exercise graded against `impl`: a sha256 in hex. */
  key(exercise: Exercise, impl: string): string {
    const folders = coveredFolders(exercise, impl);
    const lines = [
      this.sharedPart(),
      `exercise ${exercise.slug}`,
      `impl ${relative(this.context.root, impl)}`,
      ...folders.map((dir) => `folder ${relative(this.context.root, dir)} ${this.reader.tree(dir)}`),
      ...this.reader.referencedOutside(folders).map((path) => `referenced ${path} ${this.reader.reference(path)}`),
    ];
    return createHash('sha256').update(lines.join('\n')).digest('hex');
  }
}
