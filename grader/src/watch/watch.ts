import { dirname, join } from 'node:path';
import { discoverExercises, type Exercise } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';
import { grade, type GradeOptions } from '../grade.ts';
import { nextHintStep, readHints } from '../hints/hints.ts';
import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { selectExercises } from '../plan.ts';
import type { Scorecard } from '../scorecard.ts';
import { recordGrade } from '../state/record-grade.ts';
import { loadState, progressOf, saveState, withHintsRevealed } from '../state/state.ts';
import { DEFAULT_POLL_INTERVAL_MS, watchFiles } from './file-watcher.ts';
import { listenForKeys, type KeyInput, type WatchKey } from './keys.ts';
import { mergeResults, nextUnfinishedAfter } from './merge.ts';
import { compactCard, focusLines, fullCard, hintLines, regradedCard, type ViewOptions } from './view.ts';

/** `grade()` or anything with its signature: the result cache's `gradeCached`, a spy in tests. */
export type GradeFn = (options: GradeOptions) => Promise<Scorecard>;

export interface WatchOptions {
  root: string;
  /** The exercises to grade first and to watch afterwards. */
  exercises: Exercise[];
  lang: Lang;
  /** Keys: `process.stdin` (put in raw mode when it is a terminal) or any readable stream. */
  input: KeyInput;
  output: NodeJS.WritableStream;
  /** Default: `grade`. */
  gradeFn?: GradeFn;
  watcher?: {
    /** Poll instead of file events from the start (`--poll`, `TICKWORK_WATCH_POLL=1`). */
    poll?: boolean;
    pollIntervalMs?: number;
    /** Quiet time after the last event before grading: an editor's save is several writes. */
    debounceMs?: number;
  };
  color?: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 100;

/** The folders whose files make up an exercise for the learner: the code and the tests it answers to. */
function foldersOf(exercise: Exercise): string[] {
  return [...new Set([join(exercise.dir, 'src'), join(exercise.dir, 'tests'), ...exercise.testFiles.map(dirname)])];
}

/**
 * `pnpm grade --watch`: grades every exercise once and prints the scorecard, then re-grades an
 * exercise whenever one of its files changes and prints its result with the updated totals. Keys:
 * h hint, n next unfinished exercise, l list, q (or Ctrl-C) quit. Resolves with the exit code once
 * everything it started has stopped; rejects when the first grade cannot run at all (a UsageError).
 *
 * One grade runs at a time: the grader owns process-wide things while it runs (one vitest instance,
 * the watchdog's run directory), and changes made meanwhile are graded together right after.
 */
export function startWatch(options: WatchOptions): Promise<number> {
  const gradeFn = options.gradeFn ?? grade;
  const view: ViewOptions = { lang: options.lang, color: options.color ?? false };
  const m = messages(options.lang);
  const pollIntervalMs = options.watcher?.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const debounceMs = options.watcher?.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const bySlug = new Map(options.exercises.map((e) => [e.slug, e]));
  const write = (text: string): void => void options.output.write(text);

  let last: Scorecard | undefined;
  /** The exercise `h` gives hints for: the last one changed or reached with `n`; null: `next`. */
  let focus: string | null = null;
  const pending = new Set<string>();
  const debounces = new Map<string, NodeJS.Timeout>();
  let running: Promise<void> | undefined;
  let stopped = false;
  let settle!: { resolve: (code: number) => void; reject: (error: unknown) => void };
  const finished = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));

  const onChange = (slug: string): void => {
    if (stopped) return;
    clearTimeout(debounces.get(slug));
    debounces.set(
      slug,
      setTimeout(() => {
        debounces.delete(slug);
        pending.add(slug);
        pump();
      }, debounceMs),
    );
  };

  // Keys first: a terminal that refuses raw mode throws here, before any folder is watched.
  const stopKeys = listenForKeys(options.input, (key) => onKey(key));
  const files = watchFiles({
    exercises: options.exercises.map((e) => ({ slug: e.slug, dirs: foldersOf(e) })),
    poll: options.watcher?.poll ?? false,
    pollIntervalMs,
    onChange,
    onFallback: (reason) => write(`${m.watch.fellBackToPolling(reason, pollIntervalMs)}\n`),
  });

  /** Everything started here but a grade in progress; resolves once the watchers' handles are gone. */
  const stopEverything = (): Promise<void> => {
    stopped = true;
    const closed = files.close();
    for (const timer of debounces.values()) clearTimeout(timer);
    debounces.clear();
    stopKeys();
    process.removeListener('SIGINT', onSigint);
    return closed;
  };

  const quit = async (): Promise<void> => {
    if (stopped) return;
    const closed = stopEverything();
    if (running) {
      write(`${m.watch.finishing}\n`);
      await running;
    }
    await closed;
    write(`${m.watch.stopped}\n`);
    settle.resolve(0);
  };
  // Without raw mode (a pipe, or a terminal that refused it) Ctrl-C arrives as a signal.
  const onSigint = (): void => void quit();

  /** Grades what changed, one grade at a time. */
  const pump = (): void => {
    if (running || stopped || pending.size === 0) return;
    const slugs = [...pending].sort((a, b) => bySlug.get(a)!.metadata.order - bySlug.get(b)!.metadata.order);
    pending.clear();
    running = regrade(slugs).finally(() => {
      running = undefined;
      pump();
    });
  };

  const regrade = async (slugs: string[]): Promise<void> => {
    write(`\n${m.watch.changed(slugs.join(', '))}\n`);
    try {
      // Read again: a test file added or renamed since the start counts (and a broken folder says so).
      const exercises = selectExercises(discoverExercises(options.root), slugs);
      const fresh = await gradeFn({ root: options.root, exercises, target: 'stubs' });
      if (stopped) return;
      last = mergeResults(last!, fresh);
      focus = slugs.at(-1)!;
      write(regradedCard(last, slugs, view));
      keepBestScores(fresh);
    } catch (error) {
      // A deleted src/index.ts and the like: say so and keep watching, the learner can put it back.
      if (stopped) return;
      write(`${m.watch.gradeFailed(error instanceof UsageError ? error.message : String(error))}\n`);
    }
    write(`${m.watch.keys}\n`);
  };

  /** As `pnpm grade` does; a state file that cannot be written costs a warning, never the watch. */
  const keepBestScores = (card: Scorecard): void => {
    try {
      recordGrade(options.root, card);
    } catch (error) {
      write(`tickwork: ${(error as Error).message}\n`);
    }
  };

  const revealHint = (card: Scorecard): void => {
    const slug = focus ?? card.next;
    const exercise = slug === null ? undefined : bySlug.get(slug);
    if (!exercise) return write(`${m.scorecard.allPassed}\n`);
    const hints = readHints(exercise, options.lang);
    if (hints.length === 0) return write(`${m.hint.noHints(exercise.hints)}\n`);
    // Read, change, write at once: a `pnpm hint` in another terminal may have moved it meanwhile.
    const state = loadState(options.root, (message) => write(`${message}\n`));
    const progress = progressOf(state, exercise.slug);
    const step = nextHintStep(hints.length, progress.hintsRevealed, false);
    if (step.revealed !== progress.hintsRevealed) {
      saveState(options.root, withHintsRevealed(state, exercise.slug, step.revealed));
    }
    focus = exercise.slug;
    write(hintLines(exercise, hints, step, view));
  };

  const onKey = (key: WatchKey): void => {
    if (stopped) return;
    if (key === 'quit') return void quit();
    if (!last) return write(`${m.watch.stillGrading}\n`);
    try {
      if (key === 'list') write(compactCard(last, view));
      if (key === 'hint') revealHint(last);
      if (key === 'next') {
        const target = nextUnfinishedAfter(last, focus);
        if (target) focus = target.slug;
        write(target ? focusLines(target, view) : `${m.scorecard.allPassed}\n`);
      }
    } catch (error) {
      write(`tickwork: ${(error as Error).message}\n`);
    }
    write(`${m.watch.keys}\n`);
  };

  process.on('SIGINT', onSigint);

  write(`${m.watch.gradingAll(options.exercises.length)}\n`);
  running = (async () => {
    try {
      const card = await gradeFn({ root: options.root, exercises: options.exercises, target: 'stubs' });
      if (stopped) return;
      last = card;
      const mode = files.mode === 'poll' ? m.watch.polling(pollIntervalMs) : m.watch.fileEvents;
      write(`${fullCard(card, view)}\n${m.watch.watching(options.exercises.length, mode)}\n${m.watch.keys}\n`);
      keepBestScores(card);
    } catch (error) {
      if (stopped) return;
      await stopEverything();
      settle.reject(error);
    }
  })().finally(() => {
    running = undefined;
    pump();
  });
  return finished;
}
