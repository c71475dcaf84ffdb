import { randomBytes } from 'node:crypto';
import type { Scorecard } from '../scorecard.ts';
import { capText, printable } from './untrusted.ts';

/**
 * GitHub Actions workflow commands: annotations on the learner's line, and the one documented way to
 * print untrusted text to the log. The escaping is that of GitHub's toolkit (@actions/core
 * `command.ts`): with CR and LF escaped a value can never end the line, so learner text can never
 * start a command of its own.
 */

/**
 * GitHub shows at most 10 error annotations per step and 50 per job; more are dropped silently. 50 keeps
 * the log short and lets a job whose other steps annotate nothing show what GitHub will show.
 */
export const MAX_ANNOTATIONS = 50;
const MESSAGE_CAP = 2_000;
const TITLE_CAP = 300;

/** Command data (after `::`): `%`, CR and LF as percent escapes, exactly as @actions/core does. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property (`title=…`): also `:` and `,`, which would end the value. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `exercises/01-x/src/index.ts:12:5` → file, line and column; undefined for anything else. */
export function splitLocation(location: string): { file: string; line: number; col: number } | undefined {
  const match = /^(.+):(\d+):(\d+)$/.exec(location);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), col: Number(match[3]) };
}

/**
 * One `::error` per failed test whose originating line is known (the location is relative to the
 * repository root, which is where GitHub resolves `file=`), in scorecard order, at most MAX_ANNOTATIONS.
 * No trailing newline: one string per log line.
 */
export function githubAnnotations(scorecard: Scorecard): string[] {
  const lines: string[] = [];
  for (const exercise of scorecard.exercises) {
    for (const test of exercise.tests) {
      if (test.status !== 'failed' || !test.location) continue;
      const where = splitLocation(test.location);
      if (!where) continue;
      if (lines.length === MAX_ANNOTATIONS) return lines;
      const kind = test.kind && test.kind !== 'not-implemented' ? `[${test.kind}] ` : '';
      const properties = [
        `file=${escapeProperty(where.file)}`,
        `line=${where.line}`,
        `col=${where.col}`,
        `title=${escapeProperty(capText(printable(`${exercise.slug}: ${test.name}`), TITLE_CAP))}`,
      ];
      // Terminal escapes and control characters are dropped first: the log viewer would act on them.
      lines.push(`::error ${properties.join(',')}::${escapeData(capText(printable(`${kind}${test.message ?? 'the test failed'}`), MESSAGE_CAP))}`);
    }
  }
  return lines;
}

/** A token nobody can guess from the outside: learner code never sees it before it is printed. */
const randomToken = (): string => `tickwork-${randomBytes(16).toString('hex')}`;

/**
 * `text` between `::stop-commands::TOKEN` and `::TOKEN::`: while stopped, the runner treats no line as
 * a command (GitHub's documented way to print untrusted text). The token must not occur in the text,
 * or the text could resume command processing itself.
 */
export function stopCommands(text: string, token: string = randomToken()): string {
  if (!/^[\w.-]+$/.test(token)) throw new Error(`stopCommands: token ${JSON.stringify(token)} must be letters, digits, '-', '_' or '.'`);
  if (text.includes(token)) throw new Error('stopCommands: the text contains the token; use a fresh random token');
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `::stop-commands::${token}\n${body}::${token}::\n`;
}
