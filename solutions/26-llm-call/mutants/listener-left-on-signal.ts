// The mistake: adding an abort listener to the caller's signal for every attempt and never removing
// it. A long-lived signal (one per user session, say) collects one more listener per call, and each
// keeps its attempt's controller alive.
import type { ApiError, FakeLlm, LlmRequest, LlmResponse } from '@tickwork/testkit';

export interface CallLlmOptions {
  attemptTimeoutMs: number;
  maxRetries: number;
  signal?: AbortSignal;
}

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
const MAX_SERVER_WAIT_MS = 60_000;

function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}

function isRetryable(error: unknown): boolean {
  // Our own attempt timer: the server did not answer in time, like a connection that dropped.
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  if (!isApiError(error)) return false;
  const { status, headers } = error;
  if (headers['x-should-retry'] === 'true') return true;
  if (headers['x-should-retry'] === 'false') return false;
  return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The wait the server asked for, in ms, or undefined when it asked for none we can use. */
function serverWaitMs(error: unknown): number | undefined {
  if (!isApiError(error)) return undefined;
  const { headers } = error;
  let asked = parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isNaN(asked) && headers['retry-after'] !== undefined) {
    const seconds = parseFloat(headers['retry-after']);
    asked = Number.isNaN(seconds) ? Date.parse(headers['retry-after']) - Date.now() : seconds * 1000;
  }
  return asked > 0 && asked <= MAX_SERVER_WAIT_MS ? asked : undefined;
}

/** Before retry n (retriesMade = n − 1): the server's wait, else exponential backoff. */
function retryDelayMs(error: unknown, retriesMade: number): number {
  return serverWaitMs(error) ?? Math.min(INITIAL_DELAY_MS * 2 ** retriesMade, MAX_DELAY_MS);
}

/** One call with its own deadline; the caller's abort is forwarded with the caller's reason. */
async function attempt(api: FakeLlm, request: LlmRequest, timeoutMs: number, signal: AbortSignal | undefined): Promise<LlmResponse> {
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(signal!.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`the attempt took longer than ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  try {
    return await api.complete(request, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms`, or rejects with `signal.reason` as soon as the signal aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
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

export async function callLlm(api: FakeLlm, request: LlmRequest, options: CallLlmOptions): Promise<LlmResponse> {
  const { attemptTimeoutMs, maxRetries, signal } = options;
  for (let retriesMade = 0; ; retriesMade++) {
    signal?.throwIfAborted();
    try {
      return await attempt(api, request, attemptTimeoutMs, signal);
    } catch (error) {
      // The caller's abort ends everything, whatever the attempt failed with.
      if (signal?.aborted) throw signal.reason;
      if (retriesMade >= maxRetries || !isRetryable(error)) throw error;
      await wait(retryDelayMs(error, retriesMade), signal);
    }
  }
}
