import { dirname } from 'node:path';
import { PUBLIC_TEST_FILE, presentPoints, type Exercise } from '../discover/discover.ts';
import type { RawModule, RawRun, WatchdogVerdict } from '../run/raw-results.ts';
import type { FailureKind } from '@tickwork/testkit/failures';
import { SCORECARD_SCHEMA, type ExerciseResult, type ExerciseStatus, type Failure, type Scorecard, type Target, type TestResult, type WithheldTests } from '../scorecard.ts';
import { classifyModuleError, classifyTestError } from './classify.ts';
import { learnerLocation } from './location.ts';

export interface ScoreInput {
  root: string;
  target: Target;
  /** The exercises graded, each with the file `#impl` meant for it. */
  graded: Array<{ exercise: Exercise; impl: string }>;
  run: RawRun;
  durationMs: number;
  createdAt: Date;
}

function verdictMessage(verdict: WatchdogVerdict): string {
  const seconds = (verdict.afterMs / 1000).toFixed(1);
  if (verdict.kind === 'deadline') return 'the grade ran out of time before this exercise finished';
  if (verdict.kind === 'never-settled') return `the test was stopped after ${seconds} s of real time: your code never settled`;
  if (verdict.test === null) {
    return `loading your module never finished: the event loop stayed blocked (an endless loop at the top level?)`;
  }
  return `the event loop was blocked: the test was stopped after ${seconds} s without the loop getting a turn (an endless loop, or a busy wait?)`;
}

const VERDICT_KINDS: Record<WatchdogVerdict['kind'], FailureKind> = {
  'blocked-event-loop': 'blocked-event-loop',
  'never-settled': 'never-settled',
  deadline: 'out-of-time',
};
const verdictKind = (verdict: WatchdogVerdict): FailureKind => VERDICT_KINDS[verdict.kind];

function scoreTests(modules: RawModule[], verdicts: WatchdogVerdict[], implDir: string, root: string): TestResult[] {
  const blocked = new Map(verdicts.filter((v) => v.test !== null).map((v) => [`${v.file}::${v.test}`, v]));
  return modules.flatMap((module) =>
    module.tests.map((test): TestResult => {
      const visibility = PUBLIC_TEST_FILE.test(module.file) || test.public ? 'public' : 'hidden';
      const base = { name: test.name, maxPoints: test.points, visibility } as const;
      const verdict = blocked.get(`${module.file}::${test.name}`);
      if (verdict) return { ...base, status: 'failed', points: 0, kind: verdictKind(verdict), message: verdictMessage(verdict) };
      if (test.state === 'passed') return { ...base, status: 'passed', points: test.points };
      if (test.state === 'skipped') return { ...base, status: 'skipped', points: 0 };
      const error = test.errors[0] ?? { name: 'Error', message: 'the test did not finish' };
      const { kind, message } = classifyTestError(error);
      const location = learnerLocation(error.stack, implDir, root);
      return {
        ...base,
        status: 'failed',
        points: 0,
        message: withoutRoot(message, root),
        ...(kind ? { kind } : {}),
        ...(location ? { location } : {}),
        ...(test.output ? { output: test.output } : {}),
      };
    }),
  );
}

/** Paths in messages are shown relative to the workbook, as the learner sees the tree. */
function withoutRoot(message: string, root: string): string {
  return message.split(`${root.replace(/\/$/, '')}/`).join('');
}

/** The failure that speaks for the whole exercise, if any: watchdog verdicts first, then file errors. */
function exerciseFailure(modules: RawModule[], verdicts: WatchdogVerdict[], root: string): Failure | undefined {
  const fileVerdict = verdicts.find((v) => v.test === null);
  if (fileVerdict) return { kind: verdictKind(fileVerdict), message: verdictMessage(fileVerdict) };
  if (verdicts.length > 0) {
    const kind = verdictKind(verdicts[0]!);
    const what = kind === 'blocked-event-loop' ? 'blocked the event loop' : 'never settled';
    return { kind, message: `${verdicts.length} test${verdicts.length === 1 ? '' : 's'} ${what} and had to be stopped` };
  }
  const error = modules.flatMap((m) => m.errors)[0];
  if (!error) return undefined;
  const { kind, message } = classifyModuleError(error);
  return { kind: kind ?? 'crash', message: withoutRoot(message, root) };
}

function statusOf(
  points: number,
  maxPoints: number,
  tests: TestResult[],
  failure: Failure | undefined,
  verdicts: WatchdogVerdict[],
  withheld: WithheldTests | undefined,
): ExerciseStatus {
  if (verdicts.length > 0) return 'timeout';
  if (failure) return 'error';
  // A student edition without any of this exercise's tests cannot judge it: CI does.
  if (withheld && tests.length === 0) return 'ungraded';
  // Full points alone is not enough: a failing test whose points the metadata forgot must still show.
  // With tests withheld, passing what is here is not passing the exercise: never 'passed'.
  if (points >= maxPoints && tests.every((t) => t.status === 'passed')) return withheld ? 'public-passed' : 'passed';
  return points > 0 ? 'partial' : 'failed';
}

/** Statuses after which the learner has nothing more to do on an exercise in this copy. */
const DONE_HERE: ReadonlySet<ExerciseStatus> = new Set(['passed', 'public-passed']);

function sumWithheld(exercises: ExerciseResult[]): WithheldTests | undefined {
  const all = exercises.flatMap((e) => (e.withheld ? [e.withheld] : []));
  if (all.length === 0) return undefined;
  return { tests: all.reduce((sum, w) => sum + w.tests, 0), points: all.reduce((sum, w) => sum + w.points, 0) };
}

/** Pure: the same raw results always give the same scorecard. */
export function score(input: ScoreInput): Scorecard {
  const exercises = input.graded.map(({ exercise, impl }): ExerciseResult => {
    const files = new Set(exercise.testFiles);
    const modules = input.run.modules.filter((m) => files.has(m.file));
    const verdicts = input.run.verdicts.filter((v) => files.has(v.file));
    const tests = scoreTests(modules, verdicts, dirname(impl), input.root);
    const maxPoints = presentPoints(exercise);
    const points = Math.min(maxPoints, tests.reduce((sum, t) => sum + t.points, 0));
    const failure = exerciseFailure(modules, verdicts, input.root);
    const withheld = exercise.metadata.withheld;
    return {
      slug: exercise.slug,
      title: exercise.metadata.title,
      module: exercise.metadata.module,
      order: exercise.metadata.order,
      status: statusOf(points, maxPoints, tests, failure, verdicts, withheld),
      points,
      maxPoints,
      durationMs: Math.round(modules.reduce((sum, m) => sum + m.durationMs, 0)),
      ...(failure ? { failure } : {}),
      tests,
      hints: exercise.hints,
      ...(withheld ? { withheld: { tests: withheld.tests, points: withheld.points } } : {}),
    };
  });
  return {
    schema: SCORECARD_SCHEMA,
    target: input.target,
    createdAt: input.createdAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    ...summarise(exercises),
  };
}

/**
 * Totals and the next exercise from exercise results in order. Shared with the result cache
 * (cache/grade-cached.ts), which merges replayed and fresh results into one scorecard.
 */
/** Nothing left to do locally: passed, or (in a student edition) passed every test present. */
export const isDone = (exercise: ExerciseResult): boolean => DONE_HERE.has(exercise.status);

export function summarise(exercises: ExerciseResult[]): Pick<Scorecard, 'totals' | 'next' | 'exercises'> {
  const points = exercises.reduce((sum, e) => sum + e.points, 0);
  const maxPoints = exercises.reduce((sum, e) => sum + e.maxPoints, 0);
  const withheld = sumWithheld(exercises);
  return {
    totals: {
      points,
      maxPoints,
      exercises: exercises.length,
      passed: exercises.filter((e) => e.status === 'passed').length,
      ...(withheld ? { withheld } : {}),
    },
    next: exercises.find((e) => !isDone(e))?.slug ?? null,
    exercises,
  };
}
