// Correct in another style: no async/await, a chain of .then steps driven by the iterator by hand.
// Each step starts the next one only from inside its own .then, so one mapper runs at a time.
export function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  const results: R[] = [];
  // Starting from a resolved promise turns a throw (from the iterator or the mapper) into a rejection.
  return Promise.resolve().then(() => {
    const iterator = input[Symbol.iterator]();
    const step = (): Promise<R[]> => {
      const next = iterator.next();
      if (next.done) return Promise.resolve(results);
      const index = results.length;
      return Promise.resolve(next.value)
        .then((value) => mapper(value, index))
        .then((result) => {
          results.push(result);
          return step();
        });
    };
    return step();
  });
}
