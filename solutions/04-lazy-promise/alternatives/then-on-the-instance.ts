// Correct in another style: no class. A plain Promise gets its own `then`, plus a hidden
// `constructor`, which is the part that is easy to miss: `await` (and Promise.resolve) take a promise
// whose constructor is Promise as it is and read its state directly, never calling its `then`.
export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  let result: Promise<T> | undefined;
  // Never settles and is never seen: every subscriber is sent to `result`.
  const promise = new Promise<T>(() => {});
  function then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    result ??= new Promise<T>((resolve) => resolve(fn()));
    return result.then(onFulfilled, onRejected);
  }
  return Object.defineProperties(promise, {
    then: { value: then },
    constructor: { value: undefined },
  });
}
