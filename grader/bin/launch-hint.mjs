// Plain JavaScript on purpose: the launcher reads the hint before tsx is registered (see tickwork.mjs).
//
// Loading vitest costs ~0.8 s, and three times that once tsx's hooks are in place, so the launcher
// loads it first — unless this grade will replay every result from the cache and never run a test.
// Knowing that for sure takes hashing (grader/src/cache/key.ts, in TypeScript); this hint is a cheap
// guess: after a grade whose every result is stored, it records the command and the modification
// time and size of every file and folder the cache keys read. When all still match, the launcher
// skips vitest. A wrong guess costs time, never correctness: the cache checks contents either way,
// and loads vitest late if a test must run after all.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FORMAT = 'tickwork.launch-hint/v1';

/** `<root>/.tickwork/cache/launch-hint.json`, next to the entries it vouches for. */
function hintPath(root) {
  return join(root, '.tickwork', 'cache', 'launch-hint.json');
}

/** The grade arguments that decide what is graded; where the JSON report goes, or whether stored results were used, does not. */
export function hintArgs(args) {
  const kept = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') i++;
    else if (!args[i].startsWith('--json=') && args[i] !== '--no-cache') kept.push(args[i]);
  }
  return kept;
}

function signature(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  return stat.isDirectory() ? `dir ${stat.mtimeMs}` : `file ${stat.mtimeMs} ${stat.size}`;
}

/** After a grade of `root` with `args` (after `grade`) whose every result is now stored. */
export function writeLaunchHint(root, args, paths) {
  const hint = { format: FORMAT, node: process.version, args: hintArgs(args), stats: paths.map((path) => [path, signature(path)]) };
  const file = hintPath(root);
  try {
    mkdirSync(join(root, '.tickwork', 'cache'), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(hint));
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // Only a guess for the next start: losing it costs that start some time, nothing else.
  }
}

/** Forgets the hint: the next grade of `root` will run tests. */
export function dropLaunchHint(root) {
  try {
    rmSync(hintPath(root), { force: true });
  } catch {
    // A hint that cannot be removed is re-checked against every file next time anyway.
  }
}

/**
 * True when `argv` (the launcher's: `grade …`) looks like a re-grade that replays everything: the
 * same arguments as the last fully stored grade of that workbook, on the same Node, with every file
 * and folder its keys read unchanged in time and size.
 */
export function looksCached(argv, defaultRoot) {
  const [command, ...args] = argv;
  if (command !== 'grade' || args.includes('--no-cache')) return false;
  try {
    const rootAt = args.findIndex((arg) => arg === '--root' || arg.startsWith('--root='));
    const rootArg = rootAt === -1 ? undefined : args[rootAt].startsWith('--root=') ? args[rootAt].slice('--root='.length) : args[rootAt + 1];
    const root = rootArg === undefined ? defaultRoot : resolve(rootArg);
    const hint = JSON.parse(readFileSync(hintPath(root), 'utf8'));
    if (hint.format !== FORMAT || hint.node !== process.version) return false;
    if (JSON.stringify(hint.args) !== JSON.stringify(hintArgs(args))) return false;
    return hint.stats.every(([path, stat]) => signature(path) === stat);
  } catch {
    return false;
  }
}
