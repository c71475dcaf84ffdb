export type Release = () => void;

/** A waiter queue: `locked` says someone holds the lock, `waiters` who is next, oldest first. */
export class Mutex {
  #locked = false;
  readonly #waiters: Array<(release: Release) => void> = [];

  acquire(): Promise<Release> {
    return new Promise<Release>((resolve) => {
      if (this.#locked) {
        this.#waiters.push(resolve);
      } else {
        this.#locked = true;
        resolve(this.#releaser());
      }
    });
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

  /** Each holder gets its own release, good for one use: a second call must not free the next holder. */
  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      // Hand the lock straight over: it never looks free while somebody waits, so nobody can jump the queue.
      if (next) next(this.#releaser());
      else this.#locked = false;
    };
  }
}
