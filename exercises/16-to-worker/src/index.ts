/**
 * Exercise 16 — runInWorker: move blocking work off the event loop.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/**
 * Runs `fn(...args)` on a new worker thread and resolves with what it returns, so the main event loop
 * stays free while `fn` computes. Node's counterpart of Python's `asyncio.to_thread(fn, *args)`.
 *
 * - `fn` must be self-contained: it travels to the worker as source text, so it can use its own
 *   arguments and globals (`Date`, `Math`, `process` …) but no closure variables and no imports.
 * - `args` and the return value cross threads as structured clones (numbers, strings, plain objects,
 *   arrays, `Map`, `Set`, `Date`, typed arrays …).
 * - When `fn` throws, the promise rejects with an `Error` that carries the original message.
 * - Every call gets its own thread, so two calls run in parallel; once the promise has settled, that
 *   thread is gone.
 */
export function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  throw new Error('TODO: implement runInWorker (see README.md)');
}
