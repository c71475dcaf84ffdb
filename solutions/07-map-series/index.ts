export async function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  const results: R[] = [];
  let index = 0;
  // for…of pulls one element at a time, and each `await` holds the loop until that step is done:
  // the next element is not looked at, and the next mapper not called, before then.
  for (const element of input) {
    const value = await element;
    results.push(await mapper(value, index));
    index += 1;
  }
  return results;
}
