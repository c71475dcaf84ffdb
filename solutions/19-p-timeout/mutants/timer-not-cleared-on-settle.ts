// The mistake: racing the input against a timer but never clearing the timer when the input wins.
// The result is right, yet the timer stays scheduled: it fires later for nothing and, in a real
// process, keeps Node alive until it does (a CLI that should exit at once hangs for the full timeout).
import { TimeoutError, type ClearablePromise, type PTimeoutOptions } from '../index.ts';

export { TimeoutError, withTimeout } from '../index.ts';

export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T | undefined> {
  const { milliseconds, message, fallback, signal } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const raced = new Promise<T | undefined>((resolve, reject) => {
    promise.then(resolve, reject);
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    if (milliseconds === Number.POSITIVE_INFINITY) return;
    timer = setTimeout(() => {
      if (fallback) return resolve(Promise.resolve().then(fallback));
      if (message === false) return resolve(undefined);
      reject(message instanceof Error ? message : new TimeoutError(message ?? `Promise timed out after ${milliseconds} milliseconds`));
    }, milliseconds);
  });
  return Object.assign(raced, { clear: () => clearTimeout(timer) });
}
