// Correct in another style: one helper subscribes to every input and reports each outcome with its
// index; the four combinators differ only in what they do with an outcome and when they are done.

type Outcome<T> = { index: number; ok: true; value: T } | { index: number; ok: false; reason: unknown };

/** Calls `onOutcome` once per input, as each settles; returns how many inputs there were. */
function watchEach<T>(values: Iterable<T | PromiseLike<T>>, onOutcome: (outcome: Outcome<Awaited<T>>) => void): number {
  let index = 0;
  for (const input of values) {
    const position = index++;
    Promise.resolve(input).then(
      (value) => onOutcome({ index: position, ok: true, value }),
      (reason: unknown) => onOutcome({ index: position, ok: false, reason }),
    );
  }
  return index;
}

export function promiseAllSettled<T>(values: Iterable<T | PromiseLike<T>>): Promise<PromiseSettledResult<Awaited<T>>[]> {
  return new Promise((resolve) => {
    const outcomes: PromiseSettledResult<Awaited<T>>[] = [];
    let settled = 0;
    // The callbacks run in later jobs, so `count` is known by the time the first one runs.
    const count = watchEach(values, (outcome) => {
      outcomes[outcome.index] = outcome.ok ? { status: 'fulfilled', value: outcome.value } : { status: 'rejected', reason: outcome.reason };
      if (++settled === count) resolve(outcomes);
    });
    if (count === 0) resolve(outcomes);
  });
}

export function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  return new Promise((resolve, reject) => {
    const results: Awaited<T>[] = [];
    let fulfilled = 0;
    const count = watchEach(values, (outcome) => {
      if (!outcome.ok) return reject(outcome.reason);
      results[outcome.index] = outcome.value;
      if (++fulfilled === count) resolve(results);
    });
    if (count === 0) resolve(results);
  });
}

export function promiseAny<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  return new Promise((resolve, reject) => {
    const errors: unknown[] = [];
    let rejected = 0;
    const count = watchEach(values, (outcome) => {
      if (outcome.ok) return resolve(outcome.value);
      errors[outcome.index] = outcome.reason;
      if (++rejected === count) reject(new AggregateError(errors, 'All promises were rejected'));
    });
    if (count === 0) reject(new AggregateError(errors, 'All promises were rejected'));
  });
}

export function promiseRace<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  return new Promise((resolve, reject) => {
    watchEach(values, (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.reason)));
  });
}
