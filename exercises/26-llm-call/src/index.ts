/**
 * Exercise 26 — the capstone, part 1: one LLM call that survives hangs, rate limits and outages,
 * and still stops the moment its caller says so.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */
import type { FakeLlm, LlmRequest, LlmResponse } from '@tickwork/testkit';

/** How hard `callLlm` tries. */
export interface CallLlmOptions {
  /** Longest time one attempt may take, in ms; a slower attempt is aborted and counts as a failure to retry. */
  attemptTimeoutMs: number;
  /** Retries after the first attempt: at most `maxRetries + 1` calls in all. */
  maxRetries: number;
  /** Cancels everything: the attempt in flight is aborted and `callLlm` rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Calls `api.complete(request, { signal })` until it succeeds, following the retry policy of the README.
 *
 * - Each attempt gets `attemptTimeoutMs`; then it is aborted (the API call ends) and fails with an
 *   error named `TimeoutError`, which is retried like a connection error.
 * - Retried: timeouts, connection errors, 408, 409, 429 and every status ≥ 500; any other 4xx rejects
 *   at once with the API's error (an `x-should-retry` header overrides the status). Before retry n
 *   (1, 2, …) it waits the server's `retry-after-ms` / `retry-after` when it lies within (0, 60 s],
 *   else `min(500 × 2^(n−1), 8000)` ms. No jitter: exercise 22's policy with `random() = 0`.
 * - After `maxRetries` retries, rejects with the last attempt's error.
 * - When `options.signal` aborts, during an attempt or a wait, rejects at once with `signal.reason`
 *   and aborts the attempt in flight.
 * - Once settled, leaves no timer running and no listener on `options.signal`.
 */
export async function callLlm(api: FakeLlm, request: LlmRequest, options: CallLlmOptions): Promise<LlmResponse> {
  throw new Error('TODO: implement callLlm (see README.md)');
}
