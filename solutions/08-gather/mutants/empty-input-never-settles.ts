// The mistake: only the callbacks on the inputs ever settle the result, so with no input at all
// promiseAll and promiseAllSettled never resolve and promiseAny never rejects.
export { promiseRace } from '../index.ts';

export function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  const inputs = Array.from(values);
  return new Promise((resolve, reject) => {
    const results = new Array<Awaited<T>>(inputs.length);
    let remaining = inputs.length;
    inputs.forEach((input, index) => {
      Promise.resolve(input).then((value) => {
        results[index] = value;
        if (--remaining === 0) resolve(results);
      }, reject);
    });
  });
}

export function promiseAllSettled<T>(values: Iterable<T | PromiseLike<T>>): Promise<PromiseSettledResult<Awaited<T>>[]> {
  const inputs = Array.from(values);
  return new Promise((resolve) => {
    const outcomes = new Array<PromiseSettledResult<Awaited<T>>>(inputs.length);
    let remaining = inputs.length;
    const record = (index: number, outcome: PromiseSettledResult<Awaited<T>>): void => {
      outcomes[index] = outcome;
      if (--remaining === 0) resolve(outcomes);
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
    inputs.forEach((input, index) => {
      Promise.resolve(input).then(resolve, (reason: unknown) => {
        errors[index] = reason;
        if (--remaining === 0) reject(new AggregateError(errors, 'All promises were rejected'));
      });
    });
  });
}
