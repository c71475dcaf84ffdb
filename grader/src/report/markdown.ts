import { messages, type Messages } from '../i18n/messages.ts';
import type { ExerciseResult, ExerciseStatus, Provenance, Scorecard, Tampering, TestResult } from '../scorecard.ts';
import type { ReportOptions } from './formats.ts';
import { notStarted } from './terminal.ts';
import { capText, escapeMarkup, percentOf, printable } from './untrusted.ts';

/**
 * The scorecard for a GitHub job summary and a pull-request comment (GitHub Flavored Markdown).
 * Every learner-influenced string is made inert: entities for the characters Markdown or HTML would
 * read (`|` cannot split a table cell), `@` mentions broken so nobody is pinged, and learner output
 * only ever inside `<pre>`, HTML-escaped, where nothing is rendered.
 */

/** First line: the comment workflow finds (and updates) its own comment by it. */
export const MARKDOWN_MARKER = '<!-- tickwork-grade -->';

/** GitHub refuses a comment over 65 536 characters; a job summary may hold 1 MiB. Stay under both. */
const SIZE_BUDGET = 60_000;
const MESSAGE_CAP = 1_500;
const OUTPUT_CAP = 2_000;
const FAILURES_SHOWN = 10;
const TAMPERING_SHOWN = 50;

const STATUS_MARK: Record<ExerciseStatus, string> = {
  passed: '✅',
  partial: '🟡',
  failed: '❌',
  error: '⚠️',
  timeout: '⏱️',
  'public-passed': '☑️',
  ungraded: '⚪',
};

/** `@name` would notify that GitHub user from a comment: a zero-width space after the `@` does not. */
const withoutMentions = (markup: string): string => markup.replace(/@(?=[\w-])/g, '@&#8203;');

/**
 * Text in a Markdown paragraph or table cell, on one line: every character Markdown gives a meaning
 * inline, and HTML's specials, as numeric entities (GitHub shows them as the characters).
 */
export function markdownInline(text: string): string {
  const oneLine = printable(text).replace(/\r\n|\r|\n/g, ' ');
  const escaped = oneLine.replace(/[&<>"'|\\`*_[\]~!#]/g, (c) => `&#${c.charCodeAt(0)};`);
  return withoutMentions(escaped);
}

/** Text for a `<pre>` block: HTML-escaped, so neither Markdown nor HTML is rendered in it. */
const preformatted = (text: string): string => withoutMentions(escapeMarkup(text));

const shortSha = (sha: string): string => (/^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 7) : capText(sha, 40));
/** `sha256:` and the first 12 hex digits: enough to tell two test sets apart at a glance. */
const shortHash = (hash: string): string => (hash.length > 19 ? `${hash.slice(0, 19)}…` : hash);

function tamperingBlock(tampering: Tampering[], text: Messages): string[] {
  const lines = ['> [!WARNING]', `> **${markdownInline(text.report.tamperingHeading)}** (${tampering.length})`, '>'];
  for (const entry of tampering.slice(0, TAMPERING_SHOWN)) {
    lines.push(`> - <code>${markdownInline(capText(entry.file, 300))}</code> — ${markdownInline(text.report.tamperingChange[entry.change] ?? entry.change)}`);
  }
  if (tampering.length > TAMPERING_SHOWN) lines.push(`> - ${markdownInline(text.scorecard.moreFailures(tampering.length - TAMPERING_SHOWN))}`);
  return [...lines, ''];
}

function exerciseRow(exercise: ExerciseResult, text: Messages): string {
  const passedTests = exercise.tests.filter((t) => t.status === 'passed').length;
  const cells = [
    `${markdownInline(exercise.slug)} · ${markdownInline(exercise.title)}`,
    // An untouched stub reads "to do", as in the terminal: nothing of the learner's failed yet.
    notStarted(exercise) ? `⚪ ${markdownInline(text.scorecard.toDo)}` : `${STATUS_MARK[exercise.status]} ${markdownInline(text.scorecard.status[exercise.status])}`,
    `${exercise.points}/${exercise.maxPoints}`,
    `${passedTests}/${exercise.tests.length}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function failedTestBlock(test: TestResult, text: Messages): string {
  if (test.status === 'skipped') return `**– ${markdownInline(test.name)}** (${markdownInline(text.scorecard.worth(test.maxPoints))}) · skipped\n`;
  const kind = test.kind && test.kind !== 'not-implemented' ? ` · ${markdownInline(text.failureKindName[test.kind])}` : '';
  const at = test.location ? ` · <code>${markdownInline(capText(test.location, 300))}</code>` : '';
  const body = [capText(test.message ?? test.status, MESSAGE_CAP)];
  if (test.output) body.push('', text.scorecard.yourOutput, capText(test.output, OUTPUT_CAP));
  return [`**✗ ${markdownInline(test.name)}** (${markdownInline(text.scorecard.worth(test.maxPoints))})${kind}${at}`, '', `<pre>${preformatted(body.join('\n'))}</pre>`, ''].join('\n');
}

/**
 * One `<details>` per exercise that lost points: its own failure first, then its failed tests. None
 * for an untouched stub, whose every failure would say "not implemented yet".
 */
function exerciseDetails(exercise: ExerciseResult, text: Messages): string | undefined {
  const failed = exercise.tests.filter((t) => t.status !== 'passed');
  if ((!exercise.failure && failed.length === 0) || notStarted(exercise)) return undefined;
  const summary = `${markdownInline(exercise.slug)} · ${markdownInline(text.scorecard.status[exercise.status])} · ${exercise.points}/${exercise.maxPoints}`;
  const parts = [`<details><summary>${summary}</summary>`, ''];
  if (exercise.failure) {
    parts.push(`**${markdownInline(text.failureKindName[exercise.failure.kind])}**`, '', `<pre>${preformatted(capText(exercise.failure.message, MESSAGE_CAP))}</pre>`, '');
  }
  for (const test of failed.slice(0, FAILURES_SHOWN)) parts.push(failedTestBlock(test, text));
  if (failed.length > FAILURES_SHOWN) parts.push(markdownInline(text.report.moreFailures(failed.length - FAILURES_SHOWN)), '');
  parts.push('</details>', '');
  return parts.join('\n');
}

function provenanceLine(provenance: Provenance | undefined, createdAt: string): string {
  const parts: string[] = [];
  if (provenance) {
    parts.push(`base <code>${markdownInline(shortSha(provenance.base))}</code>`);
    if (provenance.head) parts.push(`head <code>${markdownInline(shortSha(provenance.head))}</code>`);
    if (provenance.learner) parts.push(`learner ${markdownInline(capText(provenance.learner, 100))}`);
    parts.push(`tests <code>${markdownInline(shortHash(provenance.testsHash))}</code>`);
  }
  parts.push(markdownInline(createdAt));
  return `<sub>${parts.join(' · ')}</sub>`;
}

export function renderMarkdown(scorecard: Scorecard, options: Pick<ReportOptions, 'lang'>): string {
  const text = messages(options.lang);
  const { totals } = scorecard;
  const head: string[] = [MARKDOWN_MARKER, ''];
  if (scorecard.tampering && scorecard.tampering.length > 0) head.push(...tamperingBlock(scorecard.tampering, text));
  if (scorecard.aborted) head.push('> [!CAUTION]', `> **${markdownInline(text.report.abortedHeading)}:** ${markdownInline(capText(scorecard.aborted.message, MESSAGE_CAP))}`, '');
  head.push(`### ${markdownInline(text.scorecard.title(scorecard.target))}`, '');
  head.push(
    `**${markdownInline(text.scorecard.total(totals.points, totals.maxPoints))}** (${percentOf(totals.points, totals.maxPoints)}%) · ${markdownInline(text.scorecard.passedCount(totals.passed, totals.exercises))}`,
    '',
  );
  const column = text.scorecard.columns;
  head.push(`| ${[column.exercise, column.status, column.points, column.tests].map(markdownInline).join(' | ')} |`, '|---|---|--:|--:|');
  head.push(...scorecard.exercises.map((e) => exerciseRow(e, text)), '');

  const tail = ['', provenanceLine(scorecard.provenance, scorecard.createdAt), ''].join('\n');
  let document = `${head.join('\n')}\n`;
  const details = scorecard.exercises.map((e) => exerciseDetails(e, text)).filter((d): d is string => d !== undefined);
  if (details.length > 0) {
    document += `#### ${markdownInline(text.report.failedTests)}\n\n`;
    const cutNote = `_${markdownInline(text.report.cut)}_\n`;
    for (const block of details) {
      if (document.length + block.length + cutNote.length + tail.length > SIZE_BUDGET) {
        document += cutNote;
        break;
      }
      document += `${block}\n`;
    }
  }
  return `${document}${tail}`;
}
