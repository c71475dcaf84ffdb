// The mistake: the release function has no "already released" guard. Calling it twice (or late,
// after the lock has moved on) releases the lock again, which lets a second waiter in while the
// first one still holds it.
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
        resolve(this.#release);
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

  readonly #release: Release = () => {
    const next = this.#waiters.shift();
    if (next) next(this.#release);
    else this.#locked = false;
  };
}
