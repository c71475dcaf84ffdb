// The mistake: a hand-written iterator that hands a value only to a next() call already waiting for
// it, with no buffer. A promise that settles while the loop body is busy finds nobody waiting and
// its value is lost.
type Waiter<T> = { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void };

export function asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  let left = 0;
  let waiter: Waiter<T> | undefined;
  for (const promise of promises) {
    left += 1;
    Promise.resolve(promise).then(
      (value) => {
        left -= 1;
        waiter?.resolve({ value, done: false });
        waiter = undefined;
      },
      (error: unknown) => {
        left -= 1;
        waiter?.reject(error);
        waiter = undefined;
      },
    );
  }
  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      left === 0
        ? Promise.resolve({ value: undefined, done: true })
        : new Promise((resolve, reject) => {
            waiter = { resolve, reject };
          }),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
