// The mistake: believing `async` moves work off the loop. An async function runs on the main thread
// like any other; fn's busy loop blocks the event loop, and two calls run one after the other.
export async function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  return fn(...args);
}
