import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import type { Lang } from '../i18n/lang.ts';
import type { GradescopeVisibility, ReportRequest } from '../report/formats.ts';
import { parseReportRequests, type ReportContext } from '../report/write-reports.ts';
import { useColor } from './options.ts';

/** Checked before grading, so a typo in the path does not cost a whole grade. */
function reportPath(file: string): string {
  const path = resolve(process.cwd(), file);
  if (!existsSync(dirname(path))) throw new UsageError(`--json ${file}: folder ${dirname(path)} does not exist`);
  return path;
}

/** `--json FILE` (older spelling) is `--report json=FILE`; the terminal scorecard prints unless asked for elsewhere. */
export function reportRequests(values: { report?: string[] | undefined; json?: string | undefined }): ReportRequest[] {
  const requests = parseReportRequests(values.report ?? [], process.cwd());
  if (values.json !== undefined) requests.push({ format: 'json', file: reportPath(values.json) });
  return requests.some((r) => r.format === 'terminal' && r.file === undefined) ? requests : [{ format: 'terminal' }, ...requests];
}

const VISIBILITIES: readonly GradescopeVisibility[] = ['hidden', 'after_due_date', 'after_published', 'visible'];

function hiddenVisibility(value: string | undefined): GradescopeVisibility {
  if (value === undefined) return 'after_published';
  if ((VISIBILITIES as readonly string[]).includes(value)) return value as GradescopeVisibility;
  throw new UsageError(`--hidden-visibility ${value}: expected one of ${VISIBILITIES.join(', ')} (how Gradescope shows hidden tests)`);
}

/** How reports are written in this run; under GitHub Actions, also what the runner reads. */
export function reportContext(lang: Lang, visibility: string | undefined): ReportContext {
  const github = process.env.GITHUB_ACTIONS === 'true';
  return { lang, color: useColor() && !github, hiddenVisibility: hiddenVisibility(visibility), github, githubOutput: process.env.GITHUB_OUTPUT };
}
