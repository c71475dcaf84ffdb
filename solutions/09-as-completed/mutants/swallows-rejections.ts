// The mistake: rejections are caught and quietly dropped, so the loop yields the values that did
// arrive and ends as if nothing had failed.
export function asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  const values: T[] = [];
  let wakeUp: (() => void) | undefined;
  let remaining = 0;
  const arrive = (): void => {
    wakeUp?.();
    wakeUp = undefined;
  };
  for (const promise of promises) {
    remaining += 1;
    Promise.resolve(promise).then(
      (value) => {
        values.push(value);
        arrive();
      },
      () => {
        remaining -= 1; // "ignore the failed one"
        arrive();
      },
    );
  }
  async function* inCompletionOrder(): AsyncGenerator<T> {
    while (remaining > 0) {
      if (values.length === 0) {
        await new Promise<void>((resolve) => (wakeUp = resolve));
        continue;
      }
      remaining -= 1;
      yield values.shift()!;
    }
  }
  return inCompletionOrder();
}
