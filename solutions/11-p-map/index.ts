// Reference: a scheduler. Every time a mapper settles (or at the start) `fill()` pulls elements and
// starts mappers until the slots are full; the promise settles when the input is done and nothing runs.

export interface PMapOptions {
  readonly concurrency?: number;
  readonly stopOnError?: boolean;
  readonly signal?: AbortSignal;
}

type AnyIterator<T> = Iterator<T | PromiseLike<T>> | AsyncIterator<T>;

function iteratorOf<T>(input: Iterable<T | PromiseLike<T>> | AsyncIterable<T>): AnyIterator<T> {
  // Like `for await`, prefer the async iterator when the input has both.
  if (Symbol.asyncIterator in input) return input[Symbol.asyncIterator]();
  if (Symbol.iterator in input) return input[Symbol.iterator]();
  throw new TypeError('pMap: input must be an iterable or an async iterable');
}

export function pMap<T, R>(
  input: Iterable<T | PromiseLike<T>> | AsyncIterable<T>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
  options: PMapOptions = {},
): Promise<R[]> {
  const { concurrency = Number.POSITIVE_INFINITY, stopOnError = true, signal } = options;

  return new Promise<R[]>((resolve, reject) => {
    if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency >= 1)) {
      throw new TypeError(`pMap: concurrency must be a whole number from 1 up or Infinity, got ${String(concurrency)}`);
    }
    if (typeof mapper !== 'function') throw new TypeError('pMap: mapper must be a function');
    if (signal?.aborted) throw signal.reason;

    const iterator = iteratorOf(input);
    const results: R[] = [];
    const errors: unknown[] = []; // by index, so the AggregateError lists them in input order
    let nextIndex = 0;
    let running = 0;
    let pulling = false; // one pull at a time: an async source is read in order, one element per free slot
    let sourceDone = false;
    let settled = false;

    const onAbort = (): void => stop(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (): void => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
    };

    // Stops early: nothing new starts; mappers already running finish on their own.
    function stop(reason: unknown): void {
      if (settled) return;
      finish();
      // Let the source release what it holds, like a `break` out of `for await`; never wait for it.
      Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => {});
      reject(reason);
    }

    function completeIfDone(): void {
      if (settled || !sourceDone || running > 0) return;
      finish();
      const collected = errors.filter((_, index) => index in errors);
      if (collected.length > 0) reject(new AggregateError(collected, `${collected.length} of the mappers failed`));
      else resolve(results);
    }

    function start(item: T | PromiseLike<T>, index: number): void {
      running += 1;
      (async () => mapper(await item, index))()
        .then(
          (value) => {
            results[index] = value;
          },
          (error: unknown) => {
            if (stopOnError) stop(error);
            else errors[index] = error;
          },
        )
        .finally(() => {
          running -= 1;
          void fill(); // the freed slot goes to the next element at once
        });
    }

    async function fill(): Promise<void> {
      if (pulling) return; // the pull in progress will see the free slot when it loops
      pulling = true;
      try {
        while (!settled && !sourceDone && running < concurrency) {
          const index = nextIndex++;
          const item = await iterator.next();
          if (settled) return;
          if (item.done) sourceDone = true;
          else start(item.value, index);
        }
      } catch (error) {
        // A source that throws cannot be trusted to go on, whatever stopOnError says.
        stop(error);
        return;
      } finally {
        pulling = false;
      }
      completeIfDone();
    }

    void fill();
  });
}
