/**
 * Exercise 19 — pTimeout and withTimeout: asyncio.wait_for for promises.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 */

/** The error a timed-out promise rejects with (unless `message` says otherwise). Given: use it as it is. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** What `pTimeout` accepts besides the promise. Only `milliseconds` is required. */
export interface PTimeoutOptions<T> {
  /** Milliseconds before it times out. `Infinity` means never: then no timer is set at all. */
  milliseconds: number;
  /**
   * What a timeout rejects with: a string becomes the message of a `TimeoutError`, an `Error` is
   * rejected as it is (that very instance), `false` makes the promise resolve with `undefined` instead.
   * Default: a `TimeoutError` with the message `Promise timed out after <milliseconds> milliseconds`.
   */
  message?: string | Error | false;
  /**
   * Called on timeout instead of rejecting: the promise settles as the fallback does (its value, the
   * value of the promise it returns, or the error it throws). Takes precedence over `message`.
   */
  fallback?: () => T | Promise<T>;
  /** Aborting it rejects the promise at once with `signal.reason`, and cancels the timer. */
  signal?: AbortSignal;
}

/** The promise `pTimeout` returns: a normal promise with one extra method. */
export type ClearablePromise<T> = Promise<T> & {
  /** Cancels the timeout: the promise then simply settles as the input does, whenever that is. */
  clear(): void;
};

/**
 * Races `promise` against a timer of `options.milliseconds`, like p-timeout 7.
 *
 * - Settles as `promise` does if it settles first (value or error unchanged), and clears the timer then.
 * - Otherwise, at exactly `milliseconds`, rejects with a `TimeoutError` (see `message` and `fallback`).
 * - `milliseconds: Infinity` never times out and schedules no timer.
 * - `options.signal` aborting (or already aborted) rejects with `signal.reason`; the abort listener is
 *   removed once the promise has settled.
 * - The input is not cancelled on timeout: pTimeout cannot stop work it did not start.
 */
export function pTimeout<T>(
  promise: PromiseLike<T>,
  options: PTimeoutOptions<T> & { message: false },
): ClearablePromise<T | undefined>;
export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T>;
export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T | undefined> {
  throw new Error('TODO: implement pTimeout (see README.md)');
}

/**
 * Runs `fn` with a fresh AbortSignal and gives it `ms` milliseconds, like Python's asyncio.wait_for.
 *
 * - Calls `fn(signal)` at once and settles as its promise does if that happens within `ms`
 *   (and then leaves no timer behind).
 * - At exactly `ms`, aborts `signal`, so that the work can stop, and rejects with a `TimeoutError`,
 *   without waiting for the work to notice the abort.
 */
export function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  throw new Error('TODO: implement withTimeout (see README.md)');
}
