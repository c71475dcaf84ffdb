// The mistake: a Promise.race loop that removes the wrong promise. Promise.race tells you the winning
// value, not which promise won, so this drops the first promise of the list instead of the winner:
// the winner (already settled) wins the next race again and its value is yielded twice.
export async function* asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  const pending = [...promises];
  while (pending.length > 0) {
    const value = await Promise.race(pending);
    yield value;
    pending.shift();
  }
}
