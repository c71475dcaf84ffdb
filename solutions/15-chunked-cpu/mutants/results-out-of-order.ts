// The mistake: results pushed in the order the items are taken, and the items are taken with pop()
// (cheap removal from the end of a copy). The chunking is right; the results come out reversed.
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  const { chunkSize = 100, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const pending = [...items];
  const results: R[] = [];
  let first = true;
  while (pending.length > 0) {
    if (!first) await nextTurn();
    first = false;
    signal?.throwIfAborted();
    for (let i = 0; i < chunkSize && pending.length > 0; i++) results.push(fn(pending.pop()!));
  }
  return results;
}
