/**
 * Exercise 11 — pMap: a bounded concurrent map.
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */

/** The options of `pMap`, as in p-map 7. */
export interface PMapOptions {
  /**
   * How many `mapper` calls may be in flight at the same time: a whole number from 1 up, or
   * `Infinity` (the default: everything starts at once).
   */
  readonly concurrency?: number;

  /**
   * `true` (the default): reject with the first error a mapper throws, as soon as it happens, and start
   * no further element. `false`: keep going, and once every element has settled reject with an
   * `AggregateError` holding every error (or resolve, when there was none).
   */
  readonly stopOnError?: boolean;

  /**
   * When it aborts, `pMap` rejects at once with `signal.reason` and starts no further element.
   * Mappers already running are not interrupted.
   */
  readonly signal?: AbortSignal;
}

/**
 * Calls `mapper(element, index)` for every element of `input`, with at most `concurrency` calls in
 * flight at once, and resolves with the results in input order.
 *
 * - A freed slot goes to the next element straight away (no batches).
 * - An element that is a promise is awaited before `mapper` gets it.
 * - An async iterable is pulled one element at a time, only when a slot is free.
 */
export function pMap<T, R>(
  input: Iterable<T | PromiseLike<T>> | AsyncIterable<T>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
  options?: PMapOptions,
): Promise<R[]> {
  throw new Error('TODO: implement pMap (see README.md)');
}
