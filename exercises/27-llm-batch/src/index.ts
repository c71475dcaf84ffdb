/**
 * Exercise 27 — the capstone: an LLM batch pipeline.
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */

/** What runBatch sends: the prompt only (the same shape as the testkit's `LlmRequest`). */
export interface LlmRequest {
  prompt: string;
  maxTokens?: number;
}

/** What the API answers (the same shape as the testkit's `LlmResponse`). */
export interface LlmResponse {
  id: string;
  text: string;
  usage: { inputTokens: number; outputTokens: number };
}

/** What runBatch needs from an LLM client. The tests pass a `FakeLlm` (docs/fake-llm.md), which has both. */
export interface LlmApi {
  /** Resolves with the answer, rejects with an `ApiError` ({ status, headers }), rejects with `signal.reason` on abort. */
  complete(request: LlmRequest, options?: { signal?: AbortSignal }): Promise<LlmResponse>;
  /** What `request` counts against a tokens-per-minute budget. */
  countTokens(request: LlmRequest): number;
}

export interface BatchOptions {
  /** At most this many requests in flight at the API at once (a timed-out attempt counts until you abort it). */
  concurrency: number;
  /** No 60-second window may hold more request starts than this, retries included. */
  requestsPerMinute: number;
  /** No 60-second window may hold request starts costing more tokens than this (`api.countTokens(request)`). */
  tokensPerMinute: number;
  /** An attempt that has not answered after this many ms is aborted and counts as a retryable failure. */
  attemptTimeoutMs: number;
  /** Retries per prompt after its first attempt: at most `1 + maxRetries` attempts. */
  maxRetries: number;
  /** Aborting it stops the batch: nothing new starts, calls in flight are aborted, runBatch rejects with its reason. */
  signal?: AbortSignal;
  /** Called with (prompts settled so far, prompts.length) each time a prompt settles. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Sends every prompt to `api.complete({ prompt })` under a concurrency limit and two sliding-window
 * budgets (requests and tokens per minute), with a timeout per attempt and retries with backoff.
 * Resolves with one settled entry per prompt, in input order: `fulfilled` with the response, or
 * `rejected` with the last error. Rejects with `signal.reason` when the signal aborts.
 * The exact policies (which errors are retried, the backoff, "as early as allowed") are in README.md.
 */
export async function runBatch(
  api: LlmApi,
  prompts: readonly string[],
  options: BatchOptions,
): Promise<PromiseSettledResult<LlmResponse>[]> {
  throw new Error('TODO: implement runBatch (see README.md)');
}
