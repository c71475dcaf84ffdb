// The four combinators as the built-ins work: one `new Promise` each, and a `.then` with both
// callbacks on every input, so each input is listened to (a rejection is always handled) and each
// outcome lands at its own index. Promise.resolve turns a plain value or a thenable into a promise.

export function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  const inputs = Array.from(values); // read the iterable once: a generator cannot be read twice
  return new Promise((resolve, reject) => {
    const results = new Array<Awaited<T>>(inputs.length);
    let remaining = inputs.length;
    if (remaining === 0) resolve(results); // no input: no callback would ever resolve it
    inputs.forEach((input, index) => {
      Promise.resolve(input).then((value) => {
        results[index] = value;
        remaining -= 1;
        if (remaining === 0) resolve(results);
      }, reject); // the first rejection wins; later calls to reject are ignored
    });
  });
}

export function promiseAllSettled<T>(values: Iterable<T | PromiseLike<T>>): Promise<PromiseSettledResult<Awaited<T>>[]> {
  const inputs = Array.from(values);
  return new Promise((resolve) => {
    const outcomes = new Array<PromiseSettledResult<Awaited<T>>>(inputs.length);
    let remaining = inputs.length;
    if (remaining === 0) resolve(outcomes);
    const record = (index: number, outcome: PromiseSettledResult<Awaited<T>>): void => {
      outcomes[index] = outcome;
      remaining -= 1;
      if (remaining === 0) resolve(outcomes);
    };
    inputs.forEach((input, index) => {
      Promise.resolve(input).then(
        (value) => record(index, { status: 'fulfilled', value }),
        (reason: unknown) => record(index, { status: 'rejected', reason }),
      );
    });
  });
}

export function promiseAny<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  const inputs = Array.from(values);
  return new Promise((resolve, reject) => {
    const errors = new Array<unknown>(inputs.length);
    let remaining = inputs.length;
    const giveUp = (): void => reject(new AggregateError(errors, 'All promises were rejected'));
    if (remaining === 0) giveUp();
    inputs.forEach((input, index) => {
      Promise.resolve(input).then(resolve, (reason: unknown) => {
        errors[index] = reason; // by input position, not in the order the rejections come
        remaining -= 1;
        if (remaining === 0) giveUp();
      });
    });
  });
}

export function promiseRace<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  return new Promise((resolve, reject) => {
    // Whoever settles first decides; the others still have both callbacks, so nothing goes unhandled.
    // With no input nothing ever calls resolve or reject: pending forever, like Promise.race([]).
    for (const input of values) Promise.resolve(input).then(resolve, reject);
  });
}
