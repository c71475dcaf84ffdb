// Correct in another style: no queue array. Each acquire chains onto the promise of the one before it
// (the "tail"), so the promise chain itself is the FIFO queue; a counter answers isLocked().
export type Release = () => void;

export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Holders plus waiters: the lock is taken while anyone holds it or is in line for it. */
  private pending = 0;

  acquire(): Promise<Release> {
    this.pending += 1;
    let open!: () => void;
    const released = new Promise<void>((resolve) => {
      open = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => released);
    let done = false;
    const release: Release = () => {
      if (done) return;
      done = true;
      this.pending -= 1;
      open();
    };
    return previous.then(() => release);
  }

  runExclusive<T>(fn: () => T | PromiseLike<T>): Promise<T> {
    return this.acquire().then((release) =>
      new Promise<T>((resolve) => resolve(fn())).finally(release),
    );
  }

  isLocked(): boolean {
    return this.pending > 0;
  }
}
