/**
 * Exercise 04 — a promise that waits to be asked.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/**
 * Wraps `fn` in a lazy promise: `fn` is not called when `lazy` is called, nor when the event loop
 * next gets a turn, but only when someone first asks for the result (`await`, `.then()` or
 * `.catch()`). It is then called exactly once; every later `await` gets the same result.
 *
 * - The returned object is a real `Promise` (`instanceof Promise` holds).
 * - It resolves with what `fn` returns, or with the value of the promise `fn` returns.
 * - If `fn` throws synchronously, the lazy promise rejects with that error; nothing is thrown at the
 *   caller of `.then()` / `.catch()`.
 *
 * Compatible with `PLazy.from(fn)` from the npm package p-lazy 5.
 */
export function lazy<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  throw new Error('TODO: implement lazy (see README.md)');
}
