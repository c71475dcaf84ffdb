// The mistake: reading the whole async iterable into an array first (`for await … push`), then mapping
// the array. Every element is pulled at t=0, which defeats the point of a lazy source (a queue, a
// paginated API, a stream) and never ends on an endless one.
import { pMap as pMapArray, type PMapOptions } from '../index.ts';

export type { PMapOptions };

export async function pMap<T, R>(
  input: Iterable<T | PromiseLike<T>> | AsyncIterable<T>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
  options?: PMapOptions,
): Promise<R[]> {
  if (!(Symbol.asyncIterator in input)) return pMapArray(input, mapper, options);
  const elements: T[] = [];
  for await (const element of input) elements.push(element);
  return pMapArray(elements, mapper, options);
}
