// The mistake: passing milliseconds straight to setTimeout, Infinity included. Node cannot store a
// delay above 2^31 − 1 ms and clamps it to 1 ms (with a TimeoutOverflowWarning), so "never time out"
// times out at once.
import { TimeoutError, type ClearablePromise, type PTimeoutOptions } from '../index.ts';

export { TimeoutError, withTimeout } from '../index.ts';

export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T | undefined> {
  const { milliseconds, message, fallback, signal } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const clear = (): void => clearTimeout(timer);
  const raced = new Promise<T | undefined>((resolve, reject) => {
    promise.then(resolve, reject);
    if (signal?.aborted) return reject(signal.reason);
    if (signal) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    timer = setTimeout(() => {
      if (fallback) return resolve(Promise.resolve().then(fallback));
      if (message === false) return resolve(undefined);
      reject(message instanceof Error ? message : new TimeoutError(message ?? `Promise timed out after ${milliseconds} milliseconds`));
    }, milliseconds);
  });
  const settled = raced.finally(() => {
    clear();
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
  return Object.assign(settled, { clear });
}
