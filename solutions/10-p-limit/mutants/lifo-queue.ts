// The mistake: taking waiting calls from the end of the queue (pop) instead of the front (shift), so the
// most recent call starts first and the oldest ones wait longest (a stack, not a queue).
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
    const start = queue.pop();
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
        (async () => fn(...args))().then(resolve, reject).finally(release);
      });
      startNext();
    });

  return Object.defineProperties(limit, {
    activeCount: { get: () => activeCount },
    pendingCount: { get: () => queue.length },
    clearQueue: { value: (): void => void (queue.length = 0) },
  }) as LimitFunction;
}

