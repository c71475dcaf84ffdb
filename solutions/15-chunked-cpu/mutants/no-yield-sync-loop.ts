// The mistake: no yielding at all. The function is async and returns a promise, but the body is one
// synchronous loop over every item: `async` does not move work off the loop, it only wraps the result.
export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  const { chunkSize = 100, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const results: R[] = [];
  for (const item of items) {
    signal?.throwIfAborted();
    results.push(fn(item));
  }
  return results;
}
