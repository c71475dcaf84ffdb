/**
 * Exercise 22 — the retry policy of the official LLM SDKs (OpenAI, Anthropic), on its own.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 */

/**
 * An error response of the LLM API, as the tests' FakeLlm (and the official SDKs' `APIError`) makes it:
 * `name` is `'ApiError'`, `status` is the HTTP status or `undefined` for a connection error (no
 * response at all), and `headers` has lower-case names.
 */
export interface ApiError extends Error {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RetryOptions {
  /** How many retries after the first call (default 2: at most three calls in all). */
  maxRetries?: number;
  /** Aborting it stops everything: callWithRetries rejects with `signal.reason` at once. */
  signal?: AbortSignal;
}

/**
 * How long to wait before retrying after `error`, in ms, or `null` when the error must not be retried.
 *
 * - `attempt` is the number of retries already made: 0 before the first retry, 1 before the second, …
 * - Retried: connection errors (`status` undefined), 408, 409, 429 and every status ≥ 500; never any
 *   other 4xx. An `x-should-retry` header of `true` or `false` overrides the status.
 * - The server's wait: `retry-after-ms` (milliseconds) when it holds a number, otherwise `retry-after`
 *   (seconds, or an HTTP date measured from `Date.now()`). Used when it is within (0, 60 000] ms.
 * - Otherwise: `min(500 * 2 ** attempt, 8000) * (1 - 0.25 * random())` ms.
 */
export function retryDelayMs(error: ApiError, attempt: number, random: () => number): number | null {
  throw new Error('TODO: implement retryDelayMs (see README.md)');
}

/**
 * Calls `fn(signal)` and, while it rejects with an `ApiError` that `retryDelayMs` says to retry and
 * retries are left, waits that long (with `Math.random` as the random source) and calls it again.
 * Resolves with the first success; rejects with the last error, or at once with any error that is
 * not an `ApiError` (recognised by `error.name === 'ApiError'`). `fn` always gets a signal: the
 * caller's, or one that never aborts. An abort during a wait rejects with `signal.reason` at once.
 */
export async function callWithRetries<T>(fn: (signal: AbortSignal) => Promise<T>, options?: RetryOptions): Promise<T> {
  throw new Error('TODO: implement callWithRetries (see README.md)');
}
