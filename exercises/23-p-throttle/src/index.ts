/**
 * Exercise 23 — pThrottle: requests and tokens per minute.
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */

// `weight` and `onDelay` receive the throttled function's own arguments, whatever they are: hence `any[]`,
// as in p-throttle, so that `weight: (prompt: string) => prompt.length` typechecks.

/** The options of `pThrottle`, as in p-throttle 8. */
export interface ThrottleOptions {
  /** The most calls (or, with `weight`, the most weight) that may start within one `interval`. */
  readonly limit: number;

  /** The length of the window, in milliseconds. */
  readonly interval: number;

  /**
   * `false` (default): fixed windows are enough — `limit` starts per window, where a window may begin
   * when a call arrives. `true`: a sliding window — no stretch of `interval` ms, wherever it begins,
   * ever holds more than `limit` starts.
   */
  readonly strict?: boolean;

  /**
   * What one call costs, computed from its arguments (default: every call costs 1). With
   * `limit: 90_000, interval: 60_000, weight: (prompt) => countTokens(prompt)` you get 90 000 tokens
   * per minute instead of 90 000 calls per minute.
   */
  readonly weight?: (...args: any[]) => number;

  /**
   * Aborting it rejects every call that is still waiting with `signal.reason` and cancels its timer.
   * Calls that have already started are not touched.
   */
  readonly signal?: AbortSignal;

  /** Called with a call's arguments, at the moment it is called, when that call has to wait. */
  readonly onDelay?: (...args: any[]) => void;
}

/** What `throttle(fn)` returns: call it like `fn`; it always returns a promise. */
export type ThrottledFunction<Args extends unknown[], R> = ((...args: Args) => Promise<Awaited<R>>) & {
  /** How many calls are waiting for their turn right now (made, but `fn` not called yet). */
  readonly queueSize: number;
};

/**
 * Creates a throttle: `throttle(fn)` returns a function that calls `fn` with the same arguments, at
 * most `limit` times per `interval` ms. Calls over the limit are never dropped: they wait for their turn
 * (calls of equal weight in the order they were made), and each one settles like `fn` does: with its
 * value, or with its error.
 */
export function pThrottle(
  options: ThrottleOptions,
): <Args extends unknown[], R>(fn: (...args: Args) => R) => ThrottledFunction<Args, R> {
  throw new Error('TODO: implement pThrottle (see README.md)');
}
