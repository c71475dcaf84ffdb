// The mistake: the abort listener is added to the caller's signal but never removed when the waiter is
// served. On a long-lived signal every finished get() or put() leaves a listener (and its closure) behind.

interface Waiter<V> {
  resolve(value: V): void;
  /** Detaches the abort listener; called once the waiter is served. */
  release(): void;
}

export interface WaitOptions {
  signal?: AbortSignal;
}

export class AsyncQueue<T> {
  readonly #maxsize: number;
  readonly #items: T[] = [];
  readonly #getters: Array<Waiter<T>> = [];
  readonly #putters: Array<Waiter<void> & { item: T }> = [];
  readonly #joiners: Array<() => void> = [];
  #unfinished = 0;

  constructor(maxsize = 0) {
    // As in Python, a maxsize of 0 (or less) means no limit.
    this.#maxsize = maxsize > 0 ? maxsize : Infinity;
  }

  get size(): number {
    return this.#items.length;
  }

  put(item: T, options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const getter = this.#getters.shift();
    if (getter) {
      this.#accept();
      getter.release();
      getter.resolve(item);
      return Promise.resolve();
    }
    if (this.#items.length < this.#maxsize) {
      this.#accept();
      this.#items.push(item);
      return Promise.resolve();
    }
    return this.#wait(this.#putters, signal, { item });
  }

  get(options: WaitOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#items.length > 0) {
      const item = this.#items.shift() as T;
      // The room just made goes to the oldest waiting putter, before any later put() can take it.
      const putter = this.#putters.shift();
      if (putter) {
        this.#accept();
        this.#items.push(putter.item);
        putter.release();
        putter.resolve();
      }
      return Promise.resolve(item);
    }
    return this.#wait(this.#getters, signal, {});
  }

  taskDone(): void {
    if (this.#unfinished === 0) {
      throw new Error('taskDone() called more times than there were items put');
    }
    this.#unfinished -= 1;
    if (this.#unfinished === 0) {
      for (const resolve of this.#joiners.splice(0)) resolve();
    }
  }

  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.#joiners.push(resolve));
  }

  /** Every item that enters the queue (or goes straight to a getter) is one task for join(). */
  #accept(): void {
    this.#unfinished += 1;
  }

  /**
   * Queues a waiter at the back of `line`. An abort takes it out of the line, so it can never be
   * served (and swallow an item) after its promise has already rejected.
   */
  #wait<V, W extends Waiter<V>>(line: W[], signal: AbortSignal | undefined, extra: Omit<W, keyof Waiter<V>>): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const onAbort = (): void => {
        const index = line.indexOf(waiter);
        if (index !== -1) line.splice(index, 1);
        reject(signal!.reason);
      };
      const waiter = {
        ...extra,
        resolve,
        release: () => {},
      } as W;
      line.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
