import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presentPoints } from '../discover/discover.ts';
import { DEFAULT_REPORT_FILES, type ReportFormat, type ReportOptions } from '../report/formats.ts';
import { writeReports } from '../report/write-reports.ts';
import { renderJson } from '../report/json.ts';
import type { Scorecard } from '../scorecard.ts';
import { abortedScorecard } from '../trusted/aborted.ts';
import { assertSameLockfile } from '../trusted/dependencies.ts';
import { resolveCommit } from '../trusted/git.ts';
import { gradeTree } from '../trusted/grade-tree.ts';
import { readTrustedBase } from '../trusted/trusted-base.ts';
import { learnerEntry } from './learner-entry.ts';
import { scorecardPathOf } from './merge.ts';
import { BATCH_SCHEMA, reportsFolderOf, type BatchLearner, type BatchManifest, type BatchShard } from './manifest.ts';
import type { createProgress } from './progress.ts';
import { compareNames, learnersOfShard } from './shard.ts';
import { buildSubmissionTree } from './submission-tree.ts';

export interface BatchRequest {
  /** The git repository the trusted files come from (the running grader's workbook, usually). */
  repo: string;
  installedRoot: string;
  /** The folder whose subfolders are the learners' submissions. */
  submissions: string;
  base: string;
  names: string[];
  /** Where gradebook.csv, batch.json and scorecards/ go; scorecards are written as learners finish. */
  out: string;
  shard: BatchShard | null;
  /** Learners graded at once; each has a grading process (and its test workers) of its own. */
  jobs: number;
  progress: ReturnType<typeof createProgress>;
  /** Reports written per learner, beside their JSON scorecard: `reports/<learner>/<default file name>`. */
  reports: ReportFormat[];
  reportOptions: ReportOptions;
}

/** Each requested format as the learner's own file, through the same writer as `pnpm grade --report`. */
function writeLearnerReports(out: string, name: string, scorecard: Scorecard, request: BatchRequest): void {
  const folder = join(out, reportsFolderOf(name));
  // The terminal scorecard, written to a file, is plain text.
  const files = request.reports.map((format) => ({ format, file: join(folder, format === 'terminal' ? 'scorecard.txt' : DEFAULT_REPORT_FILES[format]) }));
  writeReports(scorecard, files, { ...request.reportOptions, github: false });
}

/** Submissions are folders; dot-folders (.git, .DS_Store's kin) are not learners. */
export function learnerFolders(submissions: string): string[] {
  return (readdirSync(submissions, { withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
}

/** Runs `work` over `items` with at most `limit` at once, in order of start. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Grades every learner of the shard, each in a trusted tree of its own graded by a process of its
 * own, so one learner's hang or crash costs only that learner's row.
 */
export async function gradeBatch(request: BatchRequest): Promise<BatchManifest> {
  const base = resolveCommit(request.repo, request.base, '--base');
  const template = mkdtempSync(join(tmpdir(), 'tickwork-base-'));
  try {
    const { exercises, allowList, testsHash: hash } = readTrustedBase(request.repo, base, template, request.names);
    // Said once, before any learner, rather than as every learner's crash.
    assertSameLockfile(template, request.installedRoot);
    mkdirSync(join(request.out, 'scorecards'), { recursive: true });
    const learners = learnersOfShard(learnerFolders(request.submissions), request.shard);
    const entries: BatchLearner[] = [];
    await eachLimited(learners, request.jobs, async (name) => {
      request.progress.started(name);
      const scorecard = await gradeLearner(name);
      const file = scorecardPathOf(name);
      writeFileSync(join(request.out, file), renderJson(scorecard));
      writeLearnerReports(request.out, name, scorecard, request);
      const entry = learnerEntry(name, scorecard, file);
      entries.push(entry);
      request.progress.finished(name, entry);
    });
    request.progress.done();
    return {
      schema: BATCH_SCHEMA,
      createdAt: new Date().toISOString(),
      base,
      testsHash: hash,
      exercises: exercises.map((e) => ({ slug: e.slug, maxPoints: presentPoints(e) })),
      shard: request.shard,
      learners: entries.sort((a, b) => compareNames(a.name, b.name)),
    };

    async function gradeLearner(name: string): Promise<Scorecard> {
      const tree = mkdtempSync(join(tmpdir(), 'tickwork-learner-'));
      const provenance = { base, learner: name, testsHash: hash, learnerFiles: allowList.globs };
      try {
        const tampering = buildSubmissionTree(template, join(request.submissions, name), tree, allowList);
        return await gradeTree({ tree, installedRoot: request.installedRoot, exercises, provenance, tampering, remove: true });
      } catch (error) {
        // A submission the grader could not even lay out (unreadable files, …) is that learner's row, not the batch's end.
        rmSync(tree, { recursive: true, force: true });
        const message = `the submission could not be prepared for grading: ${(error as Error).message.split('\n')[0]}`;
        return { ...abortedScorecard(exercises, { reason: 'crashed', message }, 0), provenance, tampering: [] };
      }
    }
  } finally {
    rmSync(template, { recursive: true, force: true });
  }
}
