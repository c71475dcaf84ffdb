/**
 * Exercise 05 — asyncio.sleep, with a way to cancel it.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/** What `delay` accepts besides the number of milliseconds. */
export interface DelayOptions<T> {
  /** The value the promise resolves with when the time is up. Default: undefined. */
  value?: T;
  /** Cancels the wait: once it aborts, the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Waits `ms` milliseconds without blocking the event loop, then resolves with `options.value`.
 *
 * - Still pending at `ms - 1`, resolved at `ms`.
 * - When `options.signal` aborts during the wait, rejects at once with `signal.reason` (the reason
 *   itself, not a new error) and cancels its timer.
 * - When the signal has already aborted, rejects with `signal.reason` straight away, without setting
 *   a timer.
 * - Leaves no abort listener on the signal once it has settled, either way.
 */
export function delay<T = void>(ms: number, options?: DelayOptions<T>): Promise<T> {
  throw new Error('TODO: implement delay (see README.md)');
}
