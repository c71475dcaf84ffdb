/**
 * Every way a scorecard can be written (`pnpm grade --report FORMAT[=FILE]`, repeatable). Each format
 * is a pure function of one Scorecard, so all of them come from the same run. docs/scorecard.md.
 */
import { UsageError } from '../errors.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Scorecard } from '../scorecard.ts';
import { renderBadge } from './badge.ts';
import { renderClassroom } from './classroom.ts';
import { renderGradescope } from './gradescope.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { renderTerminal } from './terminal.ts';

export const REPORT_FORMATS = ['terminal', 'json', 'markdown', 'junit', 'gradescope', 'classroom', 'html', 'badge'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Gradescope's visibility values; a hidden tickwork test is shown `after_published` by default. */
export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface ReportOptions {
  lang: Lang;
  /** Terminal only: ANSI colours (never in a file). */
  color: boolean;
  /** Gradescope only: how tests hidden from learners are shown there. */
  hiddenVisibility: GradescopeVisibility;
  /** Badge only: `87%` (default) or `104/120`. */
  badge?: BadgeValue;
}

export type BadgeValue = 'percent' | 'points';

export interface ReportRequest {
  format: ReportFormat;
  /** Where to write it; undefined: standard output (terminal only). */
  file?: string;
}

/** Where `--report FORMAT` writes when no `=FILE` is given: the current folder. */
export const DEFAULT_REPORT_FILES: Record<Exclude<ReportFormat, 'terminal'>, string> = {
  json: 'scorecard.json',
  markdown: 'scorecard.md',
  junit: 'junit.xml',
  gradescope: 'results.json',
  classroom: 'classroom.json',
  html: 'scorecard.html',
  badge: 'badge.svg',
};

const isFormat = (name: string): name is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(name);

/**
 * One `--report` value: `FORMAT` or `FORMAT=FILE`. `terminal` alone prints to standard output; any
 * other format alone goes to its default file (DEFAULT_REPORT_FILES). The file is returned as written,
 * relative paths unresolved.
 */
export function parseReportSpec(spec: string): ReportRequest {
  const equals = spec.indexOf('=');
  const name = (equals < 0 ? spec : spec.slice(0, equals)).trim();
  if (!isFormat(name)) {
    throw new UsageError(`--report ${spec}: unknown format ${JSON.stringify(name)}; expected one of ${REPORT_FORMATS.join(', ')}, optionally =FILE`);
  }
  if (equals < 0) return name === 'terminal' ? { format: name } : { format: name, file: DEFAULT_REPORT_FILES[name] };
  const file = spec.slice(equals + 1);
  if (file.trim() === '') throw new UsageError(`--report ${spec}: the file name after "=" is empty (write ${name}=FILE, or ${name} alone)`);
  return { format: name, file };
}

/** The report as text, ready to write: every format a pure function of the one scorecard. */
export function renderReport(format: ReportFormat, scorecard: Scorecard, options: ReportOptions): string {
  switch (format) {
    case 'terminal':
      return renderTerminal(scorecard, { color: options.color, lang: options.lang });
    case 'json':
      return renderJson(scorecard);
    case 'markdown':
      return renderMarkdown(scorecard, options);
    case 'junit':
      return renderJunit(scorecard);
    case 'gradescope':
      return renderGradescope(scorecard, options);
    case 'classroom':
      return renderClassroom(scorecard);
    case 'html':
      return renderHtml(scorecard, options);
    case 'badge':
      return renderBadge(scorecard, options);
  }
}
