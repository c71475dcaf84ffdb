// The mistake: the next holder is taken from the end of the queue (pop) instead of its front (shift),
// so the most recent caller goes first and the earliest one waits longest: last in, first out.
export type Release = () => void;

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

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.pop();
      if (next) next(this.#releaser());
      else this.#locked = false;
    };
  }
}
