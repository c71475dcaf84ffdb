// Correct in another style: the promise form of setImmediate from node:timers/promises, awaited
// before every chunk (the first included), with the signal handed to it. An abort then rejects with
// Node's AbortError whose `cause` is the signal's reason.
import { setImmediate as nextTurn } from 'node:timers/promises';

export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  { chunkSize = 100, signal }: { chunkSize?: number; signal?: AbortSignal } = {},
): Promise<R[]> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results = new Array<R>(items.length);
  let done = 0;
  while (done < items.length) {
    await nextTurn(undefined, { signal });
    const end = Math.min(done + chunkSize, items.length);
    // Results are written by index, so the order never depends on how the loop is written.
    for (; done < end; done++) results[done] = fn(items[done]!);
  }
  return results;
}
