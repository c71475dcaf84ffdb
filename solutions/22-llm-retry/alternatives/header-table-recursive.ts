// A different structure: the decision is a table of rules read top to bottom (first match wins), the
// server's wait is parsed into a `{ ms }` or nothing, and callWithRetries recurses once per retry with
// node:timers/promises' cancellable sleep instead of a hand-made timer.
import { setTimeout as sleep } from 'node:timers/promises';

export interface ApiError extends Error {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RetryOptions {
  maxRetries?: number;
  signal?: AbortSignal;
}

type Rule = [matches: (error: ApiError) => boolean, retry: boolean];

const RULES: Rule[] = [
  [(e) => e.headers['x-should-retry'] === 'true', true],
  [(e) => e.headers['x-should-retry'] === 'false', false],
  [(e) => e.status === undefined, true],
  [(e) => [408, 409, 429].includes(e.status!), true],
  [(e) => e.status! >= 500, true],
];

const retryable = (error: ApiError): boolean => RULES.find(([matches]) => matches(error))?.[1] ?? false;

/** The server's requested wait when it is one we accept: a finite number of ms in (0, 60 000]. */
function requestedWait(headers: Readonly<Record<string, string>>): { ms: number } | undefined {
  let ms: number | undefined;
  if (headers['retry-after-ms'] !== undefined && !Number.isNaN(Number.parseFloat(headers['retry-after-ms']))) {
    ms = Number.parseFloat(headers['retry-after-ms']);
  } else if (headers['retry-after'] !== undefined) {
    const value = headers['retry-after'];
    const seconds = Number.parseFloat(value);
    ms = Number.isNaN(seconds) ? new Date(value).getTime() - Date.now() : seconds * 1000;
  }
  return ms !== undefined && Number.isFinite(ms) && ms > 0 && ms <= 60_000 ? { ms } : undefined;
}

export function retryDelayMs(error: ApiError, attempt: number, random: () => number): number | null {
  if (!retryable(error)) return null;
  const asked = requestedWait(error.headers);
  if (asked) return asked.ms;
  const seconds = Math.min(0.5 * 2 ** attempt, 8);
  const jitter = 1 - random() * 0.25;
  return seconds * jitter * 1000;
}

export function callWithRetries<T>(fn: (signal: AbortSignal) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxRetries = options.maxRetries ?? 2;
  const signal = options.signal ?? new AbortController().signal;

  const attempt = async (retriesRemaining: number): Promise<T> => {
    if (signal.aborted) throw signal.reason;
    try {
      return await fn(signal);
    } catch (error) {
      const isApiError = error instanceof Error && error.name === 'ApiError';
      const delay = isApiError && retriesRemaining > 0 ? retryDelayMs(error as ApiError, maxRetries - retriesRemaining, Math.random) : null;
      if (delay === null) throw error;
      // timers/promises rejects an abort with its own AbortError; the caller wants signal.reason.
      await sleep(delay, undefined, { signal }).catch((sleepError: unknown) => {
        throw signal.aborted ? signal.reason : sleepError;
      });
      return attempt(retriesRemaining - 1);
    }
  };

  return attempt(maxRetries);
}
