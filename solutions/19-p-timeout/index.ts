export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export interface PTimeoutOptions<T> {
  milliseconds: number;
  message?: string | Error | false;
  fallback?: () => T | Promise<T>;
  signal?: AbortSignal;
}

export type ClearablePromise<T> = Promise<T> & { clear(): void };

export function pTimeout<T>(
  promise: PromiseLike<T>,
  options: PTimeoutOptions<T> & { message: false },
): ClearablePromise<T | undefined>;
export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T>;
export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T | undefined> {
  const { milliseconds, message, fallback, signal } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;

  const clear = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };

  const raced = new Promise<T | undefined>((resolve, reject) => {
    // Subscribe first, whatever happens next, so a late rejection of the input is never unhandled.
    promise.then(resolve, reject);
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    if (signal) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    // setTimeout(fn, Infinity) would fire after 1 ms: Node clamps any delay it cannot store.
    if (milliseconds === Number.POSITIVE_INFINITY) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (fallback) {
        try {
          resolve(fallback());
        } catch (error) {
          reject(error);
        }
      } else if (message === false) {
        resolve(undefined);
      } else if (message instanceof Error) {
        reject(message);
      } else {
        reject(new TimeoutError(message ?? `Promise timed out after ${milliseconds} milliseconds`));
      }
    }, milliseconds);
  });

  // Whoever wins, the loser's timer and the abort listener go.
  const settled = raced.finally(() => {
    clear();
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
  return Object.assign(settled, { clear });
}

export function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  const timeout = new TimeoutError(`Promise timed out after ${ms} milliseconds`);
  let work: Promise<T>;
  try {
    work = fn(controller.signal);
  } catch (error) {
    return Promise.reject(error);
  }
  return pTimeout(work, { milliseconds: ms, message: timeout }).catch((error: unknown) => {
    // Only our own timeout cancels the work; the work's own failure needs no abort.
    if (error === timeout) controller.abort(timeout);
    throw error;
  });
}
