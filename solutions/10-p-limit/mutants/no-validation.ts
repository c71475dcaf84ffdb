// The mistake: trusting the argument. pLimit(0) builds a limiter that never starts anything, pLimit('2')
// compares a string, pLimit(1.5) lets two run: bad input should fail loudly with a TypeError instead.
export interface LimitFunction {
  <Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R>;
  readonly activeCount: number;
  readonly pendingCount: number;
  clearQueue(): void;
}

export function pLimit(concurrency: number): LimitFunction {
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

