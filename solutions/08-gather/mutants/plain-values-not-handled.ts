// The mistake: calling .then on each input as it is. Promises and thenables work, but a plain value such
// as 1 or "plain" has no then method: `input.then is not a function`.
type Input<T> = T | PromiseLike<T>;
const asPromise = <T>(input: Input<T>) => input as PromiseLike<Awaited<T>>;

export function promiseAll<T>(values: Iterable<Input<T>>): Promise<Awaited<T>[]> {
  const inputs = Array.from(values);
  return new Promise((resolve, reject) => {
    const results = new Array<Awaited<T>>(inputs.length);
    let remaining = inputs.length;
    if (remaining === 0) resolve(results);
    inputs.forEach((input, index) => {
      asPromise(input).then((value) => {
        results[index] = value;
        if (--remaining === 0) resolve(results);
      }, reject);
    });
  });
}

export function promiseAllSettled<T>(values: Iterable<Input<T>>): Promise<PromiseSettledResult<Awaited<T>>[]> {
  const inputs = Array.from(values);
  return new Promise((resolve) => {
    const outcomes = new Array<PromiseSettledResult<Awaited<T>>>(inputs.length);
    let remaining = inputs.length;
    if (remaining === 0) resolve(outcomes);
    const record = (index: number, outcome: PromiseSettledResult<Awaited<T>>): void => {
      outcomes[index] = outcome;
      if (--remaining === 0) resolve(outcomes);
    };
    inputs.forEach((input, index) => {
      asPromise(input).then(
        (value) => record(index, { status: 'fulfilled', value }),
        (reason: unknown) => record(index, { status: 'rejected', reason }),
      );
    });
  });
}

export function promiseAny<T>(values: Iterable<Input<T>>): Promise<Awaited<T>> {
  const inputs = Array.from(values);
  return new Promise((resolve, reject) => {
    const errors = new Array<unknown>(inputs.length);
    let remaining = inputs.length;
    if (remaining === 0) reject(new AggregateError(errors, 'All promises were rejected'));
    inputs.forEach((input, index) => {
      asPromise(input).then(resolve, (reason: unknown) => {
        errors[index] = reason;
        if (--remaining === 0) reject(new AggregateError(errors, 'All promises were rejected'));
      });
    });
  });
}

export function promiseRace<T>(values: Iterable<Input<T>>): Promise<Awaited<T>> {
  return new Promise((resolve, reject) => {
    for (const input of values) asPromise(input).then(resolve, reject);
  });
}
