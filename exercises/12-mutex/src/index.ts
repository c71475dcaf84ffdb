/**
 * Exercise 12 — a mutex: one at a time, even across an await.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 * Compatible with `Mutex` from async-mutex 0.5 (acquire, runExclusive, isLocked).
 */

/** Hands the lock back. Calling it a second time does nothing. */
export type Release = () => void;

/**
 * A lock for async code. Whoever holds it may `await` as often as they like: nobody else gets in
 * until they release it. Those who wait are served first come, first served.
 */
export class Mutex {
  /**
   * Waits for the lock and resolves with a `release` function once the caller holds it.
   * Resolves at once (after a few promise jobs) when the lock is free; otherwise joins the back of
   * the queue. From the moment the lock is taken, `isLocked()` is true.
   */
  acquire(): Promise<Release> {
    throw new Error('TODO: implement acquire (see README.md)');
  }

  /**
   * Acquires the lock, runs `fn`, releases the lock, and settles like `fn`: with its value, or with
   * its error. The lock is released whether `fn` returns, resolves, throws or rejects.
   */
  runExclusive<T>(fn: () => T | PromiseLike<T>): Promise<T> {
    throw new Error('TODO: implement runExclusive (see README.md)');
  }

  /**
   * True while someone holds the lock, including the moment a release hands it straight to the next
   * waiter; false once the last holder has released it and nobody waits.
   */
  isLocked(): boolean {
    throw new Error('TODO: implement isLocked (see README.md)');
  }
}
