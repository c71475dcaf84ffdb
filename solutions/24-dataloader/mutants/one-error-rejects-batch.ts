// The mistake: treating an Error in the results like a failed batch. One missing key then rejects
// every load of the batch, although the other keys have their values.
/** What a batch function receives and must answer: one value or Error per key, at the same index. */
export type BatchLoadFn<K, V> = (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>;

export interface DataLoaderOptions {
  maxBatchSize?: number;
  cache?: boolean;
}

interface Waiter<V> {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/** The keys collected since the last dispatch, and the callers waiting on each of them (same index). */
interface Batch<K, V> {
  keys: K[];
  waiters: Waiter<V>[];
  dispatched: boolean;
}

/**
 * Runs `job` once every promise job already queued (and every one those queue) has run: a promise
 * callback queues a nextTick, and Node only turns to its nextTick queue when the microtask queue is
 * empty. No timer is involved, so the batch still goes out before the event loop moves on.
 */
function afterPromiseJobs(job: () => void): void {
  void Promise.resolve().then(() => process.nextTick(job));
}

export class DataLoader<K, V> {
  readonly #batchLoad: BatchLoadFn<K, V>;
  readonly #maxBatchSize: number;
  /** key → the promise of its value; undefined when caching is off. */
  readonly #cache: Map<K, Promise<V>> | undefined;
  #batch: Batch<K, V> | undefined;

  constructor(batchLoad: BatchLoadFn<K, V>, options: DataLoaderOptions = {}) {
    const { maxBatchSize = Infinity, cache = true } = options;
    if (!(maxBatchSize >= 1)) throw new TypeError(`maxBatchSize must be a positive number: ${maxBatchSize}`);
    this.#batchLoad = batchLoad;
    this.#maxBatchSize = maxBatchSize;
    this.#cache = cache ? new Map() : undefined;
  }

  load(key: K): Promise<V> {
    const cached = this.#cache?.get(key);
    if (cached) return cached;

    const batch = this.#openBatch();
    batch.keys.push(key);
    const promise = new Promise<V>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    this.#cache?.set(key, promise);
    return promise;
  }

  loadMany(keys: readonly K[]): Promise<Array<V | Error>> {
    // Each failure becomes an element of the array: loadMany itself never rejects.
    return Promise.all(keys.map((key) => this.load(key).catch((error: Error) => error)));
  }

  clear(key: K): this {
    this.#cache?.delete(key);
    return this;
  }

  /** The batch still collecting keys, or a new one (scheduled at once) when it is full or already sent. */
  #openBatch(): Batch<K, V> {
    const current = this.#batch;
    if (current && !current.dispatched && current.keys.length < this.#maxBatchSize) return current;
    const batch: Batch<K, V> = { keys: [], waiters: [], dispatched: false };
    this.#batch = batch;
    afterPromiseJobs(() => void this.#dispatch(batch));
    return batch;
  }

  async #dispatch(batch: Batch<K, V>): Promise<void> {
    batch.dispatched = true;
    let values: ReadonlyArray<V | Error>;
    try {
      values = await this.#batchLoad(batch.keys);
      if (!Array.isArray(values) || values.length !== batch.keys.length) {
        throw new TypeError(
          `DataLoader: the batch function must resolve with an array of the same length as the array of keys: ` +
            `it got ${batch.keys.length} keys [${batch.keys.join(', ')}] and returned ` +
            `${Array.isArray(values) ? `${values.length} values` : String(values)}`,
        );
      }
    } catch (error) {
      // The whole batch failed: nothing of it is cached, every caller hears about it.
      batch.keys.forEach((key, i) => {
        this.clear(key);
        batch.waiters[i]!.reject(error);
      });
      return;
    }
    const firstError = values.find((value) => value instanceof Error);
    if (firstError) {
      for (const waiter of batch.waiters) waiter.reject(firstError);
      return;
    }
    batch.waiters.forEach((waiter, i) => {
      const value = values[i];
      if (value instanceof Error) waiter.reject(value);
      else waiter.resolve(value as V);
    });
  }
}
