// The mistake: mapping with Promise.all. Every mapper starts at once, so they run concurrently and the
// whole map takes as long as the slowest one, not the sum; a failure does not stop the others.
export function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  return Promise.all([...input].map(async (element, index) => mapper(await element, index)));
}
