// The mistake: awaiting the inputs one after another in a loop. The values come out in the right order,
// but a rejection is only noticed when the loop reaches that input (too late), and once one rejection
// ends the loop, the inputs after it are never awaited: their rejections go unhandled.
export { promiseAllSettled, promiseAny, promiseRace } from '../index.ts';

export async function promiseAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]> {
  const results: Awaited<T>[] = [];
  for (const value of values) results.push(await value);
  return results;
}
