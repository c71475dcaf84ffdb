import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, fixture, runCli } from './run-cli.ts';

/** A user mistake: exit 2, one line on stderr that names the cause, no stack trace. */
function expectOneLineError(result: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.status).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, `stderr should be one line, got:\n${result.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('bad input', () => {
  it('names the nearest exercises for an unknown one', () => {
    expectOneLineError(runCli(['grade', 'fetch-data-gathr']), /unknown exercise "fetch-data-gathr"; did you mean 18-fetch-data-gather\?/);
  });

  it('names file and field of malformed metadata', () => {
    expectOneLineError(
      runCli(['grade', '--root', fixture('bad-metadata')]),
      /exercises\/01-broken\/package\.json: field "tickwork\.points" must be a whole number above 0 \(found "ten"\)/,
    );
  });

  it('rejects an unknown option', () => {
    expectOneLineError(runCli(['grade', '--solution']), /unknown option --solution \(pnpm grade --help lists them\)/);
  });

  it('rejects an unknown command', () => {
    expectOneLineError(runCli(['grades']), /unknown command "grades" \(commands: grade, .*\bverify\b.*\bnew\b.*\)/);
  });

  it('rejects a --target that names no kind of implementation', () => {
    expectOneLineError(runCli(['grade', '18', '--target', 'best']), /--target best: expected stubs, solutions, mutant:<name> or alternative:<name>/);
  });

  it('lists the mutants there are when --target names one that is not', () => {
    expectOneLineError(runCli(['grade', '18', '--target', 'mutant:nope']), /no selected exercise has mutant:nope \(mutants — 18-fetch-data-gather: busy-wait, forgotten-await, sequential-awaits\)/);
  });

  it('rejects a --json path in a folder that does not exist', () => {
    expectOneLineError(runCli(['grade', '18', '--json', '/nonexistent/dir/card.json']), /--json .*folder \/nonexistent\/dir does not exist/);
  });

  it('says which command installs missing dependencies', () => {
    const copy = mkdtempSync(join(tmpdir(), 'tickwork-noinstall-'));
    cpSync(CLI, join(copy, 'grader', 'bin', 'tickwork.mjs'), { recursive: true });
    expectOneLineError(runCli(['grade'], { cli: join(copy, 'grader', 'bin', 'tickwork.mjs') }), /dependencies are not installed .*run `pnpm install`/);
  });
});
