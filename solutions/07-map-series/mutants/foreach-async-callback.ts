// The mistake: forEach with an async callback. forEach does not wait for the promises its callback
// returns, so all mappers start together and the function returns the (still empty) array at once.
export async function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  const results: R[] = [];
  [...input].forEach(async (element, index) => {
    results[index] = await mapper(await element, index);
  });
  return results;
}
