import type { ExerciseResult, ExerciseStatus, Scorecard, TestResult } from '../scorecard.ts';

export interface TerminalOptions {
  color: boolean;
  /** Failed tests listed per exercise before "… and N more". */
  maxFailuresShown?: number;
}

type Paint = (text: string) => string;
const ansi = (code: number): Paint => (text) => `\u001b[${code}m${text}\u001b[0m`;
const plain: Paint = (text) => text;

/** Lines of a failed test's output shown in the terminal; the JSON scorecard keeps more. */
const OUTPUT_LINES_SHOWN = 5;

const STATUS_MARK: Record<ExerciseStatus, string> = { passed: '✓', partial: '◐', failed: '✗', error: '!', timeout: '⏱' };

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function notStarted(exercise: ExerciseResult): string[] | undefined {
  const failed = exercise.tests.filter((t) => t.status !== 'passed');
  if (exercise.failure || failed.length === 0 || failed.length !== exercise.tests.length) return undefined;
  if (!failed.every((t) => t.kind === 'not-implemented')) return undefined;
  return [...new Set(failed.map((t) => /^(\S+) is not implemented yet/.exec(t.message ?? '')?.[1] ?? '?'))];
}

function failureLines(test: TestResult, paint: { dim: Paint; red: Paint }): string[] {
  const worth = test.maxPoints === 1 ? '1 pt' : `${test.maxPoints} pts`;
  const lines = [`      ${paint.red('✗')} ${test.name} ${paint.dim(`(${worth})`)}`];
  if (test.message) lines.push(`        ${test.kind && test.kind !== 'not-implemented' ? `[${test.kind}] ` : ''}${test.message}`);
  if (test.location) lines.push(paint.dim(`        at ${test.location}`));
  if (test.output) {
    const printed = test.output.split('\n');
    lines.push(paint.dim('        your output:'), ...printed.slice(0, OUTPUT_LINES_SHOWN).map((line) => paint.dim(`          ${line}`)));
    if (printed.length > OUTPUT_LINES_SHOWN) lines.push(paint.dim(`          … ${printed.length - OUTPUT_LINES_SHOWN} more line(s) in the JSON scorecard`));
  }
  return lines;
}

/** The scorecard for people: a row per exercise, what failed and why, totals, what to do next. */
export function renderTerminal(scorecard: Scorecard, options: TerminalOptions): string {
  const paint = options.color
    ? { green: ansi(32), red: ansi(31), yellow: ansi(33), dim: ansi(2), bold: ansi(1) }
    : { green: plain, red: plain, yellow: plain, dim: plain, bold: plain };
  const statusPaint: Record<ExerciseStatus, Paint> = {
    passed: paint.green,
    partial: paint.yellow,
    failed: paint.red,
    error: paint.red,
    timeout: paint.red,
  };
  const maxShown = options.maxFailuresShown ?? 5;
  const width = Math.max(8, ...scorecard.exercises.map((e) => e.slug.length));
  const out: string[] = [paint.bold(`tickwork scorecard · ${scorecard.target}`), ''];
  out.push(paint.dim(`  ${'exercise'.padEnd(width)}  ${'status'.padEnd(9)}  points  tests   time`));

  for (const exercise of scorecard.exercises) {
    const passedTests = exercise.tests.filter((t) => t.status === 'passed').length;
    const todo = notStarted(exercise);
    // An untouched stub is work ahead, not a failure: say so in the status column too.
    const status = todo ? paint.dim('○ to do'.padEnd(9)) : statusPaint[exercise.status](`${STATUS_MARK[exercise.status]} ${exercise.status}`.padEnd(9));
    const mark = exercise.slug === scorecard.next ? paint.bold('→') : ' ';
    out.push(
      `${mark} ${exercise.slug.padEnd(width)}  ${status}  ${`${exercise.points}/${exercise.maxPoints}`.padStart(6)}  ${`${passedTests}/${exercise.tests.length}`.padStart(5)}  ${seconds(exercise.durationMs).padStart(6)}`,
    );
    if (exercise.status === 'passed') continue;
    if (exercise.failure) out.push(`      ${paint.red(`[${exercise.failure.kind}]`)} ${exercise.failure.message}`);
    if (todo) {
      out.push(paint.dim(`      not started: write ${todo.join(', ')} in exercises/${exercise.slug}/src/index.ts`));
      continue;
    }
    const failed = exercise.tests.filter((t) => t.status !== 'passed');
    for (const test of failed.slice(0, maxShown)) out.push(...failureLines(test, paint));
    if (failed.length > maxShown) out.push(paint.dim(`      … and ${failed.length - maxShown} more`));
    out.push(paint.dim(`      hints: ${exercise.hints}`));
  }

  const { totals } = scorecard;
  out.push('');
  out.push(
    `${paint.bold(`total ${totals.points}/${totals.maxPoints} points`)} · ${totals.passed}/${totals.exercises} exercises passed · ${seconds(scorecard.durationMs)}`,
  );
  const next = scorecard.exercises.find((e) => e.slug === scorecard.next);
  out.push(next ? `next: ${paint.bold(next.slug)} — ${next.title} (exercises/${next.slug}/README.md)` : paint.green('every exercise passes. Well done!'));
  return `${out.join('\n')}\n`;
}
