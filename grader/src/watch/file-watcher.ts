import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** The folders whose files belong to one exercise: a change in any of them re-grades it. */
export interface WatchedExercise {
  slug: string;
  dirs: string[];
}

export interface FileWatcherOptions {
  exercises: WatchedExercise[];
  /** Poll from the start (`--poll`, `TICKWORK_WATCH_POLL=1`) instead of trying file events first. */
  poll: boolean;
  pollIntervalMs: number;
  /** A relevant file of this exercise was written, created, renamed or deleted. Called once per event. */
  onChange: (slug: string) => void;
  /** File events failed (at start or later) and the watcher now polls; `reason` says why. */
  onFallback: (reason: string) => void;
  /** Default `fs.watch`; tests pass one that fails, as it does where file events are not available. */
  watchFolder?: (folder: string, listener: (event: string, filename: string | null) => void) => FSWatcher;
}

export interface FileWatcher {
  readonly mode: 'events' | 'poll';
  /** Stops watching; resolves once the handles are gone (libuv closes them at the end of the loop's turn). */
  close(): Promise<void>;
}

export const DEFAULT_POLL_INTERVAL_MS = 300;

/**
 * Only source files count. Editors write helpers next to the file they save (vim's `4913` probe and
 * `index.ts~`, `.index.ts.swp`, JetBrains' `index.ts___jb_tmp___`); each would cost a grade.
 * `filename` is null on platforms that do not report it: then the event counts.
 */
export function isSourceFile(filename: string | null): boolean {
  return filename === null || /^[^.].*\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/.test(filename);
}

/** `dir` and the folders below it, as they are now; node_modules and dot-folders are never sources. */
function foldersUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const below = entries.filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'));
  return [dir, ...below.flatMap((e) => foldersUnder(join(dir, e.name)))];
}

/** What polling compares: every source file under the folders, with its modification time and size. */
function snapshot(dirs: string[]): string {
  const lines: string[] = [];
  for (const folder of dirs.flatMap(foldersUnder)) {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      continue;
    }
    for (const name of names.filter(isSourceFile)) {
      try {
        const stat = statSync(join(folder, name));
        if (stat.isFile()) lines.push(`${join(folder, name)}:${stat.mtimeMs}:${stat.size}`);
      } catch {
        // Deleted between readdir and stat: the next round sees it gone.
      }
    }
  }
  return lines.join('\n');
}

/**
 * Watches the exercises' folders. File events first: one non-recursive `fs.watch` per folder, because
 * `recursive` is not supported on Linux under Node 20; folders created later are not seen (rare: the
 * learner edits `src/index.ts`). When `fs.watch` throws (no inotify watches left, a file system
 * without events) or reports an error later, or when asked to, it polls: every `pollIntervalMs` it
 * compares the modification time and size of every source file, which works on any file system.
 */
export function watchFiles(options: FileWatcherOptions): FileWatcher {
  const watchers: FSWatcher[] = [];
  let pollTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let mode: 'events' | 'poll' = 'events';
  const watchFolder = options.watchFolder ?? ((folder, listener) => watch(folder, listener));

  const closeWatchers = (): void => {
    for (const watcher of watchers.splice(0)) watcher.close();
  };

  const startPolling = (): void => {
    mode = 'poll';
    const last = new Map(options.exercises.map((e) => [e.slug, snapshot(e.dirs)]));
    const round = (): void => {
      for (const exercise of options.exercises) {
        const now = snapshot(exercise.dirs);
        if (now !== last.get(exercise.slug)) {
          last.set(exercise.slug, now);
          options.onChange(exercise.slug);
        }
      }
      // Rescheduled after the round, not an interval: a slow disk never stacks rounds up.
      if (!closed) pollTimer = setTimeout(round, options.pollIntervalMs);
    };
    pollTimer = setTimeout(round, options.pollIntervalMs);
  };

  const fallBack = (error: unknown): void => {
    if (closed || mode === 'poll') return;
    closeWatchers();
    const { code, message } = error as NodeJS.ErrnoException;
    options.onFallback(code ?? message);
    startPolling();
  };

  if (options.poll) {
    startPolling();
  } else {
    try {
      for (const exercise of options.exercises) {
        for (const folder of exercise.dirs.flatMap(foldersUnder)) {
          const watcher = watchFolder(folder, (_event, filename) => {
            if (!closed && isSourceFile(filename)) options.onChange(exercise.slug);
          });
          watcher.on('error', fallBack);
          watchers.push(watcher);
        }
      }
    } catch (error) {
      fallBack(error);
    }
  }

  return {
    get mode() {
      return mode;
    },
    close() {
      closed = true;
      closeWatchers();
      clearTimeout(pollTimer);
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}
