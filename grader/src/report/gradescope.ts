import type { ExerciseResult, Scorecard, TestResult } from '../scorecard.ts';
import type { GradescopeVisibility, ReportOptions } from './formats.ts';
import { capText, printable } from './untrusted.ts';

/**
 * Gradescope's `results.json` (gradescope-autograders.readthedocs.io, "Autograder Specifications").
 * Every string is declared `text` (`output_format`, `test_output_format`, `test_name_format`):
 * Gradescope's default for the top-level output is `simple_format`, which renders HTML, and learner
 * text must never be rendered.
 */

export interface GradescopeTest {
  name: string;
  /** `7.2`: exercise order, then the test's place in it. */
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output?: string;
  visibility: GradescopeVisibility;
  tags: string[];
}

export interface GradescopeResults {
  score: number;
  /** Whole seconds, as Gradescope's example gives it. */
  execution_time: number;
  output: string;
  output_format: 'text';
  test_output_format: 'text';
  test_name_format: 'text';
  tests: GradescopeTest[];
}

const OUTPUT_CAP = 4_000;
const SUMMARY_CAP = 8_000;
const TAMPERING_LISTED = 50;

/** A failed test's message and what the code printed, for the test's collapsed `<pre>`. */
function testOutput(test: TestResult): string | undefined {
  if (test.status === 'passed') return undefined;
  if (test.status === 'skipped') return 'skipped';
  const lines = [test.message ?? 'the test failed'];
  if (test.location) lines.push(`at ${test.location}`);
  if (test.output) lines.push('', 'your output:', test.output);
  return capText(printable(lines.join('\n')), OUTPUT_CAP);
}

function exerciseTests(exercise: ExerciseResult, hiddenVisibility: GradescopeVisibility, scorecard: Scorecard): GradescopeTest[] {
  const tags = [exercise.slug, `module-${exercise.module}`];
  const tests = exercise.tests.map(
    (test, index): GradescopeTest => {
      const output = testOutput(test);
      return {
        name: `${exercise.slug} › ${test.name}`,
        number: `${exercise.order}.${index + 1}`,
        score: test.points,
        max_score: test.maxPoints,
        status: test.status === 'passed' ? 'passed' : 'failed',
        ...(output === undefined ? {} : { output }),
        // A scorecard older than `visibility` gave no answer: read as hidden, as docs/scorecard.md says.
        visibility: test.visibility === 'public' ? 'visible' : hiddenVisibility,
        tags: test.kind ? [...tags, test.kind] : tags,
      };
    },
  );
  // Points no test reported (the module did not load, the grade was stopped) still belong to the
  // maximum: one visible entry holds them, so the tests' max_score add up to the scorecard's.
  const unreported = exercise.maxPoints - exercise.tests.reduce((sum, t) => sum + t.maxPoints, 0);
  if (exercise.failure || unreported > 0) {
    const why = exercise.failure?.message ?? scorecard.aborted?.message ?? 'no test reported a result';
    tests.unshift({
      name: `${exercise.slug} › (exercise) ${exercise.failure?.kind ?? exercise.status}`,
      number: `${exercise.order}.0`,
      score: 0,
      max_score: Math.max(0, unreported),
      status: 'failed',
      output: capText(printable(why), OUTPUT_CAP),
      visibility: 'visible',
      tags: exercise.failure ? [...tags, exercise.failure.kind] : tags,
    });
  }
  return tests;
}

/** The top-level output: totals, then tampering and an unfinished grade, which an instructor must see. */
function summary(scorecard: Scorecard): string {
  const { totals } = scorecard;
  const lines: string[] = [];
  if (scorecard.tampering && scorecard.tampering.length > 0) {
    lines.push(`WARNING: ${scorecard.tampering.length} change(s) outside the learner files were ignored for grading:`);
    lines.push(...scorecard.tampering.slice(0, TAMPERING_LISTED).map((t) => `  ${t.change}: ${t.file}`));
    if (scorecard.tampering.length > TAMPERING_LISTED) lines.push(`  … and ${scorecard.tampering.length - TAMPERING_LISTED} more`);
    lines.push('');
  }
  if (scorecard.aborted) lines.push(`Grading did not finish (${scorecard.aborted.reason}): ${scorecard.aborted.message}`, '');
  lines.push(`tickwork: ${totals.points}/${totals.maxPoints} points, ${totals.passed}/${totals.exercises} exercises passed.`);
  return capText(printable(lines.join('\n')), SUMMARY_CAP);
}

export function gradescopeResults(scorecard: Scorecard, options: Pick<ReportOptions, 'hiddenVisibility'>): GradescopeResults {
  return {
    score: scorecard.totals.points,
    execution_time: Math.round(scorecard.durationMs / 1000),
    output: summary(scorecard),
    output_format: 'text',
    test_output_format: 'text',
    test_name_format: 'text',
    tests: scorecard.exercises.flatMap((e) => exerciseTests(e, options.hiddenVisibility ?? 'after_published', scorecard)),
  };
}

export function renderGradescope(scorecard: Scorecard, options: Pick<ReportOptions, 'hiddenVisibility'>): string {
  return `${JSON.stringify(gradescopeResults(scorecard, options), null, 2)}\n`;
}
