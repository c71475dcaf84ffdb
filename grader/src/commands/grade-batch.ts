import { cpSync, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { reportsFolderOf } from '../batch/manifest.ts';
import { UsageError } from '../errors.ts';
import { parseReportSpec, type ReportOptions } from '../report/formats.ts';

/** Where a batch or a merge writes when --out is not given: beside where it was run. */
const DEFAULT_OUT = 'gradebook';

function outFolder(out: string | undefined): string {
  const folder = resolve(process.cwd(), out ?? DEFAULT_OUT);
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new UsageError(`--out ${out}: that is a file, not a folder`);
  return folder;
}

function refuse(others: string[], mode: string): void {
  if (others.length > 0) throw new UsageError(`${others.join(', ')}: not with ${mode} (pnpm grade --help)`);
}

/** `pnpm grade --submissions DIR`: every learner (of the shard) graded, gradebook.csv and batch.json written. */
export async function runBatch(request: {
  repo: string;
  installedRoot: string;
  submissions: string;
  base: string;
  names: string[];
  out: string | undefined;
  shard: string | undefined;
  jobs: string | undefined;
  /** `--report FORMAT` values: each learner gets one file per format (no `=FILE`: there are many learners). */
  reports: string[];
  reportOptions: ReportOptions;
  others: string[];
}): Promise<number> {
  refuse(request.others, '--submissions');
  const withFile = request.reports.find((spec) => spec.includes('='));
  if (withFile) throw new UsageError(`--report ${withFile}: with --submissions every learner gets their own file, under <out>/reports/<learner>/: give the format alone`);
  const reports = request.reports.map((spec) => parseReportSpec(spec).format);
  const submissions = resolve(process.cwd(), request.submissions);
  if (!existsSync(submissions) || !statSync(submissions).isDirectory()) throw new UsageError(`--submissions ${request.submissions}: no such folder`);
  const jobs = request.jobs === undefined ? availableParallelism() : Number(request.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs ${request.jobs}: expected a whole number of learners to grade at once, 1 or more`);
  const [{ parseShard, learnersOfShard }, { gradeBatch, learnerFolders }, { createProgress }, { writeBatchOutput }] = await Promise.all([
    import('../batch/shard.ts'),
    import('../batch/batch.ts'),
    import('../batch/progress.ts'),
    import('../batch/merge.ts'),
  ]);
  const shard = request.shard === undefined ? null : parseShard(request.shard);
  const out = outFolder(request.out);
  const everyone = learnerFolders(submissions);
  if (everyone.length === 0) throw new UsageError(`--submissions ${request.submissions}: no learner folders in it`);
  // A matrix sized for a bigger class may leave a shard empty: it writes an empty gradebook, which merges.
  const count = learnersOfShard(everyone, shard).length;
  const progress = createProgress(process.stderr, count);
  const manifest = await gradeBatch({ repo: request.repo, installedRoot: request.installedRoot, submissions, base: request.base, names: request.names, out, shard, jobs, progress, reports, reportOptions: request.reportOptions });
  writeBatchOutput(out, manifest, []);
  process.stdout.write(`tickwork: ${manifest.learners.length} learner(s) graded: ${out}/gradebook.csv, ${out}/batch.json, ${out}/scorecards/\n`);
  return 0;
}

/** `pnpm grade --merge A B …`: shard outputs joined into one gradebook. */
export async function runMerge(request: { inputs: string[]; out: string | undefined; others: string[] }): Promise<number> {
  refuse(request.others, '--merge');
  if (request.inputs.length === 0) throw new UsageError('--merge needs the shard outputs to join: batch.json files or the folders holding them');
  const { mergeBatches, readBatchInput, writeBatchOutput } = await import('../batch/merge.ts');
  const inputs = request.inputs.map((input) => readBatchInput(resolve(process.cwd(), input)));
  const merged = mergeBatches(inputs);
  const out = outFolder(request.out);
  writeBatchOutput(out, merged.manifest, merged.scorecards);
  // Learners' report folders (--report in the shards) come along: names are unique across inputs (checked above).
  for (const { dir, manifest } of inputs) {
    for (const { name } of manifest.learners) {
      const folder = join(dir, reportsFolderOf(name));
      if (existsSync(folder)) cpSync(folder, join(out, reportsFolderOf(name)), { recursive: true });
    }
  }
  process.stdout.write(`tickwork: ${merged.manifest.learners.length} learner(s) from ${request.inputs.length} input(s): ${out}/gradebook.csv\n`);
  return 0;
}
