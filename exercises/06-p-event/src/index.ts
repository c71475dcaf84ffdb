/**
 * Exercise 06 — pEvent: await an event.
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */
import type { EventEmitter } from 'node:events';

/** What `pEvent` accepts besides the emitter and the event name. Every field is optional. */
export interface PEventOptions<T> {
  /**
   * Decides which emitted values count. A value for which it returns `false` is skipped and
   * `pEvent` keeps waiting. Without a filter, the first value counts.
   */
  filter?: (value: T) => boolean;
  /**
   * Milliseconds to wait at most. When that much time passes with no matching event, the promise
   * rejects with a `TimeoutError`. Without it, `pEvent` waits for as long as it takes.
   */
  timeout?: number;
  /**
   * Events that make the promise reject, with the value they carry. Replaces the default, `['error']`.
   */
  rejectionEvents?: string[];
  /** Aborting this signal stops the wait: the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** A promise with a `cancel()` method that stops the wait and removes everything `pEvent` set up. */
export type CancelablePromise<T> = Promise<T> & { cancel(): void };

/** The error a `pEvent` promise rejects with when its `timeout` runs out. Given: use it as it is. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Waits for `emitter` to emit `event` and resolves with the first value that passes `options.filter`:
 * the first argument of the emit for a Node `EventEmitter`, the `Event` object for an `EventTarget`.
 *
 * - Rejects with the value of the first `options.rejectionEvents` event (default `['error']`).
 * - Rejects with a `TimeoutError` after `options.timeout` milliseconds without a matching event.
 * - Rejects with `options.signal.reason` when the signal aborts (or has already aborted).
 * - `cancel()` stops waiting; the promise then never settles.
 *
 * Whatever ends the wait, every listener and timer `pEvent` added is removed again, and nothing else.
 */
export function pEvent<T = unknown>(
  emitter: EventEmitter | EventTarget,
  event: string,
  options: PEventOptions<T> = {},
): CancelablePromise<T> {
  throw new Error('TODO: implement pEvent (see README.md)');
}
