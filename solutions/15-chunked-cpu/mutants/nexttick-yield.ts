// The mistake: yielding with process.nextTick. Node empties the nextTick queue before it goes on to
// timers, I/O or setImmediate, so chaining the chunks through nextTick still holds the loop until the
// last item is done.
export function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  const { chunkSize = 100, signal } = options;
  return new Promise((resolve, reject) => {
    if (!Number.isInteger(chunkSize) || chunkSize < 1) {
      reject(new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`));
      return;
    }
    const results: R[] = [];
    let next = 0;
    const runChunk = (): void => {
      try {
        signal?.throwIfAborted();
        const end = Math.min(next + chunkSize, items.length);
        for (; next < end; next++) results.push(fn(items[next]!));
      } catch (error) {
        reject(error);
        return;
      }
      if (next < items.length) process.nextTick(runChunk);
      else resolve(results);
    };
    runChunk();
  });
}
