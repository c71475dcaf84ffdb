// The mistake: runExclusive releases the lock after `fn` returns, but not in a `finally`:
// when `fn` throws or rejects, the release line is skipped and the lock stays taken for ever.
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
    const result = await fn();
    release();
    return result;
  }

  isLocked(): boolean {
    return this.#locked;
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next(this.#releaser());
      else this.#locked = false;
    };
  }
}
