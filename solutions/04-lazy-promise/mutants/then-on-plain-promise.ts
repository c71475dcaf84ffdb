// The mistake: giving a plain Promise its own `then` and stopping there. `await` sees a genuine
// Promise (its constructor is Promise), reads its state directly and never calls that `then`: fn is
// never called and the await gets the base promise's undefined.
export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  let result: Promise<T> | undefined;
  const promise = Promise.resolve() as unknown as Promise<T>;
  promise.then = <R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> => {
    result ??= new Promise<T>((resolve) => resolve(fn()));
    return result.then(onFulfilled, onRejected);
  };
  return promise;
}
