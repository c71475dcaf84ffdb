// Alternative: one event-driven scheduler instead of worker loops. A queue of ready attempts, a set
// of running ones, a log of starts; `schedule()` starts whatever the slots and budgets allow and
// otherwise sets a single wake-up timer. A prompt waiting out its backoff holds no slot here (the
// reference keeps it): the README allows both, and the tests never depend on the difference.

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
const RETRYABLE = new Set([408, 409, 429]);

interface Job {
  index: number;
  prompt: string;
  tokens: number;
  /** Failed attempts so far. */
  failures: number;
}

interface Running {
  controller: AbortController;
  timeout: ReturnType<typeof setTimeout>;
}

function retryable(error: unknown): boolean {
  const { name, status } = (error ?? {}) as { name?: string; status?: number };
  if (name === 'TimeoutError') return true;
  if (name !== 'ApiError') return false;
  return status === undefined || RETRYABLE.has(status) || status >= 500;
}

function retryDelay(error: unknown, failures: number): number {
  const retryAfter = Number((error as { headers?: Record<string, string> }).headers?.['retry-after'] ?? NaN);
  return Number.isNaN(retryAfter) ? 1000 * 2 ** (failures - 1) : retryAfter * 1000;
}

export function runBatch(
  api: LlmApi,
  prompts: readonly string[],
  options: BatchOptions,
): Promise<PromiseSettledResult<LlmResponse>[]> {
  const { concurrency, requestsPerMinute, tokensPerMinute, attemptTimeoutMs, maxRetries, signal, onProgress } = options;

  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const results: PromiseSettledResult<LlmResponse>[] = new Array(prompts.length);
    const ready: Job[] = prompts.map((prompt, index) => ({ index, prompt, tokens: api.countTokens({ prompt }), failures: 0 }));
    const running = new Set<Running>();
    const backoffs = new Set<ReturnType<typeof setTimeout>>();
    const starts: Array<{ at: number; tokens: number }> = [];
    let wake: ReturnType<typeof setTimeout> | undefined;
    let settled = 0;
    let stopped = false;

    const finishBatch = (): void => {
      stopped = true;
      clearTimeout(wake);
      for (const timer of backoffs) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };

    function onAbort(): void {
      finishBatch();
      for (const attempt of running) {
        clearTimeout(attempt.timeout);
        attempt.controller.abort(signal!.reason);
      }
      reject(signal!.reason);
    }

    const settle = (job: Job, result: PromiseSettledResult<LlmResponse>): void => {
      results[job.index] = result;
      settled += 1;
      onProgress?.(settled, prompts.length);
      if (settled === prompts.length) {
        finishBatch();
        resolve(results);
      }
    };

    /** Milliseconds until the window has room for one more request of `tokens` (0: now). */
    const waitFor = (tokens: number, now: number): number => {
      while (starts.length > 0 && starts[0]!.at + WINDOW_MS <= now) starts.shift();
      let count = starts.length;
      let used = starts.reduce((sum, start) => sum + start.tokens, 0);
      for (const start of starts) {
        if (count < requestsPerMinute && used + tokens <= tokensPerMinute) break;
        count -= 1;
        used -= start.tokens;
        if (count < requestsPerMinute && used + tokens <= tokensPerMinute) return start.at + WINDOW_MS - now;
      }
      return count < requestsPerMinute && used + tokens <= tokensPerMinute ? 0 : Infinity;
    };

    const schedule = (): void => {
      clearTimeout(wake);
      wake = undefined;
      while (!stopped && ready.length > 0 && running.size < concurrency) {
        const now = Date.now();
        const waitMs = waitFor(ready[0]!.tokens, now);
        if (waitMs > 0) {
          if (Number.isFinite(waitMs)) wake = setTimeout(schedule, waitMs);
          return;
        }
        start(ready.shift()!, now);
      }
    };

    const start = (job: Job, now: number): void => {
      starts.push({ at: now, tokens: job.tokens });
      const controller = new AbortController();
      const attempt: Running = {
        controller,
        timeout: setTimeout(() => controller.abort(new DOMException(`no answer within ${attemptTimeoutMs} ms`, 'TimeoutError')), attemptTimeoutMs),
      };
      running.add(attempt);
      const done = (): void => {
        clearTimeout(attempt.timeout);
        running.delete(attempt);
      };
      api.complete({ prompt: job.prompt }, { signal: controller.signal }).then(
        (value) => {
          done();
          if (stopped) return;
          settle(job, { status: 'fulfilled', value });
          schedule();
        },
        (error: unknown) => {
          done();
          if (stopped) return;
          job.failures += 1;
          if (job.failures > maxRetries || !retryable(error)) {
            settle(job, { status: 'rejected', reason: error });
          } else {
            const timer = setTimeout(() => {
              backoffs.delete(timer);
              ready.push(job);
              schedule();
            }, retryDelay(error, job.failures));
            backoffs.add(timer);
          }
          schedule();
        },
      );
    };

    if (prompts.length === 0) {
      resolve([]);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    schedule();
  });
}
