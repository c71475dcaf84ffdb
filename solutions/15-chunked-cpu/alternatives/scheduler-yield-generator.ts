// Correct in another style: a generator cuts the list into chunks and `scheduler.yield()` from
// node:timers/promises gives the loop its turn between them. (The browser's global `scheduler.yield()`
// does not exist in Node 20; this is Node's own, a setImmediate in promise form.)
import { scheduler } from 'node:timers/promises';

function* chunksOf<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options?: { chunkSize?: number; signal?: AbortSignal },
): Promise<R[]> {
  const chunkSize = options?.chunkSize ?? 100;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  let first = true;
  for (const chunk of chunksOf(items, chunkSize)) {
    if (!first) await scheduler.yield();
    first = false;
    options?.signal?.throwIfAborted();
    results.push(...chunk.map((item) => fn(item)));
  }
  return results;
}
