import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_FILES, REPORT_FORMATS } from '../src/report/formats.ts';
import type { Scorecard } from '../src/scorecard.ts';
import { launchChromium } from './chromium.ts';
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
    // Every format from this one run (the terminal one to stdout).
    const reports = REPORT_FORMATS.flatMap((format) => ['--report', format === 'terminal' ? format : `${format}=${join(scratch, 'reports', DEFAULT_REPORT_FILES[format])}`]);
    result = runCli(['grade', '--ci', '--base', 'base', '--root', repo, '01', '02', ...reports], {
      env: { TICKWORK_TEST_SECRET: 's3cret-value', GITHUB_TOKEN: 'ghs_not-for-learners', GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: join(scratch, 'github-output') },
    });
    scorecard = JSON.parse(readFileSync(join(scratch, 'reports', DEFAULT_REPORT_FILES.json), 'utf8')) as Scorecard;
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
    // Annotations on the learner's lines, and the Points notice GitHub Classroom reads (--report classroom).
    for (const line of outside) expect(line).toMatch(/^::(error file=exercises\/02-run-main\/src\/index\.ts,line=\d+,col=\d+,title=[^:]+|notice title=Autograding complete)::/);
  });

  describe('every report format, from the same run, read back', () => {
    const path = (format: keyof typeof DEFAULT_REPORT_FILES) => join(scratch, 'reports', DEFAULT_REPORT_FILES[format]);
    const report = (format: keyof typeof DEFAULT_REPORT_FILES) => readFileSync(path(format), 'utf8');
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
    const one = () => scorecard.exercises.find((e) => e.slug === '01-task-queues')!;

    it('markdown: the marker, tampering before the table, a row per exercise', () => {
      const text = report('markdown');
      const tokens = marked.lexer(text);
      const table = tokens.find((t) => t.type === 'table') as { rows: unknown[] } | undefined;
      expect(text.split('\n')[0]).toBe('<!-- tickwork-grade -->');
      expect(table?.rows).toHaveLength(2);
      expect(text.indexOf('run-main.test.ts')).toBeLessThan(text.indexOf('| 01-task-queues'));
    });

    it('junit: valid XML, a suite per exercise, failures counted', () => {
      const text = report('junit');
      expect(XMLValidator.validate(text)).toBe(true);
      const suites = (xml.parse(text) as { testsuites: { testsuite: Array<{ name: string; tests: string; failures: string }> } }).testsuites.testsuite;
      const mine = suites.filter((suite) => suite.name.startsWith('0'));
      expect(mine.map((suite) => suite.name)).toEqual(['01-task-queues', '02-run-main']);
      expect(Number(mine[0]!.failures)).toBe(0);
      expect(Number(mine[1]!.failures)).toBe(scorecard.exercises[1]!.tests.length);
    });

    it("gradescope and classroom: their scores add up to the scorecard's", () => {
      const gradescope = JSON.parse(report('gradescope')) as { tests: Array<{ score: number; max_score: number }> };
      expect(gradescope.tests.reduce((sum, t) => sum + t.score, 0)).toBe(scorecard.totals.points);
      expect(gradescope.tests.reduce((sum, t) => sum + t.max_score, 0)).toBe(scorecard.totals.maxPoints);
      const classroom = JSON.parse(report('classroom')) as { version: number; status: string; max_score: number; tests: Array<{ score: number }> };
      expect(classroom).toMatchObject({ version: 1, status: 'error', max_score: scorecard.totals.maxPoints });
      expect(classroom.tests.reduce((sum, t) => sum + t.score, 0)).toBe(scorecard.totals.points);
      // Under GitHub Actions the same result is the step's `result` output, and the notice is printed.
      const output = readFileSync(join(scratch, 'github-output'), 'utf8').trim();
      expect(JSON.parse(Buffer.from(output.replace(/^result=/, ''), 'base64').toString('utf8'))).toEqual(classroom);
      expect(result.stdout).toContain(`::notice title=Autograding complete::Points ${scorecard.totals.points}/${scorecard.totals.maxPoints}`);
    });

    it('badge: a valid SVG that says the grade was tampered with', () => {
      const text = report('badge');
      expect(XMLValidator.validate(text)).toBe(true);
      expect(text).toMatch(/tampered/);
    });

    it('html: opened in headless Chromium, its totals read back from the DOM', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(path('html')).href);
        const totals = page.locator('#totals');
        expect(Number(await totals.getAttribute('data-total-points'))).toBe(one().points);
        expect(Number(await totals.getAttribute('data-max-points'))).toBe(scorecard.totals.maxPoints);
        expect(await page.locator('[data-exercise]').count()).toBe(2);
      } finally {
        await browser.close();
      }
    });
  });
});

describe('pnpm grade --ci: a clean pull request from a branch that the base has moved past', () => {
  it("counts only the learner's changes since the fork point, grades them, and exits 0", () => {
    const workbook = gitWorkbook();
    const { repo } = workbook;
    try {
      const fork = git(repo, 'rev-parse', 'HEAD');
      git(repo, 'checkout', '-q', '-b', 'learner');
      copyFileSync(join(REPO_ROOT, 'solutions/01-task-queues/index.ts'), join(repo, 'exercises/01-task-queues/src/index.ts'));
      git(repo, 'commit', '-q', '-am', 'learner: fix 01');
      // The course moves on after the learner forked: not the learner's change, not tampering.
      git(repo, 'checkout', '-q', 'main');
      writeFileSync(join(repo, 'exercises/01-task-queues/README.md'), 'A clearer README.\n');
      git(repo, 'commit', '-q', '-am', 'course: reword a README');
      const out = join(repo, '..', `${repo.split('/').pop()}-card.json`);
      const result = runCli(['grade', '--ci', '--base', 'main', '--head', 'learner', '--root', repo, '01', '--report', `json=${out}`]);
      const card = JSON.parse(readFileSync(out, 'utf8')) as Scorecard;
      rmSync(out, { force: true });
      expect(result.status, result.stderr).toBe(0);
      expect(card.tampering).toEqual([]);
      expect(card.provenance?.mergeBase).toBe(fork);
      expect(card.provenance?.base).toBe(git(repo, 'rev-parse', 'main'));
      expect(card.exercises[0]).toMatchObject({ slug: '01-task-queues', status: 'passed' });
    } finally {
      workbook.remove();
    }
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

  it('refuses a Gradescope visibility it does not know, before grading', () => {
    const result = runCli(['grade', '--ci', '--base', 'HEAD', '--hidden-visibility', 'sometimes']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--hidden-visibility sometimes: expected one of hidden, after_due_date, after_published, visible/);
  });

  it('refuses author options in trusted grading', () => {
    const result = runCli(['grade', '--ci', '--base', 'HEAD', '--solutions']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--solutions: not with --ci/);
  });
});
