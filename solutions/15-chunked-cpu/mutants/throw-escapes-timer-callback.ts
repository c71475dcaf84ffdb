// The mistake: callback-style chunks without a try/catch. The first chunk runs inside the Promise
// executor, which turns a throw into a rejection, but later chunks run in setImmediate callbacks:
// a throw there is an uncaught exception (it crashes a real program) and the promise never settles.
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
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const end = Math.min(next + chunkSize, items.length);
      for (; next < end; next++) results.push(fn(items[next]!));
      if (next < items.length) setImmediate(runChunk);
      else resolve(results);
    };
    runChunk();
  });
}
