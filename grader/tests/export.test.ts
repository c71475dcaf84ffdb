import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../src/scorecard.ts';
import { REPO_ROOT, runCli } from './run-cli.ts';

// SLOW (about a minute on a quiet machine, several on a busy one): exports the real workbook with
// hidden tests withheld, installs the edition with pnpm from pnpm's store (the registry only for what
// the store lacks) and grades it there, as a learner would from a fresh folder. Part of `pnpm test`
// on purpose: the issue asks that the student edition itself be tested.

const SLOW = 900_000;
const ENGLISH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
// Out of vitest, like the CLI runs: the edition's pnpm and grader see a learner's environment.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TICKWORK_RUN_DIR'));

function inEdition(dir: string, command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: dir, env: { ...env, ...ENGLISH, NO_COLOR: '1' }, encoding: 'utf8', timeout: SLOW });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Paths under `dir`, relative to it, leaving node_modules out. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === 'node_modules') return [];
    return entry.isDirectory() ? [path, ...filesUnder(dir, path)] : [path];
  });
}

// Every step runs a grade or pnpm in a child process: generous limits, for a busy 2-core machine.
describe('the student edition of this workbook, hidden tests withheld (slow: export, pnpm install, grade)', { timeout: SLOW }, () => {
  const edition = join(mkdtempSync(join(tmpdir(), 'tickwork-student-')), 'edition');
  let exported: ReturnType<typeof runCli>;
  let installed: ReturnType<typeof inEdition>;

  beforeAll(() => {
    exported = runCli(['export', '--student', edition, '--withhold-hidden'], { timeoutMs: SLOW, env: ENGLISH });
    if (exported.status === 0) installed = inEdition(edition, 'pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
  }, SLOW);

  afterAll(() => rmSync(join(edition, '..'), { recursive: true, force: true }));

  it('has no solutions, no mutants or alternatives, and no hidden test file', () => {
    expect(exported.status, exported.stderr).toBe(0);
    const all = filesUnder(edition);
    expect(existsSync(join(edition, 'solutions'))).toBe(false);
    expect(all.filter((path) => /(^|\/)(solutions|mutants|alternatives)(\/|$)/.test(path))).toEqual([]);
    const testFiles = all.filter((path) => /^exercises\/[^/]+\/tests\/.*\.test\.ts$/.test(path));
    expect(testFiles.length).toBeGreaterThanOrEqual(3);
    expect(testFiles.filter((path) => !path.endsWith('.public.test.ts'))).toEqual([]);
    expect(readFileSync(join(edition, 'pnpm-lock.yaml'), 'utf8')).not.toMatch(/^ {2}solutions:|p-limit@/m);
  });

  it('installs from an empty folder with the frozen lockfile', () => {
    expect(installed?.status, installed?.output).toBe(0);
  });

  it('grades there: present points plus withheld points are each exercise’s points, and no exercise is "passed"', () => {
    const card = join(edition, 'card.json');
    const graded = inEdition(edition, 'pnpm', ['grade', '--json', card]);
    expect(graded.status, graded.output).toBe(0);
    const source = readdirSync(join(REPO_ROOT, 'exercises')).filter((slug) => /^\d{2}-/.test(slug)).sort();
    const { exercises } = readJson(card) as Scorecard;
    expect(exercises.map((e) => e.slug)).toEqual(source);
    for (const exercise of exercises) {
      const { points } = readJson(join(REPO_ROOT, 'exercises', exercise.slug, 'package.json')).tickwork as { points: number };
      const present = exercise.tests.reduce((sum, t) => sum + t.maxPoints, 0);
      expect(exercise.withheld, exercise.slug).toBeDefined();
      expect(present + exercise.withheld!.points, `${exercise.slug}: present + withheld points`).toBe(points);
      expect(exercise.maxPoints, exercise.slug).toBe(present);
      expect(exercise.status, exercise.slug).not.toBe('passed');
      expect(graded.output).toContain(
        exercise.tests.length === 0
          ? `all ${exercise.withheld!.tests} tests (${exercise.withheld!.points} points) of this exercise are hidden`
          : `${exercise.withheld!.tests} hidden tests (${exercise.withheld!.points} points) are not in this edition: CI grades them`,
      );
    }
    // The exercises that ship public tests (01, 10, 18 at least) are graded, not only described.
    expect(exercises.filter((e) => e.tests.length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('counts the withheld tests as the instructor’s workbook has them: all its tests but those in the edition', () => {
    const sourceCard = join(edition, 'source-card.json');
    const editionCard = join(edition, 'edition-card.json');
    const source = runCli(['grade', '01', '10', '18', '--solutions', '--json', sourceCard], { timeoutMs: SLOW, env: ENGLISH });
    expect(source.status, source.stderr).toBe(0);
    const graded = inEdition(edition, 'pnpm', ['grade', '01', '10', '18', '--json', editionCard]);
    expect(graded.status, graded.output).toBe(0);
    const present = new Map((readJson(editionCard) as Scorecard).exercises.map((e) => [e.slug, e.tests]));
    for (const exercise of (readJson(sourceCard) as Scorecard).exercises) {
      const shipped = new Set(present.get(exercise.slug)!.map((t) => t.name));
      const rest = exercise.tests.filter((t) => !shipped.has(t.name));
      expect(shipped.size, exercise.slug).toBeGreaterThan(0);
      expect(rest.length, exercise.slug).toBe(exercise.tests.length - shipped.size);
      const withheld = readJson(join(edition, 'exercises', exercise.slug, 'package.json')).tickwork.withheld;
      expect(withheld, exercise.slug).toEqual({ tests: rest.length, points: rest.reduce((sum, t) => sum + t.maxPoints, 0) });
    }
  });

  it('with a correct solution, says "public tests passed" and how many hidden tests CI grades — never "passed"', () => {
    writeFileSync(join(edition, 'exercises/18-fetch-data-gather/src/index.ts'), readFileSync(join(REPO_ROOT, 'solutions/18-fetch-data-gather/index.ts')));
    const graded = inEdition(edition, 'pnpm', ['grade', '18']);
    expect(graded.status, graded.output).toBe(0);
    expect(graded.output).toMatch(/18-fetch-data-gather\s+✓ public tests passed/);
    expect(graded.output).toMatch(/\d+ hidden tests? \(\d+ points?\) (are|is) not in this edition: CI grades (them|it)/);
    expect(graded.output).toContain('every test in this edition passes; CI grades the hidden ones.');
    expect(graded.output).not.toMatch(/✓ passed|every exercise passes/);
  });

  it('answers pnpm verify with one plain line: an instructor command', () => {
    const verified = inEdition(edition, 'pnpm', ['verify']);
    expect(verified.status).not.toBe(0);
    expect(verified.output).toContain('pnpm verify is an instructor command: this student edition has no solutions/');
  });

  it('refuses to export into a folder that is not empty', () => {
    const refused = runCli(['export', '--student', edition, '--withhold-hidden']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^tickwork: --student .*: the folder is not empty; export writes a new edition into an empty or new folder$/);
  });
});
