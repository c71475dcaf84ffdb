// The mistake: pushing each value as it arrives, so the results follow completion order, not input order.
export { promiseAllSettled, promiseAny, promiseRace } from '../index.ts';

export function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  const inputs = Array.from(values);
  return new Promise((resolve, reject) => {
    const results: Awaited<T>[] = [];
    if (inputs.length === 0) resolve(results);
    for (const input of inputs) {
      Promise.resolve(input).then((value) => {
        results.push(value);
        if (results.length === inputs.length) resolve(results);
      }, reject);
    }
  });
}
