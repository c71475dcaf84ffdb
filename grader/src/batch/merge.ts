/**
 * `pnpm grade --merge <batch.json|DIR>… [--out DIR]`: joins the outputs of `--shard i/n` runs (or of
 * whole runs over different learners) into one gradebook, refusing anything that would make a
 * gradebook mix tests, columns or learners silently. docs/scorecard.md, "Batch output".
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { renderGradebook } from './gradebook.ts';
import { BATCH_SCHEMA, type BatchManifest } from './manifest.ts';
import { compareNames } from './shard.ts';

export interface BatchInput {
  manifest: BatchManifest;
  /** The folder holding the batch.json: its learners' `scorecard` paths are relative to it. */
  dir: string;
}

export interface ScorecardCopy {
  /** Absolute path of a learner's scorecard in an input folder. */
  from: string;
  /** Where it goes, relative to the output folder: `scorecards/<name>.json`. */
  to: string;
}

/** `path` is a batch.json, or a folder holding one (a shard's downloaded artifact). */
export function readBatchInput(path: string): BatchInput {
  if (!existsSync(path)) throw new UsageError(`--merge ${path}: no such file or folder`);
  const file = statSync(path).isDirectory() ? join(path, 'batch.json') : path;
  if (!existsSync(file)) throw new UsageError(`--merge ${path}: no batch.json in this folder`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const problem = manifestProblem(value);
  if (problem) throw new UsageError(`${file}: not a ${BATCH_SCHEMA} manifest (${problem})`);
  return { manifest: value as BatchManifest, dir: resolve(dirname(file)) };
}

/** What is wrong with a parsed batch.json, or null: enough to trust the fields merging reads. */
function manifestProblem(value: unknown): string | null {
  const m = value as Partial<BatchManifest> | null;
  if (typeof m !== 'object' || m === null) return 'not a JSON object';
  if (m.schema !== BATCH_SCHEMA) return `schema is ${JSON.stringify(m.schema ?? null)}`;
  if (typeof m.base !== 'string' || typeof m.testsHash !== 'string') return 'base or testsHash is not a string';
  if (!Array.isArray(m.exercises) || !m.exercises.every((e) => typeof e?.slug === 'string' && typeof e.maxPoints === 'number')) return 'exercises is not a list of {slug, maxPoints}';
  if (m.shard !== null && !(Number.isInteger(m.shard?.index) && Number.isInteger(m.shard?.count))) return 'shard is neither null nor {index, count}';
  if (!Array.isArray(m.learners)) return 'learners is not a list';
  const bad = m.learners.findIndex((l) => typeof l?.name !== 'string' || typeof l.scorecard !== 'string' || typeof l.points !== 'number' || typeof l.maxPoints !== 'number' || typeof l.exercises !== 'object' || !Array.isArray(l.flags));
  return bad === -1 ? null : `learners[${bad}] lacks a name, scorecard, points, maxPoints, exercises or flags`;
}

/**
 * One manifest from several: same base, same tests, same exercise columns; a learner in one input only;
 * shards all of one split (same count), each index once and none missing. Sharded and whole-run inputs
 * are not mixed: a whole run may overlap any shard, and which of the two to keep is not ours to guess.
 */
export function mergeBatches(inputs: BatchInput[], now: Date = new Date()): { manifest: BatchManifest; scorecards: ScorecardCopy[] } {
  const [first, ...rest] = inputs;
  if (!first) throw new UsageError('--merge needs at least one batch.json, or a folder holding one');
  for (const other of rest) refuseDifferentTests(first, other);
  refuseBadShards(inputs);

  const owner = new Map<string, BatchInput>();
  for (const input of inputs) {
    for (const learner of input.manifest.learners) {
      const before = owner.get(learner.name);
      if (before) throw new UsageError(`learner ${JSON.stringify(learner.name)} is in both ${fileOf(before)} and ${fileOf(input)}`);
      if (!isPlainFileName(learner.name)) throw new UsageError(`${fileOf(input)}: learner name ${JSON.stringify(learner.name)} cannot be a file name`);
      owner.set(learner.name, input);
    }
  }

  const learners = inputs.flatMap((input) => input.manifest.learners.map((learner) => ({ learner, input }))).sort((a, b) => compareNames(a.learner.name, b.learner.name));
  return {
    manifest: {
      schema: BATCH_SCHEMA,
      createdAt: now.toISOString(),
      base: first.manifest.base,
      testsHash: first.manifest.testsHash,
      exercises: first.manifest.exercises,
      shard: null,
      learners: learners.map(({ learner }) => ({ ...learner, scorecard: scorecardPathOf(learner.name) })),
    },
    scorecards: learners.map(({ learner, input }) => ({ from: resolve(input.dir, learner.scorecard), to: scorecardPathOf(learner.name) })),
  };
}

/** Where a learner's scorecard sits in a batch output folder, relative to its batch.json. */
export function scorecardPathOf(name: string): string {
  return `scorecards/${name}.json`;
}

function fileOf(input: BatchInput): string {
  return join(input.dir, 'batch.json');
}

/** A folder name a learner could have had: one path segment, so `scorecards/<name>.json` stays in the output. */
function isPlainFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

function refuseDifferentTests(a: BatchInput, b: BatchInput): void {
  const pair = `${fileOf(a)} and ${fileOf(b)}`;
  if (a.manifest.base !== b.manifest.base) throw new UsageError(`${pair} were graded against different base commits (${a.manifest.base} and ${b.manifest.base})`);
  if (a.manifest.testsHash !== b.manifest.testsHash) throw new UsageError(`${pair} were graded with different tests (testsHash ${a.manifest.testsHash} and ${b.manifest.testsHash})`);
  const columns = (input: BatchInput) => input.manifest.exercises.map((e) => `${e.slug} (${e.maxPoints} pts)`);
  const left = columns(a);
  const right = columns(b);
  const at = Array.from({ length: Math.max(left.length, right.length) }, (_, i) => i).find((i) => left[i] !== right[i]);
  if (at !== undefined) {
    throw new UsageError(`${pair} have different exercise columns (column ${at + 1}: ${left[at] ?? 'none'} and ${right[at] ?? 'none'}); grade every shard with the same exercise list`);
  }
}

function refuseBadShards(inputs: BatchInput[]): void {
  const sharded = inputs.filter((input) => input.manifest.shard !== null);
  const [one] = sharded;
  if (!one) return;
  const whole = inputs.find((input) => input.manifest.shard === null);
  if (whole) throw new UsageError(`${fileOf(whole)} is a whole run but ${fileOf(one)} is shard ${shardText(one)}: merge the shards of one split, or whole runs of different learners, not both`);
  const count = one.manifest.shard!.count;
  const byIndex = new Map<number, BatchInput>();
  for (const input of sharded) {
    const shard = input.manifest.shard!;
    if (shard.count !== count) throw new UsageError(`${fileOf(one)} is shard ${shardText(one)} but ${fileOf(input)} is shard ${shardText(input)}: the shards come from different splits`);
    const before = byIndex.get(shard.index);
    if (before) throw new UsageError(`${fileOf(before)} and ${fileOf(input)} both are shard ${shardText(input)}`);
    byIndex.set(shard.index, input);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const list = missing.map((index) => `${index}/${count}`).join(', ');
    throw new UsageError(`${missing.length === 1 ? `shard ${list} is` : `shards ${list} are`} missing (${byIndex.size} of ${count} given); merge every shard of the split`);
  }
}

function shardText(input: BatchInput): string {
  const shard = input.manifest.shard!;
  return `${shard.index}/${shard.count}`;
}

/**
 * Writes `batch.json`, `gradebook.csv` and the scorecards to copy into `outDir`. Everything is first
 * written into a temporary folder inside `outDir` (same file system) and then renamed into place, the
 * gradebook last: a merge that fails (a scorecard missing, a full disk) leaves no half-written file, and
 * a gradebook is never newer than the scorecards it lists. With no copies (the batch run itself, whose
 * scorecards are already in place) it writes the two files only.
 */
export function writeBatchOutput(outDir: string, manifest: BatchManifest, scorecards: ScorecardCopy[]): void {
  const missing = scorecards.find((copy) => !existsSync(copy.from));
  if (missing) throw new UsageError(`${missing.from}: scorecard missing (a batch.json names it); nothing was written`);
  const escaping = scorecards.find((copy) => isAbsolute(copy.to) || relative(outDir, resolve(outDir, copy.to)).startsWith('..'));
  if (escaping) throw new UsageError(`${escaping.to}: a scorecard must be written inside ${outDir}`);

  mkdirSync(outDir, { recursive: true });
  const staging = mkdtempSync(join(outDir, '.batch-tmp-'));
  try {
    for (const copy of scorecards) {
      mkdirSync(dirname(join(staging, copy.to)), { recursive: true });
      copyFileSync(copy.from, join(staging, copy.to));
    }
    writeFileSync(join(staging, 'batch.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(staging, 'gradebook.csv'), renderGradebook(manifest));
    for (const copy of scorecards) {
      mkdirSync(dirname(join(outDir, copy.to)), { recursive: true });
      renameSync(join(staging, copy.to), join(outDir, copy.to));
    }
    renameSync(join(staging, 'batch.json'), join(outDir, 'batch.json'));
    renameSync(join(staging, 'gradebook.csv'), join(outDir, 'gradebook.csv'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
