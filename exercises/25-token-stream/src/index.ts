/**
 * Exercise 25 — an LLM answer as an async iterator of tokens, with an idle timeout.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */
import type { FakeLlm, LlmRequest } from '@tickwork/testkit';

/** What `streamTokens` accepts besides the API and the request. */
export interface StreamTokensOptions {
  /** Cancels the stream from outside: the pending `next()` rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * The longest wait for one token (the first one included), in ms. A longer wait ends the stream
   * with an error named `TimeoutError` and aborts the request. Time your own loop spends on a token
   * does not count. Default: no limit.
   */
  idleTimeoutMs?: number;
}

/**
 * Streams the answer to `request` from `api.stream(...)`, one token at a time.
 *
 * - Yields each token as soon as the API sends it (no buffering of the whole answer).
 * - Finishes when the answer is complete; an API error comes through as it is.
 * - When the caller stops early (`break` out of `for await`), aborts the request and leaves no timer.
 * - When a token takes longer than `idleTimeoutMs` to come, throws a `TimeoutError` and aborts the request.
 * - When `options.signal` aborts, the pending `next()` rejects with `signal.reason` and the request is aborted.
 * - Leaves no timer and no abort listener behind, however it ends.
 */
export async function* streamTokens(
  api: FakeLlm,
  request: LlmRequest,
  options?: StreamTokensOptions,
): AsyncGenerator<string> {
  throw new Error('TODO: implement streamTokens (see README.md)');
}
