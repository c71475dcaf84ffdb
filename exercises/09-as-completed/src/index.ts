/**
 * Exercise 09 — asCompleted: results in the order they finish.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/**
 * Turns promises that are already running into an async iterator of their values, in the order
 * the promises settle (not the order they were given in), like Python's `asyncio.as_completed`.
 *
 * - Each fulfilled value is yielded exactly once, as soon as possible after its promise fulfils.
 * - A rejection is thrown from the iterator (out of the `for await` loop) at its place in that order.
 * - A consumer that leaves the loop early (`break`, `return`, a thrown error) leaves no unhandled
 *   rejection behind, even when promises it never got to reject later.
 * - An empty input ends the iteration at once.
 */
export function asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  throw new Error('TODO: implement asCompleted (see README.md)');
}
