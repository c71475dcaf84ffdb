import type { ExerciseResult, Scorecard, TestResult } from '../src/scorecard.ts';

/**
 * A scorecard as trusted-copy grading writes it, with everything a report must survive: passed and
 * partial exercises, an exercise that did not compile, one stopped by the watchdog, public and hidden
 * tests, tampering, provenance — and learner text that tries every trick (markup, CDATA ends, percent
 * escapes, workflow commands, table pipes, mentions, control characters).
 */

/** What a learner's error message might carry: every line a trap for some format. */
export const HOSTILE_MESSAGE = [
  'main() resolved at t=5000 ms <script>alert(1)</script> ]]> 100% | @someone',
  '::set-output name=x::y',
  '  ::error file=grader/src/cli.ts,line=1::spoofed',
  '##[error]legacy command',
  'nul\u0000 and bell\u0007 and escape \u001b[31mred\u001b[0m',
].join('\n');

export const HOSTILE_OUTPUT = ['fetching 2', '::warning::from console.log', '<img src="https://example.invalid/pixel.png">', '\u001b[32mgreen\u001b[0m @someone'].join('\n');

const SHA_BASE = '0123456789abcdef0123456789abcdef01234567';
const SHA_HEAD = 'fedcba9876543210fedcba9876543210fedcba98';

const test = (name: string, status: TestResult['status'], points: number, maxPoints: number, extra: Partial<TestResult> = {}): TestResult => ({
  name,
  status,
  points,
  maxPoints,
  visibility: 'hidden',
  ...extra,
});

function exercise(slug: string, module: number, status: ExerciseResult['status'], tests: TestResult[], extra: Partial<ExerciseResult> = {}): ExerciseResult {
  const order = Number(slug.slice(0, 2));
  return {
    slug,
    title: `title of ${slug}`,
    module,
    order,
    status,
    points: tests.reduce((sum, t) => sum + t.points, 0),
    maxPoints: tests.reduce((sum, t) => sum + t.maxPoints, 0),
    durationMs: 40 + order,
    tests,
    hints: `exercises/${slug}/hints.md`,
    ...extra,
  };
}

export function reportScorecard(): Scorecard {
  const exercises: ExerciseResult[] = [
    exercise('01-task-queues', 1, 'passed', [
      test('order > logs sync before microtasks', 'passed', 2, 2, { visibility: 'public' }),
      test('order > logs microtasks before timers', 'passed', 3, 3),
    ]),
    exercise('02-microtasks', 1, 'passed', [test('queueMicrotask runs before setTimeout(0)', 'passed', 4, 4)]),
    exercise(
      '07-fetch-data',
      2,
      'partial',
      [
        test('main(log) > starts both fetches at t=0', 'passed', 3, 3, { visibility: 'public' }),
        test('main(log) > resolves at t=3000 ms, not t=5000 ms', 'failed', 0, 2, {
          kind: 'never-settled',
          message: HOSTILE_MESSAGE,
          location: 'exercises/07-fetch-data/src/index.ts:14:3',
          output: HOSTILE_OUTPUT,
        }),
        test('gather > keeps the order of its inputs', 'failed', 0, 2, {
          message: 'gather returned [3, 1, 2]; expected [1, 2, 3]',
          location: 'exercises/07-fetch-data/src/index.ts:20:7',
          visibility: 'public',
        }),
        test('gather > rejects with the first error', 'skipped', 0, 2),
      ],
      { title: "fetchData | gather: the guide's <example>" },
    ),
    exercise('12-retry', 3, 'error', [], {
      maxPoints: 6,
      failure: { kind: 'compile-error', message: 'exercises/12-retry/src/index.ts:3:1: Expected ";" but found "<"\n::set-output name=retry::1' },
    }),
    exercise(
      '15-timeout',
      4,
      'timeout',
      [
        test('withTimeout > resolves before the deadline', 'passed', 2, 2, { visibility: 'public' }),
        test('withTimeout > rejects at the deadline', 'failed', 0, 2, { kind: 'blocked-event-loop', message: 'the event loop got no turn for 3 s' }),
      ],
      { failure: { kind: 'blocked-event-loop', message: 'a test blocked the event loop: the watchdog stopped it' } },
    ),
    exercise('20-stream', 5, 'failed', [
      test('stream > yields every chunk', 'failed', 0, 3, {
        kind: 'not-implemented',
        message: 'stream is not implemented yet: TODO: implement stream',
        location: 'exercises/20-stream/src/index.ts:2:9',
      }),
    ]),
  ];
  const points = exercises.reduce((sum, e) => sum + e.points, 0);
  const maxPoints = exercises.reduce((sum, e) => sum + e.maxPoints, 0);
  return {
    schema: 'tickwork.scorecard/v1',
    target: 'stubs',
    createdAt: '2026-11-29T16:20:00.000Z',
    durationMs: 1875,
    totals: { points, maxPoints, exercises: exercises.length, passed: exercises.filter((e) => e.status === 'passed').length },
    next: '07-fetch-data',
    exercises,
    provenance: {
      base: SHA_BASE,
      head: SHA_HEAD,
      mergeBase: SHA_BASE,
      testsHash: `sha256:${'ab'.repeat(32)}`,
      learnerFiles: ['exercises/*/src/**'],
    },
    tampering: [
      { file: 'exercises/07-fetch-data/tests/fetch.test.ts', change: 'modified' },
      { file: 'grader/src/cli.ts', change: 'modified' },
      { file: 'notes/weird|<b>name</b>@someone\n::warning::x.ts', change: 'added' },
    ],
  };
}

/** A whole class's worth of failures: 27 exercises, 12 failed tests each, long messages. */
export function bigScorecard(): Scorecard {
  const exercises = Array.from({ length: 27 }, (_, i) => {
    const slug = `${String(i + 1).padStart(2, '0')}-exercise-${i + 1}`;
    const tests = Array.from({ length: 12 }, (_, j) =>
      test(`case ${j + 1}`, 'failed', 0, 2, {
        message: `${'x'.repeat(1_800)} ${HOSTILE_MESSAGE}`,
        location: `exercises/${slug}/src/index.ts:${j + 1}:1`,
        output: 'y'.repeat(2_000),
      }),
    );
    return exercise(slug, 1 + Math.floor(i / 4), 'failed', tests);
  });
  const base = reportScorecard();
  return {
    ...base,
    exercises,
    next: exercises[0]!.slug,
    totals: { points: 0, maxPoints: exercises.reduce((sum, e) => sum + e.maxPoints, 0), exercises: exercises.length, passed: 0 },
  };
}
