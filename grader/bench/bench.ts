/**
 * pnpm bench — what one grade costs, next to the ways it could have been done:
 *   (a) the grader: `tickwork grade --solutions`, one process for every exercise
 *   (b) the naive way: one `vitest run` per exercise package
 *   (c) one plain `vitest run` over all exercise tests, default isolation
 *   (d) the floor: one `vitest run --no-isolate` over the same tests
 * on the real exercises and on synthetic workbooks of growing size. Prints medians and ratios.
 *   (e) the capstone: the reference runBatch on 200 prompts (over ten minutes of API time on the
 *       virtual clock), in real milliseconds; the target is well under one second
 *   (f) watch mode: in a running `tickwork grade --watch` on a copy of the workbook, the real time from
 *       saving a solution over a stub to its re-graded result printed, median of 5 saves; target ≤ 1.5 s
 *   (g) instant re-grades: `pnpm -s grade` on a copy of the workbook whose results are all cached
 *       (target ≤ 0.5 s, the whole command), and after saving one exercise's file (only it runs)
 *   (h) batch grading: `--batch [N]` alone (N learners, default 50, each with the whole workbook solved),
 *       the time per submission against one `pnpm grade` of the same work (bench/batch.ts)
 * Wall-clock, on a shared machine: read the ratios, not the digits. `--quick` runs each once;
 * `--capstone` runs (e) alone, `--watch` runs (f) alone, `--regrade` runs (g) alone; (h) runs only
 * when asked for (it takes many minutes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchBench, batchLine } from './batch.ts';
import { regradeTimes, EDITED } from './regrade.ts';
import { syntheticWorkbook } from './synthetic.ts';
import { watchLatency } from './watch-latency.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const quick = process.argv.includes('--quick');
const capstoneOnly = process.argv.includes('--capstone');
const watchOnly = process.argv.includes('--watch');
const regradeOnly = process.argv.includes('--regrade');
const repetitions = quick ? 1 : 3;
const sizes = quick ? [30] : [5, 15, 30];
const VITEST = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
const CONFIG = join(repoRoot, 'grader', 'bench', 'vitest.bench.config.ts');
const CLI = join(repoRoot, 'grader', 'bin', 'tickwork.mjs');

type Method = 'a' | 'b' | 'c' | 'd';

function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: 'ignore' });
  const elapsed = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`bench: ${args.join(' ')} exited ${result.status}`);
  return elapsed;
}

function runOnce(method: Method, workbook: string): number {
  const env = { BENCH_ROOT: workbook };
  const vitest = (...extra: string[]): string[] => [VITEST, 'run', '--config', CONFIG, '--reporter=dot', ...extra];
  switch (method) {
    case 'a':
      // --no-cache: each repetition grades for real (a re-grade would replay the last one's results).
      return timed([CLI, 'grade', '--solutions', '--no-cache', '--root', workbook, '--json', join(mkdtempSync(join(tmpdir(), 'bench-')), 'card.json')], env);
    case 'b': {
      const slugs = readdirSync(join(workbook, 'exercises')).filter((s) => /^\d{2}-/.test(s));
      return slugs.reduce((sum, slug) => sum + timed(vitest(`exercises/${slug}/`), env), 0);
    }
    case 'c':
      return timed(vitest(), env);
    case 'd':
      return timed(vitest('--no-isolate'), env);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function measure(label: string, workbook: string): Record<Method, number> & { label: string } {
  const result = { label } as Record<Method, number> & { label: string };
  for (const method of ['a', 'b', 'c', 'd'] as const) {
    const samples = Array.from({ length: repetitions }, () => runOnce(method, workbook));
    result[method] = median(samples);
    process.stderr.write(`  ${label} ${method}: ${samples.map((s) => (s / 1000).toFixed(2)).join(' ')} s\n`);
  }
  return result;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padStart(9);
const r = (x: number): string => x.toFixed(2).padStart(6);

interface CapstoneRun {
  prompts: number;
  calls: number;
  virtualMs: number;
  realMs: number;
}

/** (e): the capstone test measures its own simulation time inside vitest, where the virtual clock lives. */
function capstoneOnce(): CapstoneRun {
  const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'capstone.json');
  const config = join(repoRoot, 'grader', 'bench', 'capstone', 'vitest.config.ts');
  timed([VITEST, 'run', '--config', config], { BENCH_OUT: out });
  if (!existsSync(out)) throw new Error(`bench: the capstone test failed; see why with: npx vitest run --config ${config}`);
  return JSON.parse(readFileSync(out, 'utf8')) as CapstoneRun;
}

function capstoneLine(): string {
  const runs = Array.from({ length: repetitions }, capstoneOnce);
  const realMs = median(runs.map((run) => run.realMs));
  const { prompts, calls, virtualMs } = runs[0]!;
  process.stderr.write(`  capstone e: ${runs.map((run) => run.realMs.toFixed(0)).join(' ')} ms\n`);
  return `(e) capstone: runBatch of ${prompts} prompts (${calls} API calls, ${(virtualMs / 60_000).toFixed(1)} min of virtual API time) in ${realMs.toFixed(0)} ms real (target < 1000 ms: ${realMs < 1000 ? 'met' : 'MISSED'})`;
}

/** (f): one watch session, five saves; the median is what a learner waits after a save. */
async function watchLine(): Promise<string> {
  const samples = await watchLatency(repoRoot, CLI);
  const ms = median(samples.map((sample) => sample.totalMs));
  const gradeMs = median(samples.map((sample) => sample.gradeMs));
  process.stderr.write(`  watch f: ${samples.map((sample) => `${sample.totalMs.toFixed(0)} (grade ${sample.gradeMs})`).join(' ')} ms\n`);
  return `(f) watch: save → re-graded result printed in ${ms.toFixed(0)} ms, of which the grade ${gradeMs.toFixed(0)} ms (median of ${samples.length} saves; target ≤ 1500 ms: ${ms <= 1500 ? 'met' : 'MISSED'})`;
}

/** (g): medians of the re-grades, with what was replayed, so a figure never hides a run. */
function regradeLines(): string[] {
  const { noChange, noChangeLauncher, oneEdit } = regradeTimes(repoRoot, CLI, repetitions);
  const ms = (runs: Array<{ ms: number }>): number => median(runs.map((run) => run.ms));
  const sample = (runs: Array<{ ms: number }>): string => runs.map((run) => run.ms.toFixed(0)).join(' ');
  process.stderr.write(`  regrade g: no change ${sample(noChange)} ms, launcher alone ${sample(noChangeLauncher)} ms, one edit ${sample(oneEdit)} ms\n`);
  const last = noChange.at(-1)!;
  const edited = oneEdit.at(-1)!;
  const noChangeMs = ms(noChange);
  return [
    `(g) re-grade, nothing changed: ${last.replayed}/${last.exercises} replayed in ${noChangeMs.toFixed(0)} ms (pnpm -s grade; the launcher alone ${ms(noChangeLauncher).toFixed(0)} ms; target ≤ 500 ms: ${noChangeMs <= 500 && last.replayed === last.exercises ? 'met' : 'MISSED'})`,
    `(g) re-grade after saving ${EDITED}: ${edited.replayed}/${edited.exercises} replayed, ran ${edited.ran.join(', ') || 'nothing'}, in ${ms(oneEdit).toFixed(0)} ms (pnpm -s grade)`,
  ];
}

const batchAt = process.argv.indexOf('--batch');
if (batchAt !== -1) {
  const learners = Number(process.argv[batchAt + 1] ?? 50);
  console.log(batchLine(batchBench(repoRoot, CLI, Number.isInteger(learners) && learners > 0 ? learners : 50)));
  process.exit(0);
}
if (regradeOnly) {
  console.log(regradeLines().join('\n'));
  process.exit(0);
}
if (watchOnly) {
  console.log(await watchLine());
  process.exit(0);
}
process.stderr.write(`bench: ${repetitions} repetition(s) per cell, medians below\n`);
if (capstoneOnly) {
  console.log(capstoneLine());
  process.exit(0);
}
const rows = [measure('real exercises', repoRoot), ...sizes.map((n) => measure(`${n} synthetic`, syntheticWorkbook(repoRoot, n)))];

const lines = [
  '',
  `${'workbook'.padEnd(16)}  ${'(a) grade'.padStart(9)}  ${'(b) naive'.padStart(9)}  ${'(c) plain'.padStart(9)}  ${'(d) floor'.padStart(9)}     a/b     a/c     a/d`,
  ...rows.map((row) => `${row.label.padEnd(16)}  ${s(row.a)}  ${s(row.b)}  ${s(row.c)}  ${s(row.d)}  ${r(row.a / row.b)}  ${r(row.a / row.c)}  ${r(row.a / row.d)}`),
];
const at30 = rows.find((row) => row.label === '30 synthetic');
if (at30) {
  const ab = at30.a / at30.b;
  const ad = at30.a / at30.d;
  lines.push('', `targets at 30 exercises: a/b = ${ab.toFixed(2)} (≤ 0.15 ${ab <= 0.15 ? 'met' : 'MISSED'}), a/d = ${ad.toFixed(2)} (≤ 2 ${ad <= 2 ? 'met' : 'MISSED'})`);
}
lines.push('', capstoneLine());
lines.push('', await watchLine());
lines.push('', ...regradeLines());
console.log(lines.join('\n'));
