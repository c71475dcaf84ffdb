// The mistake: reading retry-after as milliseconds like retry-after-ms. retry-after: 3 means three
// seconds; this waits 3 ms and hits a rate-limited server again almost at once.

/** The fields of the testkit's ApiError that the policy reads (the solutions cannot import the testkit). */
export interface ApiError extends Error {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RetryOptions {
  maxRetries?: number;
  signal?: AbortSignal;
}

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
const MAX_SERVER_WAIT_MS = 60_000;

function shouldRetry({ status, headers }: ApiError): boolean {
  // The server knows best: the SDKs obey this header before looking at the status.
  if (headers['x-should-retry'] === 'true') return true;
  if (headers['x-should-retry'] === 'false') return false;
  if (status === undefined) return true; // no response at all: a connection error
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The wait the server asked for, in ms, or undefined when it asked for none we can read. */
function serverWaitMs(headers: Readonly<Record<string, string>>): number | undefined {
  const ms = parseFloat(headers['retry-after-ms'] ?? '');
  if (!Number.isNaN(ms)) return ms;
  const retryAfter = headers['retry-after'];
  if (retryAfter === undefined) return undefined;
  const seconds = parseFloat(retryAfter);
  return Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds;
}

export function retryDelayMs(error: ApiError, attempt: number, random: () => number): number | null {
  if (!shouldRetry(error)) return null;
  const asked = serverWaitMs(error.headers);
  // NaN (an unreadable date) fails both comparisons and falls through to the backoff.
  if (asked !== undefined && asked > 0 && asked <= MAX_SERVER_WAIT_MS) return asked;
  const backoff = Math.min(INITIAL_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
  return backoff * (1 - 0.25 * random());
}

function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function callWithRetries<T>(fn: (signal: AbortSignal) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { maxRetries = 2, signal = new AbortController().signal } = options;
  for (let retriesMade = 0; ; retriesMade++) {
    signal.throwIfAborted();
    try {
      return await fn(signal);
    } catch (error) {
      if (!isApiError(error) || retriesMade >= maxRetries) throw error;
      const delay = retryDelayMs(error, retriesMade, Math.random);
      if (delay === null) throw error;
      await wait(delay, signal);
    }
  }
}
