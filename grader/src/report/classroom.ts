import type { ExerciseResult, Scorecard, TestResult } from '../scorecard.ts';
import { escapeData, escapeProperty, splitLocation } from './github.ts';
import { capText, inertCommandsInPlainText, printable } from './untrusted.ts';

/**
 * GitHub Classroom's runner result, the JSON its grader actions (autograding-command-grader,
 * autograding-python-grader …) put base64-encoded in their `result` step output, and which
 * `autograding-grading-reporter` decodes from `<RUNNER>_RESULTS`. The reporter prints each test
 * (name; `- line N` unless line_no is 0; an error's message), sums the tests' `score` against
 * `max_score` into "Points X/Y" for Classroom, and fails the step when `status` is `fail` or `error`.
 */

export type ClassroomStatus = 'pass' | 'fail' | 'error';

export interface ClassroomTest {
  name: string;
  status: ClassroomStatus;
  score: number;
  message: string;
  /** Hidden tests: their code is not shown. Kept so the reporter's "Test code:" line stays empty. */
  test_code: string;
  /** The learner's file and line where the failure originated (not the test's), or '' and 0. */
  filename: string;
  line_no: number;
}

export interface ClassroomResult {
  version: 1;
  status: ClassroomStatus;
  max_score: number;
  tests: ClassroomTest[];
}

/**
 * The result travels through an environment variable (`<RUNNER>_RESULTS`), and Linux refuses any
 * single one over 128 KiB: messages are shortened until the base64 fits well below that.
 */
const ENCODED_BUDGET = 96_000;
const MESSAGE_CAPS = [1_000, 200, 0];

/** The reporter prints messages to the log as they are: no line of them may read as a command. */
const messageText = (text: string, cap: number): string => (cap === 0 ? '' : inertCommandsInPlainText(capText(printable(text), cap)));

function classroomTest(exercise: ExerciseResult, test: TestResult, cap: number): ClassroomTest {
  const where = test.location ? splitLocation(test.location) : undefined;
  const failed = test.status !== 'passed';
  const message = failed ? [test.status === 'skipped' ? 'skipped' : (test.message ?? 'the test failed'), ...(test.output ? ['your output:', test.output] : [])].join('\n') : '';
  return {
    name: `${exercise.slug} › ${test.name}`,
    status: failed ? 'fail' : 'pass',
    score: test.points,
    message: messageText(message, cap),
    test_code: '',
    filename: where?.file ?? '',
    line_no: where?.line ?? 0,
  };
}

/** The exercise's own failure, or an exercise with no result: an `error` entry (the reporter prints its message, not its name). */
function exerciseEntry(exercise: ExerciseResult, scorecard: Scorecard, cap: number): ClassroomTest | undefined {
  const unreported = exercise.tests.length === 0 && exercise.status !== 'passed' && exercise.status !== 'ungraded';
  if (!exercise.failure && !unreported) return undefined;
  const why = exercise.failure ? `${exercise.failure.kind}: ${exercise.failure.message}` : (scorecard.aborted?.message ?? 'no test reported a result');
  return { name: `${exercise.slug} › (exercise)`, status: 'error', score: 0, message: messageText(`${exercise.slug}: ${why}`, Math.max(cap, 200)), test_code: '', filename: '', line_no: 0 };
}

function tamperingEntry(scorecard: Scorecard, cap: number): ClassroomTest | undefined {
  const tampering = scorecard.tampering ?? [];
  if (tampering.length === 0) return undefined;
  const list = tampering.map((t) => `${t.change}: ${t.file}`).join('\n');
  const message = `changes outside the learner files were ignored for grading:\n${list}`;
  return { name: 'tickwork › tampering', status: 'error', score: 0, message: messageText(message, Math.max(cap, 500)), test_code: '', filename: '', line_no: 0 };
}

/**
 * `error`: the grade is not to be trusted as it stands (the grading process did not finish, or files
 * outside the learner's were changed); `fail`: points are missing; `pass`: every point.
 */
function overallStatus(scorecard: Scorecard): ClassroomStatus {
  if (scorecard.aborted || (scorecard.tampering?.length ?? 0) > 0) return 'error';
  return scorecard.totals.points === scorecard.totals.maxPoints ? 'pass' : 'fail';
}

function build(scorecard: Scorecard, cap: number): ClassroomResult {
  const tests: ClassroomTest[] = [];
  const tampering = tamperingEntry(scorecard, cap);
  if (tampering) tests.push(tampering);
  for (const exercise of scorecard.exercises) {
    const entry = exerciseEntry(exercise, scorecard, cap);
    if (entry) tests.push(entry);
    tests.push(...exercise.tests.map((t) => classroomTest(exercise, t, cap)));
  }
  return { version: 1, status: overallStatus(scorecard), max_score: scorecard.totals.maxPoints, tests };
}

const encode = (result: ClassroomResult): string => Buffer.from(JSON.stringify(result), 'utf8').toString('base64');

/** The result with the longest messages that still fit the step output's budget. */
export function classroomResult(scorecard: Scorecard): ClassroomResult {
  let result = build(scorecard, MESSAGE_CAPS[0]!);
  for (const cap of MESSAGE_CAPS.slice(1)) {
    if (encode(result).length <= ENCODED_BUDGET) break;
    result = build(scorecard, cap);
  }
  return result;
}

/** `--report classroom`: the decoded result, readable, for an artifact. */
export function renderClassroom(scorecard: Scorecard): string {
  return `${JSON.stringify(classroomResult(scorecard), null, 2)}\n`;
}

/** The `$GITHUB_OUTPUT` line that makes the result the step's `result` output. No trailing newline. */
export function classroomStepOutput(scorecard: Scorecard): string {
  return `result=${encode(classroomResult(scorecard))}`;
}

/**
 * The notice the Classroom reporter leaves on the run ("Autograding complete", "Points X/Y"), as a
 * workflow command, for a workflow that reports to Classroom without the reporter. No trailing newline.
 */
export function classroomNotice(scorecard: Scorecard): string {
  const { points, maxPoints } = scorecard.totals;
  return `::notice title=${escapeProperty('Autograding complete')}::${escapeData(`Points ${points}/${maxPoints}`)}`;
}
