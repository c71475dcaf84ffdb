// The mistake: working in batches. Take `concurrency` elements, `await Promise.all` them, then take the
// next batch. Peak concurrency is right, but a slot freed early sits idle until the slowest element of
// its batch is done.

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
  signal?.throwIfAborted();
  const iterator: Iterator<T | PromiseLike<T>> | AsyncIterator<T> =
    Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
  const results: R[] = [];
  const errors: unknown[] = [];

  const mapAll = async (): Promise<R[]> => {
    let index = 0;
    for (;;) {
      const batch: Array<Promise<void>> = [];
      while (batch.length < concurrency) {
        const item = await iterator.next();
        if (item.done) break;
        const i = index++;
        batch.push(
          (async () => {
            try {
              results[i] = await mapper(await item.value, i);
            } catch (error) {
              if (stopOnError) throw error;
              errors[i] = error;
            }
          })(),
        );
      }
      if (batch.length === 0) break;
      await Promise.all(batch);
      if (signal?.aborted) break;
    }
    const collected = errors.filter((_, i) => i in errors);
    if (collected.length > 0) throw new AggregateError(collected);
    return results;
  };

  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([mapAll(), aborted]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
