// The mistake: calling fn() directly and chaining .then on its result. When fn throws synchronously the
// catch rejects the caller's promise but forgets to release the slot, so the limiter loses it for good.
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

  const startNext = (): void => {
    if (activeCount >= concurrency) return;
    const start = queue.shift();
    if (start === undefined) return;
    activeCount += 1;
    start();
  };
  const release = (): void => {
    activeCount -= 1;
    startNext();
  };

  const limit = <Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      queue.push(() => {
        try {
          Promise.resolve(fn(...args)).then(resolve, reject).finally(release);
        } catch (error) {
          reject(error);
        }
      });
      startNext();
    });

  return Object.defineProperties(limit, {
    activeCount: { get: () => activeCount },
    pendingCount: { get: () => queue.length },
    clearQueue: { value: (): void => void (queue.length = 0) },
  }) as LimitFunction;
}

