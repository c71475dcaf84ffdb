/**
 * Exercise 15 — CPU work in slices, so the event loop keeps breathing.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/**
 * Calls `fn` on every item and resolves with the results, in the order of `items`.
 *
 * - At most `chunkSize` calls (default 100) run in one turn of the event loop; between two chunks
 *   the function gives the loop back with a macrotask, so timers, I/O and other callbacks run.
 * - When `signal` aborts, the work stops before the next chunk and the promise rejects with
 *   `signal.reason`; an already aborted signal rejects without calling `fn`.
 * - When `fn` throws, the promise rejects with that error and `fn` is not called again.
 * - A `chunkSize` that is not a positive integer rejects with a `RangeError`.
 * - It never throws: every failure is a rejection of the returned promise.
 */
export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options?: { chunkSize?: number; signal?: AbortSignal },
): Promise<R[]> {
  throw new Error('TODO: implement mapInChunks (see README.md)');
}
