/**
 * Every way a scorecard can be written (`pnpm grade --report FORMAT[=FILE]`, repeatable). Each format
 * is a pure function of one Scorecard, so all of them come from the same run. docs/scorecard.md.
 */
import type { Lang } from '../i18n/lang.ts';
import type { Scorecard } from '../scorecard.ts';

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
}

export interface ReportRequest {
  format: ReportFormat;
  /** Where to write it; undefined: standard output (terminal only). */
  file?: string;
}
