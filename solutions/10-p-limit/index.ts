// Reference solution: a closure holding a counter (the free slots) and a FIFO queue of waiting starts.

export interface LimitFunction {
  <Args extends unknown[], R>(fn: (...args: Args) => PromiseLike<R> | R, ...args: Args): Promise<R>;
  readonly activeCount: number;
  readonly pendingCount: number;
  clearQueue(): void;
}

function validConcurrency(concurrency: unknown): boolean {
  return (Number.isInteger(concurrency) || concurrency === Infinity) && (concurrency as number) > 0;
}

export function pLimit(concurrency: number): LimitFunction {
  if (!validConcurrency(concurrency)) {
    throw new TypeError(`pLimit: concurrency must be a whole number from 1 up or Infinity, got ${String(concurrency)}`);
  }

  const queue: Array<() => void> = [];
  let activeCount = 0;

  // Called whenever a call arrives or a slot frees up: start the oldest waiting call if there is room.
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
        // An async wrapper turns a synchronous throw into a rejection, so the slot is released either way.
        const run = async (): Promise<R> => fn(...args);
        run().then(resolve, reject).finally(release);
      });
      startNext();
    });

  return Object.defineProperties(limit, {
    activeCount: { get: () => activeCount },
    pendingCount: { get: () => queue.length },
    clearQueue: {
      value: (): void => {
        // Only the waiting calls go; the running ones keep their slots until they settle.
        queue.length = 0;
      },
    },
  }) as LimitFunction;
}
