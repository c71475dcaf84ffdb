import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { looksCached } from '../bin/launch-hint.mjs';
import { gradeCached, type CacheSettings } from '../src/cache/grade-cached.ts';
import { cacheDir } from '../src/cache/store.ts';
import type { Exercise } from '../src/discover/discover.ts';
import type { GradeOptions } from '../src/grade.ts';
import type { ExerciseResult, Scorecard } from '../src/scorecard.ts';
import { exercisesNamed } from '../src/commands/options.ts';
import { renderTerminal } from '../src/report/terminal.ts';
import { REPO_ROOT, runCli } from './run-cli.ts';
import { copyWorkbook } from './workbook-copy.ts';

// grade() stands in for the run stage: it records what it was asked to run and answers with a
// result per exercise (what `answer` says), so the cache's own logic is tested in milliseconds.
const fake = vi.hoisted(() => ({
  runs: [] as string[][],
  answer: (() => ({})) as (slug: string) => Partial<ExerciseResult>,
  during: (() => {}) as () => void,
}));

vi.mock('../src/grade.ts', async () => {
  const { summarise: totals } = await import('../src/score/score.ts');
  return {
    DEFAULT_TEST_TIMEOUT_MS: 5000,
    grade: async (options: GradeOptions): Promise<Scorecard> => {
      fake.runs.push(options.exercises.map((e) => e.slug));
      fake.during();
      const exercises = options.exercises.map(
        (e): ExerciseResult => ({
          slug: e.slug,
          title: e.metadata.title,
          module: e.metadata.module,
          order: e.metadata.order,
          status: 'passed',
          points: e.metadata.points,
          maxPoints: e.metadata.points,
          durationMs: 7,
          tests: [{ name: 'works', status: 'passed', points: e.metadata.points, maxPoints: e.metadata.points }],
          hints: e.hints,
          ...fake.answer(e.slug),
        }),
      );
      return { schema: 'tickwork.scorecard/v1', target: options.target, createdAt: new Date().toISOString(), durationMs: 9, ...totals(exercises) };
    },
  };
});

const SLUGS = ['01-healthy', '14-not-started', '17-never-settles-real-time'];
let base: string;
let root: string;
let testkit: string;
let exercises: Exercise[];
let settings: CacheSettings;

/** A workbook of three fixture exercises, and a testkit of its own to edit (the real one is shared). */
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'tickwork-cache-'));
  root = join(base, 'book');
  for (const slug of SLUGS) cpSync(join(REPO_ROOT, 'grader/fixtures/failure-kinds/exercises', slug), join(root, 'exercises', slug), { recursive: true });
  testkit = join(base, 'testkit');
  cpSync(join(REPO_ROOT, 'testkit/src'), join(testkit, 'src'), { recursive: true });
  exercises = exercisesNamed(root, []);
  settings = { sharedInputs: [testkit] };
  fake.runs = [];
  fake.answer = () => ({});
  fake.during = () => {};
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

const gradeAgain = (extra: CacheSettings = {}): Promise<Scorecard> => gradeCached({ root, exercises, target: 'stubs' }, { ...settings, ...extra });
const cachedSlugs = (card: Scorecard): string[] => card.exercises.filter((e) => e.cached).map((e) => e.slug);
const edit = (path: string, text = '\n// edited\n'): void => appendFileSync(join(root, path), text);

describe('a re-grade with nothing changed', () => {
  it('replays every exercise with identical points, runs nothing, and marks each result cached', async () => {
    const first = await gradeAgain();
    const second = await gradeAgain();
    expect(fake.runs).toEqual([SLUGS]);
    expect(cachedSlugs(first)).toEqual([]);
    expect(cachedSlugs(second)).toEqual(SLUGS);
    expect(second.exercises.map(({ cached: _, ...rest }) => rest)).toEqual(first.exercises);
    expect(second.totals).toEqual(first.totals);
  });

  it('merges replayed and fresh results in exercise order, with totals and next as score() computes them', async () => {
    fake.answer = (slug) => (slug === '14-not-started' ? { status: 'failed', points: 0 } : {});
    await gradeAgain();
    edit('exercises/01-healthy/src/index.ts');
    const card = await gradeAgain();
    expect(card.exercises.map((e) => e.slug)).toEqual(SLUGS);
    expect(cachedSlugs(card)).toEqual(['14-not-started', '17-never-settles-real-time']);
    expect({ totals: card.totals, next: card.next }).toEqual({ totals: { points: 4, maxPoints: 5, exercises: 3, passed: 2 }, next: '14-not-started' });
  });
});

describe('a re-grade after a change runs only what the change can affect', () => {
  it.each([
    ['the learner\'s src/index.ts', 'exercises/01-healthy/src/index.ts'],
    ['another file in src/ (a module index.ts imports)', 'exercises/01-healthy/src/helper.ts'],
    ['a hidden test file', 'exercises/01-healthy/tests/fixture.test.ts'],
    ['the metadata (timeoutMs, points) in package.json', 'exercises/01-healthy/package.json'],
  ])('%s', async (_what, path) => {
    await gradeAgain();
    if (path.endsWith('package.json')) {
      const pkg = JSON.parse(readFileSync(join(root, path), 'utf8'));
      writeFileSync(join(root, path), JSON.stringify({ ...pkg, tickwork: { ...pkg.tickwork, timeoutMs: 2000 } }));
    } else {
      edit(path);
    }
    const card = await gradeAgain();
    expect(fake.runs).toEqual([SLUGS, ['01-healthy']]);
    expect(cachedSlugs(card)).toEqual(['14-not-started', '17-never-settles-real-time']);
  });

  it('a file outside the exercise that the learner\'s code imports by a relative path', async () => {
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'shared/util.ts'), 'export const answer = 42;\n');
    edit('exercises/01-healthy/src/index.ts', "\nexport { answer } from '../../../shared/util.ts';\n");
    await gradeAgain();
    edit('shared/util.ts');
    await gradeAgain();
    expect(fake.runs).toEqual([SLUGS, ['01-healthy']]);
  });

  it('every exercise when a testkit file changes', async () => {
    await gradeAgain();
    appendFileSync(join(testkit, 'src/virtual-clock.ts'), '\n// edited\n');
    await gradeAgain();
    expect(fake.runs).toEqual([SLUGS, SLUGS]);
  });

  it('every exercise on another Node version', async () => {
    await gradeAgain({ nodeVersion: 'v20.19.0' });
    await gradeAgain({ nodeVersion: 'v20.20.2' });
    await gradeAgain({ nodeVersion: 'v20.20.2' });
    expect(fake.runs).toEqual([SLUGS, SLUGS]);
  });

  it('every exercise when a TICKWORK_* environment variable changes', async () => {
    await gradeAgain({ env: { TICKWORK_SOMETHING: 'a' } });
    await gradeAgain({ env: { TICKWORK_SOMETHING: 'b' } });
    expect(fake.runs).toEqual([SLUGS, SLUGS]);
  });
});

describe('what is never replayed', () => {
  it('a result the watchdog or a real-time limit decided (timeout, never-settled, out-of-time, crash)', async () => {
    fake.answer = (slug) =>
      slug === '17-never-settles-real-time'
        ? { status: 'failed', points: 0, tests: [{ name: 'waits', status: 'failed', points: 0, maxPoints: 1, kind: 'never-settled' }] }
        : slug === '14-not-started'
          ? { status: 'timeout', points: 0, failure: { kind: 'blocked-event-loop', message: 'blocked' } }
          : {};
    await gradeAgain();
    const card = await gradeAgain();
    expect(fake.runs).toEqual([SLUGS, ['14-not-started', '17-never-settles-real-time']]);
    expect(cachedSlugs(card)).toEqual(['01-healthy']);
  });

  it('a result whose files changed while its tests ran (it may belong to either version)', async () => {
    fake.during = () => edit('exercises/01-healthy/src/index.ts');
    await gradeAgain();
    fake.during = () => {};
    await gradeAgain();
    expect(fake.runs).toEqual([SLUGS, ['01-healthy']]);
  });

  it('anything, with --no-cache (refresh): every exercise runs and the fresh results are stored', async () => {
    await gradeAgain();
    const refreshed = await gradeAgain({ refresh: true });
    const after = await gradeAgain();
    expect(fake.runs).toEqual([SLUGS, SLUGS]);
    expect(cachedSlugs(refreshed)).toEqual([]);
    expect(cachedSlugs(after)).toEqual(SLUGS);
  });
});

describe('a damaged cache', () => {
  it.each([
    ['cut-off JSON', (text: string) => text.slice(0, text.length / 2)],
    ['not an entry', () => '[1, 2, 3]'],
    ['a result of the wrong shape', (text: string) => text.replace('"tests":[', '"tests":7,"x":[')],
    ['another key inside', (text: string) => text.replace(/"key":"[0-9a-f]+"/, '"key":"0000"')],
  ])('is ignored when an entry is %s: the exercise runs again, nothing crashes, the entry is rewritten', async (_what, damage) => {
    await gradeAgain();
    const dir = cacheDir(root);
    const entry = readdirSync(dir).find((name) => name.startsWith('01-healthy.'))!;
    writeFileSync(join(dir, entry), damage(readFileSync(join(dir, entry), 'utf8')));
    const card = await gradeAgain();
    expect(fake.runs).toEqual([SLUGS, ['01-healthy']]);
    expect(card.exercises.find((e) => e.slug === '01-healthy')).toMatchObject({ status: 'passed', points: 3 });
    await gradeAgain();
    expect(fake.runs).toHaveLength(2);
  });
});

describe('the terminal scorecard', () => {
  it('says "(cached)" after each replayed row and how many were replayed, in English and Turkish', async () => {
    await gradeAgain();
    edit('exercises/01-healthy/src/index.ts');
    const card = await gradeAgain();
    const rows = (text: string): string[] => text.split('\n').filter((line) => /^[ →] \d{2}-/.test(line));
    const english = renderTerminal(card, { color: false, lang: 'en' });
    expect(rows(english).map((row) => row.endsWith('(cached)'))).toEqual([false, true, true]);
    expect(english).toContain('2/3 replayed from the cache');
    const turkish = renderTerminal(card, { color: false, lang: 'tr' });
    expect(rows(turkish).map((row) => row.endsWith('(önbellekten)'))).toEqual([false, true, true]);
    expect(renderTerminal(await gradeAgain({ refresh: true }), { color: false })).not.toMatch(/cached|replayed/);
  });
});

// The real thing: the CLI grades a copy of the fixture workbook twice. The cache's inputs include
// the grader's own source, so a re-grade replays only while nobody edits grader/src meanwhile.
describe('pnpm grade on a copy of a fixture workbook', () => {
  it('runs the tests once, then replays them with "(cached)" and identical scores; --no-cache runs them', { timeout: 240_000 }, () => {
    const copy = copyWorkbook('failure-kinds');
    try {
      const args = ['grade', '01', '14', '--root', copy.root];
      const json = (n: number): string => join(copy.root, `card-${n}.json`);
      const first = runCli([...args, '--json', json(1)]);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).not.toContain('(cached)');
      expect(looksCached(args, REPO_ROOT)).toBe(true);

      const second = runCli([...args, '--json', json(2)]);
      expect(second.stdout.match(/\(cached\)/g)).toHaveLength(2);
      expect(second.stdout).toContain('2/2 replayed from the cache');
      const [a, b] = [json(1), json(2)].map((file) => JSON.parse(readFileSync(file, 'utf8')) as Scorecard);
      expect(b!.exercises.map(({ cached: _, ...rest }) => rest)).toEqual(a!.exercises);
      expect(b!.exercises.every((e) => e.cached)).toBe(true);

      const forced = runCli([...args, '--no-cache']);
      expect(forced.stdout).not.toContain('(cached)');
      expect(forced.stdout).toContain('total 3/4 points');

      // The launcher's guess (skip loading vitest) follows the files: an edit makes it load vitest again.
      appendFileSync(join(copy.root, 'exercises/01-healthy/src/index.ts'), '\n// edited\n');
      expect(looksCached(args, REPO_ROOT)).toBe(false);
      expect(looksCached([...args, '--no-cache'], REPO_ROOT)).toBe(false);
    } finally {
      copy.remove();
    }
  });
});
