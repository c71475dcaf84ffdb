// Alternative built on npm packages: p-limit 7 for the concurrency, p-retry 7 for the retry loop, and
// a small sliding-window budget of our own. p-throttle 8 cannot stand in for it: one throttle has one
// weight (requests OR tokens), and two chained throttles each record their own start time, so the
// outer one would count a request as started before the inner one lets it go.
// p-retry's own delay is minTimeout * factor ** n; the README's backoff also honours retry-after, so the
// wait happens in onFailedAttempt and p-retry's delay is set to 0.
import pLimit from 'p-limit';
import pRetry from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LlmRequest {
  prompt: string;
  maxTokens?: number;
}

export interface LlmResponse {
  id: string;
  text: string;
  usage: { inputTokens: number; outputTokens: number };
}

export interface LlmApi {
  complete(request: LlmRequest, options?: { signal?: AbortSignal }): Promise<LlmResponse>;
  countTokens(request: LlmRequest): number;
}

export interface BatchOptions {
  concurrency: number;
  requestsPerMinute: number;
  tokensPerMinute: number;
  attemptTimeoutMs: number;
  maxRetries: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const WINDOW_MS = 60_000;

/** A FIFO sliding-window budget that polls nothing: each waiter sleeps until the window has room. */
function slidingWindowBudget(requestsPerMinute: number, tokensPerMinute: number) {
  const starts: Array<{ at: number; tokens: number }> = [];
  let tail: Promise<void> = Promise.resolve();

  const msUntilRoom = (tokens: number, now: number): number => {
    while (starts.length > 0 && starts[0]!.at + WINDOW_MS <= now) starts.shift();
    const fits = (from: number): boolean =>
      starts.length - from < requestsPerMinute &&
      starts.slice(from).reduce((sum, s) => sum + s.tokens, 0) + tokens <= tokensPerMinute;
    for (let from = 0; from <= starts.length; from++) {
      if (fits(from)) return from === 0 ? 0 : starts[from - 1]!.at + WINDOW_MS - now;
    }
    return Infinity;
  };

  /** Waits for the turn (FIFO), then for room, and records the start. */
  return (tokens: number, signal: AbortSignal | undefined): Promise<void> => {
    const turn = tail.then(async () => {
      for (let wait = msUntilRoom(tokens, Date.now()); wait > 0; wait = msUntilRoom(tokens, Date.now())) {
        await sleep(wait, undefined, { signal });
      }
      signal?.throwIfAborted();
      starts.push({ at: Date.now(), tokens });
    });
    tail = turn.catch(() => {});
    return turn;
  };
}

function isRetryable(error: unknown): boolean {
  const { name, status } = error as { name?: string; status?: number };
  if (name === 'TimeoutError') return true;
  if (name !== 'ApiError') return false;
  return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
}

export async function runBatch(
  api: LlmApi,
  prompts: readonly string[],
  options: BatchOptions,
): Promise<PromiseSettledResult<LlmResponse>[]> {
  const { signal, maxRetries, attemptTimeoutMs, onProgress } = options;
  signal?.throwIfAborted();
  const limit = pLimit(options.concurrency);
  const takeBudget = slidingWindowBudget(options.requestsPerMinute, options.tokensPerMinute);
  let done = 0;

  const oneAttempt = async (prompt: string): Promise<LlmResponse> => {
    await takeBudget(api.countTokens({ prompt }), signal);
    const timeout = AbortSignal.timeout(attemptTimeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    return api.complete({ prompt }, { signal: attemptSignal });
  };

  const settlePrompt = async (prompt: string): Promise<PromiseSettledResult<LlmResponse>> => {
    signal?.throwIfAborted();
    try {
      const value = await pRetry(() => oneAttempt(prompt), {
        retries: maxRetries,
        minTimeout: 0,
        shouldRetry: ({ error }) => !signal?.aborted && isRetryable(error),
        onFailedAttempt: async ({ error, retriesLeft, retriesConsumed }) => {
          if (retriesLeft === 0 || signal?.aborted || !isRetryable(error)) return;
          const retryAfter = Number((error as { headers?: Record<string, string> }).headers?.['retry-after'] ?? NaN);
          await sleep(Number.isNaN(retryAfter) ? 1000 * 2 ** retriesConsumed : retryAfter * 1000, undefined, { signal });
        },
      });
      return { status: 'fulfilled', value };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { status: 'rejected', reason: error };
    } finally {
      if (!signal?.aborted) onProgress?.(++done, prompts.length);
    }
  };

  return Promise.all(prompts.map((prompt) => limit(() => settlePrompt(prompt))));
}
