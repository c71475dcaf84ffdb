// The mistake: thinking in batches. Waiting calls start only once every running call has finished, so a
// free slot stays idle while one slow call runs (the Promise.all-per-chunk approach in disguise).
export interface LimitFunction {
  <Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R>;
  readonly activeCount: number;
  readonly pendingCount: number;
  clearQueue(): void;
}

export function pLimit(concurrency: number): LimitFunction {
  if (!((Number.isInteger(concurrency) || concurrency === Infinity) && concurrency > 0)) {
    throw new TypeError(`concurrency must be a whole number from 1 up, got ${String(concurrency)}`);
  }

  const queue: Array<() => void> = [];
  let activeCount = 0;

  const fill = (): void => {
    while (activeCount < concurrency && queue.length > 0) {
      activeCount += 1;
      queue.shift()!();
    }
  };
  const release = (): void => {
    activeCount -= 1;
    if (activeCount === 0) fill();
  };

  const limit = <Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      queue.push(() => {
        (async () => fn(...args))().then(resolve, reject).finally(release);
      });
      // Only a call that arrives while nothing runs may open a new batch.
      if (activeCount === 0) queueMicrotask(fill);
    });

  return Object.defineProperties(limit, {
    activeCount: { get: () => activeCount },
    pendingCount: { get: () => queue.length },
    clearQueue: { value: (): void => void (queue.length = 0) },
  }) as LimitFunction;
}

