import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSubmissionTree } from '../src/batch/submission-tree.ts';
import { globToRegExp, type AllowList } from '../src/trusted/allow-list.ts';
import { CHILD_LOG_LIMIT, gradeInSandbox } from '../src/trusted/sandbox.ts';
import { testsHash } from '../src/trusted/tests-hash.ts';
import type { Exercise } from '../src/discover/discover.ts';
import { learnerFilesProblems } from '../src/verify/contract-checks.ts';

const scratch: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tickwork-pieces-'));
  scratch.push(dir);
  return dir;
}
function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Gone, or a zombie waiting to be reaped by whoever adopted it (Linux's /proc). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
}

const node = (script: string) => [process.execPath, '-e', script];
const srcOnly: AllowList = { globs: ['exercises/01-a/src/**'], allows: (path) => /^exercises\/01-a\/src\/.+/.test(path) };

describe('allow-list globs', () => {
  it.each([
    ['src/**', 'src/index.ts', true],
    ['src/**', 'src/deep/er/x.ts', true],
    ['src/**', 'tests/x.test.ts', false],
    ['src/**', 'srcx/index.ts', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['**/notes.md', 'notes.md', true],
    ['**/notes.md', 'a/b/notes.md', true],
    ['data?.json', 'data1.json', true],
    ['data?.json', 'data12.json', false],
    ['a.b', 'aXb', false],
  ])('%s against %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe('verify: the allow-list of an exercise', () => {
  function exercise(learnerFiles?: string[]): Exercise {
    const dir = folder();
    write(dir, 'src/index.ts', 'stub');
    write(dir, 'tests/a.test.ts', 'test');
    write(dir, 'package.json', '{}');
    return { slug: '01-a', dir, metadata: { learnerFiles } } as unknown as Exercise;
  }

  it('accepts the default and a wider allow-list that keeps off tests and package.json', () => {
    expect(learnerFilesProblems(exercise())).toEqual([]);
    expect(learnerFilesProblems(exercise(['src/**', 'notes/*.md']))).toEqual([]);
  });

  it('names every file that decides a grade but a learner could change, and a stub a learner could not', () => {
    expect(learnerFilesProblems(exercise(['**']))).toEqual([
      "tickwork.learnerFiles covers package.json: a learner's change to it would be graded in CI (docs/ci.md)",
      "tickwork.learnerFiles covers tests/a.test.ts: a learner's change to it would be graded in CI (docs/ci.md)",
    ]);
    expect(learnerFilesProblems(exercise(['lib/**']))).toEqual(['tickwork.learnerFiles does not cover src/index.ts: a learner could not submit the stub']);
  });
});

describe('the tests hash', () => {
  it('changes with a test, the testkit or the grader, and not with a README or a learner file', () => {
    const tree = folder();
    write(tree, 'exercises/01-a/tests/a.test.ts', 'test 1');
    write(tree, 'exercises/01-a/README.md', 'read me');
    write(tree, 'exercises/01-a/src/index.ts', 'stub');
    write(tree, 'testkit/src/clock.ts', 'clock');
    write(tree, 'grader/src/grade.ts', 'grade');
    const before = testsHash(tree, srcOnly);
    write(tree, 'exercises/01-a/README.md', 'read me again');
    write(tree, 'exercises/01-a/src/index.ts', 'solved');
    expect(testsHash(tree, srcOnly)).toBe(before);
    for (const file of ['exercises/01-a/tests/a.test.ts', 'testkit/src/clock.ts', 'grader/src/grade.ts']) {
      const original = readFileSync(join(tree, file), 'utf8');
      write(tree, file, `${original} changed`);
      expect(testsHash(tree, srcOnly), file).not.toBe(before);
      write(tree, file, original);
    }
  });
});

describe("a submission's tree", () => {
  function template(): string {
    const base = folder();
    write(base, 'exercises/01-a/src/index.ts', 'stub');
    write(base, 'exercises/01-a/src/old-helper.ts', 'stub helper');
    write(base, 'exercises/01-a/tests/a.test.ts', 'the real test');
    write(base, 'package.json', '{}');
    return base;
  }

  it("takes the learner's files, drops the stub's files the learner removed, and lists other changes as tampering", () => {
    const base = template();
    const submission = folder();
    write(submission, 'exercises/01-a/src/index.ts', 'solved');
    write(submission, 'exercises/01-a/tests/a.test.ts', 'pass anything');
    write(submission, 'exercises/01-a/tests/extra.test.ts', 'new test');
    write(submission, 'package.json', '{}');
    mkdirSync(join(submission, 'node_modules'));
    write(submission, 'node_modules/ignored.js', 'never read');
    const tree = join(folder(), 'tree');
    const tampering = buildSubmissionTree(base, submission, tree, srcOnly);
    expect(readFileSync(join(tree, 'exercises/01-a/src/index.ts'), 'utf8')).toBe('solved');
    expect(existsSync(join(tree, 'exercises/01-a/src/old-helper.ts'))).toBe(false);
    expect(readFileSync(join(tree, 'exercises/01-a/tests/a.test.ts'), 'utf8')).toBe('the real test');
    expect(existsSync(join(tree, 'exercises/01-a/tests/extra.test.ts'))).toBe(false);
    expect(tampering).toEqual([
      { file: 'exercises/01-a/tests/a.test.ts', change: 'modified' },
      { file: 'exercises/01-a/tests/extra.test.ts', change: 'added' },
    ]);
  });

  it('keeps the stub of an exercise the submission lacks, and refuses a symlink as a learner file', () => {
    const base = template();
    const submission = folder();
    mkdirSync(join(submission, 'exercises/01-a/src'), { recursive: true });
    symlinkSync('/etc/hostname', join(submission, 'exercises/01-a/src/index.ts'));
    const tree = join(folder(), 'tree');
    expect(buildSubmissionTree(base, submission, tree, srcOnly)).toEqual([{ file: 'exercises/01-a/src/index.ts', change: 'not-a-file' }]);
    expect(existsSync(join(tree, 'exercises/01-a/src/index.ts'))).toBe(false);

    const empty = folder();
    const untouched = join(folder(), 'tree');
    expect(buildSubmissionTree(base, empty, untouched, srcOnly)).toEqual([]);
    expect(readFileSync(join(untouched, 'exercises/01-a/src/index.ts'), 'utf8')).toBe('stub');
  });
});

describe('the grading sandbox', () => {
  it('kills a grading process that outlives its deadline, with everything it started', async () => {
    const tree = folder();
    const pidFile = join(tree, 'grandchild.pid');
    const script = `const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
      setInterval(() => {}, 1000);`;
    const result = await gradeInSandbox({ tree, exercises: [], deadlineMs: 1500, command: node(script) });
    expect(result.aborted).toEqual({ reason: 'timed-out', message: 'grading did not finish within 2 s and was stopped' });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running(grandchild)).toBe(false);
  });

  it('reports a grading process that dies without a scorecard, by exit code or signal', async () => {
    const exited = await gradeInSandbox({ tree: folder(), exercises: [], deadlineMs: 30_000, command: node('process.exit(3)') });
    expect(exited.aborted).toEqual({ reason: 'crashed', message: 'the grading process exited with code 3 before writing a scorecard' });
    const killed = await gradeInSandbox({ tree: folder(), exercises: [], deadlineMs: 30_000, command: node("process.kill(process.pid, 'SIGKILL')") });
    expect(killed.aborted?.message).toBe('the grading process was killed by SIGKILL before writing a scorecard');
  });

  it('gives the process a minimal environment and keeps only a capped part of what it prints', async () => {
    process.env.TICKWORK_SANDBOX_SECRET = 'do-not-leak';
    try {
      const tree = folder();
      const dump = join(tree, 'env.json');
      const script = `require('node:fs').writeFileSync(${JSON.stringify(dump)}, JSON.stringify(process.env)); process.stdout.write('x'.repeat(1 << 22)); process.exit(1)`;
      const result = await gradeInSandbox({ tree, exercises: [], deadlineMs: 30_000, command: node(script) });
      expect(result.log.length).toBe(CHILD_LOG_LIMIT);
      const env = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>;
      expect(Object.keys(env).sort()).toEqual(['CI', 'HOME', 'LANG', 'NO_COLOR', 'PATH', 'TMPDIR', 'TZ']);
      expect(env.HOME!.startsWith(tree)).toBe(true);
    } finally {
      delete process.env.TICKWORK_SANDBOX_SECRET;
    }
  });
});
