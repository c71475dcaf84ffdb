/**
 * Exercise 24 — DataLoader: every load of one tick in one batch.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 * Compatible with `DataLoader` from dataloader 2 (load, loadMany, clear; options maxBatchSize, cache).
 */

/**
 * Loads many keys in one go. It receives the keys of one batch and resolves with one entry per key,
 * at the same index: the value, or an `Error` for a key that could not be loaded.
 */
export type BatchLoadFn<K, V> = (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>;

export interface DataLoaderOptions {
  /** The most keys one call of the batch function receives. Default: no limit. */
  maxBatchSize?: number;
  /** Remember each key's promise, so a key is asked for once. Default: true. */
  cache?: boolean;
}

/**
 * Collects the `load(key)` calls made in the same tick of the event loop and hands their keys to the
 * batch function in one call, without any timer. Each caller gets back its own key's value.
 */
export class DataLoader<K, V> {
  constructor(batchLoad: BatchLoadFn<K, V>, options?: DataLoaderOptions) {
    throw new Error('TODO: implement DataLoader (see README.md)');
  }

  /**
   * Promises the value of `key`. The key joins the batch being collected (a new one when there is
   * none, or when the current one already holds `maxBatchSize` keys); the batch is sent once the
   * current tick is over, promise callbacks included. Rejects with the `Error` the batch function put
   * at this key's index, or with the batch's error when the whole batch failed. With the cache on, a
   * key already loaded (or being loaded) is not asked for again.
   */
  load(key: K): Promise<V> {
    throw new Error('TODO: implement load (see README.md)');
  }

  /**
   * Loads every key as `load` does and resolves with their results in the same order, a failed key
   * giving its `Error` as an element. Never rejects.
   */
  loadMany(keys: readonly K[]): Promise<Array<V | Error>> {
    throw new Error('TODO: implement loadMany (see README.md)');
  }

  /** Forgets what the cache holds for `key`, so the next `load(key)` asks again. Returns the loader. */
  clear(key: K): this {
    throw new Error('TODO: implement clear (see README.md)');
  }
}
