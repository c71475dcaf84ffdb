// The mistake: only a prompt's first attempt waits for the rate budget; retries go straight to the
// API, so a batch with failures sends more requests per minute than allowed.

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

interface Waiter {
  tokens: number;
  signal: AbortSignal | undefined;
  grant(): void;
  refuse(reason: unknown): void;
}

/**
 * Requests and tokens per minute over a sliding window. `take(tokens)` resolves at the first moment
 * both budgets have room, first come first served, and counts the request as started then. A start
 * at time s counts for the window (s - 60 s, s]: at s + 60 s its share is free again.
 */
class SlidingWindowBudget {
  readonly #starts: Array<{ at: number; tokens: number }> = [];
  readonly #waiting: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly requestsPerMinute: number,
    private readonly tokensPerMinute: number,
  ) {}

  take(tokens: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal!.reason);
        this.#pump();
      };
      const waiter: Waiter = {
        tokens,
        signal,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        refuse: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#pump();
    });
  }

  /** Lets in every waiter that fits now, in order; otherwise sleeps (one timer) until the head fits. */
  #pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = Date.now();
    while (this.#starts.length > 0 && this.#starts[0]!.at <= now - WINDOW_MS) this.#starts.shift();
    while (this.#waiting.length > 0) {
      const head = this.#waiting[0]!;
      if (head.signal?.aborted) {
        // Its abort listener has not run yet (listeners run one by one): never let it start.
        this.#waiting.shift();
        head.refuse(head.signal.reason);
        continue;
      }
      const waitMs = this.#msUntilRoomFor(head.tokens, now);
      if (waitMs > 0) {
        this.#timer = setTimeout(() => this.#pump(), waitMs);
        return;
      }
      this.#waiting.shift();
      this.#starts.push({ at: now, tokens: head.tokens });
      head.grant();
    }
  }

  /** How long until enough of the oldest starts leave the window for one more request of `tokens`. */
  #msUntilRoomFor(tokens: number, now: number): number {
    let requests = this.#starts.length;
    let used = this.#starts.reduce((sum, start) => sum + start.tokens, 0);
    let dropped = 0;
    while (requests + 1 > this.requestsPerMinute || used + tokens > this.tokensPerMinute) {
      const oldest = this.#starts[dropped];
      if (!oldest) return Infinity; // a request bigger than the whole budget (README: never sent by the tests)
      requests -= 1;
      used -= oldest.tokens;
      dropped += 1;
    }
    return dropped === 0 ? 0 : this.#starts[dropped - 1]!.at + WINDOW_MS - now;
  }
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** 408, 409, 429, 5xx and connection errors (no status) are worth another try, as are timeouts. */
function isRetryable(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  if (!(error instanceof Error) || !('status' in error)) return false;
  const status = (error as { status: number | undefined }).status;
  return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** retry-after (seconds) when the error carries one, else 1 s, 2 s, 4 s … before retry 1, 2, 3 … */
function backoffMs(error: unknown, retry: number): number {
  const header = (error as { headers?: Record<string, string> }).headers?.['retry-after'];
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds * 1000 : 1000 * 2 ** (retry - 1);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One call, aborted after `timeoutMs` (with a TimeoutError) or when the batch's signal aborts. */
async function attempt(api: LlmApi, prompt: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<LlmResponse> {
  signal?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  const onAbort = (): void => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await api.complete({ prompt }, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** One prompt, seen through to its last attempt. Rejects only when the batch is aborted. */
async function settlePrompt(
  api: LlmApi,
  prompt: string,
  budget: SlidingWindowBudget,
  options: BatchOptions,
): Promise<PromiseSettledResult<LlmResponse>> {
  const { signal } = options;
  const tokens = api.countTokens({ prompt });
  for (let retry = 0; ; retry++) {
    if (retry === 0) await budget.take(tokens, signal);
    try {
      return { status: 'fulfilled', value: await attempt(api, prompt, options.attemptTimeoutMs, signal) };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (retry >= options.maxRetries || !isRetryable(error)) return { status: 'rejected', reason: error };
      await sleep(backoffMs(error, retry + 1), signal);
    }
  }
}

export async function runBatch(
  api: LlmApi,
  prompts: readonly string[],
  options: BatchOptions,
): Promise<PromiseSettledResult<LlmResponse>[]> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const budget = new SlidingWindowBudget(options.requestsPerMinute, options.tokensPerMinute);
  const results: PromiseSettledResult<LlmResponse>[] = new Array(prompts.length);
  let next = 0;
  let done = 0;

  const worker = async (): Promise<void> => {
    while (next < prompts.length) {
      const index = next++;
      results[index] = await settlePrompt(api, prompts[index]!, budget, options);
      done += 1;
      onProgress?.(done, prompts.length);
    }
  };

  const workers = Math.min(options.concurrency, prompts.length);
  // Every worker rejects with signal.reason on abort; Promise.all passes on the first of them.
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
