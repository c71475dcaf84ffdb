// The mistake: promiseRace attaches resolve with .then and reject with a separate .catch on the same
// promise. The race settles correctly, but `input.then(resolve)` is a new promise that rejects too when
// the input rejects, and nobody handles it: every rejecting input leaves an unhandled rejection.
export { promiseAll, promiseAllSettled, promiseAny } from '../index.ts';

export function promiseRace<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  return new Promise((resolve, reject) => {
    for (const value of values) {
      const input = Promise.resolve(value);
      input.then(resolve);
      input.catch(reject);
    }
  });
}
