// The mistake: promiseAny collects the reasons with push, so the AggregateError lists them in the order
// the inputs rejected instead of input order.
export { promiseAll, promiseAllSettled, promiseRace } from '../index.ts';

export function promiseAny<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  const inputs = Array.from(values);
  return new Promise((resolve, reject) => {
    const errors: unknown[] = [];
    if (inputs.length === 0) reject(new AggregateError(errors, 'All promises were rejected'));
    for (const input of inputs) {
      Promise.resolve(input).then(resolve, (reason: unknown) => {
        errors.push(reason);
        if (errors.length === inputs.length) reject(new AggregateError(errors, 'All promises were rejected'));
      });
    }
  });
}
