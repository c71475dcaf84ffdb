// The mistake: an off-by-one in the chunk bound. The counter is compared with `>` instead of `>=`, so
// every turn runs chunkSize + 1 calls before it yields.
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
  let callsThisTurn = 0;
  for (const item of items) {
    if (callsThisTurn > chunkSize) {
      await nextTurn();
      signal?.throwIfAborted();
      callsThisTurn = 0;
    }
    results.push(fn(item));
    callsThisTurn++;
  }
  return results;
}
