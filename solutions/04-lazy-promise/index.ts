/**
 * A Promise subclass that calls `fn` the first time someone subscribes to it. `await`, `.catch()` and
 * `.finally()` all go through `then`, so overriding `then` alone is enough.
 */
class LazyPromise<T> extends Promise<T> {
  // Promise.prototype.finally builds its promises with the species constructor; ours takes no
  // executor, so let it use the plain Promise.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #fn: () => T | PromiseLike<T>;
  #result: Promise<T> | undefined;

  constructor(fn: () => T | PromiseLike<T>) {
    // The base promise never settles and nobody sees it: every subscriber is sent to #result.
    super(() => {});
    this.#fn = fn;
  }

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // Called inside an executor, a synchronous throw in fn becomes a rejection instead of escaping.
    this.#result ??= new Promise<T>((resolve) => resolve(this.#fn()));
    return this.#result.then(onFulfilled, onRejected);
  }
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return new LazyPromise(fn);
}
