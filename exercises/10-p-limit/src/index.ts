/**
 * Exercise 10 — pLimit: a semaphore for promises.
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */

/** What `pLimit(n)` returns: call it like `fn` itself, with the limit applied. */
export interface LimitFunction {
  /**
   * Runs `fn(...args)` as soon as fewer than `concurrency` calls are running, and settles like it:
   * with the value `fn` returns (or its promise resolves with), or with the error `fn` throws (or its
   * promise rejects with). Calls that must wait start in the order they were made.
   */
  <Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R>;

  /** How many calls are running right now (started, not yet settled). */
  readonly activeCount: number;

  /** How many calls are waiting for a free slot (their `fn` has not been called yet). */
  readonly pendingCount: number;

  /** Drops every call still waiting: its `fn` is never called. Calls already running are not touched. */
  clearQueue(): void;
}

/**
 * Creates a limiter that lets at most `concurrency` calls run at the same time — the promise
 * counterpart of Python's `asyncio.Semaphore(concurrency)`.
 * `concurrency` must be a whole number from 1 up, or `Infinity`; anything else throws a `TypeError`.
 */
export function pLimit(concurrency: number): LimitFunction {
  throw new Error('TODO: implement pLimit (see README.md)');
}
