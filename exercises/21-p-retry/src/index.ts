/**
 * Exercise 21 — pRetry: call an unreliable function again, waiting longer after each failure.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 */

/** What `onFailedAttempt` and `shouldRetry` receive after a failed attempt (the shape of p-retry 7). */
export interface RetryContext {
  /** The error the attempt failed with. */
  readonly error: Error;
  /** Which attempt failed: 1 for the first call, 2 for the first retry, … */
  readonly attemptNumber: number;
  /** How many retries are still allowed: `retries - retriesConsumed`, never below 0. */
  readonly retriesLeft: number;
  /** How many retries have been made so far: `attemptNumber - 1`. */
  readonly retriesConsumed: number;
}

export interface Options {
  /** How many times to retry after the first call (default 10): `retries: 3` allows four calls. */
  readonly retries?: number;
  /** How much longer each wait is than the one before (default 2). */
  readonly factor?: number;
  /** The wait before the first retry, in ms (default 1000). */
  readonly minTimeout?: number;
  /** The longest any wait may be, in ms (default Infinity). */
  readonly maxTimeout?: number;
  /** Multiply each wait by a random factor in [1, 2), taken from Math.random() (default false). */
  readonly randomize?: boolean;
  /** Called (and awaited) after every failed attempt, the last one included, except for an AbortError. */
  readonly onFailedAttempt?: (context: RetryContext) => void | Promise<void>;
  /** Called (and awaited) before each retry; returning false stops and rejects with the error. */
  readonly shouldRetry?: (context: RetryContext) => boolean | Promise<boolean>;
  /** Aborting it stops retrying: pRetry rejects with `signal.reason`, even in the middle of a wait. */
  readonly signal?: AbortSignal;
}

/**
 * Thrown by `input` to say "retrying will not help": pRetry stops at once and rejects with
 * `originalError`. `new AbortError(error)` keeps `error` as the original; `new AbortError('message')`
 * makes a plain `new Error('message')` the original. Its `name` is `'AbortError'` and its `message`
 * is the original's message.
 */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  readonly originalError: Error;

  constructor(message: string | Error) {
    super();
    throw new Error('TODO: implement AbortError (see README.md)');
  }
}

/**
 * Calls `input(1)`; while the call throws or rejects and retries are left, waits and calls
 * `input(2)`, `input(3)`, … Resolves with the first success; rejects with the last error. The waits
 * are `minTimeout * factor ** retriesConsumed` ms (1000, 2000, 4000 … by default), capped at
 * `maxTimeout`. No wait follows the final failure.
 */
export async function pRetry<T>(input: (attemptNumber: number) => T | PromiseLike<T>, options?: Options): Promise<T> {
  throw new Error('TODO: implement pRetry (see README.md)');
}
