// Correct in another style: Promise.race between the input and a sleep from node:timers/promises,
// which is cancelled through its own AbortController (clear() and a settled input both abort it).
import { setTimeout as sleep } from 'node:timers/promises';

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

const forever = new Promise<never>(() => {});

export function pTimeout<T>(
  promise: PromiseLike<T>,
  options: PTimeoutOptions<T> & { message: false },
): ClearablePromise<T | undefined>;
export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T>;
export function pTimeout<T>(promise: PromiseLike<T>, options: PTimeoutOptions<T>): ClearablePromise<T | undefined> {
  const { milliseconds, message, fallback, signal } = options;
  const sleeping = new AbortController();
  const clear = (): void => sleeping.abort();

  const onTimeout = async (): Promise<T | undefined> => {
    if (fallback) return fallback();
    if (message === false) return undefined;
    if (message instanceof Error) throw message;
    throw new TimeoutError(message ?? `Promise timed out after ${milliseconds} milliseconds`);
  };
  // A cancelled sleep rejects with an AbortError: that branch must then simply never win.
  const timeout =
    milliseconds === Number.POSITIVE_INFINITY
      ? forever
      : sleep(milliseconds, undefined, { signal: sleeping.signal }).then(onTimeout, () => forever);

  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) return reject(signal.reason);
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });

  const raced = Promise.race([promise, timeout, aborted]).finally(() => {
    clear();
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
  return Object.assign(raced, { clear });
}

export async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  const work = fn(controller.signal);
  const timer = pTimeout(work, { milliseconds: ms });
  try {
    return await timer;
  } catch (error) {
    // Only a timeout cancels the work; a failure of the work itself needs no abort.
    if (error instanceof TimeoutError) controller.abort(error);
    throw error;
  }
}
