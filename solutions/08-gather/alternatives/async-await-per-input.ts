// Correct in another style: each input gets its own small async function that awaits it inside
// try/catch (so none of them can reject, and await takes care of plain values and thenables), and a
// countdown decides when the combined promise settles.

export function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  const inputs = [...values];
  return new Promise((resolve, reject) => {
    const results: Awaited<T>[] = new Array(inputs.length);
    let waitingFor = inputs.length;
    if (waitingFor === 0) return resolve(results);
    inputs.forEach(async (input, index) => {
      try {
        results[index] = await input;
      } catch (error) {
        return reject(error);
      }
      if (--waitingFor === 0) resolve(results);
    });
  });
}

export async function promiseAllSettled<T>(values: Iterable<T | PromiseLike<T>>): Promise<PromiseSettledResult<Awaited<T>>[]> {
  // Each outcome promise always fulfils, so promiseAll over them is allSettled.
  const outcomes = [...values].map(async (input): Promise<PromiseSettledResult<Awaited<T>>> => {
    try {
      return { status: 'fulfilled', value: await input };
    } catch (reason) {
      return { status: 'rejected', reason };
    }
  });
  return promiseAll(outcomes);
}

export function promiseAny<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  const inputs = [...values];
  return new Promise((resolve, reject) => {
    const errors: unknown[] = new Array(inputs.length);
    let waitingFor = inputs.length;
    const everyInputRejected = (): void => reject(new AggregateError(errors, 'every input rejected'));
    if (waitingFor === 0) return everyInputRejected();
    inputs.forEach(async (input, index) => {
      try {
        resolve(await input);
      } catch (error) {
        errors[index] = error;
        if (--waitingFor === 0) everyInputRejected();
      }
    });
  });
}

export function promiseRace<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  return new Promise((resolve, reject) => {
    for (const input of values) {
      (async () => {
        try {
          resolve(await input);
        } catch (error) {
          reject(error);
        }
      })();
    }
  });
}
