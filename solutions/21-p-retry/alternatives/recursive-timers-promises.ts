// A different style: recursion instead of a loop (each attempt schedules the next), the backoff
// table computed up front, and the wait from node:timers/promises, which cancels its own timer when
// the signal aborts (it rejects with a generic AbortError, so we rethrow the signal's own reason).
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryContext {
  readonly error: Error;
  readonly attemptNumber: number;
  readonly retriesLeft: number;
  readonly retriesConsumed: number;
}

export interface Options {
  readonly retries?: number;
  readonly factor?: number;
  readonly minTimeout?: number;
  readonly maxTimeout?: number;
  readonly randomize?: boolean;
  readonly onFailedAttempt?: (context: RetryContext) => void | Promise<void>;
  readonly shouldRetry?: (context: RetryContext) => boolean | Promise<boolean>;
  readonly signal?: AbortSignal;
}

export class AbortError extends Error {
  override readonly name = 'AbortError';
  readonly originalError: Error;

  constructor(message: string | Error) {
    const originalError = typeof message === 'string' ? new Error(message) : message;
    super(originalError.message);
    this.originalError = originalError;
  }
}

/** The un-randomized wait before retry number `retry` (0 for the first retry). */
function baseDelay(retry: number, { factor = 2, minTimeout = 1000, maxTimeout = Infinity }: Options): number {
  return Math.min(minTimeout * factor ** retry, maxTimeout);
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

export function pRetry<T>(input: (attemptNumber: number) => T | PromiseLike<T>, options: Options = {}): Promise<T> {
  const retries = options.retries ?? 10;
  const { signal } = options;

  const attempt = async (attemptNumber: number): Promise<T> => {
    let outcome: { ok: true; value: T } | { ok: false; thrown: unknown };
    try {
      outcome = { ok: true, value: await input(attemptNumber) };
    } catch (thrown) {
      outcome = { ok: false, thrown };
    }
    if (outcome.ok) return outcome.value;
    const { thrown } = outcome;
    if (thrown instanceof AbortError) throw thrown.originalError;

    const error = thrown instanceof Error ? thrown : new TypeError(`Non-error was thrown: "${String(thrown)}".`);
    const retriesConsumed = attemptNumber - 1;
    const retriesLeft = Math.max(0, retries - retriesConsumed);
    const context = { error, attemptNumber, retriesLeft, retriesConsumed };
    await options.onFailedAttempt?.(context);
    if (retriesLeft <= 0) throw error;
    if (options.shouldRetry !== undefined && (await options.shouldRetry(context)) === false) throw error;

    let ms = baseDelay(retriesConsumed, options);
    if (options.randomize) ms = Math.min(Math.round(ms * (1 + Math.random())), options.maxTimeout ?? Infinity);
    await pause(ms, signal);
    return attempt(attemptNumber + 1);
  };

  return signal?.aborted ? Promise.reject(signal.reason) : attempt(1);
}
