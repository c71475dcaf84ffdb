import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exercise } from '../src/discover/discover.ts';
import { parseMetadata } from '../src/discover/metadata.ts';
import { editionExercisePackage, editionReadme, editionRootPackage, editionWorkspace } from '../src/export/edition.ts';
import { planEdition } from '../src/export/select.ts';
import { renderTerminal } from '../src/report/terminal.ts';
import type { RawRun } from '../src/run/raw-results.ts';
import type { Scorecard } from '../src/scorecard.ts';
import { score } from '../src/score/score.ts';
import { fixture, runCli, type CliResult } from './run-cli.ts';

// Public and hidden tests, and the student edition: the pure pieces here, then the real CLI on
// grader/fixtures/student-edition (copied first: export and grading must never change the fixture).
// The real workbook's edition, installed with pnpm, is tested in export.test.ts.

const ENGLISH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
const CLI_TESTS = { timeout: 150_000 };

describe('planEdition: which files a student edition gets', () => {
  const files = [
    'README.md',
    'package.json',
    'grader/src/cli.ts',
    'grader/tests/cli-errors.test.ts',
    'grader/fixtures/failure-kinds/exercises/01-healthy/src/index.ts',
    'grader/bench/bench.ts',
    'solutions/01-a/index.ts',
    'solutions/01-a/mutants/forgot-await.ts',
    'exercises/01-a/src/index.ts',
    'exercises/01-a/tests/basics.public.test.ts',
    'exercises/01-a/tests/more.test.ts',
    'exercises/01-a/tests/shared.ts',
    'exercises/01-a/tests/deep.ts',
    'exercises/01-a/tests/only-hidden.ts',
    'exercises/02-b/tests/all.test.ts',
  ];
  const sources: Record<string, string> = {
    'exercises/01-a/tests/basics.public.test.ts': "import { x } from './shared.ts';\nimport { it } from 'vitest';",
    'exercises/01-a/tests/shared.ts': "export { y } from './deep.ts';",
    'exercises/01-a/tests/deep.ts': 'export const y = 1;',
  };
  const read = (path: string): string => sources[path] ?? '';

  it('leaves out solutions, mutants and the grader’s own tests, fixtures and benchmark', () => {
    const plan = planEdition(files, { withholdHidden: false, read });
    expect(plan.copied.filter((path) => /solutions|mutants|grader\/(tests|fixtures|bench)/.test(path))).toEqual([]);
    expect(plan.copied).toContain('exercises/01-a/tests/more.test.ts');
    expect(plan.withheld.size).toBe(0);
  });

  it('with hidden tests withheld ships only *.public.test.ts files and the helpers they import, transitively', () => {
    const plan = planEdition(files, { withholdHidden: true, read });
    expect(plan.copied.filter((path) => path.startsWith('exercises/'))).toEqual([
      'exercises/01-a/src/index.ts',
      'exercises/01-a/tests/basics.public.test.ts',
      'exercises/01-a/tests/shared.ts',
      'exercises/01-a/tests/deep.ts',
    ]);
    expect(Object.fromEntries(plan.withheld)).toEqual({ '01-a': ['exercises/01-a/tests/more.test.ts'], '02-b': ['exercises/02-b/tests/all.test.ts'] });
    expect(plan.unusedHelpers).toEqual(['exercises/01-a/tests/only-hidden.ts']);
  });

  it('refuses a public test that imports a hidden test file', () => {
    const leaky: Record<string, string> = { ...sources, 'exercises/01-a/tests/basics.public.test.ts': "import { z } from './more.test.ts';" };
    expect(() => planEdition(files, { withholdHidden: true, read: (path) => leaky[path] ?? '' })).toThrow(
      /basics\.public\.test\.ts imports exercises\/01-a\/tests\/more\.test\.ts, a hidden test file/,
    );
  });
});

describe('the edition’s rewritten files', () => {
  it('marks the root package.json, drops bench and takes verify out of test', () => {
    const source = JSON.stringify({ name: 'w', scripts: { grade: 'g', bench: 'b', test: 'turbo run typecheck test && node grader/bin/tickwork.mjs verify' } });
    const edition = JSON.parse(editionRootPackage(source, { edition: 'student', hiddenTests: 'withheld' }));
    expect(edition.scripts).toEqual({ grade: 'g', test: 'turbo run typecheck test' });
    expect(edition.tickwork).toEqual({ edition: 'student', hiddenTests: 'withheld' });
  });

  it('drops solutions from the workspace and records withheld tests in the exercise’s metadata', () => {
    expect(editionWorkspace('packages:\n  - grader\n  - solutions\n  - exercises/*\n')).toBe('packages:\n  - grader\n  - exercises/*\n');
    const pkg = JSON.parse(editionExercisePackage(JSON.stringify({ name: 'e', tickwork: { points: 9 } }), { tests: 3, points: 5 }));
    expect(pkg.tickwork).toEqual({ points: 9, withheld: { tests: 3, points: 5 } });
  });

  it('puts a note in English and Turkish under the README’s title', () => {
    const readme = editionReadme('# tickwork\n\nIntro.\n', 'withheld');
    expect(readme).toMatch(/^# tickwork\n\n> \*\*Student edition\.\*\* .*hidden tests are not in it.*\n\n> \*\*Öğrenci sürümü\.\*\* .*\n\nIntro\.\n$/);
  });
});

describe('metadata "withheld"', () => {
  const base = { title: 't', module: 1, order: 1, difficulty: 'easy', concepts: ['c'], guide: '§1', points: 9 };
  const parse = (withheld: unknown) => parseMetadata('exercises/01-a/package.json', { tickwork: { ...base, withheld } }, 1);

  it('is { tests, points } with at least one point per test, and no more points than the exercise has', () => {
    expect(parse({ tests: 3, points: 5 }).withheld).toEqual({ tests: 3, points: 5 });
    expect(() => parse({ tests: 3, points: 2 })).toThrow(/field "tickwork\.withheld" must be \{ "tests": n, "points": p \}/);
    expect(() => parse({ tests: 3 })).toThrow(/tickwork\.withheld/);
    expect(() => parse({ tests: 3, points: 10 })).toThrow(/field "tickwork\.withheld\.points" is 10, more than the exercise's 9 points/);
  });
});

describe('score and terminal in an edition with hidden tests withheld', () => {
  const ROOT = '/edition';
  const exercise = (slug: string, points: number, withheld: { tests: number; points: number } | undefined, files: string[]): Exercise => ({
    slug,
    dir: `${ROOT}/exercises/${slug}`,
    metadata: { title: `title of ${slug}`, module: 1, order: Number(slug.slice(0, 2)), difficulty: 'easy', concepts: ['x'], guide: '§1', points, ...(withheld ? { withheld } : {}) },
    testFiles: files.map((f) => `${ROOT}/exercises/${slug}/tests/${f}`),
    stub: `${ROOT}/exercises/${slug}/src/index.ts`,
    solutionDir: `${ROOT}/solutions/${slug}`,
    hints: `exercises/${slug}/hints.md`,
  });
  const done = exercise('01-done', 9, { tests: 4, points: 6 }, ['a.public.test.ts']);
  const none = exercise('02-none', 5, { tests: 3, points: 5 }, []);
  const half = exercise('03-half', 4, { tests: 1, points: 2 }, ['c.public.test.ts']);
  const passed = (name: string, points: number) => ({ name, state: 'passed' as const, points, errors: [], durationMs: 1 });
  const run: RawRun = {
    modules: [
      { file: done.testFiles[0]!, errors: [], durationMs: 3, tests: [passed('one', 1), passed('two', 2)] },
      {
        file: half.testFiles[0]!,
        errors: [],
        durationMs: 3,
        tests: [passed('three', 1), { name: 'four', state: 'failed', points: 1, errors: [{ name: 'Error', message: 'wrong' }], durationMs: 1 }],
      },
    ],
    verdicts: [],
  };
  const card = (exercises: Exercise[]): Scorecard =>
    score({ root: ROOT, target: 'stubs', graded: exercises.map((e) => ({ exercise: e, impl: e.stub })), run, durationMs: 10, createdAt: new Date(0) });

  it('counts only the tests present, and never calls an exercise passed while tests are withheld', () => {
    const result = card([done, none, half]);
    expect(result.exercises.map((e) => [e.slug, e.status, e.points, e.maxPoints, e.withheld])).toEqual([
      ['01-done', 'public-passed', 3, 3, { tests: 4, points: 6 }],
      ['02-none', 'ungraded', 0, 0, { tests: 3, points: 5 }],
      ['03-half', 'partial', 1, 2, { tests: 1, points: 2 }],
    ]);
    expect(result.totals).toEqual({ points: 4, maxPoints: 5, exercises: 3, passed: 0, withheld: { tests: 8, points: 13 } });
    // Passing the public tests is all a learner can do here; an exercise without tests is not done.
    expect(result.next).toBe('02-none');
    expect(result.exercises[0]!.tests.map((t) => t.visibility)).toEqual(['public', 'public']);
  });

  it('says per exercise how many hidden tests CI grades, and "public tests passed", never "passed"', () => {
    const text = renderTerminal(card([done, none, half]), { color: false });
    expect(text).toMatch(/01-done\s+✓ public tests passed\s+3\/3/);
    expect(text).toContain('4 hidden tests (6 points) are not in this edition: CI grades them');
    expect(text).toContain('all 3 tests (5 points) of this exercise are hidden and not in this edition: CI grades them');
    expect(text).toContain('1 hidden test (2 points) is not in this edition: CI grades it');
    expect(text).toContain('0/3 exercises passed · 1/3 passed their public tests · 8 hidden tests (13 points) graded in CI');
    expect(text).not.toMatch(/✓ passed|every exercise passes/);
  });

  it('never ends with "every exercise passes" when all present tests pass, and speaks Turkish', () => {
    const english = renderTerminal(card([done]), { color: false });
    expect(english).toContain('every test in this edition passes; CI grades the hidden ones.');
    expect(english).not.toContain('every exercise passes');
    const turkish = renderTerminal(card([done]), { color: false, lang: 'tr' });
    expect(turkish).toContain('açık testler geçti');
    expect(turkish).toContain('4 gizli test (6 puan) bu sürümde yer almıyor: onları CI notlayacak');
  });

  it('keeps the ordinary statuses where nothing is withheld', () => {
    const plain = exercise('01-done', 3, undefined, ['a.public.test.ts']);
    expect(card([plain]).exercises[0]).toMatchObject({ status: 'passed', maxPoints: 3 });
    expect(card([plain]).totals.withheld).toBeUndefined();
  });
});

function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.status, result.stdout + result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, `stderr should be one line, got:\n${result.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('public tests, graded in the instructor’s workbook', () => {
  it('a test is public in a *.public.test.ts file or with points(n, { public: true }); every other test is hidden', CLI_TESTS, () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickwork-visibility-'));
    const card = join(dir, 'card.json');
    const result = runCli(['grade', '--root', fixture('student-edition'), '--solutions', '--json', card], { env: ENGLISH });
    expect(result.status, result.stderr).toBe(0);
    const written = readJson(card) as Scorecard;
    rmSync(dir, { recursive: true, force: true });
    // Files may finish in any order: compare by name.
    const tests = Object.fromEntries(written.exercises.flatMap((e) => e.tests.map((t) => [t.name, t.visibility])));
    expect(tests).toEqual({
      'doubles a small number': 'public',
      'resolves after the given time': 'public',
      'doubles zero (marked public, in a hidden file)': 'public',
      'doubles a large number after a long wait': 'hidden',
      'increments 1': 'hidden',
      'increments -1': 'hidden',
    });
  });
});

describe('pnpm export --student of a git workbook (the fixture, committed in a temporary copy)', () => {
  let workbook: string;
  let edition: string;
  let exported: CliResult;
  const SOLVED_01 = "export async function double(n: number, ms: number): Promise<number> {\n  await new Promise((resolve) => setTimeout(resolve, ms));\n  return 2 * n;\n}\n";

  beforeAll(() => {
    workbook = mkdtempSync(join(tmpdir(), 'tickwork-instructor-'));
    // Not what grading the fixture in place leaves behind (vite's cache, learner state): git ignores those.
    cpSync(fixture('student-edition'), workbook, { recursive: true, filter: (path) => !/\/(node_modules|\.tickwork)$/.test(path) });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workbook, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=tickwork', '-c', 'user.email=tickwork@example.invalid', 'commit', '-q', '-m', 'workbook');
    // Counting the withheld tests grades the solutions: lend the workbook the grader's packages (ignored by git).
    symlinkSync(fixture('../node_modules'), join(workbook, 'node_modules'), 'dir');
    // The instructor tried exercise 01 in this copy, wrote a note not yet committed, and has learner state.
    writeFileSync(join(workbook, 'exercises/01-mixed/src/index.ts'), SOLVED_01);
    mkdirSync(join(workbook, 'docs'));
    writeFileSync(join(workbook, 'docs/new-page.md'), '# not committed yet\n');
    mkdirSync(join(workbook, '.tickwork'));
    writeFileSync(join(workbook, '.tickwork/state.json'), '{}');

    edition = join(mkdtempSync(join(tmpdir(), 'tickwork-edition-parent-')), 'edition');
    exported = runCli(['export', '--root', workbook, '--student', edition, '--withhold-hidden'], { env: ENGLISH });
    symlinkSync(fixture('../node_modules'), join(edition, 'node_modules'), 'dir');
  }, 180_000);

  afterAll(() => {
    for (const dir of [workbook, edition && join(edition, '..')]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the files git tracks or would add, without solutions, hidden test files or their helpers', () => {
    expect(exported.status, exported.stderr).toBe(0);
    const files = execFileSync('find', ['.', '-type', 'f', '-not', '-path', './node_modules*'], { cwd: edition, encoding: 'utf8' }).trim().split('\n').sort();
    expect(files).toEqual(
      [
        './.gitignore',
        './README.md',
        './docs/new-page.md',
        './exercises/01-mixed/package.json',
        './exercises/01-mixed/src/index.ts',
        './exercises/01-mixed/tests/basics.public.test.ts',
        './exercises/01-mixed/tests/shared.ts',
        './exercises/02-all-hidden/package.json',
        './exercises/02-all-hidden/src/index.ts',
        './package.json',
        './pnpm-workspace.yaml',
      ].sort(),
    );
    expect(exported.stdout).toMatch(/withheld: 2 hidden test files, 4 tests, 6 points, in 2 exercises/);
  });

  it('records what it withheld in each exercise’s package.json, counted from the tests themselves', () => {
    expect(readJson(join(edition, 'exercises/01-mixed/package.json')).tickwork).toMatchObject({ points: 6, withheld: { tests: 2, points: 4 } });
    expect(readJson(join(edition, 'exercises/02-all-hidden/package.json')).tickwork).toMatchObject({ points: 2, withheld: { tests: 2, points: 2 } });
    expect(readJson(join(edition, 'package.json')).tickwork).toMatchObject({ edition: 'student', hiddenTests: 'withheld', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(readFileSync(join(edition, 'pnpm-workspace.yaml'), 'utf8')).not.toContain('solutions');
  });

  it('takes the stubs from git’s last commit, never the instructor’s edits', () => {
    expect(readFileSync(join(edition, 'exercises/01-mixed/src/index.ts'), 'utf8')).toContain("throw new Error('TODO: implement double");
  });

  it('grades the public tests there and says how many hidden tests CI grades', CLI_TESTS, () => {
    const card = join(edition, 'card.json');
    const result = runCli(['grade', '--root', edition, '--json', card], { env: ENGLISH });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 hidden tests (4 points) are not in this edition: CI grades them');
    expect(result.stdout).toContain('all 2 tests (2 points) of this exercise are hidden and not in this edition: CI grades them');
    const exercises = (readJson(card) as Scorecard).exercises;
    expect(exercises.map((e) => [e.slug, e.status, e.maxPoints, e.tests.length])).toEqual([
      ['01-mixed', 'failed', 2, 2],
      ['02-all-hidden', 'ungraded', 0, 0],
    ]);
    rmSync(card);
  });

  it('grades an exercise none of whose tests is in the edition: ungraded, its withheld tests counted in the totals', CLI_TESTS, () => {
    const result = runCli(['grade', '02', '--root', edition, '--no-cache'], { env: ENGLISH });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/02-all-hidden\s+· graded in CI\s+0\/0\s+0\/0/);
    expect(result.stdout).toContain('0/1 exercises passed · 2 hidden tests (2 points) graded in CI');
  });

  it('says "public tests passed", never "passed", when every test present passes', CLI_TESTS, () => {
    const stub = join(edition, 'exercises/01-mixed/src/index.ts');
    const original = readFileSync(stub, 'utf8');
    writeFileSync(stub, SOLVED_01);
    try {
      const result = runCli(['grade', '01', '--root', edition], { env: ENGLISH });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/01-mixed\s+✓ public tests passed\s+2\/2/);
      expect(result.stdout).toContain('every test in this edition passes; CI grades the hidden ones.');
      expect(result.stdout).not.toMatch(/✓ passed|every exercise passes/);
    } finally {
      writeFileSync(stub, original);
    }
  });

  it('refuses instructor commands there in one plain line', CLI_TESTS, () => {
    expectOneLineError(runCli(['verify', '--root', edition], { env: ENGLISH }), /pnpm verify is an instructor command: this student edition has no solutions\//);
    expectOneLineError(runCli(['grade', '--root', edition, '--solutions'], { env: ENGLISH }), /--solutions is for instructors: this student edition has no solutions\//);
    expectOneLineError(runCli(['export', '--root', edition, '--student', join(tmpdir(), 'never-written')]), /is already a student edition/);
  });

  it('without --withhold-hidden ships every test file and withholds nothing', CLI_TESTS, () => {
    const full = join(mkdtempSync(join(tmpdir(), 'tickwork-full-')), 'edition');
    try {
      expect(runCli(['export', '--root', workbook, '--student', full]).status).toBe(0);
      expect(existsSync(join(full, 'exercises/01-mixed/tests/more.test.ts'))).toBe(true);
      expect(existsSync(join(full, 'exercises/01-mixed/tests/hidden-helper.ts'))).toBe(true);
      expect(existsSync(join(full, 'solutions'))).toBe(false);
      expect(readJson(join(full, 'exercises/01-mixed/package.json')).tickwork.withheld).toBeUndefined();
      expect(readJson(join(full, 'package.json')).tickwork).toMatchObject({ edition: 'student', hiddenTests: 'included' });
    } finally {
      rmSync(join(full, '..'), { recursive: true, force: true });
    }
  });

  it('refuses to write an edition whose withheld counts would be wrong (a workbook outside git, points not adding up)', CLI_TESTS, () => {
    const plain = mkdtempSync(join(tmpdir(), 'tickwork-no-git-'));
    const target = join(mkdtempSync(join(tmpdir(), 'tickwork-never-')), 'edition');
    try {
      cpSync(fixture('student-edition'), plain, { recursive: true, filter: (path) => !/\/(node_modules|\.tickwork)$/.test(path) });
      symlinkSync(fixture('../node_modules'), join(plain, 'node_modules'), 'dir');
      const pkg = join(plain, 'exercises/01-mixed/package.json');
      writeFileSync(pkg, readFileSync(pkg, 'utf8').replace('"points": 6', '"points": 7'));
      expectOneLineError(
        runCli(['export', '--root', plain, '--student', target, '--withhold-hidden']),
        /cannot count the hidden tests of 01-mixed: its tests carry 6 points but package\.json declares 7 \(pnpm verify 01-mixed shows what is wrong\)/,
      );
      expect(existsSync(target)).toBe(false);
    } finally {
      for (const dir of [plain, join(target, '..')]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder that is not empty, one inside the workbook, and a missing --student', CLI_TESTS, () => {
    expectOneLineError(runCli(['export', '--root', workbook, '--student', edition]), /--student .*edition: the folder is not empty/);
    expectOneLineError(runCli(['export', '--root', workbook, '--student', join(workbook, 'out')]), /the folder is inside the workbook; choose one outside it/);
    expectOneLineError(runCli(['export', '--root', workbook]), /pnpm export needs --student <dir>/);
  });
});
