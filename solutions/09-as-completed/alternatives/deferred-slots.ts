// Correct in another style, close to how Python builds as_completed: one empty "slot" promise per
// input, filled in the order the inputs settle (first to settle fills slot 0, and so on), and an async
// generator that simply awaits the slots in order. The generator attaches its handlers lazily, on the
// loop's first next().
interface Slot<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function emptySlot<T>(): Slot<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A slot the loop never reaches (after a break) may be rejected: mark it handled so it is not
  // reported as an unhandled rejection. Awaiting it still throws.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export async function* asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  const inputs = [...promises];
  const slots = inputs.map(() => emptySlot<T>());
  let filled = 0;
  for (const input of inputs) {
    Promise.resolve(input).then(
      (value) => slots[filled++]!.resolve(value),
      (error: unknown) => slots[filled++]!.reject(error),
    );
  }
  for (const slot of slots) {
    yield await slot.promise;
  }
}
