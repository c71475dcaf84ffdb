import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Exercises saved one after the other, each once: small and large test files, several modules. */
export const WATCH_SAVES = ['05-delay', '10-p-limit', '12-mutex', '18-fetch-data-gather', '21-p-retry'];

/**
 * A copy of the workbook's exercises (metadata, stubs, tests) under grader/bench/.work/watch, where
 * module resolution finds the installed testkit and vitest. The real exercises are only read.
 */
function workbookCopy(repoRoot: string): string {
  const root = join(repoRoot, 'grader', 'bench', '.work', 'watch');
  rmSync(root, { recursive: true, force: true });
  for (const slug of readdirSync(join(repoRoot, 'exercises')).filter((s) => /^\d{2}-/.test(s))) {
    const from = join(repoRoot, 'exercises', slug);
    const to = join(root, 'exercises', slug);
    mkdirSync(to, { recursive: true });
    cpSync(join(from, 'package.json'), join(to, 'package.json'));
    cpSync(join(from, 'src'), join(to, 'src'), { recursive: true });
    cpSync(join(from, 'tests'), join(to, 'tests'), { recursive: true });
  }
  return root;
}

export interface WatchSample {
  /** Real ms from the write to the key line under the re-graded result. */
  totalMs: number;
  /** The grade's own duration, as the totals line prints it: the rest is noticing, debounce, printing. */
  gradeMs: number;
}

/** The totals line's time, printed as `842 ms` or `1.3 s`. */
function gradeTime(block: string): number {
  const match = /exercises passed · ([\d.]+) (ms|s)/.exec(block);
  if (!match) return Number.NaN;
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/**
 * (f) watch mode: a real `tickwork grade --watch` on a copy of the workbook; each save writes an
 * exercise's reference solution over its stub (a learner's last save: every test runs) and the clock
 * runs from the write until the key line under its re-graded result is printed.
 */
export async function watchLatency(repoRoot: string, cli: string, saves: string[] = WATCH_SAVES): Promise<WatchSample[]> {
  const root = workbookCopy(repoRoot);
  const child = spawn(process.execPath, [cli, 'grade', '--watch', '--root', root, '--lang', 'en'], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let text = '';
  let waiting: { pattern: RegExp; from: number; resolve: (at: number) => void } | undefined;
  // Checked on every chunk as it arrives, so the time taken is when the line was printed.
  const check = (): void => {
    if (waiting && waiting.pattern.test(text.slice(waiting.from))) {
      const { resolve } = waiting;
      waiting = undefined;
      resolve(performance.now());
    }
  };
  child.stdout.on('data', (chunk) => {
    text += String(chunk);
    check();
  });
  const printed = (pattern: RegExp, from: number): Promise<number> =>
    Promise.race([
      new Promise<number>((resolve) => {
        waiting = { pattern, from, resolve };
        check();
      }),
      exited.then((code) => Promise.reject(new Error(`bench: grade --watch exited ${code} waiting for ${pattern}; output:\n${text}`))),
    ]);

  const samples: WatchSample[] = [];
  try {
    await printed(/keys: h hint/, 0);
    for (const slug of saves) {
      const solution = readFileSync(join(repoRoot, 'solutions', slug, 'index.ts'), 'utf8');
      const from = text.length;
      const saved = performance.now();
      writeFileSync(join(root, 'exercises', slug, 'src', 'index.ts'), solution);
      const shown = await printed(new RegExp(`↻ ${slug} changed[\\s\\S]*keys: h hint`), from);
      if (!new RegExp(`${slug} +✓ passed`).test(text.slice(from))) throw new Error(`bench: ${slug}'s solution did not pass under watch:\n${text.slice(from)}`);
      samples.push({ totalMs: shown - saved, gradeMs: gradeTime(text.slice(from)) });
    }
    child.stdin.write('q');
    const code = await exited;
    if (code !== 0) throw new Error(`bench: grade --watch exited ${code} after q`);
  } finally {
    child.kill();
  }
  return samples;
}
