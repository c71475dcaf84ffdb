// The mistake: the "lock" is a boolean that acquire() checks, but it never waits for it to change.
// When the flag is set it lets one promise job pass and goes ahead anyway, so two callers hold the
// lock at once and a read-await-write section is no safer than without it.
export type Release = () => void;

export class Mutex {
  #locked = false;

  async acquire(): Promise<Release> {
    if (this.#locked) {
      await Promise.resolve(); // "give the holder a moment" — it will not be done in one promise job
    }
    this.#locked = true;
    return () => {
      this.#locked = false;
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
