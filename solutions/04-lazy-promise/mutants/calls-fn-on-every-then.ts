// The mistake: no memory of the first call. Each then/await starts fn again, so the work runs once
// per subscriber instead of once in all.
class LazyPromise<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #fn: () => T | PromiseLike<T>;

  constructor(fn: () => T | PromiseLike<T>) {
    super(() => {});
    this.#fn = fn;
  }

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return new Promise<T>((resolve) => resolve(this.#fn())).then(onFulfilled, onRejected);
  }
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return new LazyPromise(fn);
}
