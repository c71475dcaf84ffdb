// Correct in another style: no async/await. A Promise executor drives a chain of setTimeout(0)
// callbacks, and the work starts only after a first yield (the first chunk does not run at call time).
export function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  const { chunkSize = 100, signal } = options;
  return new Promise<R[]>((resolve, reject) => {
    if (!Number.isInteger(chunkSize) || chunkSize < 1) {
      reject(new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`));
      return;
    }
    const results: R[] = [];
    let next = 0;
    const runChunk = (): void => {
      // A throw inside a timer callback would escape the promise: catch it and reject instead.
      try {
        signal?.throwIfAborted();
        const end = Math.min(next + chunkSize, items.length);
        for (; next < end; next++) results.push(fn(items[next]!));
      } catch (error) {
        reject(error);
        return;
      }
      if (next < items.length) setTimeout(runChunk, 0);
      else resolve(results);
    };
    setTimeout(runChunk, 0);
  });
}
