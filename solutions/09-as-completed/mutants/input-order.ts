// The mistake: awaiting the promises one by one in the order they were given. Values come out in input
// order, a fast promise waits behind a slow one, and a promise that rejects while the loop is still
// waiting for an earlier one has nobody handling it.
export async function* asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  for (const promise of promises) {
    yield await promise;
  }
}
