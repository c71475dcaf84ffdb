/**
 * Exercise 02 — runMain, the entry point (Node's counterpart of Python's `asyncio.run`).
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */

/** The signals runMain reacts to: Ctrl-C in a terminal (SIGINT) and a polite stop request (SIGTERM). */
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

/**
 * The part of Node's `process` that runMain needs. The real `process` fits this shape; the tests pass
 * a fake one so that they can send signals and count listeners without touching the real process.
 */
export interface ProcessLike {
  /** Adds `listener` for `event`. Node calls it with the signal's name, e.g. `'SIGINT'`. */
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  /** Removes `listener` for `event`: it must be the very same function that was passed to `on`. */
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  /** The code the process exits with once the event loop is empty; `undefined` means 0. */
  exitCode?: number | string | undefined;
}

/**
 * Runs `main` as the whole program, the way `asyncio.run(main())` does in Python.
 *
 * - Calls `main` with an AbortSignal and resolves with whatever `main` resolves with.
 * - While `main` runs, SIGINT and SIGTERM on `options.process` (default: the real `process`) abort that
 *   signal, with an abort reason whose text names the signal (`'SIGINT'` or `'SIGTERM'`).
 * - When `main` settles (resolves, rejects or throws), the signal is aborted, so that work `main` left
 *   running is cancelled, and every listener runMain added to the process is removed.
 * - When `main` rejects or throws synchronously, runMain rejects with that same error and sets
 *   `exitCode` to 1. When `main` resolves, `exitCode` is left as it was.
 */
export async function runMain<T>(
  main: (signal: AbortSignal) => Promise<T>,
  options?: { process?: ProcessLike },
): Promise<T> {
  throw new Error('TODO: implement runMain (see README.md)');
}
