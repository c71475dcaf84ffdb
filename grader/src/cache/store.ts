import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailureKind } from '@tickwork/testkit/failures';
import type { ExerciseResult } from '../scorecard.ts';
import { stateDir } from '../state/state.ts';
import { CACHE_FORMAT } from './key.ts';

/** `<root>/.tickwork/cache/`: ignored by git like the rest of `.tickwork/`, and safe to delete at any time. */
export function cacheDir(root: string): string {
  return join(stateDir(root), 'cache');
}

/** Entries kept per exercise: enough to go back and forth between a few versions of a file. */
const KEPT_PER_EXERCISE = 8;

/**
 * Failure kinds that say more about the machine than about the code: the watchdog had to step in
 * (a blocked loop, a test outliving its real-time limit), the grade ran out of time, or a worker
 * died (`crash` also covers a worker lost to the system). Under another load the same code could
 * score differently, so such a result is never replayed: the next grade runs it again.
 */
const MACHINE_DEPENDENT: ReadonlySet<FailureKind> = new Set(['blocked-event-loop', 'never-settled', 'out-of-time', 'crash']);

/** Only a complete result that the code alone decides is worth replaying. */
export function isCacheable(result: ExerciseResult): boolean {
  if (result.status === 'timeout') return false;
  if (result.failure && MACHINE_DEPENDENT.has(result.failure.kind)) return false;
  return result.tests.every((test) => test.kind === undefined || !MACHINE_DEPENDENT.has(test.kind));
}

interface CacheEntry {
  format: typeof CACHE_FORMAT;
  key: string;
  result: ExerciseResult;
}

/** One file per exercise and key: `<slug>.<key>.json`. */
export function entryPath(root: string, slug: string, key: string): string {
  return join(cacheDir(root), `${slug}.${key}.json`);
}

/** Enough of an ExerciseResult's shape to render and total it; anything else is a corrupt entry. */
function looksLikeResult(value: unknown, slug: string): value is ExerciseResult {
  const result = value as Partial<ExerciseResult> | null;
  return (
    typeof result === 'object' &&
    result !== null &&
    result.slug === slug &&
    typeof result.title === 'string' &&
    typeof result.status === 'string' &&
    typeof result.points === 'number' &&
    typeof result.maxPoints === 'number' &&
    typeof result.durationMs === 'number' &&
    typeof result.hints === 'string' &&
    Array.isArray(result.tests) &&
    result.tests.every((test) => typeof test?.name === 'string' && typeof test.status === 'string' && typeof test.points === 'number')
  );
}

/** The stored result for this exercise and key, or undefined: a missing, unreadable or corrupt entry is a miss. */
export function readEntry(root: string, slug: string, key: string): ExerciseResult | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryPath(root, slug, key), 'utf8')) as Partial<CacheEntry> | null;
    if (entry?.format !== CACHE_FORMAT || entry.key !== key || !looksLikeResult(entry.result, slug)) return undefined;
    return entry.result;
  } catch {
    return undefined;
  }
}

/**
 * Stores a result under its key: written to a temporary file and renamed, so a reader never sees
 * half an entry. The cache only saves time, so a failure to write (a read-only or full disk) is
 * not the learner's problem: the grade goes on and the next one runs the exercise again.
 * Returns whether the entry was stored.
 */
export function writeEntry(root: string, key: string, result: ExerciseResult): boolean {
  const { cached: _replayed, ...stored } = result;
  const path = entryPath(root, result.slug, key);
  const entry: CacheEntry = { format: CACHE_FORMAT, key, result: stored };
  try {
    mkdirSync(cacheDir(root), { recursive: true });
    writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(entry));
    renameSync(`${path}.${process.pid}.tmp`, path);
  } catch {
    rmSync(`${path}.${process.pid}.tmp`, { force: true });
    return false;
  }
  prune(root, result.slug);
  return true;
}

/** Keeps the newest entries of one exercise; older versions of its files are unlikely to come back. */
function prune(root: string, slug: string): void {
  const dir = cacheDir(root);
  try {
    const entries = readdirSync(dir)
      .filter((name) => name.startsWith(`${slug}.`) && name.endsWith('.json'))
      .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of entries.slice(KEPT_PER_EXERCISE)) rmSync(old.path, { force: true });
  } catch {
    // Another grade of the same workbook pruned at the same moment: nothing is lost either way.
  }
}
