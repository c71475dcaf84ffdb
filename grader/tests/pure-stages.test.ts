import { describe, expect, it } from 'vitest';
import type { Exercise } from '../src/discover/discover.ts';
import { parseMetadata } from '../src/discover/metadata.ts';
import { nearestNames } from '../src/plan.ts';
import { renderTerminal } from '../src/report/terminal.ts';
import type { RawRun } from '../src/run/raw-results.ts';
import { classifyModuleError, classifyTestError } from '../src/score/classify.ts';
import { learnerLocation } from '../src/score/location.ts';
import { score } from '../src/score/score.ts';

const ROOT = '/book';
const exercise = (slug: string, points: number): Exercise => ({
  slug,
  dir: `${ROOT}/exercises/${slug}`,
  metadata: { title: `title of ${slug}`, module: 1, order: Number(slug.slice(0, 2)), difficulty: 'easy', concepts: ['x'], guide: '§1', points },
  testFiles: [`${ROOT}/exercises/${slug}/tests/a.test.ts`],
  stub: `${ROOT}/exercises/${slug}/src/index.ts`,
  solutionDir: `${ROOT}/solutions/${slug}`,
  hints: `exercises/${slug}/hints.md`,
});

function scoreOf(run: RawRun, exercises: Exercise[]) {
  return score({
    root: ROOT,
    target: 'stubs',
    graded: exercises.map((e) => ({ exercise: e, impl: e.stub })),
    run,
    durationMs: 1234,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  });
}

describe('score', () => {
  const a = exercise('01-alpha', 3);
  const b = exercise('02-beta', 2);
  const run: RawRun = {
    modules: [
      {
        file: a.testFiles[0]!,
        errors: [],
        durationMs: 10,
        tests: [
          { name: 'x > passes', state: 'passed', points: 2, errors: [], durationMs: 1 },
          {
            name: 'x > fails',
            state: 'failed',
            points: 1,
            durationMs: 1,
            errors: [{ name: 'AssertionError', message: '`start 3` happened at t=2000 ms, expected t=0 ms', stack: `Error\n    at fetch (${ROOT}/exercises/01-alpha/src/index.ts:12:5)\n    at ${ROOT}/exercises/01-alpha/tests/a.test.ts:3:1` }],
          },
        ],
      },
      { file: b.testFiles[0]!, errors: [], durationMs: 5, tests: [{ name: 'y', state: 'passed', points: 2, errors: [], durationMs: 1 }] },
    ],
    verdicts: [],
  };
  const card = scoreOf(run, [a, b]);

  it('sums points per exercise and in total, and names the next exercise to work on', () => {
    expect(card.totals).toEqual({ points: 4, maxPoints: 5, exercises: 2, passed: 1 });
    expect(card.exercises.map((e) => [e.slug, e.status, e.points, e.maxPoints])).toEqual([
      ['01-alpha', 'partial', 2, 3],
      ['02-beta', 'passed', 2, 2],
    ]);
    expect(card.next).toBe('01-alpha');
    expect(card.schema).toBe('tickwork.scorecard/v1');
  });

  it('never calls an exercise passed while a test fails, even when the metadata under-counts its points', () => {
    const undercounted = scoreOf(run, [exercise('01-alpha', 2)]);
    expect(undercounted.exercises[0]).toMatchObject({ status: 'partial', points: 2, maxPoints: 2 });
  });

  it("points a failed test at the learner's own line, never at the hidden test", () => {
    expect(card.exercises[0]!.tests[1]).toMatchObject({ status: 'failed', location: 'exercises/01-alpha/src/index.ts:12:5' });
  });

  it('keeps maxPoints from the metadata when the file never ran, and marks a blocked import as timeout', () => {
    const blocked = scoreOf({ modules: [], verdicts: [{ file: a.testFiles[0]!, test: null, kind: 'blocked-event-loop', afterMs: 3100 }] }, [a]);
    expect(blocked.exercises[0]).toMatchObject({ status: 'timeout', points: 0, maxPoints: 3, failure: { kind: 'blocked-event-loop' } });
  });

  it('names an exercise the grade had no time left for as out-of-time', () => {
    const late = scoreOf({ modules: [], verdicts: [{ file: a.testFiles[0]!, test: null, kind: 'deadline', afterMs: 80_000 }] }, [a]);
    expect(late.exercises[0]).toMatchObject({ status: 'timeout', points: 0, failure: { kind: 'out-of-time' } });
  });

  it('renders plain text without colour codes, with the failure message and where to find hints', () => {
    const text = renderTerminal(card, { color: false });
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toContain('→ 01-alpha');
    expect(text).toContain('`start 3` happened at t=2000 ms, expected t=0 ms');
    expect(text).toContain('at exercises/01-alpha/src/index.ts:12:5');
    expect(text).toContain('hints: exercises/01-alpha/hints.md');
    expect(text).toContain('total 4/5 points · 1/2 exercises passed');
  });

  it('renders colour on request', () => {
    expect(renderTerminal(card, { color: true })).toMatch(/\u001b\[32m/);
  });
});

describe('classify', () => {
  it.each([
    ['[never-settled] main() never settled', 'never-settled', 'main() never settled'],
    ['TODO: implement fetchData (see README.md)', 'not-implemented', 'fetchData is not implemented yet'],
    ['TODO: implement predictions (see README.md): predictions.snippetB is still empty', 'not-implemented', 'predictions is not implemented yet: predictions.snippetB is still empty'],
    ['Test timed out in 5000ms.', 'never-settled', /waited 5000 ms of real time/],
    ['process.exit unexpectedly called with "1"', 'crash', /process\.exit\(1\)/],
  ])('reads %j as %s', (message, kind, text) => {
    const classified = classifyTestError({ name: 'Error', message });
    expect(classified.kind).toBe(kind);
    expect(classified.message).toMatch(text);
  });

  it('leaves an ordinary assertion without a kind and drops vitest\'s comparison note', () => {
    expect(classifyTestError({ name: 'AssertionError', message: 'late: expected 5000 to be 3000 // Object.is equality' })).toEqual({
      message: 'late: expected 5000 to be 3000',
    });
  });

  it('turns a transform error into a compile-error with the position', () => {
    const oxc = 'Transform failed with 1 error:\n\n[PARSE_ERROR] Unexpected token\n   ╭─[ exercises/10-x/src/index.ts:2:14 ]\n';
    expect(classifyModuleError({ name: 'Error', message: oxc })).toEqual({
      kind: 'compile-error',
      message: 'your code does not compile: Unexpected token at exercises/10-x/src/index.ts:2:14',
    });
  });
});

describe('learnerLocation', () => {
  it('skips frames outside the code under test and in node_modules', () => {
    const stack = ['Error: x', '    at lib (/book/node_modules/p-limit/index.js:1:1)', '    at run (/book/exercises/a/tests/a.test.ts:1:1)'].join('\n');
    expect(learnerLocation(stack, '/book/exercises/a/src', '/book')).toBeUndefined();
  });
});

describe('parseMetadata', () => {
  const valid = { title: 't', module: 2, order: 4, difficulty: 'easy', concepts: ['c'], guide: '§2', points: 5 };

  it('accepts valid metadata', () => {
    expect(parseMetadata('p.json', { tickwork: valid }, 4)).toEqual(valid);
  });

  it.each([
    [{}, 4, 'field "tickwork" is missing'],
    [{ tickwork: { ...valid, title: undefined } }, 4, 'field "tickwork.title" is missing'],
    [{ tickwork: { ...valid, module: 9 } }, 4, 'field "tickwork.module" must be a module number from 1 to 7 (found 9)'],
    [{ tickwork: { ...valid, guide: 'chapter 2' } }, 4, 'field "tickwork.guide" must be "§1" … "§5" or "beyond"'],
    [{ tickwork: { ...valid, extra: 1 } }, 4, 'field "tickwork.extra" is not a metadata field'],
    [{ tickwork: valid }, 5, 'field "tickwork.order" is 4 but the folder name says 5'],
  ])('names file and field: %j', (json, folderOrder, message) => {
    expect(() => parseMetadata('exercises/05-x/package.json', json, folderOrder)).toThrow(message);
  });
});

describe('nearestNames', () => {
  it('suggests the closest slugs, with or without the number', () => {
    expect(nearestNames('p-limt', ['10-p-limit', '18-fetch-data-gather'])).toEqual(['10-p-limit']);
    expect(nearestNames('zzzzzzzzzzzzzz', ['10-p-limit'])).toEqual([]);
  });
});
