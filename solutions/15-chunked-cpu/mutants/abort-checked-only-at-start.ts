// The mistake: the signal is checked once, before the work starts. An abort that comes while the
// chunks are running is ignored: every remaining item is still processed and the promise resolves.
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  const { chunkSize = 100, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  signal?.throwIfAborted();
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await nextTurn();
    for (const item of items.slice(start, start + chunkSize)) results.push(fn(item));
  }
  return results;
}
