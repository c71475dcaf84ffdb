import { UsageError } from '../errors.ts';
import type { ReportRequest } from '../report/formats.ts';
import { writeReports, type ReportContext } from '../report/write-reports.ts';

/**
 * `--ci --base B`: grade the learner files of the head against the base's tests, in a trusted copy
 * (trusted/from-commits.ts). Every report is written before the exit code says "tampered".
 */
export async function runCi(request: { repo: string; installedRoot: string; base: string | undefined; head: string; names: string[]; reports: ReportRequest[]; context: ReportContext }): Promise<number> {
  if (request.base === undefined) throw new UsageError('--ci needs --base <ref>: the commit whose tests, grader and configs are trusted (docs/ci.md)');
  const { gradeCommits } = await import('../trusted/from-commits.ts');
  const { repo, installedRoot, base, head, names } = request;
  const scorecard = await gradeCommits({ repo, installedRoot, base, head, names });
  writeReports(scorecard, request.reports, request.context);
  if ((scorecard.tampering ?? []).length > 0) {
    process.stderr.write(`tickwork: ${scorecard.tampering!.length} file(s) outside the learner's files changed (tampering): listed in the scorecard, ignored for grading\n`);
    return 1;
  }
  return 0;
}
