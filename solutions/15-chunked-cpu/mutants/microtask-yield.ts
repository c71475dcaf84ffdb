// The mistake: "yielding" with a microtask (`await Promise.resolve()`). It looks like a pause, but
// the loop drains the whole microtask queue before it moves on, so no timer, I/O callback or
// setImmediate gets a turn until every item is done: the loop is blocked as long as without chunks.
export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  const { chunkSize = 100, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await Promise.resolve();
    signal?.throwIfAborted();
    for (const item of items.slice(start, start + chunkSize)) results.push(fn(item));
  }
  return results;
}
