// Correct in another style: three small promises (the event, the timeout, the abort) raced with
// Promise.race, every resource registered as an undo step on one internal AbortController, and the
// cleanup done once in `finally`. The timeout uses node:timers/promises instead of setTimeout.
import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PEventOptions<T> {
  filter?: (value: T) => boolean;
  timeout?: number;
  rejectionEvents?: string[];
  signal?: AbortSignal;
}

export type CancelablePromise<T> = Promise<T> & { cancel(): void };

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

const never = new Promise<never>(() => {});

export function pEvent<T = unknown>(
  emitter: EventEmitter | EventTarget,
  event: string,
  options: PEventOptions<T> = {},
): CancelablePromise<T> {
  const { filter = () => true, timeout, rejectionEvents = ['error'], signal } = options;
  if (signal?.aborted) return Object.assign(Promise.reject(signal.reason as unknown) as Promise<T>, { cancel() {} });

  // Aborting `done` undoes everything below: listeners, the timeout, the watch on the caller's signal.
  const done = new AbortController();
  const listen = (name: string, listener: (value: unknown) => void): void => {
    if ('addEventListener' in emitter) {
      emitter.addEventListener(name, listener);
      done.signal.addEventListener('abort', () => emitter.removeEventListener(name, listener));
    } else {
      emitter.on(name, listener);
      done.signal.addEventListener('abort', () => emitter.off(name, listener));
    }
  };

  const eventArrives = new Promise<T>((resolve) => listen(event, (value) => filter(value as T) && resolve(value as T)));
  const rejectionArrives = new Promise<never>((_, reject) => {
    for (const name of rejectionEvents) listen(name, reject);
  });
  const timesOut =
    timeout === undefined
      ? never
      : sleep(timeout, undefined, { signal: done.signal }).then(
          () => Promise.reject(new TimeoutError(`timed out after ${timeout} ms waiting for "${event}"`)),
          () => never, // the sleep was cut short by cleanup: nothing to report
        );
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort);
    done.signal.addEventListener('abort', () => signal.removeEventListener('abort', onAbort));
  });

  const result = Promise.race([eventArrives, rejectionArrives, timesOut, aborted]).finally(() => done.abort());
  // cancel() cleans up without settling: the race stays pending, as in p-event.
  return Object.assign(result, { cancel: () => done.abort() });
}
