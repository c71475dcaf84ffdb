import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverExercises, type Exercise } from '../src/discover/discover.ts';
import { messages } from '../src/i18n/messages.ts';
import { nextHintStep } from '../src/hints/hints.ts';
import { resetExercise } from '../src/reset/reset.ts';
import { nextUnfinished } from '../src/state/next-exercise.ts';
import { STATE_SCHEMA, type LearnerState } from '../src/state/state.ts';
import { fixture, runCli, type CliResult } from './run-cli.ts';

// Every test works on a fresh copy of grader/fixtures/learner-tools: hints and resets write state,
// backups and stubs, and the fixture (like the real exercises) must never change.
const ENGLISH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
// Each CLI run starts tsx and vitest (seconds on a busy 2-core machine); some tests make four.
const CLI_TESTS = { timeout: 150_000 };
const STUB_01 = 'exercises/01-add-later/src/index.ts';

function workbook(options: { git?: boolean; modules?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'tickwork-learner-'));
  cpSync(fixture('learner-tools'), root, { recursive: true });
  if (options.git) {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=tickwork', '-c', 'user.email=tickwork@example.invalid', 'commit', '-q', '-m', 'stubs');
  }
  // Grading resolves vitest and the testkit from the workbook's node_modules: lend it the grader's.
  if (options.modules) symlinkSync(fixture('../node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

const stateOf = (root: string): LearnerState => JSON.parse(readFileSync(join(root, '.tickwork', 'state.json'), 'utf8')) as LearnerState;
const writeState = (root: string, state: LearnerState): void => {
  mkdirSync(join(root, '.tickwork'), { recursive: true });
  writeFileSync(join(root, '.tickwork', 'state.json'), JSON.stringify(state));
};
const hint = (root: string, ...args: string[]): CliResult => runCli(['hint', ...args, '--root', root], { env: ENGLISH });

function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.status, result.stdout).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, `stderr should be one line, got:\n${result.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('pnpm hint', CLI_TESTS, () => {
  it('reveals hint 1, then 2, then 3, then says there are no more and shows the last again', () => {
    const root = workbook();
    const first = hint(root, '01');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Hint 1 of 3');
    expect(first.stdout).toContain('EN first hint');
    expect(first.stdout).not.toContain('EN second hint');
    expect(first.stdout).toContain('`pnpm hint 01-add-later` reveals hint 2');

    const second = hint(root, '01').stdout;
    expect(second).toContain('Hint 2 of 3');
    expect(second).toContain('EN second hint');
    expect(second).not.toContain('EN first hint');

    const third = hint(root, '01').stdout;
    expect(third).toContain('EN third hint');
    expect(third).not.toContain('That was the last hint');

    const fourth = hint(root, '01').stdout;
    expect(fourth).toContain('Hint 3 of 3');
    expect(fourth).toContain('EN third hint');
    expect(fourth).toContain('That was the last hint (3 of 3)');
    expect(stateOf(root).exercises['01-add-later']).toMatchObject({ hintsRevealed: 3 });
  });

  it('shows every hint with --all and remembers them as seen', () => {
    const root = workbook();
    const all = hint(root, '01-add-later', '--all');
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/Hint 1 of 3[\s\S]*EN first hint[\s\S]*Hint 2 of 3[\s\S]*EN second hint[\s\S]*Hint 3 of 3[\s\S]*EN third hint/);
    expect(stateOf(root).exercises['01-add-later']).toMatchObject({ hintsRevealed: 3 });
  });

  it('speaks Turkish with --lang tr, and falls back to the English hints where an exercise has no hints.tr.md', () => {
    const root = workbook();
    const turkish = hint(root, '01', '--lang', 'tr').stdout;
    expect(turkish).toContain('İpucu 1 / 3');
    expect(turkish).toContain('TR birinci ipucu');
    expect(turkish).toContain('Hâlâ takıldınız mı?');
    const fallback = hint(root, '02', '--lang', 'tr').stdout;
    expect(fallback).toContain('İpucu 1 / 3');
    expect(fallback).toContain('EN only: the first hint of 02');
  });

  it('picks Turkish from LANG=tr_TR.UTF-8', () => {
    const root = workbook();
    const result = runCli(['hint', '01', '--root', root], { env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'tr_TR.UTF-8' } });
    expect(result.stdout).toContain('TR birinci ipucu');
  });

  it('without an exercise name, says which one it picked: the first not yet at its full best score', () => {
    const root = workbook();
    writeState(root, { schema: STATE_SCHEMA, exercises: { '01-add-later': { bestPoints: 2, maxPoints: 2, hintsRevealed: 0 } } });
    const result = hint(root);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('the next one to work on is 02-double-later');
    expect(result.stdout).toContain('EN only: the first hint of 02');
  });

  it('rejects an unknown exercise in one line, with the nearest names', () => {
    expectOneLineError(hint(workbook(), 'add-latr'), /unknown exercise "add-latr"; did you mean 01-add-later\?/);
  });

  it('counts hints as a pure step: next, repeat the last when exhausted, --all shows everything', () => {
    expect(nextHintStep(3, 0, false)).toEqual({ show: [1], revealed: 1, exhausted: false });
    expect(nextHintStep(3, 2, false)).toEqual({ show: [3], revealed: 3, exhausted: false });
    expect(nextHintStep(3, 3, false)).toEqual({ show: [3], revealed: 3, exhausted: true });
    expect(nextHintStep(3, 7, false)).toEqual({ show: [3], revealed: 3, exhausted: true });
    expect(nextHintStep(3, 1, true)).toEqual({ show: [1, 2, 3], revealed: 3, exhausted: false });
  });
});

describe('pnpm grade --reset', CLI_TESTS, () => {
  const reset = (root: string, ...args: string[]): CliResult => runCli(['grade', '--root', root, '--reset', ...args], { env: ENGLISH });

  it('with --yes, backs up the learner\'s file and restores the committed stub', () => {
    const root = workbook({ git: true });
    const stub = readFileSync(join(root, STUB_01), 'utf8');
    writeFileSync(join(root, STUB_01), 'export const mine = "the learner\'s work";\n');
    const result = reset(root, '01', '--yes');
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(root, STUB_01), 'utf8')).toBe(stub);
    const backups = readdirSync(join(root, '.tickwork', 'backups', '01-add-later'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^index\.\d{4}-\d\d-\d\dT[\d-]+Z\.ts$/);
    expect(readFileSync(join(root, '.tickwork', 'backups', '01-add-later', backups[0]!), 'utf8')).toContain("the learner's work");
    expect(result.stdout).toContain(`.tickwork/backups/01-add-later/${backups[0]}`);
  });

  it('refuses without a terminal and without --yes, even when "y" is piped in, and changes nothing', () => {
    const root = workbook({ git: true });
    appendFileSync(join(root, STUB_01), '// my change\n');
    const result = runCli(['grade', '--root', root, '--reset', '01'], { env: ENGLISH, input: 'y\n' });
    expectOneLineError(result, /refusing to reset exercises\/01-add-later\/src\/index\.ts without confirmation: run it in a terminal, or add --yes/);
    expect(readFileSync(join(root, STUB_01), 'utf8')).toContain('// my change');
    expect(existsSync(join(root, '.tickwork'))).toBe(false);
  });

  it('says an untouched stub is untouched and writes nothing, without asking', () => {
    const root = workbook({ git: true });
    const result = reset(root, '01');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('is still the untouched stub: nothing to reset, nothing written');
    expect(existsSync(join(root, '.tickwork'))).toBe(false);
  });

  it('explains in one line that a workbook outside git has no stub to restore', () => {
    expectOneLineError(reset(workbook(), '01', '--yes'), /cannot restore exercises\/01-add-later\/src\/index\.ts: it is not in git's last commit/);
  });

  it('does one thing: --reset with exercise names is a usage error', () => {
    expectOneLineError(reset(workbook({ git: true }), '01', '02'), /--reset works alone: it cannot be combined with 02/);
  });

  it('keeps the learner\'s file when the answer is no', async () => {
    const root = workbook({ git: true });
    appendFileSync(join(root, STUB_01), '// keep me\n');
    const exercise = discoverExercises(root).find((e) => e.slug === '01-add-later') as Exercise;
    const asked: string[] = [];
    const printed: string[] = [];
    const outcome = await resetExercise({
      root,
      exercise,
      text: messages('en'),
      confirm: async (question) => (asked.push(question), false),
      print: (line) => printed.push(line),
    });
    expect(outcome).toBe('cancelled');
    expect(asked).toEqual(['Replace exercises/01-add-later/src/index.ts with the original stub? Your file is backed up first. [y/N] ']);
    expect(printed).toEqual(['Nothing changed.']);
    expect(readFileSync(join(root, STUB_01), 'utf8')).toContain('// keep me');
    expect(existsSync(join(root, '.tickwork'))).toBe(false);
  });
});

describe('progress in .tickwork/state.json', CLI_TESTS, () => {
  it('records best scores after a grade of the learner\'s code, never lowers one, and keeps exercises outside the grade', () => {
    const root = workbook({ modules: true });
    // 01 now earns 1 of 2 (right value, wrong time); 02 is an untouched stub that once earned its point.
    writeFileSync(join(root, STUB_01), 'export async function addLater(a: number, b: number): Promise<number> {\n  return a + b;\n}\n');
    writeState(root, {
      schema: STATE_SCHEMA,
      exercises: {
        '02-double-later': { bestPoints: 1, maxPoints: 1, hintsRevealed: 2 },
        '07-not-in-this-grade': { bestPoints: 3, maxPoints: 4, hintsRevealed: 1 },
      },
    });
    const result = runCli(['grade', '--root', root], { env: ENGLISH });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('total 1/3 points');
    expect(stateOf(root).exercises).toEqual({
      '01-add-later': { bestPoints: 1, maxPoints: 2, hintsRevealed: 0 },
      '02-double-later': { bestPoints: 1, maxPoints: 1, hintsRevealed: 2 },
      '07-not-in-this-grade': { bestPoints: 3, maxPoints: 4, hintsRevealed: 1 },
    });
  });

  it('takes the next unfinished exercise in workbook order, by best score', () => {
    const exercises = discoverExercises(fixture('learner-tools')) as Exercise[];
    const state = (best: number): LearnerState => ({ schema: STATE_SCHEMA, exercises: { '01-add-later': { bestPoints: best, maxPoints: 2, hintsRevealed: 3 } } });
    expect(nextUnfinished(exercises, state(1))?.slug).toBe('01-add-later');
    expect(nextUnfinished(exercises, state(2))?.slug).toBe('02-double-later');
  });
});
