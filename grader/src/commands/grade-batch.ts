import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';

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
  others: string[];
}): Promise<number> {
  refuse(request.others, '--submissions');
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
  const manifest = await gradeBatch({ repo: request.repo, installedRoot: request.installedRoot, submissions, base: request.base, names: request.names, out, shard, jobs, progress });
  writeBatchOutput(out, manifest, []);
  process.stdout.write(`tickwork: ${manifest.learners.length} learner(s) graded: ${out}/gradebook.csv, ${out}/batch.json, ${out}/scorecards/\n`);
  return 0;
}

/** `pnpm grade --merge A B …`: shard outputs joined into one gradebook. */
export async function runMerge(request: { inputs: string[]; out: string | undefined; others: string[] }): Promise<number> {
  refuse(request.others, '--merge');
  if (request.inputs.length === 0) throw new UsageError('--merge needs the shard outputs to join: batch.json files or the folders holding them');
  const { mergeBatches, readBatchInput, writeBatchOutput } = await import('../batch/merge.ts');
  const merged = mergeBatches(request.inputs.map((input) => readBatchInput(resolve(process.cwd(), input))));
  const out = outFolder(request.out);
  writeBatchOutput(out, merged.manifest, merged.scorecards);
  process.stdout.write(`tickwork: ${merged.manifest.learners.length} learner(s) from ${request.inputs.length} input(s): ${out}/gradebook.csv\n`);
  return 0;
}
