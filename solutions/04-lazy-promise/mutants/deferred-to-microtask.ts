// The mistake: putting the call off instead of waiting to be asked. fn runs on the next microtask
// whether or not anyone ever awaits the promise.
export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return Promise.resolve().then(fn);
}
