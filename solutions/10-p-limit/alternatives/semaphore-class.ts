// A different style: an explicit Semaphore class (acquire/release, like Python's asyncio.Semaphore)
// and a limit function that wraps each call in acquire … finally release, the `async with sem:` of TS.

export interface LimitFunction {
  <Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R>;
  readonly activeCount: number;
  readonly pendingCount: number;
  clearQueue(): void;
}

class Semaphore {
  #held = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(readonly permits: number) {}

  get held(): number {
    return this.#held;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Resolves once a permit is ours. Waiters are served first come, first served. */
  acquire(): Promise<void> {
    if (this.#held < this.permits) {
      this.#held += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Hands the permit straight to the oldest waiter, or gives it back. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held -= 1;
  }

  /** Forgets every waiter: their acquire() never resolves, so their work never starts. */
  dropWaiters(): void {
    this.#waiters.length = 0;
  }
}

export function pLimit(concurrency: number): LimitFunction {
  const wholeOrInfinite = Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY;
  if (typeof concurrency !== 'number' || !wholeOrInfinite || concurrency < 1) {
    throw new TypeError(`Expected concurrency to be a number from 1 up (or Infinity), got ${String(concurrency)}`);
  }
  const semaphore = new Semaphore(concurrency);

  async function limit<Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R> {
    await semaphore.acquire();
    try {
      return await fn(...args);
    } finally {
      semaphore.release();
    }
  }

  return Object.defineProperties(limit, {
    activeCount: { get: () => semaphore.held },
    pendingCount: { get: () => semaphore.waiting },
    clearQueue: { value: () => semaphore.dropWaiters() },
  }) as LimitFunction;
}
