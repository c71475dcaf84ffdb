import type { FailureKind } from '@tickwork/testkit/failures';
import type { Lang } from '../i18n/lang.ts';
import { messages, type Messages } from '../i18n/messages.ts';
import type { ExerciseResult, ExerciseStatus, Scorecard, TestResult, WithheldTests } from '../scorecard.ts';

export interface TerminalOptions {
  color: boolean;
  /** Failed tests listed per exercise before "… and N more". */
  maxFailuresShown?: number;
  /** The language of every word the scorecard prints (i18n/messages.ts); default English. */
  lang?: Lang;
  /** Rows of these exercises only (watch mode: the re-graded ones); totals and next stay the whole scorecard's. */
  only?: string[];
  /** Rows only, without failure details (watch mode's `l` list). */
  compact?: boolean;
}

type Paint = (text: string) => string;
const ansi = (code: number): Paint => (text) => `\u001b[${code}m${text}\u001b[0m`;
const plain: Paint = (text) => text;

/** Lines of a failed test's output shown in the terminal; the JSON scorecard keeps more. */
const OUTPUT_LINES_SHOWN = 5;

const STATUS_MARK: Record<ExerciseStatus, string> = { passed: '✓', partial: '◐', failed: '✗', error: '!', timeout: '⏱', 'public-passed': '✓', ungraded: '·' };

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The functions still to write, when every test failed on the stub's `TODO: implement` (shown "to do"; watch mode's `n` too). */
export function notStarted(exercise: ExerciseResult): string[] | undefined {
  const failed = exercise.tests.filter((t) => t.status !== 'passed');
  if (exercise.failure || failed.length === 0 || failed.length !== exercise.tests.length) return undefined;
  if (!failed.every((t) => t.kind === 'not-implemented')) return undefined;
  return [...new Set(failed.map((t) => /^(\S+) is not implemented yet/.exec(t.message ?? '')?.[1] ?? '?'))];
}

// Test names and messages are the tests' own words (their authors' language); only the grader's are translated.
function failureLines(test: TestResult, paint: { dim: Paint; red: Paint }, text: Messages): string[] {
  const lines = [`      ${paint.red('✗')} ${test.name} ${paint.dim(`(${text.scorecard.worth(test.maxPoints)})`)}`];
  if (test.message) lines.push(`        ${test.kind && test.kind !== 'not-implemented' ? `[${text.failureKindName[test.kind]}] ` : ''}${test.message}`);
  if (test.location) lines.push(paint.dim(`        ${text.scorecard.at(test.location)}`));
  if (test.output) {
    const printed = test.output.split('\n');
    lines.push(paint.dim(`        ${text.scorecard.yourOutput}`), ...printed.slice(0, OUTPUT_LINES_SHOWN).map((line) => paint.dim(`          ${line}`)));
    if (printed.length > OUTPUT_LINES_SHOWN) lines.push(paint.dim(`          ${text.scorecard.moreOutput(printed.length - OUTPUT_LINES_SHOWN)}`));
  }
  return lines;
}

/** What a student edition left out of this exercise: some of its tests, or all of them. */
function withheldLine(exercise: ExerciseResult, withheld: WithheldTests, text: Messages): string {
  return exercise.status === 'ungraded' ? text.edition.allWithheld(withheld.tests, withheld.points) : text.edition.withheld(withheld.tests, withheld.points);
}

/** One line per failure kind the scorecard showed, so a learner never has to look a kind up. */
function kindLegend(kinds: Set<FailureKind>, paint: { dim: Paint }, text: Messages): string[] {
  if (kinds.size === 0) return [];
  const lines = ['', paint.dim(text.scorecard.kindsHeading)];
  for (const kind of kinds) {
    const name = text.failureKindName[kind];
    lines.push(paint.dim(`  ${name}${name === kind ? '' : ` (${kind})`}: ${text.failureKindExplanation[kind]}`));
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
    'public-passed': paint.green,
    ungraded: paint.dim,
  };
  const maxShown = options.maxFailuresShown ?? 5;
  const text = messages(options.lang ?? 'en');
  const column = text.scorecard.columns;
  const todos = new Map(scorecard.exercises.map((e) => [e, notStarted(e)]));
  // An untouched stub is work ahead, not a failure: say so in the status column too.
  const statusLabel = (e: ExerciseResult): string => (todos.get(e) ? `○ ${text.scorecard.toDo}` : `${STATUS_MARK[e.status]} ${text.scorecard.status[e.status]}`);
  const width = Math.max(column.exercise.length, ...scorecard.exercises.map((e) => e.slug.length));
  const statusWidth = Math.max(9, column.status.length, ...scorecard.exercises.map((e) => statusLabel(e).length));
  const kindsShown = new Set<FailureKind>();
  const out: string[] = [paint.bold(text.scorecard.title(scorecard.target)), ''];
  out.push(paint.dim(`  ${column.exercise.padEnd(width)}  ${column.status.padEnd(statusWidth)}  ${column.points.padStart(6)}  ${column.tests.padStart(5)}  ${column.time.padStart(6)}`));

  for (const exercise of scorecard.exercises) {
    if (options.only && !options.only.includes(exercise.slug)) continue;
    const passedTests = exercise.tests.filter((t) => t.status === 'passed').length;
    const todo = todos.get(exercise);
    const status = (todo ? paint.dim : statusPaint[exercise.status])(statusLabel(exercise).padEnd(statusWidth));
    const mark = exercise.slug === scorecard.next ? paint.bold('→') : ' ';
    out.push(
      `${mark} ${exercise.slug.padEnd(width)}  ${status}  ${`${exercise.points}/${exercise.maxPoints}`.padStart(6)}  ${`${passedTests}/${exercise.tests.length}`.padStart(5)}  ${seconds(exercise.durationMs).padStart(6)}${exercise.cached ? ` ${paint.dim(text.cache.replayed)}` : ''}`,
    );
    // A student edition without some hidden tests says so under every exercise it concerns.
    if (exercise.withheld && !options.compact) out.push(`      ${withheldLine(exercise, exercise.withheld, text)}`);
    if (exercise.status === 'passed' || exercise.status === 'public-passed' || options.compact) continue;
    if (exercise.failure) {
      kindsShown.add(exercise.failure.kind);
      out.push(`      ${paint.red(`[${text.failureKindName[exercise.failure.kind]}]`)} ${exercise.failure.message}`);
    }
    if (todo) {
      out.push(paint.dim(`      ${text.scorecard.notStarted(todo.join(', '), `exercises/${exercise.slug}/src/index.ts`)}`));
      continue;
    }
    const failed = exercise.tests.filter((t) => t.status !== 'passed');
    for (const test of failed.slice(0, maxShown)) {
      if (test.kind && test.kind !== 'not-implemented' && test.message) kindsShown.add(test.kind);
      out.push(...failureLines(test, paint, text));
    }
    if (failed.length > maxShown) out.push(paint.dim(`      ${text.scorecard.moreFailures(failed.length - maxShown)}`));
    out.push(paint.dim(`      ${text.scorecard.hints(text.scorecard.docFile(exercise.hints), exercise.slug)}`));
  }

  out.push(...kindLegend(kindsShown, paint, text));

  const { totals } = scorecard;
  out.push('');
  const publicPassed = scorecard.exercises.filter((e) => e.status === 'public-passed').length;
  const editionParts = totals.withheld
    ? [...(publicPassed > 0 ? [text.edition.publicPassedCount(publicPassed, totals.exercises)] : []), text.edition.totalWithheld(totals.withheld.tests, totals.withheld.points)]
    : [];
  out.push(
    [`${paint.bold(text.scorecard.total(totals.points, totals.maxPoints))}`, text.scorecard.passedCount(totals.passed, totals.exercises), ...editionParts, seconds(scorecard.durationMs)].join(' · '),
  );
  // Replayed results keep the time of the run that produced them: say they did not run now.
  const replayed = scorecard.exercises.filter((e) => e.cached).length;
  if (replayed > 0) out.push(paint.dim(text.cache.replayedCount(replayed, scorecard.exercises.length)));
  const next = scorecard.exercises.find((e) => e.slug === scorecard.next);
  // With tests withheld, passing everything here is not passing everything: never "every exercise passes".
  const allDone = totals.withheld ? text.edition.allPresentPassed : text.scorecard.allPassed;
  out.push(next ? text.scorecard.next(paint.bold(next.slug), next.title, text.scorecard.docFile(`exercises/${next.slug}/README.md`)) : paint.green(allDone));
  return `${out.join('\n')}\n`;
}
