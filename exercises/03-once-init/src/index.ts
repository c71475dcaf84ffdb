/**
 * Exercise 03 — one async initialisation, shared by every caller.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/**
 * Wraps an async initialisation (opening a connection, loading a config…) so that it runs once
 * for all the callers that need it.
 *
 * Returns a function `get()`:
 * - the first call starts `init()`; calls made while it is still running wait for that same run
 *   instead of starting their own;
 * - once `init()` has resolved, every later call resolves with the same value, without calling
 *   `init()` again and without waiting for anything;
 * - if `init()` rejects, every caller that was waiting receives that rejection, and the next call
 *   starts `init()` again (a failure is not remembered).
 */
export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  throw new Error('TODO: implement onceAsync (see README.md)');
}
