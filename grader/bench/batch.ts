/**
 * (h) batch grading: a class of N learners (50 by default), each submitting the whole workbook solved
 * (every exercise's reference solution as its src/index.ts: the heaviest honest submission), graded by
 * `tickwork grade --submissions` on this machine; against one learner's own `pnpm grade` of the same
 * work (`--solutions --no-cache`: the same tests on the same code, in place, no trusted copy).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchManifest } from '../src/batch/manifest.ts';

export interface BatchBench {
  learners: number;
  jobs: number;
  batchMs: number;
  singleMs: number;
  flagged: number;
  pointsAll: boolean;
}

function solvedClass(repoRoot: string, learners: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'bench-class-'));
  const slugs = readdirSync(join(repoRoot, 'exercises')).filter((slug) => /^\d{2}-/.test(slug));
  for (let i = 1; i <= learners; i++) {
    for (const slug of slugs) {
      const src = join(folder, `learner-${String(i).padStart(3, '0')}`, 'exercises', slug, 'src');
      mkdirSync(src, { recursive: true });
      copyFileSync(join(repoRoot, 'solutions', slug, 'index.ts'), join(src, 'index.ts'));
    }
  }
  return folder;
}

function run(repoRoot: string, cli: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench: tickwork ${args.join(' ')} exited ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  return performance.now() - started;
}

/** The trusted copy is the committed HEAD of this workbook: commit before benchmarking a change. */
export function batchBench(repoRoot: string, cli: string, learners: number): BatchBench {
  const submissions = solvedClass(repoRoot, learners);
  const out = mkdtempSync(join(tmpdir(), 'bench-gradebook-'));
  try {
    const singleMs = run(repoRoot, cli, ['grade', '--solutions', '--no-cache', '--json', join(out, 'single.json')]);
    const jobs = availableParallelism();
    const batchMs = run(repoRoot, cli, ['grade', '--submissions', submissions, '--out', out, '--jobs', String(jobs)]);
    const manifest = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8')) as BatchManifest;
    if (!existsSync(join(out, 'gradebook.csv'))) throw new Error('bench: the batch wrote no gradebook.csv');
    return {
      learners,
      jobs,
      batchMs,
      singleMs,
      flagged: manifest.learners.filter((l) => l.flags.length > 0).length,
      pointsAll: manifest.learners.every((l) => l.points === l.maxPoints),
    };
  } finally {
    rmSync(submissions, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

export function batchLine(result: BatchBench): string {
  const perLearner = result.batchMs / result.learners;
  return [
    `(h) batch: ${result.learners} full-workbook submissions in ${(result.batchMs / 1000).toFixed(0)} s with ${result.jobs} at once: ${(perLearner / 1000).toFixed(1)} s per submission`,
    `    against ${(result.singleMs / 1000).toFixed(1)} s for one pnpm grade of the same work (ratio ${(perLearner / result.singleMs).toFixed(2)}); ${result.pointsAll ? 'every learner scored full marks' : 'NOT every learner scored full marks'}, ${result.flagged} flagged`,
  ].join('\n');
}
