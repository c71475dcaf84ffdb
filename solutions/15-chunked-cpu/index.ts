/** Calls per turn of the event loop when the caller does not choose. */
const DEFAULT_CHUNK_SIZE = 100;

/** A macrotask: timers, I/O callbacks and other setImmediates queued before it get their turn first. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Maps `items` through `fn` without holding the event loop for the whole list: at most `chunkSize`
 * calls run in one turn of the loop, then the function gives the loop back with a macrotask.
 */
export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  const { chunkSize = DEFAULT_CHUNK_SIZE, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    // Yield before every chunk but the first: the first one runs at call time, as the body of any
    // async function does.
    if (start > 0) await nextTurn();
    signal?.throwIfAborted();
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) results.push(fn(items[i]!));
  }
  return results;
}
