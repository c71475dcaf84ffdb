// Correct in another style: one queue of requests per tick, cut into chunks of maxBatchSize only when
// it is sent, and promise chains instead of async/await. The dispatch waits for the tick's promise
// callbacks through a microtask that queues a nextTick (rather than a promise callback that does).

type BatchLoadFn<K, V> = (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>;

interface Request<K, V> {
  key: K;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

export class DataLoader<K, V> {
  private readonly batchLoad: BatchLoadFn<K, V>;
  private readonly maxBatchSize: number;
  private readonly cache: Map<K, Promise<V>> | null;
  private queue: Request<K, V>[] = [];

  constructor(batchLoad: BatchLoadFn<K, V>, options?: { maxBatchSize?: number; cache?: boolean }) {
    this.batchLoad = batchLoad;
    this.maxBatchSize = options?.maxBatchSize ?? Infinity;
    this.cache = options?.cache === false ? null : new Map();
  }

  load(key: K): Promise<V> {
    const hit = this.cache?.get(key);
    if (hit !== undefined) return hit;
    if (this.queue.length === 0) {
      // First request of this tick: the microtask runs among the tick's promise callbacks, and the
      // nextTick it queues runs only once all of them (and those they queue) are done.
      queueMicrotask(() => process.nextTick(() => this.flush()));
    }
    const promise = new Promise<V>((resolve, reject) => this.queue.push({ key, resolve, reject }));
    this.cache?.set(key, promise);
    return promise;
  }

  loadMany(keys: readonly K[]): Promise<Array<V | Error>> {
    return Promise.all(keys.map((key) => this.load(key).then(undefined, (error: Error) => error)));
  }

  clear(key: K): this {
    this.cache?.delete(key);
    return this;
  }

  private flush(): void {
    const requests = this.queue;
    this.queue = [];
    for (let start = 0; start < requests.length; start += this.maxBatchSize) {
      this.send(requests.slice(start, start + this.maxBatchSize));
    }
  }

  private send(requests: Request<K, V>[]): void {
    const keys = requests.map((r) => r.key);
    const failAll = (error: unknown): void => {
      for (const r of requests) {
        this.cache?.delete(r.key);
        r.reject(error);
      }
    };
    let answer: Promise<ReadonlyArray<V | Error>>;
    try {
      answer = Promise.resolve(this.batchLoad(keys));
    } catch (error) {
      failAll(error);
      return;
    }
    answer.then((values) => {
      if (values?.length !== keys.length) {
        failAll(new TypeError(`DataLoader: ${keys.length} keys but ${values?.length ?? 'no'} values: the batch function must return an array of the same length as the keys`));
        return;
      }
      requests.forEach((r, i) => {
        const value = values[i];
        if (value instanceof Error) r.reject(value);
        else r.resolve(value as V);
      });
    }, failAll);
  }
}
