/**
 * Exercise 07 — pMapSeries: one at a time, in order.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/**
 * Maps over `input` one element at a time, the way p-map-series 3 does.
 *
 * - Each element may be a plain value or a promise; a promise is awaited and the mapper gets its value.
 * - `mapper(element, index)` is called for the next element only once the previous mapper's result
 *   (a value or a promise) has settled: one mapper in flight at a time.
 * - Resolves with the mapper results in input order.
 * - Rejects as soon as an element or a mapper rejects (or a mapper throws); no further mapper starts.
 */
export async function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  throw new Error('TODO: implement pMapSeries (see README.md)');
}
