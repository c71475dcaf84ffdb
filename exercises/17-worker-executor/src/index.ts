/**
 * Exercise 17 — createExecutor: a pool of worker threads.
 * Read README.md first. Replace the `throw` with your implementation; keep the signatures.
 */

export interface ExecutorOptions {
  /** How many worker threads the pool may have at once: an integer of at least 1. */
  maxWorkers: number;
}

/** A pool of worker threads that run functions handed to it, like Python's `ThreadPoolExecutor`. */
export interface Executor {
  /**
   * Runs `fn(...args)` on one of the pool's worker threads and resolves with what it returns.
   *
   * - `fn` travels to the worker as source text: it may use its own arguments and globals, but no
   *   closure variables and no imports. `args` and the result cross threads as structured clones.
   * - At most `maxWorkers` tasks run at once; the others wait in a queue and start first in, first out.
   * - A worker that finishes a task takes the next one: workers are reused, not started per task.
   * - When `fn` throws, only this promise rejects, with an `Error` carrying that message.
   * - When `fn` ends its worker (`process.exit()`), only this promise rejects, and the pool starts a
   *   new worker in its place when there is work for it.
   * - After `close()` has been called, `run()` returns a rejected promise.
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R>;

  /**
   * Shuts the pool down: rejects every queued task at once, lets the running tasks finish, then ends
   * every worker thread. Resolves once no worker of this pool is left.
   */
  close(): Promise<void>;

  /** How many tasks have been handed to a worker and have not settled yet (never more than maxWorkers). */
  readonly busy: number;

  /** How many tasks are waiting for a free worker. */
  readonly queued: number;
}

/**
 * Creates a pool of at most `options.maxWorkers` worker threads: Node's counterpart of
 * `loop.run_in_executor(ThreadPoolExecutor(max_workers=n), fn, *args)`.
 */
export function createExecutor(options: ExecutorOptions): Executor {
  throw new Error('TODO: implement createExecutor (see README.md)');
}
