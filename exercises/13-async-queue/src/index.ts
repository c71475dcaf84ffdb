/**
 * Exercise 13 — AsyncQueue, Python's asyncio.Queue for Node.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 */

/** Options of a call that may wait: abort `signal` to give up waiting. */
export interface WaitOptions {
  signal?: AbortSignal;
}

/**
 * A first-in, first-out queue that producers and consumers share, like `asyncio.Queue`.
 * Items come out in the order they were put; callers that have to wait are served in the order they
 * started waiting.
 */
export class AsyncQueue<T> {
  /**
   * `maxsize` is the most items the queue holds before `put()` waits. `0` or omitted: no limit.
   */
  constructor(maxsize?: number) {
    throw new Error('TODO: implement AsyncQueue (see README.md)');
  }

  /** The number of items in the queue right now (callers that are waiting do not count). */
  get size(): number {
    throw new Error('TODO: implement size (see README.md)');
  }

  /**
   * Adds `item` at the back. Resolves at once while there is room; on a full queue it waits until a
   * `get()` makes room. When `signal` aborts first, it rejects with `signal.reason` and the item is
   * never added. A signal that is already aborted rejects at once.
   */
  put(item: T, options?: WaitOptions): Promise<void> {
    throw new Error('TODO: implement put (see README.md)');
  }

  /**
   * Removes and resolves with the item at the front. On an empty queue it waits for the next `put()`.
   * When `signal` aborts first, it rejects with `signal.reason` and takes no item. A signal that is
   * already aborted rejects at once.
   */
  get(options?: WaitOptions): Promise<T> {
    throw new Error('TODO: implement get (see README.md)');
  }

  /**
   * Tells the queue that the work on one item taken with `get()` is finished. Throws an Error when
   * called more times than items were put.
   */
  taskDone(): void {
    throw new Error('TODO: implement taskDone (see README.md)');
  }

  /** Resolves once every item ever put has had its `taskDone()` (at once when there is none). */
  join(): Promise<void> {
    throw new Error('TODO: implement join (see README.md)');
  }
}
