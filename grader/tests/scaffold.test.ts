import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverExercises, isBroken } from '../src/discover/discover.ts';
import { UsageError } from '../src/errors.ts';
import { planNewExercise } from '../src/scaffold/plan.ts';
import type { Scorecard } from '../src/scorecard.ts';
import { AUTHOR_TODO } from '../src/verify/contract-checks.ts';
import { runCli, type CliResult } from './run-cli.ts';
import { copyWorkbook, filesIn } from './workbook-copy.ts';

// `pnpm new` in a copy of the authoring fixture (01–03 exist, so a name without a number becomes 04),
// then what an author does next: grade the stub, verify the exercise.
const SLUG = '04-p-debounce';
const EXERCISE_FILES = ['package.json', 'tsconfig.json', 'README.md', 'README.tr.md', 'hints.md', 'hints.tr.md', 'src/index.ts', `tests/${SLUG}.test.ts`];
const SOLUTION_FILES = ['index.ts', 'mutants/name-the-mistake.ts', 'alternatives/another-style.ts'];
const written = [...EXERCISE_FILES.map((f) => `exercises/${SLUG}/${f}`), ...SOLUTION_FILES.map((f) => `solutions/${SLUG}/${f}`)];

let workbook: ReturnType<typeof copyWorkbook>;
let created: CliResult;
let card: Scorecard;
let verified: CliResult;

beforeAll(() => {
  workbook = copyWorkbook('authoring');
  created = runCli(['new', 'p-debounce', '--title', 'pDebounce: one call per burst', '--module', '6', '--root', workbook.root]);
  const out = join(workbook.root, 'card.json');
  runCli(['grade', '04', '--root', workbook.root, '--json', out]);
  card = JSON.parse(readFileSync(out, 'utf8')) as Scorecard;
  verified = runCli(['verify', '04', '--root', workbook.root]);
});
afterAll(() => workbook.remove());

describe('pnpm new <slug>', () => {
  it('writes every part of the contract under the next free number, and lists each file it wrote', () => {
    expect(created.status, created.stderr).toBe(0);
    for (const path of written) {
      expect(existsSync(join(workbook.root, path)), path).toBe(true);
      expect(created.stdout).toContain(`created ${path}`);
    }
  });

  it('prints the next steps, pnpm install first', () => {
    const steps = created.stdout.slice(created.stdout.indexOf('next steps:'));
    expect(steps).toMatch(/1\. pnpm install .*links @tickwork\/testkit/);
    expect(steps).toContain(`pnpm grade 04 --root ${workbook.root}`);
    expect(steps).toContain(`pnpm verify 04 --root ${workbook.root}`);
    expect(steps).toContain('docs/authoring.md');
  });

  it('writes metadata that discovery accepts, with the title and module asked for', () => {
    const found = discoverExercises(workbook.root).find((e) => e.slug === SLUG);
    if (!found || isBroken(found)) throw new Error(`${SLUG} was not discovered: ${found && isBroken(found) ? found.problem.message : 'missing'}`);
    expect(found.metadata).toMatchObject({ title: 'pDebounce: one call per burst', module: 6, order: 4, guide: 'beyond', points: 4 });
  });

  it(`marks every template part ${AUTHOR_TODO}`, () => {
    for (const path of written.filter((p) => !p.endsWith('tsconfig.json'))) {
      expect(readFileSync(join(workbook.root, path), 'utf8'), path).toContain(AUTHOR_TODO);
    }
  });

  it('can be graded at once: the stub scores 0 and shows as not started', () => {
    const result = card.exercises.find((e) => e.slug === SLUG);
    expect(result).toMatchObject({ points: 0, maxPoints: 4, status: 'failed' });
    expect(result?.tests.length).toBeGreaterThan(0);
    expect(result?.tests.every((t) => t.kind === 'not-implemented'), JSON.stringify(result?.tests)).toBe(true);
  });
});

describe('verify of a scaffold that is not filled in yet', () => {
  const violation = (text: string): string => `✗ ${SLUG}: ${text}`;

  it('rejects it and keeps its closing line', () => {
    expect(verified.status, verified.stderr).toBe(1);
    expect(verified.stdout.trimEnd().split('\n').at(-1)).toBe('verify: 0 passed, 1 failed');
  });

  it(`names each file that still has ${AUTHOR_TODO}`, () => {
    for (const file of EXERCISE_FILES.filter((f) => f !== 'tsconfig.json')) {
      expect(verified.stdout).toContain(violation(`${file} still has template text (${AUTHOR_TODO})`));
    }
    for (const file of SOLUTION_FILES) {
      expect(verified.stdout).toContain(violation(`solutions/${SLUG}/${file} still has template text (${AUTHOR_TODO})`));
    }
  });

  it('says the template mutant is no mistake yet, and that one mutant is not enough', () => {
    expect(verified.stdout).toContain(violation('mutant name-the-mistake scores 100% (4/4): it is not a mistake yet'));
    expect(verified.stdout).toContain(violation(`1 mutant(s) in solutions/${SLUG}/mutants; at least 2 needed`));
  });

  it('finds nothing else wrong: the template solution, alternative and stub already keep their part', () => {
    const lines = verified.stdout.split('\n').filter((line) => line.startsWith('✗ '));
    const expected = EXERCISE_FILES.length - 1 + SOLUTION_FILES.length + 2;
    expect(lines, lines.join('\n')).toHaveLength(expected);
  });
});

describe('pnpm new refuses, writing nothing', () => {
  let copy: ReturnType<typeof copyWorkbook>;
  let before: string[];
  // Through the real CLI, run up front: each start of it costs seconds on a loaded machine.
  const refusals = new Map<string, { result: CliResult; after: string[] }>();
  const CLI_REFUSALS: string[][] = [['01-complete'], ['Bad_Name'], []];
  beforeAll(() => {
    copy = copyWorkbook('authoring');
    before = filesIn(copy.root);
    for (const args of CLI_REFUSALS) refusals.set(args.join(' '), { result: runCli(['new', ...args, '--root', copy.root]), after: filesIn(copy.root) });
  });
  afterAll(() => copy.remove());

  /** A user mistake: exit 2, one line on stderr naming the cause, and not a file more in the workbook. */
  function expectRefused(args: string[], pattern: RegExp): void {
    const { result, after } = refusals.get(args.join(' '))!;
    expect(result.status, result.stdout).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines, `stderr should be one line, got:\n${result.stderr}`).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(after).toEqual(before);
  }

  it('an exercise folder that exists', () => {
    expectRefused(['01-complete'], /^tickwork: exercises\/01-complete exists already: nothing was written/);
  });

  it('a name that is not lower-case words', () => {
    expectRefused(['Bad_Name'], /^tickwork: "Bad_Name": an exercise name is lower-case words joined by "-", optionally after its two-digit number/);
  });

  it('no name at all', () => {
    expectRefused([], /pnpm new takes one exercise name, got none/);
  });

  // The other refusals are decided before the command writes anything (plan.ts): checked in-process.
  it.each([
    ['02-something-else', {}, /number 02 is taken by 02-flaky-solution: nothing was written \(the next free number is 04\)/],
    ['complete', {}, /an exercise named "complete" exists already \(01-complete\)/],
    ['4-one-digit', {}, /"4-one-digit": the number in front has two digits \(04-one-digit\)/],
    ['05-', {}, /an exercise name is lower-case words/],
    ['p--limit', {}, /an exercise name is lower-case words/],
    ['pLimit', {}, /an exercise name is lower-case words/],
    ['p-debounce', { module: '8' }, /--module 8: expected a module number from 1 to 7/],
    ['p-debounce', { title: '  ' }, /--title: the title must not be empty/],
  ])('%s %j', (name, options, pattern) => {
    expect(() => planNewExercise(copy.root, { name, ...options })).toThrow(UsageError);
    expect(() => planNewExercise(copy.root, { name, ...options })).toThrow(pattern);
    expect(filesIn(copy.root)).toEqual(before);
  });
});

describe('planNewExercise', () => {
  it('takes the next free number for a name without one, and the module of the exercise before it', () => {
    const copy = copyWorkbook('authoring');
    try {
      expect(planNewExercise(copy.root, { name: 'p-debounce' })).toMatchObject({ slug: '04-p-debounce', order: 4, module: 1, moduleFrom: '03-slow-tests' });
      expect(planNewExercise(copy.root, { name: '10-p-debounce', module: '6' })).toMatchObject({ slug: '10-p-debounce', order: 10, module: 6 });
      expect(planNewExercise(copy.root, { name: 'p-debounce' }).title).toContain(AUTHOR_TODO);
    } finally {
      copy.remove();
    }
  });
});
