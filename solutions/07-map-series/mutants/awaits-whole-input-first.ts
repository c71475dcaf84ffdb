// The mistake: awaiting every input promise up front with Promise.all, then mapping. The first mapper
// waits for the slowest element of the whole input, not just for its own.
export async function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  const values = await Promise.all(input);
  const results: R[] = [];
  for (const [index, value] of values.entries()) {
    results.push(await mapper(value, index));
  }
  return results;
}
