// The mistake: the mapper's result is awaited but the input element is not, so a promise in the input
// reaches the mapper as a promise instead of its value (and its rejection is never noticed).
export async function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  const results: R[] = [];
  let index = 0;
  for (const element of input) {
    results.push(await mapper(element as T, index));
    index += 1;
  }
  return results;
}
