// The mistake: handing the work to the built-ins (Promise.all …) instead of writing it. The results are
// right, but the exercise is to build them, and the tests switch the built-ins off. Two of them are
// taken when the module loads, to show that keeping a reference does not slip past the tests either.
const builtInAllSettled = Promise.allSettled.bind(Promise);
const builtInRace = Promise.race.bind(Promise);

export function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  return Promise.all(values);
}

export function promiseAllSettled<T>(values: Iterable<T | PromiseLike<T>>): Promise<PromiseSettledResult<Awaited<T>>[]> {
  return builtInAllSettled(values);
}

export function promiseAny<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  return Promise.any(values);
}

export function promiseRace<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>> {
  return builtInRace(values);
}
