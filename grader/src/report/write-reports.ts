import { appendFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import type { Scorecard } from '../scorecard.ts';
import { classroomNotice, classroomStepOutput } from './classroom.ts';
import { parseReportSpec, renderReport, type ReportOptions, type ReportRequest } from './formats.ts';
import { githubAnnotations, stopCommands } from './github.ts';

/**
 * `--report` values, checked before grading so a bad one does not cost a whole grade. Files go where
 * they are named (folders are made); two reports into one file would lose one, so that is refused.
 */
export function parseReportRequests(specs: string[], cwd: string): ReportRequest[] {
  const requests = specs.map((spec) => parseReportSpec(spec)).map((r) => (r.file === undefined ? r : { ...r, file: resolve(cwd, r.file) }));
  const seen = new Set<string>();
  for (const { format, file } of requests) {
    if (file === undefined) continue;
    if (seen.has(file)) throw new UsageError(`--report ${format}=${file}: another --report writes that file too`);
    seen.add(file);
    if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--report ${format}=${file}: that is a folder, not a file`);
  }
  return requests;
}

export interface ReportContext extends ReportOptions {
  /** Running under GitHub Actions: annotations, Classroom's step output, and no workflow command from learner text. */
  github: boolean;
  /** The file of GitHub's step outputs (`$GITHUB_OUTPUT`), when set. */
  githubOutput?: string | undefined;
}

/** Writes every requested report of one scorecard; under GitHub Actions, also what the runner reads. */
export function writeReports(scorecard: Scorecard, requests: ReportRequest[], context: ReportContext): void {
  for (const request of requests) {
    const text = renderReport(request.format, scorecard, { ...context, color: context.color && request.file === undefined });
    if (request.file === undefined) {
      // The log is read by the runner: learner text in it must never become a workflow command.
      process.stdout.write(context.github ? stopCommands(text) : text);
    } else {
      mkdirSync(dirname(request.file), { recursive: true });
      writeFileSync(request.file, text);
    }
  }
  if (!context.github) return;
  for (const line of githubAnnotations(scorecard)) process.stdout.write(`${line}\n`);
  if (requests.some((r) => r.format === 'classroom')) {
    if (context.githubOutput) appendFileSync(context.githubOutput, `${classroomStepOutput(scorecard)}\n`);
    process.stdout.write(`${classroomNotice(scorecard)}\n`);
  }
}
