// The mistake: handling `message` but forgetting `fallback`: a timeout rejects even when the caller
// said what to do instead (serve the cached value, try another server …).
import { TimeoutError, type ClearablePromise, type PTimeoutOptions } from '../index.ts';

export { TimeoutError, withTimeout } from '../index.ts';

export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T | undefined> {
  const { milliseconds, message, signal } = options;
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
    if (milliseconds === Number.POSITIVE_INFINITY) return;
    timer = setTimeout(() => {
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
