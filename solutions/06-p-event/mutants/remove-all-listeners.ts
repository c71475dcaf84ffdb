// The mistake: cleaning up with removeAllListeners, which also wipes out listeners that other code put
// on the emitter.
import type { EventEmitter } from 'node:events';

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

type Listener = (value: unknown) => void;

/** One shape for both worlds: Node's EventEmitter (on/off) and the web's EventTarget (add/removeEventListener). */
function listenersOf(emitter: EventEmitter | EventTarget): { add(name: string, fn: Listener): void; remove(name: string, fn: Listener): void } {
  if ('addEventListener' in emitter) {
    return {
      add: (name, fn) => emitter.addEventListener(name, fn),
      remove: (name, fn) => emitter.removeEventListener(name, fn),
    };
  }
  return {
    add: (name, fn) => emitter.on(name, fn),
    remove: (name) => emitter.removeAllListeners(name),
  };
}

export function pEvent<T = unknown>(
  emitter: EventEmitter | EventTarget,
  event: string,
  options: PEventOptions<T> = {},
): CancelablePromise<T> {
  const { filter, timeout, rejectionEvents = ['error'], signal } = options;
  const listeners = listenersOf(emitter);
  let cleanup = (): void => {};

  // The executor runs now, at call time: the listeners are on before the caller can await anything.
  const promise = new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }

    const onEvent: Listener = (value) => {
      if (filter && !filter(value as T)) return;
      cleanup();
      resolve(value as T);
    };
    const onRejection: Listener = (reason) => {
      cleanup();
      reject(reason);
    };
    const onAbort = (): void => onRejection(signal!.reason);
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(() => onRejection(new TimeoutError(`pEvent timed out after ${timeout} ms waiting for "${event}"`)), timeout);

    // Undoes exactly what was done below, whichever way the wait ends.
    cleanup = () => {
      listeners.remove(event, onEvent);
      for (const name of rejectionEvents) listeners.remove(name, onRejection);
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timer);
    };

    listeners.add(event, onEvent);
    for (const name of rejectionEvents) listeners.add(name, onRejection);
    signal?.addEventListener('abort', onAbort);
  });

  // cancel() leaves the promise pending, as p-event does: nobody is waiting for an answer any more.
  return Object.assign(promise, { cancel: () => cleanup() });
}
