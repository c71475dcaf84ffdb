// The mistake: calling fn directly inside then(). When fn throws, the error is thrown at whoever
// called .then()/.catch() instead of rejecting the promise, and nothing is remembered, so the next
// await calls fn again.
class LazyPromise<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #fn: () => T | PromiseLike<T>;
  #result: Promise<T> | undefined;

  constructor(fn: () => T | PromiseLike<T>) {
    super(() => {});
    this.#fn = fn;
  }

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#result ??= Promise.resolve(this.#fn());
    return this.#result.then(onFulfilled, onRejected);
  }
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return new LazyPromise(fn);
}
