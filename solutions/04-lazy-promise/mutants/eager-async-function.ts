// The mistake: an async function as the wrapper. Its body runs the moment lazy() is called, so fn
// starts at creation: the Python intuition (a coroutine waits to be awaited) does not hold in JS.
export async function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return fn();
}
