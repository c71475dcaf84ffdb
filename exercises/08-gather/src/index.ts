/**
 * Exercise 08 — Promise.all and its relatives, written from scratch.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 *
 * The tests switch off the built-in combinators (Promise.all, Promise.allSettled, Promise.any and
 * Promise.race) while they run: build these four from `new Promise`, `.then` (or `await`) and
 * `Promise.resolve`. The functions may use each other.
 */

/**
 * Waits for every input and resolves with their values, in input order.
 * Rejects with the reason of the first input to reject, as soon as it rejects.
 * Inputs may be promises, thenables or plain values, from any iterable; an empty one resolves with `[]`.
 */
export function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  throw new Error('TODO: implement promiseAll (see README.md)');
}

/**
 * Waits for every input to settle and resolves with one outcome per input, in input order:
 * `{ status: 'fulfilled', value }` or `{ status: 'rejected', reason }`. Never rejects.
 */
export function promiseAllSettled<T>(values: Iterable<T | PromiseLike<T>>): Promise<PromiseSettledResult<Awaited<T>>[]> {
  throw new Error('TODO: implement promiseAllSettled (see README.md)');
}

/**
 * Resolves with the value of the first input to fulfil. When every input rejects (or there is none),
 * rejects with an `AggregateError` whose `errors` are the reasons in input order.
 */
export function promiseAny<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  throw new Error('TODO: implement promiseAny (see README.md)');
}

/**
 * Settles like the first input to settle: with its value or with its reason.
 * With no input at all it stays pending forever, like the built-in.
 */
export function promiseRace<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  throw new Error('TODO: implement promiseRace (see README.md)');
}
