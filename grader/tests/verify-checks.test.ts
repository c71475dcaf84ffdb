import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOLUTION_RUNS } from '../src/verify/solution-runs.ts';
import { runCli, type CliResult } from './run-cli.ts';
import { copyWorkbook } from './workbook-copy.ts';

// One verify of the authoring fixture (grader/fixtures/authoring/README.md): a complete exercise, a
// solution that fails the second of its repeated runs, and real-time tests over their time budget.
let workbook: ReturnType<typeof copyWorkbook>;
let verified: CliResult;
const lines = (): string[] => verified.stdout.split('\n');
const violationsOf = (slug: string): string[] => lines().filter((line) => line.startsWith(`✗ ${slug}: `));

beforeAll(() => {
  workbook = copyWorkbook('authoring');
  verified = runCli(['verify', '--root', workbook.root]);
});

afterAll(() => {
  workbook.remove();
  // The flaky fixture counts its loads in a file named after the grader's process; once that process
  // is gone the file is litter (a live one belongs to a verify still running, perhaps someone else's).
  for (const file of readdirSync(tmpdir()).filter((f) => /^tickwork-fixture-flaky-\d+\.count$/.test(f))) {
    const pid = Number(/\d+/.exec(file)![0]);
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(tmpdir(), file), { force: true });
    }
  }
});

describe('verify: repeated and timed solution runs', () => {
  it(`keeps the table, with "solution ×${SOLUTION_RUNS}" and a time column, and the closing line`, () => {
    expect(verified.status, verified.stderr).toBe(1);
    const header = lines().find((line) => line.trimStart().startsWith('exercise'));
    expect(header).toMatch(new RegExp(`contract\\s+solution ×${SOLUTION_RUNS}\\s+time\\s+stub\\s+mutants\\s+alternatives`));
    expect(lines().find((line) => line.trimStart().startsWith('01-complete'))).toMatch(/01-complete\s+✓\s+✓\s+\d+\.\d\d s\s+✓\s+✓ 2\/2\s+✓ 1\/1/);
    expect(verified.stdout.trimEnd().split('\n').at(-1)).toBe('verify: 1 passed, 2 failed');
  });

  it('passes the exercise that keeps the contract', () => {
    expect(violationsOf('01-complete')).toEqual([]);
  });

  it('calls a solution that fails one of its repeated runs not deterministic, naming the run and its seed', () => {
    const scores = Array.from({ length: SOLUTION_RUNS }, (_, i) => (i === 1 ? '0/2' : '2/2')).join(', ');
    expect(violationsOf('02-flaky-solution')).toEqual([
      expect.stringContaining(`solution is not deterministic: it scored ${scores} in ${SOLUTION_RUNS} shuffled runs; run 2 (shuffle seed 202) lost points`),
    ]);
    expect(lines().find((line) => line.trimStart().startsWith('02-flaky-solution'))).toMatch(/02-flaky-solution\s+✓\s+✗/);
  });

  it('reports tests over their time budget with the exercise, its time and the budget', () => {
    const [violation, ...more] = violationsOf('03-slow-tests');
    expect(more).toEqual([]);
    const match = /^✗ 03-slow-tests: its tests took (\d+\.\d\d) s \(median of \d+ solution runs\); the budget is 1\.00 s \(2 × its timeoutMs/.exec(violation ?? '');
    expect(match, violation).not.toBeNull();
    // Twelve tests that each wait 100 ms take about 1.2 s, and never less: a lower bound, not a speed test.
    expect(Number(match![1])).toBeGreaterThan(1);
    expect(lines().find((line) => line.trimStart().startsWith('03-slow-tests'))).toMatch(/03-slow-tests\s+✓\s+✓\s+✗ \d+\.\d\d s/);
  });

  it('names the slowest exercises under the table, with their budgets', () => {
    expect(verified.stdout).toMatch(new RegExp(`^slowest \\(median of ${SOLUTION_RUNS} solution runs\\): 03-slow-tests \\d+\\.\\d\\d s of 1\\.00 s · `, 'm'));
  });
});
