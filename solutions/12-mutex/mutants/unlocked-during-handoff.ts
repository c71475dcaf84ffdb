// The mistake: release() sets `locked = false` and wakes the next waiter, which sets it back to true
// only when its code resumes a few promise jobs later. In between, isLocked() says false although a
// waiter is about to hold the lock, and a newcomer that calls acquire() right then takes the lock
// ahead of the queue: for a moment two callers hold it.
export type Release = () => void;

export class Mutex {
  #locked = false;
  readonly #waiters: Array<() => void> = [];

  async acquire(): Promise<Release> {
    if (this.#locked) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    this.#locked = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#locked = false;
      this.#waiters.shift()?.();
    };
  }

  async runExclusive<T>(fn: () => T | PromiseLike<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  isLocked(): boolean {
    return this.#locked;
  }
}
