// The mistake: an object with a `then` method instead of a Promise. `await` accepts it, but it is not
// `instanceof Promise` and has no .catch() or .finally(); the cast only silences the compiler.
export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  let result: Promise<T> | undefined;
  const thenable = {
    then<R1 = T, R2 = never>(
      onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
      onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
    ): Promise<R1 | R2> {
      result ??= new Promise<T>((resolve) => resolve(fn()));
      return result.then(onFulfilled, onRejected);
    },
  };
  return thenable as unknown as Promise<T>;
}
