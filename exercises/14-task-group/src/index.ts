/**
 * Exercise 14 — taskGroup: structured concurrency, after Python 3.11's `asyncio.TaskGroup`.
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */

/** What the body receives: the one way to start a child task that belongs to the group. */
export interface TaskGroup {
  /**
   * Starts `fn(signal)` at once and returns its promise. `signal` aborts when the group shuts its
   * children down: a sibling failed, the body failed, or the outer signal aborted. The returned promise
   * settles like the child; awaiting it is optional, and a rejection nobody awaits is never reported as
   * unhandled (the group reports it instead). Throws when the group has already settled.
   */
  spawn<R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R>;
}

export interface TaskGroupOptions {
  /** Aborting it aborts every child; the group then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Runs `body(group)` and settles only once the body and every child it spawned have settled.
 * - Everything went well: resolves with the body's value.
 * - A child or the body failed (with an error that is not an abort): the other children are aborted,
 *   and once all have settled the group rejects with an `AggregateError` of those errors, each once.
 * - Otherwise, when `options.signal` aborted: rejects with its reason.
 * The listener it puts on `options.signal` is removed by the time the group settles.
 */
export async function taskGroup<T>(
  body: (group: TaskGroup) => Promise<T>,
  options: TaskGroupOptions = {},
): Promise<T> {
  throw new Error('TODO: implement taskGroup (see README.md)');
}
