import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../src/scorecard.ts';
import { git, gitWorkbook } from './git-workbook.ts';
import { REPO_ROOT, runCli, type CliResult } from './run-cli.ts';

/**
 * The end-to-end case: a pull request that fixes a stub, weakens a test and edits the grader.
 * The trusted copy grades the fix, ignores the rest, lists it as tampering and exits 1.
 */
describe('pnpm grade --ci --base: a pull request graded from a trusted copy', () => {
  let workbook: ReturnType<typeof gitWorkbook>;
  let scratch: string;
  let result: CliResult;
  let scorecard: Scorecard;
  let base: string;
  let head: string;
  const TEST_FILE = 'exercises/02-run-main/tests/run-main.test.ts';
  const GRADER_FILE = 'grader/src/report/json.ts';

  beforeAll(() => {
    workbook = gitWorkbook();
    scratch = mkdtempSync(join(tmpdir(), 'tickwork-ci-out-'));
    const { repo } = workbook;
    // 1. The fix: exercise 01's stub becomes the reference solution.
    copyFileSync(join(REPO_ROOT, 'solutions/01-task-queues/index.ts'), join(repo, 'exercises/01-task-queues/src/index.ts'));
    // 2. A test that passes anything, worth every point.
    writeFileSync(join(repo, TEST_FILE), "import { it } from 'vitest';\nit('anything', () => {});\n");
    // 3. A grader that reports full marks, whatever happened.
    writeFileSync(join(repo, GRADER_FILE), 'export function renderJson(s) { return JSON.stringify({ ...s, totals: { ...s.totals, points: s.totals.maxPoints } }); }\n');
    // 4. A learner file that reads its environment, to prove no secret reaches learner code.
    const stub = readFileSync(join(repo, 'exercises/02-run-main/src/index.ts'), 'utf8');
    const dump = join(scratch, 'learner-env.json');
    writeFileSync(join(repo, 'exercises/02-run-main/src/index.ts'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(dump)}, JSON.stringify(process.env));\n${stub}`);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'learner: fix 01, and more');
    base = git(repo, 'rev-parse', 'base');
    head = git(repo, 'rev-parse', 'HEAD');
    result = runCli(['grade', '--ci', '--base', 'base', '--root', repo, '01', '02', '--report', `json=${join(scratch, 'scorecard.json')}`], {
      env: { TICKWORK_TEST_SECRET: 's3cret-value', GITHUB_TOKEN: 'ghs_not-for-learners', GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: join(scratch, 'github-output') },
    });
    scorecard = JSON.parse(readFileSync(join(scratch, 'scorecard.json'), 'utf8')) as Scorecard;
  });

  afterAll(() => {
    workbook?.remove();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('exits 1 after writing the scorecard, and says why on stderr', () => {
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/2 file\(s\) outside the learner's files changed \(tampering\)/);
  });

  it("grades the learner's fixed stub", () => {
    const one = scorecard.exercises.find((e) => e.slug === '01-task-queues')!;
    expect(one.status).toBe('passed');
    expect(one.points).toBe(one.maxPoints);
  });

  it("grades 02 with the base's tests, not the edited one, and the base's grader", () => {
    const two = scorecard.exercises.find((e) => e.slug === '02-run-main')!;
    expect(two.points).toBe(0);
    expect(two.tests.length).toBeGreaterThan(1);
    expect(two.tests.map((t) => t.name)).not.toContain('anything');
    // The edited grader would have written points = maxPoints.
    expect(scorecard.totals.points).toBe(scorecard.exercises.find((e) => e.slug === '01-task-queues')!.points);
    expect(scorecard.totals.points).toBeLessThan(scorecard.totals.maxPoints);
  });

  it('lists the edited test and grader as tampering, and the learner files not at all', () => {
    expect(scorecard.tampering).toEqual([
      { file: TEST_FILE, change: 'modified' },
      { file: GRADER_FILE, change: 'modified' },
    ].sort((a, b) => a.file.localeCompare(b.file)));
  });

  it('records the base, head and fork commits and a hash of the tests used', () => {
    expect(scorecard.provenance).toMatchObject({ base, head, mergeBase: base });
    expect(scorecard.provenance!.testsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(scorecard.provenance!.learnerFiles).toContain('exercises/01-task-queues/src/**');
  });

  it('gives learner code a minimal environment: no secrets, no runner variables, a home inside the tree', () => {
    const env = JSON.parse(readFileSync(join(scratch, 'learner-env.json'), 'utf8')) as Record<string, string>;
    const seen = JSON.stringify(env);
    expect(seen).not.toContain('s3cret-value');
    expect(seen).not.toContain('ghs_not-for-learners');
    expect(Object.keys(env).filter((k) => k.startsWith('GITHUB_'))).toEqual([]);
    expect(env.HOME).toMatch(/tickwork-trusted-.*\.tickwork\/home$/);
  });

  it('under GitHub Actions, prints learner text inside stop-commands and its own annotations after it', () => {
    const lines = result.stdout.split('\n');
    const open = lines.findIndex((line) => line.startsWith('::stop-commands::'));
    const token = lines[open]!.slice('::stop-commands::'.length);
    const close = lines.indexOf(`::${token}::`);
    expect(token).toMatch(/^tickwork-[0-9a-f]{32}$/);
    expect(close).toBeGreaterThan(open);
    // The scorecard sits between the two; the only commands outside are the grader's annotations.
    expect(lines.slice(open, close).join('\n')).toContain('02-run-main');
    const outside = [...lines.slice(0, open), ...lines.slice(close + 1)].filter((line) => line.startsWith('::'));
    expect(outside.length).toBeGreaterThan(0);
    for (const line of outside) expect(line).toMatch(/^::error file=exercises\/02-run-main\/src\/index\.ts,line=\d+,col=\d+,title=[^:]+::/);
  });
});

describe('pnpm grade --ci: bad input', () => {
  it('needs --base', () => {
    const result = runCli(['grade', '--ci']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--ci needs --base <ref>/);
  });

  it('names a ref that is not a commit', () => {
    const result = runCli(['grade', '--ci', '--base', 'no-such-ref-anywhere']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--base no-such-ref-anywhere: not a commit/);
  });

  it('refuses author options in trusted grading', () => {
    const result = runCli(['grade', '--ci', '--base', 'HEAD', '--solutions']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--solutions: not with --ci/);
  });
});
