// Correct: the npm package itself, p-event 7. Its TimeoutError is p-timeout's, re-exported.
import type { EventEmitter } from 'node:events';
import { pEvent as pEventPackage } from 'p-event';

export { TimeoutError } from 'p-event';

export interface PEventOptions<T> {
  filter?: (value: T) => boolean;
  timeout?: number;
  rejectionEvents?: string[];
  signal?: AbortSignal;
}

export type CancelablePromise<T> = Promise<T> & { cancel(): void };

export function pEvent<T = unknown>(
  emitter: EventEmitter | EventTarget,
  event: string,
  options: PEventOptions<T> = {},
): CancelablePromise<T> {
  // p-event's overloads are typed per emitter shape; both shapes here are ones it accepts at run time.
  return pEventPackage(emitter as EventEmitter, event, options as never) as CancelablePromise<T>;
}
