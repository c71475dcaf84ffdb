import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseResult, Scorecard } from '../src/scorecard.ts';
import { fixture, runCli, type CliResult } from './run-cli.ts';

// One grade of the whole fixture workbook: every failure kind side by side in ONE test process,
// which is the point — each must be named, and must not cost its neighbours a single point.
let cli: CliResult;
let card: Scorecard;
const exercise = (slug: string): ExerciseResult => {
  const found = card.exercises.find((e) => e.slug === slug);
  if (!found) throw new Error(`${slug} is missing from the scorecard`);
  return found;
};

beforeAll(() => {
  const out = join(mkdtempSync(join(tmpdir(), 'tickwork-fk-')), 'card.json');
  // --no-cache: this test is about the run stage, so every exercise must really run (cache/).
  cli = runCli(['grade', '--root', fixture('failure-kinds'), '--json', out, '--no-cache']);
  card = JSON.parse(readFileSync(out, 'utf8')) as Scorecard;
});

describe('grading a workbook where exercises fail in every named way', () => {
  it('produces a scorecard and exits 0', () => {
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('total');
    expect(card.exercises).toHaveLength(18);
  });

  it('gives healthy exercises their full score, even after a neighbour replaced globals', () => {
    for (const slug of ['01-healthy', '12-healthy-after-tamper']) {
      expect(exercise(slug), slug).toMatchObject({ status: 'passed', points: exercise(slug).maxPoints });
    }
  });

  it('stops a test that blocks the loop, names it, and still counts the file\'s other tests', () => {
    const result = exercise('02-blocks-in-test');
    expect(result).toMatchObject({ status: 'timeout', points: 2, failure: { kind: 'blocked-event-loop' } });
    expect(result.tests.find((t) => t.name === 'calls the blocking function')).toMatchObject({ status: 'failed', kind: 'blocked-event-loop' });
    expect(result.tests.filter((t) => t.status === 'passed')).toHaveLength(2);
  });

  it('stops a module that blocks while it is imported', () => {
    expect(exercise('03-blocks-at-import')).toMatchObject({ status: 'timeout', points: 0, failure: { kind: 'blocked-event-loop' } });
  });

  it('treats an endless microtask chain as a blocked loop', () => {
    expect(exercise('04-microtask-loop')).toMatchObject({ status: 'timeout', points: 1, failure: { kind: 'blocked-event-loop' } });
  });

  it.each([
    ['05-never-settles', 'never-settled'],
    ['06-runaway-timers', 'runaway-timers'],
    ['07-leaked-timer', 'leaked-handles'],
    ['15-leaked-abort-listener', 'leaked-handles'],
    ['13-unhandled-rejection', 'unhandled-rejection'],
    ['14-not-started', 'not-implemented'],
    ['17-never-settles-real-time', 'never-settled'],
  ])('names the failure of %s: %s', (slug, kind) => {
    const result = exercise(slug);
    expect(result.status).toBe('failed');
    expect(result.tests[0]).toMatchObject({ status: 'failed', kind });
    expect(result.tests[0]?.message).toBeTruthy();
  });

  it('reports process.exit in learner code as a crash of that test only, pointing at the learner\'s line', () => {
    const result = exercise('09-process-exit');
    expect(result).toMatchObject({ status: 'partial', points: 1 });
    const failed = result.tests.find((t) => t.status === 'failed');
    expect(failed).toMatchObject({ kind: 'crash', location: 'exercises/09-process-exit/src/index.ts:2:11' });
  });

  it.each([
    ['08-throws-at-import', 'crash', /config file not found/],
    ['10-syntax-error', 'compile-error', /Unexpected token at .*src\/index\.ts:2:14/],
    ['11-tampers-globals', 'crash', /sabotaged/],
    ['16-exits-at-import', 'crash', /process\.exit\(3\) while it was being loaded/],
  ])('marks %s as an error of kind %s', (slug, kind, message) => {
    const result = exercise(slug);
    expect(result).toMatchObject({ status: 'error', points: 0, failure: { kind } });
    expect(result.failure?.message).toMatch(message);
  });

  it('shows what learner code printed under its failed test, capped, and never in the middle of the scorecard', () => {
    const failed = exercise('18-prints-and-fails').tests[0];
    expect(failed?.output?.split('\n')[0]).toBe('RAW-WRITE-FROM-LEARNER');
    expect(failed?.output).toContain('debug line 19');
    expect(failed?.output).not.toContain('debug line 20');
    expect(failed?.output).toMatch(/… \(output cut\)$/);
    expect(cli.stdout).not.toMatch(/^RAW-WRITE-FROM-LEARNER/m);
    expect(cli.stdout).toContain('        your output:');
  });

  it('never prints the hidden tests\' source', () => {
    expect(cli.stdout).not.toContain('clock.resolves(');
  });
});
