// Another style: a pool of async worker loops. Each worker takes the next element from the one shared
// iterator, maps it, and goes back for more; a worker that got an element recruits one more worker
// while the pool is below `concurrency`. No callbacks, just `for (;;)` and `await`.

export interface PMapOptions {
  readonly concurrency?: number;
  readonly stopOnError?: boolean;
  readonly signal?: AbortSignal;
}

export async function pMap<T, R>(
  input: Iterable<T | PromiseLike<T>> | AsyncIterable<T>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
  { concurrency = Number.POSITIVE_INFINITY, stopOnError = true, signal }: PMapOptions = {},
): Promise<R[]> {
  if (!(concurrency === Number.POSITIVE_INFINITY || (Number.isInteger(concurrency) && concurrency > 0))) {
    throw new TypeError(`pMap: concurrency must be a whole number from 1 up or Infinity, got ${String(concurrency)}`);
  }
  signal?.throwIfAborted(); // throws signal.reason itself

  const iterator: Iterator<T | PromiseLike<T>> | AsyncIterator<T> =
    Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
  const results: R[] = [];
  const failures: Array<{ index: number; error: unknown }> = [];
  let nextIndex = 0;
  let exhausted = false;

  // `stopped` ends every worker loop; `stoppedEarly` carries the reason to the caller at once.
  let stopped = false;
  let stopWith: (reason: unknown) => void = () => {};
  const stoppedEarly = new Promise<never>((_, reject) => {
    stopWith = (reason) => {
      if (stopped) return;
      stopped = true;
      reject(reason);
    };
  });
  const onAbort = (): void => stopWith(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });

  const pool: Promise<void>[] = [];
  const recruit = (): void => {
    if (!stopped && !exhausted && pool.length < concurrency) pool.push(worker());
  };

  async function worker(): Promise<void> {
    for (;;) {
      const index = nextIndex++; // taken before the pull, so the position is right whatever order pulls settle in
      let item: IteratorResult<T | PromiseLike<T>>;
      try {
        item = await iterator.next();
      } catch (error) {
        stopWith(error);
        return;
      }
      if (item.done) {
        exhausted = true;
        return;
      }
      if (stopped) return;
      recruit();
      try {
        results[index] = await mapper(await item.value, index);
      } catch (error) {
        if (stopOnError) {
          stopWith(error);
          return;
        }
        failures.push({ index, error });
      }
      if (stopped) return;
    }
  }

  recruit();
  // The pool grows while we wait; once the last worker in it is done, no live worker is left to recruit.
  const allWorkersDone = (async () => {
    for (let i = 0; i < pool.length; i++) await pool[i];
  })();

  try {
    await Promise.race([allWorkersDone, stoppedEarly]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (stopped) void Promise.resolve(iterator.return?.()).catch(() => {});
  }
  if (failures.length > 0) {
    failures.sort((a, b) => a.index - b.index);
    throw new AggregateError(failures.map((f) => f.error), `${failures.length} of the mappers failed`);
  }
  return results;
}
