import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The exercise edited for the one-edit re-grade: the guide's own example, seven tests. */
export const EDITED = '18-fetch-data-gather';

/**
 * A copy of the workbook's exercises (metadata, stubs, tests) under grader/bench/.work/regrade,
 * where module resolution finds the installed testkit and vitest. The real exercises are only read.
 */
function workbookCopy(repoRoot: string): string {
  const root = join(repoRoot, 'grader', 'bench', '.work', 'regrade');
  rmSync(root, { recursive: true, force: true });
  for (const slug of readdirSync(join(repoRoot, 'exercises')).filter((s) => /^\d{2}-/.test(s))) {
    const to = join(root, 'exercises', slug);
    mkdirSync(to, { recursive: true });
    for (const part of ['package.json', 'src', 'tests']) cpSync(join(repoRoot, 'exercises', slug, part), join(to, part), { recursive: true });
  }
  return root;
}

interface Regrade {
  ms: number;
  /** Exercises replayed from the cache, out of all. */
  replayed: number;
  exercises: number;
  /** Exercises whose tests ran. */
  ran: string[];
}

/** One `pnpm -s grade --root COPY`, the command a learner types, timed from spawn to exit. */
function regradeOnce(repoRoot: string, root: string, command: string[]): Regrade {
  const started = performance.now();
  const result = spawnSync(command[0]!, [...command.slice(1), 'grade', '--root', root], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`bench: ${command.join(' ')} grade exited ${result.status}:\n${result.stderr}`);
  const rows = result.stdout.split('\n').filter((line) => /^[ →] \d{2}-/.test(line));
  return {
    ms,
    replayed: rows.filter((row) => row.endsWith('(cached)')).length,
    exercises: rows.length,
    ran: rows.filter((row) => !row.endsWith('(cached)')).map((row) => row.slice(2).split(' ')[0]!),
  };
}

export interface RegradeTimes {
  /** Nothing changed since the last grade: every result replayed. */
  noChange: Regrade[];
  /** The same, the launcher alone (`node grader/bin/tickwork.mjs`): what pnpm adds is the difference. */
  noChangeLauncher: Regrade[];
  /** After a save of EDITED's src/index.ts (its solution, with a new comment each time). */
  oneEdit: Regrade[];
}

/**
 * (g) instant re-grades on a copy of the workbook: one full grade fills the cache, then `pnpm -s
 * grade` is timed with nothing changed, and after each of `repetitions` saves of one exercise's
 * file (the reference solution written over the stub, so all its tests run).
 */
export function regradeTimes(repoRoot: string, cli: string, repetitions: number): RegradeTimes {
  const root = workbookCopy(repoRoot);
  const pnpm = ['pnpm', '-s'];
  const launcher = [process.execPath, cli];
  regradeOnce(repoRoot, root, launcher);
  const noChange = Array.from({ length: repetitions }, () => regradeOnce(repoRoot, root, pnpm));
  const noChangeLauncher = Array.from({ length: repetitions }, () => regradeOnce(repoRoot, root, launcher));
  const solution = readFileSync(join(repoRoot, 'solutions', EDITED, 'index.ts'), 'utf8');
  const oneEdit = Array.from({ length: repetitions }, (_, i) => {
    writeFileSync(join(root, 'exercises', EDITED, 'src', 'index.ts'), `${solution}\n// save ${i + 1}\n`);
    return regradeOnce(repoRoot, root, pnpm);
  });
  return { noChange, noChangeLauncher, oneEdit };
}
