/**
 * Exercise 01 — task queues: who runs first.
 * Read README.md first. Replace the `throw` with your implementation and fill in `predictions`;
 * keep the names and the types.
 */

/** The places Node can put a callback, from "right now" to "a later turn of the event loop". */
export type Queue = 'sync' | 'nextTick' | 'microtask' | 'timeout' | 'immediate';

/**
 * Runs `fn` once, on the named queue:
 * - `'sync'`: right now, before `schedule` returns;
 * - `'nextTick'`: on Node's nextTick queue (`process.nextTick`);
 * - `'microtask'`: as a microtask (`queueMicrotask`, or a promise job);
 * - `'timeout'`: as a timer of 0 ms (`setTimeout(fn, 0)`);
 * - `'immediate'`: in the check phase of the loop (`setImmediate`).
 */
export function schedule(queue: Queue, fn: () => void): void {
  throw new Error('TODO: implement schedule (see README.md)');
}

/** Your predicted order of the labels each snippet of README.md logs, first label first. */
export interface Predictions {
  snippetA: string[];
  snippetB: string[];
  snippetC: string[];
}

/**
 * Fill each array with the labels the snippet logs, in the order you expect Node to log them, e.g.
 * `snippetA: ['sync', '…']`. Decide before you run anything: the tests run the same snippets for real.
 */
export const predictions: Predictions = {
  snippetA: [],
  snippetB: [],
  snippetC: [],
};
