// The mistake: counting calls instead of retries. `retries: 3` should allow the first call plus three
// retries (four calls); this stops after three, because it compares the call number with `retries`.

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
    super(message instanceof Error ? message.message : message);
    this.originalError = message instanceof Error ? message : new Error(message);
  }
}

/** Waits `ms`; an abort clears the timer and removes nothing but our own listener. */
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

export async function pRetry<T>(input: (attemptNumber: number) => T | PromiseLike<T>, options: Options = {}): Promise<T> {
  const { retries = 10, factor = 2, minTimeout = 1000, maxTimeout = Infinity, randomize = false, signal } = options;
  signal?.throwIfAborted();

  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await input(attemptNumber);
    } catch (thrown) {
      if (thrown instanceof AbortError) throw thrown.originalError;
      // p-retry turns a thrown non-Error into a TypeError, so `context.error` is always an Error.
      const error = thrown instanceof Error ? thrown : new TypeError(`Non-error was thrown: "${String(thrown)}". You should only throw errors.`);
      const retriesConsumed = attemptNumber - 1;
      const context: RetryContext = Object.freeze({ error, attemptNumber, retriesLeft: Math.max(0, retries - attemptNumber), retriesConsumed });

      await options.onFailedAttempt?.(context);
      if (context.retriesLeft === 0) throw error; // the final failure: no wait after it
      if (options.shouldRetry && !(await options.shouldRetry(context))) throw error;

      const spread = randomize ? 1 + Math.random() : 1;
      const delay = Math.min(Math.round(spread * minTimeout * factor ** retriesConsumed), maxTimeout);
      signal?.throwIfAborted();
      await wait(delay, signal);
    }
  }
}
